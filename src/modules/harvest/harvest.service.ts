import { gunzipSync } from 'node:zlib';
import type { Database } from '../../core/db/database.ts';
import { AppError, describeError } from '../../core/errors.ts';
import { sha256, type FetchedIngest, type IngestService } from '../documents/index.ts';
import { decodePage, linksOfListPage, looksLikeSitemap, parseSitemap, parseUrlList, type SitemapEntry } from './discovery.rules.ts';
import { findHarvestedPages, type HarvestedPage } from './harvest.queries.ts';
import { recordFailedPage, recordFetchedPage, recordNotModified } from './harvest.repository.ts';
import type { HarvestRequest, HarvestSummary, PageOutcome } from './harvest.types.ts';
import { createPoliteFetcher, type PoliteFetcher } from './polite.fetcher.ts';

/**
 * Harvesting a portal: find the addresses of its document pages (a sitemap,
 * a list page, a file of addresses), fetch each politely, and hand what comes
 * back to the same ingestion `gongkai ingest` uses, one page per transaction
 * with its harvest record. A second run asks only for what changed: a page
 * whose server says 304, or whose bytes hash as before, is not ingested again.
 */

export interface HarvestService {
  harvest(request: HarvestRequest): Promise<HarvestSummary>;
}

export interface HarvestSettings {
  maxBytes: number;
  /** The portal's own address, named in the User-Agent so a site's operator can find who is calling. */
  publicUrl?: string | null;
}

/** Sitemaps inside sitemap indexes, at most: a loop or a runaway index ends here. */
const maxSitemaps = 1000;
export const robotsAgent = 'gongkai';

/**
 * The latest moment a <lastmod> allows for the change: a date alone (the
 * common case) may mean any time that day in any zone, so the end of that
 * day in the westernmost one (UTC-12, 36 h after UTC midnight); an unreadable
 * one is never "before" anything.
 */
function changedBy(lastmod: string): number {
  const at = Date.parse(lastmod);
  if (Number.isNaN(at)) return Number.POSITIVE_INFINITY;
  return /^\d{4}-\d{2}-\d{2}$/.test(lastmod.trim()) ? at + 36 * 3600_000 : at;
}

export function userAgentOf(publicUrl: string | null | undefined): string {
  // A local address (the default when PUBLIC_URL is unset) would tell the site nothing.
  const named = publicUrl && !/^https?:\/\/(?:localhost|127\.|0\.0\.0\.0|\[::1?\])/i.test(publicUrl) ? publicUrl : null;
  return `Gongkai/0.1 (open-government document harvester${named ? `; +${named}` : ''})`;
}

export function createHarvestService(db: Database, ingest: IngestService, settings: HarvestSettings): HarvestService {
  async function discover(fetcher: PoliteFetcher, request: HarvestRequest): Promise<SitemapEntry[]> {
    const { start } = request;
    if ('urlsFile' in start) return parseUrlList(start.urlsFile.text, start.urlsFile.name).map((url) => ({ url, lastmod: null }));
    const first = await fetchStart(fetcher, start.url);
    if (looksLikeSitemap(first.text)) return readSitemaps(fetcher, start.url, first.text);
    const found: string[] = [];
    let page: { url: string; text: string } | null = first;
    const seenPages = new Set<string>();
    for (let read = 0; page && read < Math.max(1, request.listPages ?? 1); read++) {
      seenPages.add(page.url);
      const links = linksOfListPage(page.text, page.url, request.match ?? null);
      found.push(...links.documents);
      page = links.next && !seenPages.has(links.next) && read + 1 < (request.listPages ?? 1) ? await fetchStart(fetcher, links.next) : null;
    }
    return [...new Set(found)].map((url) => ({ url, lastmod: null }));
  }

  async function readSitemaps(fetcher: PoliteFetcher, url: string, text: string): Promise<SitemapEntry[]> {
    const entries = new Map<string, SitemapEntry>();
    const queue: { url: string; text: string | null }[] = [{ url, text }];
    const seen = new Set<string>([url]);
    while (queue.length > 0) {
      const next = queue.shift()!;
      const body = next.text ?? (await fetchStart(fetcher, next.url)).text;
      const sitemap = parseSitemap(body, next.url);
      if (sitemap.kind === 'urlset') {
        for (const entry of sitemap.entries) if (!entries.has(entry.url)) entries.set(entry.url, entry);
        continue;
      }
      for (const child of sitemap.sitemaps) {
        if (seen.has(child)) continue;
        if (seen.size >= maxSitemaps) throw new AppError('validation_failed', `${url}: 网站地图索引引用的网站地图超过 ${maxSitemaps} 个`);
        seen.add(child);
        queue.push({ url: child, text: null });
      }
    }
    return [...entries.values()];
  }

  /** A sitemap or list page: it must be fetched for the harvest to start, so a failure ends the harvest, naming the address. */
  async function fetchStart(fetcher: PoliteFetcher, url: string): Promise<{ url: string; text: string }> {
    const result = await fetcher.fetch(url);
    if (result.status !== 'fetched') throw new AppError('fetch_failed', `${url}: 服务器未返回内容`);
    // A sitemap may be served gzipped as a file (sitemap.xml.gz), not as a content encoding.
    const bytes = result.bytes[0] === 0x1f && result.bytes[1] === 0x8b ? gunzipSync(result.bytes, { maxOutputLength: settings.maxBytes }) : result.bytes;
    return { url: result.url, text: decodePage(bytes) };
  }

  async function harvestPage(fetcher: PoliteFetcher, session: FetchedIngest, entry: SitemapEntry, previous: HarvestedPage | undefined, source: string): Promise<PageOutcome> {
    const { url } = entry;
    const outcome = (status: PageOutcome['status'], fields: Partial<PageOutcome> = {}): PageOutcome => ({
      url, status, requested: true, documentId: previous?.documentId ?? null, documentsAdded: 0, documentsUpdated: 0, ...fields,
    });
    const stored = previous?.sha256 ? previous : undefined;
    // The sitemap says the page has not changed since we last fetched it: it is not asked for.
    if (stored?.lastFetchedAt && entry.lastmod && changedBy(entry.lastmod) <= stored.lastFetchedAt.getTime()) return outcome('unchanged', { requested: false });
    const refusal = await fetcher.refusalOf(url);
    if (refusal) return outcome('skipped', { requested: false, error: { code: 'forbidden', message: refusal } });
    try {
      const result = await fetcher.fetch(url, stored ? { etag: stored.etag, lastModified: stored.lastModified } : undefined);
      if (result.status === 'not_modified') {
        await recordNotModified(db, url, source);
        return outcome('unchanged');
      }
      const hash = sha256(result.bytes);
      const row = { url, source, etag: result.etag, lastModified: result.lastModified, sha256: hash };
      if (stored && stored.sha256 === hash) {
        await recordFetchedPage(db, { ...row, status: 'unchanged', documentId: stored.documentId });
        return outcome('unchanged');
      }
      const status = stored ? 'changed' : 'new';
      let documentId: number | null = null;
      const ingested = await session.ingest({ url: result.url, bytes: result.bytes }, async (tx, _outcome, documentIds) => {
        documentId = documentIds[0] ?? null;
        await recordFetchedPage(tx, { ...row, status, documentId });
      });
      return outcome(status, { documentId, documentsAdded: ingested.added, documentsUpdated: ingested.updated });
    } catch (error) {
      const described = describeError(error);
      const message = described.code === 'internal' ? `${url}: 内部错误(${(error as Error)?.message})` : described.message;
      await recordFailedPage(db, url, source, message);
      return outcome('failed', { error: { code: described.code, message } });
    }
  }

  return {
    async harvest(request) {
      const started = performance.now();
      const fetcher = createPoliteFetcher({
        userAgent: userAgentOf(settings.publicUrl),
        robotsAgent,
        requestsPerSecond: request.requestsPerSecond ?? 1,
        timeoutMs: request.timeoutMs ?? 30_000,
        maxBytes: settings.maxBytes,
        retries: request.retries ?? 2,
        retryBaseMs: request.retryBaseMs ?? 2_000,
        maxRetryWaitMs: 60_000,
      });
      const source = 'url' in request.start ? request.start.url : `file:${request.start.urlsFile.name}`;
      const entries = await discover(fetcher, request);
      request.onDiscovered?.(entries.length);
      const known = await findHarvestedPages(db, entries.map((entry) => entry.url));
      const session = await ingest.startFetched();
      const outcomes: PageOutcome[] = [];
      try {
        for (const [index, entry] of entries.entries()) {
          const seconds = (performance.now() - started) / 1000;
          request.onProgress?.({ done: index, total: entries.length, url: entry.url, pagesPerSecond: seconds > 0 ? index / seconds : 0 });
          outcomes.push(await harvestPage(fetcher, session, entry, known.get(entry.url), source));
        }
      } finally {
        const count = (field: 'documentsAdded' | 'documentsUpdated') => outcomes.reduce((total, outcome) => total + outcome[field], 0);
        await session.close({
          files: outcomes.length,
          failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
          added: count('documentsAdded'),
          updated: count('documentsUpdated'),
          unchanged: outcomes.filter((outcome) => outcome.status === 'unchanged').length,
          removed: 0,
        });
      }
      const seconds = (performance.now() - started) / 1000;
      request.onProgress?.({ done: entries.length, total: entries.length, url: '', pagesPerSecond: seconds > 0 ? entries.length / seconds : 0 });
      const tally = (status: PageOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
      return {
        source,
        pages: outcomes.length,
        new: tally('new'),
        changed: tally('changed'),
        unchanged: tally('unchanged'),
        failed: tally('failed'),
        skipped: tally('skipped'),
        documentsAdded: outcomes.reduce((total, outcome) => total + outcome.documentsAdded, 0),
        documentsUpdated: outcomes.reduce((total, outcome) => total + outcome.documentsUpdated, 0),
        seconds,
        outcomes,
      };
    },
  };
}
