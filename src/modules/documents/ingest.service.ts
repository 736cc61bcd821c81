import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { unreadable } from '../../core/files.ts';
import { describeFile, mediaTypeOf, storeFile } from '../files/index.ts';
import { agencyNamesByAlias, registerIssuingAgencies } from '../agencies/index.ts';
import { fileTooLarge, type DecodeLimits } from '../gazette/index.ts';
import {
  addSearchTerms,
  analyzeStore,
  mergePendingIndexEntries,
  deleteDocuments,
  findExistingDocuments,
  findSourceBySha,
  finishRun,
  insertChildren,
  insertDocuments,
  loadSearchTerms,
  recordConflicts,
  refreshValidity,
  relationTargets,
  relinkDocuments,
  replaceGazetteIssue,
  resolveRelations,
  startRun,
  updateDocuments,
  upsertSourceFile,
} from './documents.repository.ts';
import { fileNameOf, sourceFileRowOf, type PreparedFile } from './documents.prepare.ts';
import { createFilePreparer } from './file.preparer.ts';
import { isPlatformSource } from './documents.rules.ts';
import { documentIdsOfContent } from './documents.queries.ts';
import { assignIndexNumbers } from './catalogue.repository.ts';
import type { BulkProgress, FetchedFile, FileOutcome, IngestProgress, IngestSummary } from './documents.types.ts';
import { failedOutcome, storeBatch, type PerFileWriter } from './bulk.ingest.ts';

/**
 * Ingestion: files and directories in, documents in the store. Each file is
 * parsed first (pure), then written in one transaction, so a bad file, a
 * crash or a kill leaves the store as it was before that file. Re-running is
 * safe: an identical file changes nothing, a corrected one updates in place.
 */

export interface IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Reads and writes files even when their bytes were ingested before (an operator's repair). */
  force?: boolean;
}

export interface BulkIngestOptions {
  /** After each batch is committed (or set aside file by file). */
  onBatch?: (progress: BulkProgress) => void;
  /** Files per transaction (default 1,000); a batch also ends at `batchDocuments` documents. */
  batchFiles?: number;
  batchDocuments?: number;
}

export interface IngestService {
  ingest(paths: string[], options?: IngestOptions): Promise<IngestSummary>;
  /**
   * The bulk load (`gongkai ingest --bulk`): many files per transaction, each
   * batch all or nothing, new files written set-based. A re-run skips the
   * files a committed batch stored and redoes an interrupted one. A file
   * that cannot be parsed or stored is reported by name; the others go in.
   */
  ingestBulk(paths: string[], options?: BulkIngestOptions): Promise<IngestSummary>;
  /**
   * One file, written in the caller's transaction (publishing on the platform:
   * the library text and the publication's state change together). A file
   * that cannot be read as documents throws.
   */
  ingestInto(tx: Queryable, path: string): Promise<FileOutcome>;
  /**
   * Ingestion of fetched pages (a harvest): one parser pool and one ingest run
   * for all of them. A page in which the parser finds neither a title nor a
   * 文号 is refused: a portal's column, list and navigation pages are text
   * too, and would otherwise become untitled documents.
   */
  startFetched(): Promise<FetchedIngest>;
}

type Alongside = (tx: Queryable, outcome: FileOutcome, documentIds: number[]) => Promise<void>;

export interface FetchedIngest {
  /**
   * One fetched page, in its own transaction, stored as a file is (original
   * kept, documents written) with its address. `alongside` runs in the same
   * transaction with the outcome and the documents it produced, so what the
   * caller records about the page commits or rolls back with it. A page that
   * cannot be read as documents throws and leaves the store as it was.
   */
  ingest(file: FetchedFile, alongside?: Alongside): Promise<FileOutcome>;
  /** Ends the run (recorded as an ingest run with these totals) and stops the parsers. */
  close(totals: { files: number; failed: number; added: number; updated: number; unchanged: number; removed: number }): Promise<void>;
}

interface Candidate {
  path: string;
  error?: AppError;
}

async function expand(paths: string[]): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const walk = async (path: string): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      found.push({ path, error: unreadable(path, error) });
      return;
    }
    if (info.isFile()) {
      found.push({ path });
      return;
    }
    if (!info.isDirectory()) {
      // A pipe or device would block or never end; only regular files are documents.
      found.push({ path, error: new AppError('file_unreadable', `${path}: 不是普通文件(管道、设备或套接字),已跳过`, { file: path }) });
      return;
    }
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      found.push({ path, error: unreadable(path, error, '无法读取目录') });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      await walk(join(path, entry.name));
    }
  };
  for (const path of paths) await walk(resolve(path));
  return found;
}

function summarise(outcomes: FileOutcome[], bytes: number): IngestSummary {
  const sum = (field: 'added' | 'updated' | 'unchanged' | 'removed') => outcomes.reduce((total, outcome) => total + outcome[field], 0);
  return {
    files: outcomes.length,
    filesFailed: outcomes.filter((outcome) => outcome.status === 'failed').length,
    added: sum('added'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    removed: sum('removed'),
    conflicts: outcomes.reduce((total, outcome) => total + outcome.conflicts.length, 0),
    bytes,
    outcomes,
  };
}

/** How many files are read and parsed ahead of the one being written. */
const filesReadAhead = 4;
/** Statistics are refreshed after this many new documents, then after twice as many again, and so on. */
const firstAnalyzeAfter = 500;

export function createIngestService(db: Database, limits: DecodeLimits): IngestService {
  async function checkReadable(path: string): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw unreadable(path, error);
    }
    // Refused before reading: a 200 MB file is never loaded to find out it is too large.
    if (info.size > limits.maxFileBytes) throw fileTooLarge(path, info.size, limits);
  }

  /**
   * `alongside` (a fetched page's record) is written in the transaction that
   * writes the documents, or on its own when the bytes were stored before.
   */
  async function store(prepared: PreparedFile, force = false, alongside?: Alongside): Promise<FileOutcome> {
    const known = force ? null : await findSourceBySha(db, prepared.sha256);
    if (known) {
      // A file read before originals were kept gets its original now; a stored one costs one lookup.
      if (!(await describeFile(db, prepared.sha256))) await db.transaction((tx) => keepOriginal(tx, prepared));
      const outcome: FileOutcome = { path: prepared.path, status: 'unchanged', added: 0, updated: 0, unchanged: known.documentCount, removed: 0, warnings: [], conflicts: [] };
      if (alongside) await db.transaction(async (tx) => alongside(tx, outcome, await documentIdsOfContent(tx, prepared.sha256, prepared.sourceKey)));
      return outcome;
    }
    if (prepared.documents.length === 0) throw new AppError('no_documents', `${prepared.path}: 没有找到任何公文`, { file: prepared.path });
    return db.transaction(async (tx) => {
      const outcome = await write(tx, prepared);
      if (alongside) await alongside(tx, outcome, await documentIdsOfContent(tx, prepared.sha256, prepared.sourceKey));
      return outcome;
    });
  }

  /** The file as received, in the original-file store (the document page offers it as 下载原文). */
  async function keepOriginal(tx: Queryable, prepared: PreparedFile): Promise<void> {
    await storeFile(tx, { bytes: prepared.bytes, name: fileNameOf(prepared), mediaType: mediaTypeOf(`original.${prepared.format}`, prepared.encoding) }, { maxBytes: limits.maxFileBytes });
  }

  async function write(tx: Queryable, prepared: PreparedFile): Promise<FileOutcome> {
    await keepOriginal(tx, prepared);
    const sourceFileId = await upsertSourceFile(tx, prepared.sourceKey, sourceFileRowOf(prepared));
    const gazetteIssueId = await replaceGazetteIssue(tx, sourceFileId, prepared.gazette);
    const keys = prepared.documents.map((document) => document.key);
    const existing = new Map((await findExistingDocuments(tx, keys, sourceFileId)).map((row) => [row.docKey, row]));
    const toInsert: string[] = [];
    const toUpdate: string[] = [];
    const toRelink: string[] = [];
    const replaced: number[] = [];
    for (const { key, hash } of prepared.documents) {
      const row = existing.get(key);
      if (!row) toInsert.push(key);
      else if (row.contentHash !== hash) {
        toUpdate.push(key);
        // Text published on the platform, or replaced by it, from another file: never silently.
        if (row.sourceFileId !== sourceFileId && (isPlatformSource(row.sourceKey) || isPlatformSource(prepared.sourceKey))) replaced.push(row.id);
      } else toRelink.push(key);
    }
    const conflicts = await recordConflicts(tx, replaced, prepared.sourceKey);
    const keep = new Set(keys);
    const removed = [...existing.values()].filter((row) => row.sourceFileId === sourceFileId && !keep.has(row.docKey)).map((row) => row.id);
    // What the old versions repealed or extended must be recomputed once their relations are gone.
    const previousTargets = await relationTargets(tx, [...removed, ...toUpdate.map((key) => existing.get(key)!.id)]);
    await deleteDocuments(tx, removed);
    const updatedIds = await updateDocuments(tx, prepared.payload.documents, toUpdate, sourceFileId, gazetteIssueId);
    await relinkDocuments(tx, prepared.payload.documents, toRelink, sourceFileId, gazetteIssueId);
    const insertedIds = await insertDocuments(tx, prepared.payload.documents, toInsert, sourceFileId, gazetteIssueId);
    await insertChildren(tx, prepared.payload, [...toUpdate, ...toInsert]);
    await resolveRelations(tx, [...updatedIds, ...insertedIds]);
    // After the relations: an interpretation is numbered under its policy's issuer.
    await assignIndexNumbers(tx, [...updatedIds, ...insertedIds]);
    await refreshValidity(tx, [...previousTargets, ...updatedIds, ...insertedIds]);
    await addSearchTerms(tx, prepared.terms, prepared.path);
    await registerIssuingAgencies(tx, prepared.issuers);
    return {
      path: prepared.path,
      status: 'ingested',
      kind: prepared.kind,
      added: toInsert.length,
      updated: toUpdate.length,
      unchanged: toRelink.length,
      removed: removed.length,
      warnings: prepared.warnings,
      conflicts,
    };
  }

  /** One file in the caller's transaction: unchanged when its bytes are stored, else written. */
  async function storeInto(tx: Queryable, prepared: PreparedFile): Promise<FileOutcome> {
    const known = await findSourceBySha(tx, prepared.sha256);
    if (!known) return write(tx, prepared);
    await keepOriginal(tx, prepared);
    return { path: prepared.path, status: 'unchanged', added: 0, updated: 0, unchanged: known.documentCount, removed: 0, warnings: [], conflicts: [] };
  }

  async function startPreparer(q: Queryable, workers?: number) {
    return createFilePreparer(limits, await loadSearchTerms(q), workers, await agencyNamesByAlias(q));
  }

  /**
   * The files in order, each parsed while those before it are written: asking for file i starts
   * the files up to i + window, and hands back file i (a rejection is awaited by the caller, in order).
   */
  function readingAhead(candidates: Candidate[], preparer: Awaited<ReturnType<typeof startPreparer>>, window: number) {
    const ahead: Promise<PreparedFile>[] = [];
    return (index: number): Promise<PreparedFile> => {
      for (let next = index; next < Math.min(candidates.length, index + window); next++) {
        if (ahead[next]) continue;
        const candidate = candidates[next]!;
        const prepared = candidate.error
          ? Promise.reject(candidate.error)
          : checkReadable(candidate.path).then(() => preparer.prepare(candidate.path));
        prepared.catch(() => undefined); // awaited in order by the caller; not unhandled meanwhile
        ahead[next] = prepared;
      }
      const prepared = ahead[index]!;
      delete ahead[index];
      return prepared;
    };
  }

  return {
    async startFetched() {
      const runId = await startRun(db);
      const preparer = await startPreparer(db, 1);
      return {
        async ingest(file, alongside) {
          const prepared = await preparer.prepare(file.url, file);
          if (!prepared.documents.some((document) => document.titled)) {
            throw new AppError('no_documents', `${file.url}: 页面中没有可识别的公文(既无标题也无文号),可能是栏目页或列表页`, { url: file.url });
          }
          return store(prepared, false, alongside);
        },
        async close(totals) {
          try {
            await finishRun(db, runId, totals);
          } finally {
            await preparer.close();
          }
        },
      };
    },

    async ingestInto(tx, path) {
      await checkReadable(path);
      const preparer = await startPreparer(tx, 1);
      try {
        const prepared = await preparer.prepare(path);
        if (prepared.documents.length === 0) throw new AppError('no_documents', `${prepared.path}: 没有找到任何公文`, { file: prepared.path });
        return await write(tx, prepared);
      } finally {
        await preparer.close();
      }
    },

    async ingest(paths, options = {}) {
      const candidates = await expand(paths);
      const runId = await startRun(db);
      const preparer = await startPreparer(db);
      const outcomes: FileOutcome[] = [];
      let bytes = 0;
      let written = 0;
      let analyzeAt = firstAnalyzeAfter;
      const preparedAt = readingAhead(candidates, preparer, filesReadAhead);
      try {
        for (let index = 0; index < candidates.length; index++) {
          const prepared = preparedAt(index);
          const candidate = candidates[index]!;
          options.onProgress?.({ done: index, total: candidates.length, path: candidate.path });
          try {
            const file = await prepared;
            bytes += file.size;
            const outcome = await store(file, options.force);
            outcomes.push(outcome);
            written += outcome.added + outcome.updated;
            if (written >= analyzeAt) {
              await analyzeStore(db);
              analyzeAt *= 2;
            }
          } catch (error) {
            outcomes.push(failedOutcome(candidate.path, error));
          }
        }
      } finally {
        await preparer.close();
      }
      options.onProgress?.({ done: candidates.length, total: candidates.length, path: '' });
      const summary = summarise(outcomes, bytes);
      await finishRun(db, runId, { ...summary, failed: summary.filesFailed });
      return summary;
    },

    async ingestBulk(paths, options = {}) {
      const batchFiles = options.batchFiles ?? 1000;
      const batchDocuments = options.batchDocuments ?? 5000;
      const candidates = await expand(paths);
      const runId = await startRun(db);
      const preparer = await startPreparer(db);
      const perFile: PerFileWriter = { keepOriginal, storeInto, store: (prepared) => store(prepared) };
      const outcomes: FileOutcome[] = [];
      const started = performance.now();
      let bytes = 0;
      let documents = 0;
      let writeSeconds = 0;
      let analyzeAt = firstAnalyzeAfter;
      // The parsers work on the next files while a batch is written.
      const window = Math.min(batchFiles, 256);
      const preparedAt = readingAhead(candidates, preparer, window);
      try {
        let index = 0;
        while (index < candidates.length) {
          const batch: PreparedFile[] = [];
          let batchDocs = 0;
          for (; index < candidates.length && batch.length < batchFiles && batchDocs < batchDocuments; index++) {
            const next = preparedAt(index);
            const candidate = candidates[index]!;
            try {
              const prepared = await next;
              bytes += prepared.size;
              if (prepared.documents.length === 0) throw new AppError('no_documents', `${prepared.path}: 没有找到任何公文`, { file: prepared.path });
              batch.push(prepared);
              batchDocs += prepared.documents.length;
            } catch (error) {
              outcomes.push(failedOutcome(candidate.path, error));
            }
          }
          const writing = performance.now();
          const result = await storeBatch(db, batch, perFile);
          writeSeconds += (performance.now() - writing) / 1000;
          outcomes.push(...result.outcomes);
          documents += result.outcomes.reduce((total, outcome) => total + outcome.added + outcome.updated, 0);
          if (documents >= analyzeAt) {
            await analyzeStore(db);
            analyzeAt *= 2;
          }
          options.onBatch?.({ files: index, total: candidates.length, documents, bytes, seconds: (performance.now() - started) / 1000, writeSeconds });
        }
      } finally {
        await preparer.close();
      }
      await mergePendingIndexEntries(db);
      await analyzeStore(db);
      const summary = summarise(outcomes, bytes);
      await finishRun(db, runId, { ...summary, failed: summary.filesFailed });
      return summary;
    },
  };
}
