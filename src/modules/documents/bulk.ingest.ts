import type { Database, Queryable } from '../../core/db/database.ts';
import { isUnavailable } from '../../core/db/database.ts';
import { describeError } from '../../core/errors.ts';
import { registerIssuingAgencies } from '../agencies/index.ts';
import { assignIndexNumbers } from './catalogue.repository.ts';
import { addSearchTermsOf, findKnownKeys, findStoredHashes, insertBatchChildren, insertBatchDocuments, insertSourceFiles, resolveBatchRelations, type NewSourceFile } from './bulk.repository.ts';
import { refreshValidity } from './documents.repository.ts';
import { sourceFileRowOf, type PreparedFile } from './documents.prepare.ts';
import type { FileOutcome } from './documents.types.ts';

/**
 * The bulk load's batch: many files written in one transaction, so that a
 * batch is all or nothing (a kill leaves none of it, and a re-run redoes it;
 * the files of committed batches are known by their hash and skipped).
 *
 * New files, the common case of a first import, go in set-based: one
 * statement per table for the whole batch, relations resolved once for all
 * its documents. A file that touches what is stored (its source key or one of
 * its document keys is known, or an earlier file of the batch has them) goes
 * through the per-file write, in the same transaction and in its order, so
 * updates, relinks and conflicts behave exactly as in the ordinary mode.
 */

/** The per-file path, which the batch falls back on. */
export interface PerFileWriter {
  keepOriginal(tx: Queryable, prepared: PreparedFile): Promise<void>;
  /** One file in the caller's transaction (known bytes are unchanged, others written). */
  storeInto(tx: Queryable, prepared: PreparedFile): Promise<FileOutcome>;
  /** One file in a transaction of its own; throws when the file cannot be stored. */
  store(prepared: PreparedFile): Promise<FileOutcome>;
}

export interface BatchResult {
  outcomes: FileOutcome[];
  /** Documents inserted by the set-based path (new files). */
  inserted: number;
}

/**
 * A batch adds thousands of documents' words to the search entries' GIN indexes: they collect in the
 * pending list and are merged into the index when it fills, a merge sorted in work_mem. A larger list
 * and more memory make fewer, larger merges: 10,000 search entries went in 30 to 60 % faster (PostgreSQL
 * 15, measured once in each order: 6.3 and 7.3 s against 9.1 and 18.2 s with the defaults).
 */
const batchSettings = "set local gin_pending_list_limit = '64MB'; set local work_mem = '256MB'";

const arrayItems = (json: string) => json.slice(1, -1).trim();

/** One JSON array made of several (each already a serialised JSON array) without parsing them. */
export function concatJsonArrays(arrays: string[]): string {
  return `[${arrays.map(arrayItems).filter((items) => items.length > 0).join(',')}]`;
}

function outcomeOf(prepared: PreparedFile): FileOutcome {
  return { path: prepared.path, status: 'ingested', kind: prepared.kind, added: prepared.documents.length, updated: 0, unchanged: 0, removed: 0, warnings: prepared.warnings, conflicts: [] };
}

/** Which files of the batch are new to the store and to the files before them in the batch. */
function splitNew(batch: PreparedFile[], known: { sourceKeys: Set<string>; docKeys: Set<string> }): Set<PreparedFile> {
  const fresh = new Set<PreparedFile>();
  const seenSources = new Set<string>();
  const seenDocs = new Set<string>();
  for (const prepared of batch) {
    const keys = prepared.documents.map((document) => document.key);
    const collides = known.sourceKeys.has(prepared.sourceKey) || seenSources.has(prepared.sourceKey)
      || keys.some((key) => known.docKeys.has(key) || seenDocs.has(key)) || new Set(keys).size !== keys.length;
    if (!collides) fresh.add(prepared);
    seenSources.add(prepared.sourceKey);
    for (const key of keys) seenDocs.add(key);
  }
  return fresh;
}

async function insertNewFiles(tx: Queryable, files: PreparedFile[], perFile: PerFileWriter): Promise<number[]> {
  if (files.length === 0) return [];
  for (const prepared of files) await perFile.keepOriginal(tx, prepared);
  const ids = await insertSourceFiles(tx, files.map((prepared): NewSourceFile => ({ ...sourceFileRowOf(prepared), sourceKey: prepared.sourceKey, gazette: prepared.gazette })));
  const owners = files.flatMap((prepared) => {
    const { sourceFileId, gazetteIssueId } = ids.get(prepared.sourceKey)!;
    return prepared.documents.map((document) => ({ doc_key: document.key, source_file_id: sourceFileId, gazette_issue_id: gazetteIssueId }));
  });
  const documentIds = await insertBatchDocuments(tx, concatJsonArrays(files.map((prepared) => prepared.payload.documents)), owners);
  await insertBatchChildren(tx, {
    relations: concatJsonArrays(files.map((prepared) => prepared.payload.relations)),
    appointments: concatJsonArrays(files.map((prepared) => prepared.payload.appointments)),
    tasks: concatJsonArrays(files.map((prepared) => prepared.payload.tasks)),
  });
  await resolveBatchRelations(tx, documentIds);
  // After the relations: an interpretation is numbered under its policy's issuer.
  await assignIndexNumbers(tx, documentIds);
  await refreshValidity(tx, documentIds);
  const terms = files.flatMap((prepared) => prepared.terms.map((term) => [term, prepared.path] as const));
  await addSearchTermsOf(tx, terms.map(([term]) => term), terms.map(([, path]) => path));
  await registerIssuingAgencies(tx, [...new Set(files.flatMap((prepared) => prepared.issuers))]);
  return documentIds;
}

/** Writes a batch in one transaction; returns each file's outcome, in the batch's order. */
async function writeBatch(db: Database, batch: PreparedFile[], perFile: PerFileWriter): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    // Measured on PostgreSQL; PGlite's memory is the WebAssembly heap, shared with everything else.
    if (db.kind === 'postgres') await tx.execScript(batchSettings);
    const stored = await findStoredHashes(tx, [...new Set(batch.map((prepared) => prepared.sha256))]);
    const unseen = batch.filter((prepared) => !stored.has(prepared.sha256));
    const known = await findKnownKeys(tx, unseen.map((prepared) => prepared.sourceKey), unseen.flatMap((prepared) => prepared.documents.map((document) => document.key)));
    const fresh = splitNew(unseen, known);
    // Two files with the same bytes in one batch: the first is new, the second finds it stored (per file).
    const firstOfHash = new Set<string>();
    for (const prepared of [...fresh]) {
      if (firstOfHash.has(prepared.sha256)) fresh.delete(prepared);
      firstOfHash.add(prepared.sha256);
    }
    const documentIds = await insertNewFiles(tx, [...fresh], perFile);
    const outcomes: FileOutcome[] = [];
    // A file rewritten earlier in this batch (a correction) may no longer hold the bytes found stored at its start.
    const rewritten = new Set<string>();
    for (const prepared of batch) {
      const documentCount = stored.get(prepared.sha256);
      if (documentCount !== undefined && !rewritten.has(prepared.sourceKey)) {
        // A file read before originals were kept gets its original now.
        await perFile.keepOriginal(tx, prepared);
        outcomes.push({ path: prepared.path, status: 'unchanged', added: 0, updated: 0, unchanged: documentCount, removed: 0, warnings: [], conflicts: [] });
      } else if (fresh.has(prepared)) outcomes.push(outcomeOf(prepared));
      else {
        rewritten.add(prepared.sourceKey);
        outcomes.push(await perFile.storeInto(tx, prepared));
      }
    }
    return { outcomes, inserted: documentIds.length };
  });
}

/**
 * A batch, or when the batch cannot be written (a file the database refuses),
 * each of its files on its own, so that the bad one is reported by name and
 * the others go in. Nothing of the failed batch was kept: its transaction
 * rolled back. A database that is away fails the run instead.
 */
export async function storeBatch(db: Database, batch: PreparedFile[], perFile: PerFileWriter): Promise<BatchResult> {
  if (batch.length === 0) return { outcomes: [], inserted: 0 };
  try {
    return await writeBatch(db, batch, perFile);
  } catch (error) {
    if (isUnavailable(error)) throw error;
  }
  const outcomes: FileOutcome[] = [];
  for (const prepared of batch) {
    try {
      outcomes.push(await perFile.store(prepared));
    } catch (error) {
      if (isUnavailable(error)) throw error;
      outcomes.push(failedOutcome(prepared.path, error));
    }
  }
  return { outcomes, inserted: 0 };
}

/** A file's refusal, reported by its name. */
export function failedOutcome(path: string, error: unknown): FileOutcome {
  const described = describeError(error);
  const message = described.code === 'internal' ? `${path}: 内部错误(${(error as Error).message})` : described.message;
  return { path, status: 'failed', added: 0, updated: 0, unchanged: 0, removed: 0, warnings: [], conflicts: [], error: { code: described.code, message } };
}
