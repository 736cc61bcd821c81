import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import type { DecodeLimits } from '../gazette/index.ts';
import type { PreparedFile } from './documents.prepare.ts';
import type { IssuerNames } from './documents.rules.ts';
import type { FetchedFile } from './documents.types.ts';

/**
 * Prepares files ahead of the writer: worker threads read and parse the next
 * files while the main thread writes the current one, so the database and the
 * parser work at the same time. Results come back in the order asked.
 */
export interface FilePreparer {
  /** A file by its path, or a fetched page by its address and bytes. */
  prepare(path: string, fetched?: FetchedFile): Promise<PreparedFile>;
  close(): Promise<void>;
}

type Reply = { id: number; prepared?: PreparedFile; error?: { code: ErrorCode; message: string } };

export function createFilePreparer(
  limits: DecodeLimits,
  terms: readonly string[],
  workers = Math.max(1, Math.min(2, availableParallelism() - 1)),
  names: IssuerNames = {},
): FilePreparer {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./prepare.worker.mjs', import.meta.url), { workerData: { terms, names } }));
  const pending = new Map<number, { worker: Worker; resolve(file: PreparedFile): void; reject(error: Error): void }>();
  // A worker keeps the process alive only while it owes an answer: an idle pool never holds the
  // process open, and a busy one always does, even when the database is in-process (PGlite) and
  // nothing else is pending.
  const settle = (id: number) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (waiter && ![...pending.values()].some((other) => other.worker === waiter.worker)) waiter.worker.unref();
    return waiter;
  };
  const failAll = (worker: Worker, error: Error) => {
    for (const [id, waiter] of pending) if (waiter.worker === worker) settle(id)?.reject(error);
  };
  for (const worker of pool) {
    worker.on('message', (reply: Reply) => {
      const waiter = settle(reply.id);
      if (!waiter) return;
      if (reply.prepared) waiter.resolve(reply.prepared);
      else waiter.reject(new AppError(reply.error!.code, reply.error!.message));
    });
    worker.on('error', (error) => failAll(worker, error));
    worker.on('exit', (code) => failAll(worker, new AppError('internal', `解析线程意外退出(${code})`)));
    worker.unref();
  }
  let next = 0;
  return {
    prepare(path, fetched) {
      const id = next++;
      const worker = pool[id % pool.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { worker, resolve, reject });
        worker.ref();
        worker.postMessage({ id, path, limits, fetched });
      });
    },
    async close() {
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
