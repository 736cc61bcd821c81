/** What a harvest did with each address, and with all of them. */

/** The last run's result for an address, as stored (harvested_pages.status). */
export const pageStatuses = ['new', 'changed', 'unchanged', 'failed'] as const;
export type PageStatus = (typeof pageStatuses)[number];

export interface PageOutcome {
  url: string;
  /** `skipped`: robots.txt does not allow it; it was not requested. */
  status: PageStatus | 'skipped';
  /** Whether a request was sent (an unchanged page listed with an old <lastmod> is not asked for). */
  requested: boolean;
  documentId: number | null;
  documentsAdded: number;
  documentsUpdated: number;
  error?: { code: string; message: string };
}

export interface HarvestSummary {
  source: string;
  pages: number;
  new: number;
  changed: number;
  unchanged: number;
  failed: number;
  skipped: number;
  documentsAdded: number;
  documentsUpdated: number;
  seconds: number;
  outcomes: PageOutcome[];
}

export interface HarvestProgress {
  done: number;
  total: number;
  url: string;
  pagesPerSecond: number;
}

/** Where to start: an address (a sitemap or a list page), or a file of addresses already read. */
export type HarvestStart = { url: string } | { urlsFile: { name: string; text: string } };

export interface HarvestRequest {
  start: HarvestStart;
  /** Which links of a list page are documents (tested against the absolute address); default: document-like extensions on the same host. */
  match?: RegExp;
  /** How many pages of a paginated list to read (following 下一页); default 1. */
  listPages?: number;
  /** Requests per second per host; default 1. */
  requestsPerSecond?: number;
  retries?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
  onProgress?: (progress: HarvestProgress) => void;
  /** Told each address found, before pages are fetched. */
  onDiscovered?: (count: number) => void;
}
