import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';

/** What was stored about an address: the validators and hash of what was last ingested. */
export interface HarvestedPage {
  url: string;
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
  documentId: number | null;
  /** The last 200 or 304; null if every attempt failed. */
  lastFetchedAt: Date | null;
}

export async function findHarvestedPages(db: Queryable, urls: readonly string[]): Promise<Map<string, HarvestedPage>> {
  if (urls.length === 0) return new Map();
  const rows = await db.query<{ url: string; etag: string | null; last_modified: string | null; sha256: string | null; document_id: number | null; last_fetched_at: Date | null }>(sql`
    select url, etag, last_modified, sha256, document_id, last_fetched_at
    from harvested_pages where url = any(${[...urls]}::text[])`);
  return new Map(
    rows.map((row) => [
      row.url,
      {
        url: row.url,
        etag: row.etag,
        lastModified: row.last_modified,
        sha256: row.sha256,
        documentId: row.document_id === null ? null : Number(row.document_id),
        lastFetchedAt: row.last_fetched_at === null ? null : new Date(row.last_fetched_at),
      },
    ]),
  );
}
