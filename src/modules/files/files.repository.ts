import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';

export interface StoredFileInfo {
  sha256: string;
  mediaType: string;
  size: number;
}

export async function insertFile(tx: Queryable, file: { sha256: string; mediaType: string; bytes: Uint8Array }): Promise<void> {
  // The first arrival's media type stays: the same bytes are the same file, whatever they are called later.
  await tx.query(sql`
    insert into stored_files (sha256, media_type, size_bytes, bytes)
    values (${file.sha256}, ${file.mediaType}, ${file.bytes.length}, ${file.bytes})
    on conflict (sha256) do nothing`);
}

export async function fileInfo(db: Queryable, sha256: string): Promise<StoredFileInfo | null> {
  const [row] = await db.query<StoredFileInfo>(sql`
    select sha256, media_type as "mediaType", size_bytes::int as size from stored_files where sha256 = ${sha256}`);
  return row ?? null;
}

export async function fileBytes(db: Queryable, sha256: string): Promise<(StoredFileInfo & { bytes: Uint8Array }) | null> {
  const [row] = await db.query<StoredFileInfo & { bytes: Uint8Array }>(sql`
    select sha256, media_type as "mediaType", size_bytes::int as size, bytes from stored_files where sha256 = ${sha256}`);
  return row ?? null;
}
