import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Database } from '../../core/db/database.ts';
import { AppError, describeError } from '../../core/errors.ts';
import { parseBytes, type ParsedFile } from '../gazette/index.ts';
import type { DecodeLimits } from '../gazette/decode.rules.ts';
import {
  deleteDocuments,
  findExistingDocuments,
  findSourceBySha,
  finishRun,
  insertChildren,
  insertDocuments,
  relinkDocuments,
  replaceGazetteIssue,
  resolveRelations,
  startRun,
  updateDocuments,
  upsertSourceFile,
  type DocumentWrite,
} from './documents.repository.ts';
import { contentHashOf, documentKeys, sha256, sourceKeyOf } from './documents.rules.ts';
import type { FileOutcome, IngestProgress, IngestSummary } from './documents.types.ts';

/**
 * Ingestion: files and directories in, documents in the store. Each file is
 * parsed first (pure), then written in one transaction, so a bad file, a
 * crash or a kill leaves the store as it was before that file. Re-running is
 * safe: an identical file changes nothing, a corrected one updates in place.
 */

export interface IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestService {
  ingest(paths: string[], options?: IngestOptions): Promise<IngestSummary>;
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
      found.push({ path, error: new AppError('file_unreadable', `${path}: 无法读取(${(error as NodeJS.ErrnoException).code ?? '未知原因'})`, { file: path }) });
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
      found.push({ path, error: new AppError('file_unreadable', `${path}: 无法读取目录(${(error as NodeJS.ErrnoException).code ?? '未知原因'})`, { file: path }) });
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

export function createIngestService(db: Database, limits: DecodeLimits): IngestService {
  async function readChecked(path: string): Promise<Buffer> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new AppError('file_unreadable', `${path}: 无法读取(${(error as NodeJS.ErrnoException).code ?? '未知原因'})`, { file: path });
    }
    if (info.size > limits.maxFileBytes) {
      throw new AppError('file_too_large', `${path}: 文件大小 ${(info.size / 1048576).toFixed(1)} MB,超过上限 ${(limits.maxFileBytes / 1048576).toFixed(0)} MB`, {
        file: path,
      });
    }
    try {
      return await readFile(path);
    } catch (error) {
      throw new AppError('file_unreadable', `${path}: 无法读取(${(error as NodeJS.ErrnoException).code ?? '未知原因'})`, { file: path });
    }
  }

  async function ingestFile(path: string): Promise<FileOutcome> {
    const bytes = await readChecked(path);
    const hash = sha256(bytes);
    const known = await findSourceBySha(db, hash);
    if (known) {
      return { path, status: 'unchanged', added: 0, updated: 0, unchanged: known.documentCount, removed: 0, warnings: [] };
    }
    const parsed = parseBytes(bytes, { fileName: path, limits });
    if (parsed.documents.length === 0) throw new AppError('no_documents', `${path}: 没有找到任何公文`, { file: path });
    return db.transaction((tx) => writeFile(tx, path, bytes.length, hash, parsed));
  }

  async function writeFile(tx: Parameters<Parameters<Database['transaction']>[0]>[0], path: string, size: number, hash: string, parsed: ParsedFile): Promise<FileOutcome> {
    const sourceKey = sourceKeyOf(parsed, path);
    const sourceFileId = await upsertSourceFile(tx, sourceKey, {
      path,
      fileName: basename(path),
      sha256: hash,
      sizeBytes: size,
      encoding: parsed.encoding,
      kind: parsed.kind,
      documentCount: parsed.documents.length,
      warnings: parsed.warnings,
    });
    const gazetteIssueId = await replaceGazetteIssue(tx, sourceFileId, parsed.gazette);
    const keys = documentKeys(sourceKey, parsed.documents);
    const existing = new Map((await findExistingDocuments(tx, keys, sourceFileId)).map((row) => [row.docKey, row]));
    const toInsert: DocumentWrite[] = [];
    const toUpdate: { id: number; write: DocumentWrite }[] = [];
    const toRelink: { id: number; seq: number }[] = [];
    parsed.documents.forEach((document, seq) => {
      const write = { key: keys[seq]!, seq, hash: contentHashOf(document), document };
      const row = existing.get(write.key);
      if (!row) toInsert.push(write);
      else if (row.contentHash !== write.hash) toUpdate.push({ id: row.id, write });
      else toRelink.push({ id: row.id, seq });
    });
    const keep = new Set(keys);
    const removed = [...existing.values()].filter((row) => row.sourceFileId === sourceFileId && !keep.has(row.docKey)).map((row) => row.id);
    await deleteDocuments(tx, removed);
    await updateDocuments(tx, toUpdate, sourceFileId, gazetteIssueId);
    await relinkDocuments(tx, toRelink, sourceFileId, gazetteIssueId);
    const inserted = await insertDocuments(tx, toInsert, sourceFileId, gazetteIssueId);
    const written = [
      ...toUpdate.map(({ id, write }) => ({ id, document: write.document })),
      ...toInsert.map((write) => ({ id: inserted.get(write.key)!, document: write.document })),
    ];
    await insertChildren(tx, written);
    await resolveRelations(tx, written.map((item) => item.id));
    return {
      path,
      status: 'ingested',
      kind: parsed.kind,
      added: toInsert.length,
      updated: toUpdate.length,
      unchanged: toRelink.length,
      removed: removed.length,
      warnings: parsed.warnings,
    };
  }

  return {
    async ingest(paths, options = {}) {
      const candidates = await expand(paths);
      const runId = await startRun(db);
      const outcomes: FileOutcome[] = [];
      let bytes = 0;
      for (const [index, candidate] of candidates.entries()) {
        options.onProgress?.({ done: index, total: candidates.length, path: candidate.path });
        try {
          if (candidate.error) throw candidate.error;
          const outcome = await ingestFile(candidate.path);
          outcomes.push(outcome);
          bytes += (await stat(candidate.path)).size;
        } catch (error) {
          const described = describeError(error);
          const message = described.code === 'internal' ? `${candidate.path}: 内部错误(${(error as Error).message})` : described.message;
          outcomes.push({ path: candidate.path, status: 'failed', added: 0, updated: 0, unchanged: 0, removed: 0, warnings: [], error: { code: described.code, message } });
        }
      }
      options.onProgress?.({ done: candidates.length, total: candidates.length, path: '' });
      const sum = (field: 'added' | 'updated' | 'unchanged' | 'removed') => outcomes.reduce((total, outcome) => total + outcome[field], 0);
      const summary: IngestSummary = {
        files: outcomes.length,
        filesFailed: outcomes.filter((outcome) => outcome.status === 'failed').length,
        added: sum('added'),
        updated: sum('updated'),
        unchanged: sum('unchanged'),
        removed: sum('removed'),
        bytes,
        outcomes,
      };
      await finishRun(db, runId, { ...summary, failed: summary.filesFailed });
      return summary;
    },
  };
}
