import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import type { DecodeLimits } from '../gazette/decode.rules.ts';
import type { PreparedFile } from './documents.prepare.ts';

/**
 * Prepares files ahead of the writer: worker threads read and parse the next
 * files while the main thread writes the current one, so the database and the
 * parser work at the same time. Results come back in the order asked.
 */
export interface FilePreparer {
  prepare(path: string): Promise<PreparedFile>;
  close(): Promise<void>;
}

type Reply = { id: number; prepared?: PreparedFile; error?: { code: ErrorCode; message: string } };

export function createFilePreparer(
  limits: DecodeLimits,
  terms: readonly string[],
  workers = Math.max(1, Math.min(2, availableParallelism() - 1)),
): FilePreparer {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./prepare.worker.mjs', import.meta.url), { workerData: { terms } }));
  const pending = new Map<number, { resolve(file: PreparedFile): void; reject(error: Error): void }>();
  for (const worker of pool) {
    worker.on('message', (reply: Reply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiter) return;
      if (reply.prepared) waiter.resolve(reply.prepared);
      else waiter.reject(new AppError(reply.error!.code, reply.error!.message));
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    worker.unref();
  }
  let next = 0;
  return {
    prepare(path) {
      const id = next++;
      const worker = pool[id % pool.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, path, limits });
      });
    },
    async close() {
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
