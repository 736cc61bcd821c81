import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { PageStatus } from './harvest.types.ts';

/** SQL for writes to harvested_pages: one row an address, updated by every run. */

export interface FetchedPageRow {
  url: string;
  source: string;
  etag: string | null;
  lastModified: string | null;
  sha256: string;
  status: Exclude<PageStatus, 'failed'>;
  documentId: number | null;
}

/** A page fetched whole: its validators and hash replace the stored ones; `changed_at` moves only when its bytes did. */
export async function recordFetchedPage(db: Queryable, row: FetchedPageRow): Promise<void> {
  await db.query(sql`
    insert into harvested_pages (url, source, etag, last_modified, sha256, status, document_id, last_fetched_at, last_changed_at)
    values (${row.url}, ${row.source}, ${row.etag}, ${row.lastModified}, ${row.sha256}, ${row.status}, ${row.documentId}, now(), now())
    on conflict (url) do update set
      source = excluded.source, etag = excluded.etag, last_modified = excluded.last_modified,
      status = excluded.status, document_id = coalesce(excluded.document_id, harvested_pages.document_id),
      last_error = null, last_attempted_at = now(), last_fetched_at = now(),
      last_changed_at = case when harvested_pages.sha256 is distinct from excluded.sha256 then now() else harvested_pages.last_changed_at end,
      sha256 = excluded.sha256`);
}

/** The server answered 304: what was stored still holds. */
export async function recordNotModified(db: Queryable, url: string, source: string): Promise<void> {
  await db.query(sql`
    update harvested_pages set source = ${source}, status = 'unchanged', last_error = null, last_attempted_at = now(), last_fetched_at = now()
    where url = ${url}`);
}

/** A failed fetch or ingest: the reason is kept; the validators, hash and time of the last good fetch are not touched. */
export async function recordFailedPage(db: Queryable, url: string, source: string, error: string): Promise<void> {
  await db.query(sql`
    insert into harvested_pages (url, source, status, last_error)
    values (${url}, ${source}, 'failed', ${error})
    on conflict (url) do update set source = excluded.source, status = 'failed', last_error = excluded.last_error, last_attempted_at = now()`);
}
