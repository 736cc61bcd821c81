/**
 * A sliding-window count of attempts per key, kept in this process: one
 * limiter serves every sign-in route, keyed by client address and by account
 * name, so that neither a second route nor a second address buys more tries.
 */
export interface AttemptLimiter {
  /** Counts one attempt against every key, or none if any key is used up: then the milliseconds until it frees. */
  take(keys: string[]): number | null;
}

/** Past this many keys, the ones with no attempt in the window are forgotten. */
const pruneAbove = 10_000;

export function createAttemptLimiter(options: { max: number; windowMs: number; now?: () => number }): AttemptLimiter {
  const now = options.now ?? Date.now;
  const attempts = new Map<string, number[]>();
  const recent = (key: string, at: number) => (attempts.get(key) ?? []).filter((time) => time > at - options.windowMs);
  return {
    take(keys) {
      const at = now();
      if (attempts.size > pruneAbove) {
        for (const [key, times] of attempts) if (times.at(-1)! <= at - options.windowMs) attempts.delete(key);
      }
      const windows = keys.map((key) => recent(key, at));
      const full = windows.filter((times) => times.length >= options.max);
      if (full.length > 0) return Math.max(...full.map((times) => times[times.length - options.max]! + options.windowMs - at));
      keys.forEach((key, i) => attempts.set(key, [...windows[i]!, at]));
      return null;
    },
  };
}
