import type { Database } from '../db/database.ts';
import { countHit, deleteEndedWindows, lockWindows } from './rate-limits.repository.ts';

/**
 * Rate limits counted in the database, so that every process behind a load
 * balancer sees the same counts: a fixed window per key. The caller passes
 * the primary itself (never a replica: a count is written and read back at once).
 */
export interface RateLimits {
  /** One more hit on `key` in a window of `windowMs`: the hits in the window so far and the milliseconds until it ends. */
  hit(key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }>;
  /** Counts one attempt against every key, or none if any key is used up: then the milliseconds until it frees. */
  take(keys: readonly string[], max: number, windowMs: number): Promise<number | null>;
}

/** Ended windows are deleted about once every this many hits. */
const pruneEvery = 500;

export function createRateLimits(db: Database): RateLimits {
  let sincePruned = 0;
  async function pruneSometimes() {
    if (++sincePruned < pruneEvery) return;
    sincePruned = 0;
    await deleteEndedWindows(db);
  }
  return {
    async hit(key, windowMs) {
      await pruneSometimes();
      return countHit(db, key, windowMs);
    },
    async take(keys, max, windowMs) {
      await pruneSometimes();
      return db.transaction(async (tx) => {
        const windows = await lockWindows(tx, [...new Set(keys)].sort());
        const full = windows.filter((window) => window.hits >= max);
        if (full.length > 0) return Math.max(...full.map((window) => window.ttlMs));
        for (const window of windows) await countHit(tx, window.key, windowMs);
        return null;
      });
    },
  };
}
