import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { fileBytes, fileInfo, insertFile, type StoredFileInfo } from './files.repository.ts';
import { cleanFileName, mediaTypeOf, sha256Of, sizeLabelOf } from './files.rules.ts';

/**
 * The original-file store: a file is kept exactly as received, under the
 * sha256 of its bytes, in the caller's transaction. Storing the same bytes
 * again changes nothing and answers the same hash (re-ingesting is safe).
 */

export interface FileToStore {
  bytes: Uint8Array;
  /** The name it came with: gives the media type when none is given. */
  name: string;
  mediaType?: string;
}

export interface StoreOptions {
  /** Refused above this size (file_too_large), before anything is written. */
  maxBytes?: number;
}

export async function storeFile(tx: Queryable, file: FileToStore, options: StoreOptions = {}): Promise<StoredFileInfo> {
  if (options.maxBytes !== undefined && file.bytes.length > options.maxBytes) {
    throw new AppError('file_too_large', `${cleanFileName(file.name)}: 文件大小 ${sizeLabelOf(file.bytes.length)},超过上限 ${sizeLabelOf(options.maxBytes)}`, {
      file: cleanFileName(file.name),
      size: file.bytes.length,
      limit: options.maxBytes,
    });
  }
  if (file.bytes.length === 0) throw new AppError('file_empty', `${cleanFileName(file.name)}: 文件是空的`, { file: cleanFileName(file.name) });
  const sha256 = sha256Of(file.bytes);
  const known = await fileInfo(tx, sha256);
  if (known) return known;
  const mediaType = file.mediaType ?? mediaTypeOf(file.name);
  await insertFile(tx, { sha256, mediaType, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) });
  return { sha256, mediaType, size: file.bytes.length };
}

/** A stored file's bytes and media type, or null when no file has that hash. */
export async function readFile(db: Queryable, sha256: string): Promise<(StoredFileInfo & { bytes: Buffer }) | null> {
  const row = await fileBytes(db, sha256);
  if (!row) return null;
  const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  return { ...row, bytes };
}

export { fileInfo as describeFile };
