import { createHash } from 'node:crypto';

/** A rendered page kept for reuse: its bytes (encoded once) and the ETag they have. */
export interface CachedPage {
  body: Buffer;
  etag: string;
}

export interface PageCache {
  /** The page kept under the key, if it is younger than the cache's age. */
  get(key: string): CachedPage | undefined;
  /**
   * Keeps a rendered page; the oldest goes first when the cache is full. A
   * page rendered from data read before the last clear() is not kept:
   * `since` is the generation read before rendering.
   */
  put(key: string, body: string, since: number): CachedPage;
  /** Counts the clears: read it before rendering, give it to put(). */
  readonly generation: number;
  /** Drops every page (the library changed). */
  clear(): void;
}

/**
 * Rendered pages kept in the process for at most PAGE_CACHE_SECONDS, so that
 * a page read by many at once is rendered once. The library's owner clears
 * it when the library changes (documents.pages.ts: a notice from the
 * database, heard by every process); the age bounds what no notice covers.
 * Bounded by entries and by bytes kept; a Map's insertion order makes the
 * oldest easy to drop.
 */
export function createPageCache(seconds: number, limits = { entries: 5_000, bytes: 64 * 1024 * 1024 }): PageCache | null {
  if (seconds <= 0) return null;
  const pages = new Map<string, CachedPage & { until: number }>();
  let bytes = 0;
  let generation = 0;
  const drop = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    bytes -= page.body.length;
    pages.delete(key);
  };
  return {
    get(key) {
      const page = pages.get(key);
      if (!page) return undefined;
      if (page.until > Date.now()) return page;
      drop(key);
      return undefined;
    },
    get generation() {
      return generation;
    },
    clear() {
      generation++;
      pages.clear();
      bytes = 0;
    },
    put(key, body, since) {
      drop(key);
      const encoded = Buffer.from(body, 'utf8');
      const page = { body: encoded, etag: `W/"${createHash('sha1').update(encoded).digest('base64')}"`, until: Date.now() + seconds * 1000 };
      if (since !== generation) return page;
      pages.set(key, page);
      bytes += encoded.length;
      for (const oldest of pages.keys()) {
        if (pages.size <= limits.entries && bytes <= limits.bytes) break;
        drop(oldest);
      }
      return page;
    },
  };
}
