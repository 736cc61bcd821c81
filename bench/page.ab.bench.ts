/**
 * The document page's throughput, A/B in one run: the code at a baseline
 * commit against the working tree, both served by their own `gongkai serve`
 * from their own PostgreSQL database loaded with the same generated corpus,
 * measured in alternating rounds (A B B A …) so that drift of the machine
 * falls on both alike.
 *
 * BENCH_BASE sets the baseline (default 1073f53, the last commit before the
 * module framework of issue 12); BENCH_DOCS the corpus size (default 20000);
 * BENCH_ROUNDS the rounds per side (default 6); BENCH_SECONDS each round's
 * length (default 10). The baseline is checked out as a detached worktree
 * under .bench/ and shares this tree's node_modules.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/core/db/database.ts';
import { sql } from '../src/core/db/sql.ts';
import { writeSearchCorpus } from './search.corpus.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = join(root, '.bench');
const baseRef = process.env.BENCH_BASE ?? '1073f53';
const count = Number(process.env.BENCH_DOCS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

interface Side {
  label: string;
  tree: string;
  url: string;
  port: number;
  server?: ChildProcess;
  paths: string[];
  rps: number[];
}

function checkoutBaseline(): string {
  const tree = join(work, 'ab-base');
  execFileSync('rm', ['-rf', tree]);
  execFileSync('git', ['worktree', 'prune'], { cwd: root });
  execFileSync('git', ['worktree', 'add', '--detach', '--force', tree, baseRef], { cwd: root, stdio: 'ignore' });
  if (!existsSync(join(tree, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  return tree;
}

function gongkai(side: Side, args: string[]): string {
  return execFileSync(process.execPath, [join(side.tree, 'bin/gongkai.mjs'), ...args], {
    cwd: side.tree,
    env: { ...process.env, DATABASE_URL: side.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function serve(side: Side): Promise<void> {
  side.server = spawn(process.execPath, [join(side.tree, 'bin/gongkai.mjs'), 'serve', '--port', String(side.port)], {
    cwd: side.tree,
    env: { ...process.env, DATABASE_URL: side.url, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    const ready = await fetch(`http://127.0.0.1:${side.port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${side.label}: the server did not start on port ${side.port}`);
}

async function pagesOf(side: Side): Promise<string[]> {
  const db = await openPostgres(side.url);
  try {
    // The same 200 documents on both sides, whatever ids their loads gave them.
    const rows = await db.query<{ id: number }>(sql`select id from documents order by md5(doc_number || title) limit 200`);
    return rows.map((row) => `/documents/${row.id}`);
  } finally {
    await db.close();
  }
}

async function round(side: Side): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${side.port}`,
    connections: 8,
    duration: seconds,
    requests: side.paths.map((path) => ({ method: 'GET', path })),
  });
  if (result.errors + result.non2xx > 0) throw new Error(`${side.label}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return result.requests.average;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main() {
  const corpusDir = join(work, `search-corpus-${count}`);
  writeSearchCorpus(corpusDir, count);
  const baseTree = checkoutBaseline();
  const baseCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: baseTree, encoding: 'utf8' }).trim();
  const headCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';

  const pgDir = join(work, 'postgres-ab');
  execFileSync(join(root, 'scripts/postgres.sh'), ['stop', pgDir]);
  execFileSync('rm', ['-rf', pgDir]);
  const adminUrl = execFileSync(join(root, 'scripts/postgres.sh'), ['start', pgDir, '55493'], { encoding: 'utf8' }).trim();
  const withDatabase = (name: string) => adminUrl.replace(/\/[^/]*$/, `/${name}`);

  const sides: Side[] = [
    { label: `baseline ${baseCommit}`, tree: baseTree, url: withDatabase('ab_base'), port: 55601, paths: [], rps: [] },
    { label: `this tree ${headCommit}${dirty ? ' + changes' : ''}`, tree: root, url: withDatabase('ab_head'), port: 55602, paths: [], rps: [] },
  ];
  try {
    const admin = await openPostgres(adminUrl);
    await admin.execScript('create database ab_base');
    await admin.execScript('create database ab_head');
    await admin.close();
    for (const side of sides) {
      const started = performance.now();
      gongkai(side, ['db', 'migrate']);
      gongkai(side, ['ingest', corpusDir, '--json']);
      console.log(`${side.label}: ${count} documents loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      side.paths = await pagesOf(side);
      await serve(side);
      await round({ ...side, rps: [] }); // warm-up, not counted
    }
    for (let r = 0; r < rounds; r++) {
      // A B, then B A: whichever runs second in a pair alternates.
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) side.rps.push(await round(side));
      console.log(`round ${r + 1}: ${sides.map((side) => `${side.label} ${side.rps.at(-1)!.toFixed(0)} req/s`).join(', ')}`);
    }
  } finally {
    for (const side of sides) side.server?.kill();
    execFileSync(join(root, 'scripts/postgres.sh'), ['stop', pgDir]);
  }

  const [base, head] = sides.map((side) => median(side.rps)) as [number, number];
  const change = ((head - base) / base) * 100;
  console.log('');
  console.log(`| document page, ${count} documents, 8 connections, ${rounds} × ${seconds} s | median req/s | rounds (req/s) |`);
  console.log('| --- | ---: | --- |');
  for (const side of sides) console.log(`| ${side.label} | ${median(side.rps).toFixed(0)} | ${side.rps.map((value) => value.toFixed(0)).join(', ')} |`);
  console.log(`\nthis tree against the baseline: ${change >= 0 ? '+' : ''}${change.toFixed(1)}% (target: no worse than -5%)`);
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
