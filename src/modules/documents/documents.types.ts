import type { FileKind, ParseWarning } from '../gazette/index.ts';

export interface FileOutcome {
  path: string;
  status: 'ingested' | 'unchanged' | 'failed';
  kind?: FileKind;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  warnings: ParseWarning[];
  /** Texts of the library replaced by this file's where one of the two was published on the platform. */
  conflicts: IngestConflict[];
  error?: { code: string; message: string };
}

export interface IngestConflict {
  /** The row in document_conflicts that keeps the replaced text. */
  id: number;
  documentId: number;
  docNumber: string | null;
  title: string;
  earlierSourceKey: string;
}

export interface IngestSummary {
  files: number;
  filesFailed: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  conflicts: number;
  bytes: number;
  outcomes: FileOutcome[];
}

/** A page or file fetched from a portal: ingested like a file, known by its address. */
export interface FetchedFile {
  url: string;
  bytes: Uint8Array;
}

/** The bulk load's progress, after each batch. */
export interface BulkProgress {
  /** Files done (stored, unchanged or refused) of `total`. */
  files: number;
  total: number;
  /** Documents added or updated so far. */
  documents: number;
  bytes: number;
  seconds: number;
  /** Of `seconds`, those spent writing batches (the rest: waiting for the parsers). */
  writeSeconds: number;
}

export interface IngestProgress {
  done: number;
  total: number;
  path: string;
}

export interface DocumentListItem {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  type: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  normative: boolean;
  source: string;
}

export interface StoreStats {
  files: number;
  gazetteIssues: number;
  documents: number;
  withNumber: number;
  normative: number;
  relations: number;
  relationsResolved: number;
  appointments: number;
  tasks: number;
  byType: { type: string | null; count: number }[];
  lastRun: { startedAt: string; finishedAt: string | null; files: number; failed: number } | null;
}
