import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the benchmarks share: where they work, their PostgreSQL server, and how they read a latency. */

export const benchRoot = fileURLToPath(new URL('../', import.meta.url));
export const benchWork = join(benchRoot, '.bench');

/** The value at the p-th percentile of an ascending list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * BENCH_DATABASE_URL when given; else a throwaway server in .bench/<name> on
 * `port`, emptied first unless `reuse` (a server left running there by a
 * killed run is stopped first).
 */
/**
 * A streaming replica of the server at `primaryUrl` (BENCH_READ_URL names one of BENCH_DATABASE_URL instead):
 * scripts/postgres.sh replica, a pg_basebackup -R started as a hot standby.
 */
export function startBenchReplica(name: string, port: number, primaryUrl: string): { url: string; stop(): void } {
  if (process.env.BENCH_READ_URL) return { url: process.env.BENCH_READ_URL, stop: () => {} };
  const script = join(benchRoot, 'scripts/postgres.sh');
  const dir = join(benchWork, name);
  execFileSync(script, ['stop', dir]);
  execFileSync('rm', ['-rf', dir]);
  const url = execFileSync(script, ['replica', dir, String(port), new URL(primaryUrl).port], { encoding: 'utf8' }).trim();
  return { url, stop: () => execFileSync(script, ['stop', dir]) };
}

export function startBenchPostgres(name: string, port: number, options: { reuse?: boolean } = {}): { url: string; stop(): void } {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const script = join(benchRoot, 'scripts/postgres.sh');
  const dir = join(benchWork, name);
  execFileSync(script, ['stop', dir]);
  if (!options.reuse) execFileSync('rm', ['-rf', dir]);
  const url = execFileSync(script, ['start', dir, String(port)], { encoding: 'utf8' }).trim();
  return { url, stop: () => execFileSync(script, ['stop', dir]) };
}
