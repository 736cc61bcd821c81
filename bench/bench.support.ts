import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BulkProgress } from '../src/modules/documents/index.ts';

/** What the benchmarks share: where they work, their PostgreSQL server, and how they read a latency. */

export const benchRoot = fileURLToPath(new URL('../', import.meta.url));
export const benchWork = join(benchRoot, '.bench');

/** The value at the p-th percentile of an ascending list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

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

/**
 * A server tuned as a production one on a machine like this (24 GiB) would be, for the benchmarks that
 * measure the library at scale: the defaults (128 MB of shared buffers, a checkpoint every 1 GB of WAL)
 * are sized for a laptop and would measure the configuration rather than Gongkai.
 */
export const productionSettings = ['shared_buffers=4GB', 'effective_cache_size=16GB', 'maintenance_work_mem=1GB', 'max_wal_size=8GB', 'checkpoint_timeout=15min'];

/**
 * BENCH_DATABASE_URL when given; else a throwaway server in .bench/<name> on
 * `port`, emptied first unless `reuse` (a server left running there by a
 * killed run is stopped first), with `settings` added to the defaults.
 */
export function startBenchPostgres(name: string, port: number, options: { reuse?: boolean; settings?: string[] } = {}): { url: string; stop(): void } {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const script = join(benchRoot, 'scripts/postgres.sh');
  const dir = join(benchWork, name);
  execFileSync(script, ['stop', dir]);
  if (!options.reuse) execFileSync('rm', ['-rf', dir]);
  const env = { ...process.env, POSTGRES_SETTINGS: (options.settings ?? []).map((setting) => `-c ${setting}`).join(' ') };
  const url = execFileSync(script, ['start', dir, String(port)], { encoding: 'utf8', env }).trim();
  return { url, stop: () => execFileSync(script, ['stop', dir]) };
}

export const mb = (bytes: number) => bytes / 1048576;

export interface Step {
  label: string;
  documents: number;
  docsPerSecond: number;
  mbPerSecond: number;
  /** Documents a second of database writing alone (parsing excluded): what the store's size could slow. */
  writtenPerSecond: number;
}

/** Rates between the progress marks that first reach each of `parts` equal shares of `total`. */
export function stepsOf(marks: BulkProgress[], total: number, parts: number): Step[] {
  const steps: Step[] = [];
  let previous: BulkProgress = { files: 0, total: 0, documents: 0, bytes: 0, seconds: 0, writeSeconds: 0 };
  for (let part = 1; part <= parts; part++) {
    const mark = marks.find((candidate) => candidate.documents >= (total * part) / parts - 0.5 && candidate.documents > previous.documents);
    if (!mark) continue;
    const seconds = mark.seconds - previous.seconds;
    steps.push({
      label: `${previous.documents.toLocaleString('en')} → ${mark.documents.toLocaleString('en')}`,
      documents: mark.documents,
      docsPerSecond: (mark.documents - previous.documents) / seconds,
      mbPerSecond: mb(mark.bytes - previous.bytes) / seconds,
      writtenPerSecond: (mark.documents - previous.documents) / (mark.writeSeconds - previous.writeSeconds),
    });
    previous = mark;
  }
  return steps;
}

export function printSteps(title: string, steps: Step[]): void {
  console.log(`\n${title}\n`);
  console.log('| store size (documents) | documents/s | MB/s | documents/s of writing alone |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const step of steps) {
    const writing = Number.isFinite(step.writtenPerSecond) ? step.writtenPerSecond.toFixed(0) : '';
    console.log(`| ${step.label} | ${step.docsPerSecond.toFixed(0)} | ${step.mbPerSecond.toFixed(2)} | ${writing} |`);
  }
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Answers 304 (counted in non2xx too). */
  notModified: number;
}

/**
 * Requests per second from autocannon run in a child process (bench/load.child.ts),
 * `connections` at a time for `seconds`, cycling through `requests`. Asynchronous:
 * a server in this process keeps answering while the child loads it.
 */
export function loadInChild(url: string, requests: (string | { path: string; headers: Record<string, string> })[], options: { connections?: number; seconds?: number } = {}): Promise<LoadFigures> {
  const ask = { url, connections: options.connections ?? 8, seconds: options.seconds ?? 10, requests: requests.map((r) => (typeof r === 'string' ? { path: r } : r)) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchRoot, 'bench/load.child.ts'), JSON.stringify(ask)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadFigures) : reject(new Error(`load generator exited with ${code}`))));
  });
}
