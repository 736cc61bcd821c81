/**
 * npm run bench:search — search over a library of at least 200,000 documents
 * made from the seeds, loaded through the real bulk ingest (`gongkai ingest --bulk`) into PostgreSQL and
 * PGlite (the load rate printed by tenth of the store), queried through the HTTP API: p50/p95/p99 latency of 50+ realistic
 * queries, throughput under load (autocannon), and the document page's
 * requests per second beside nginx (Debian's, started and stopped here)
 * serving the same rendered pages as static files, and the same pages
 * revalidated by their ETag (304). Side by side, in the same run and on the same
 * documents: SQLite FTS5 with the trigram tokenizer and an in-memory
 * FlexSearch index, with the recall@10 of each against an exact substring scan.
 *
 * BENCH_DOCS sets the number of documents (default 200000); BENCH_DATABASE_URL
 * names a PostgreSQL server, otherwise one is started with scripts/postgres.sh;
 * BENCH_ENGINES=postgres (or pglite) loads only one of the two stores;
 * BENCH_REUSE=1 measures stores a previous run loaded (same BENCH_DOCS) without loading again;
 * BENCH_COMPARE=0 leaves out FTS5 and FlexSearch (for quick runs; their figures then are missing);
 * BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of every statement the first query of each kind
 * runs (and of each filtered query), in-process on the PostgreSQL or PGlite store just measured;
 * BENCH_REPLICA=1 measures PostgreSQL once more with the reads on a streaming replica (DATABASE_READ_URL),
 * one made with scripts/postgres.sh replica, or BENCH_READ_URL's (a replica of BENCH_DATABASE_URL).
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import { createContext, type AppContext } from '../src/app.ts';
import { bulkProgressLine } from '../src/cli/ingest.command.ts';
import { loadConfig } from '../src/core/config.ts';
import { openPglite, openPostgres, type Database as Db } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrator.ts';
import { routeReads } from '../src/core/db/replicas.ts';
import { sql } from '../src/core/db/sql.ts';
import { todayInChina, type BulkProgress } from '../src/modules/documents/index.ts';
import { createSearchService, readSearchParams } from '../src/modules/search/index.ts';
import { buildServer } from '../src/server/server.ts';
import { writeSearchCorpus, type BenchDocument } from './search.corpus.ts';
import { explainingDatabase } from './explain.support.ts';
import { benchWork, loadInChild, percentile, printSteps, productionSettings, startBenchPostgres, startBenchReplica, stepsOf, type Step } from './bench.support.ts';
import { startNginx } from './nginx.support.ts';

const count = Number(process.env.BENCH_DOCS ?? 200_000);
const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };
const reuse = process.env.BENCH_REUSE === '1';

interface Query {
  label: string;
  q: string;
  /** Extra API parameters (filters, sort). */
  params?: Record<string, string>;
  /** What must appear in a document for the substring scan to count it (all of them). */
  needles: string[];
}

function queries(documents: BenchDocument[]): Query[] {
  const words = ['行政协助', '政务公开', '审计', '公共数据', '托育', '危险化学品', '无偿献血', '节能', '品牌', '知识产权', '监管', '执法', '数据共享', '信息公开', '应急', '质量', '营商环境', '网格化', '投资项目', '街道办事处'];
  const pairs = [['公共数据', '开放'], ['审计', '整改'], ['行政协助', '请求'], ['政务公开', '考核'], ['医疗', '监管'], ['托育', '服务'], ['安全', '生产'], ['信用', '信息'], ['数据', '共享'], ['执法', '监督'], ['质量', '提升'], ['品牌', '建设']];
  const phrases = ['行政协助请求', '公共数据开放', '审计整改', '政务公开工作要点', '危险化学品安全', '一网通办', '被请求机关', '责任单位', '信息公开', '综合监管'];
  const numbered = [documents[7]!, documents[Math.floor(documents.length / 3)]!, documents[documents.length - 5]!];
  const loose = (number: string) => [number, number.replace('〔', '[').replace('〕', ']'), number.replace(/〔(\d{4})〕/, '$1 ')];
  return [
    ...words.map((w) => ({ label: 'one word', q: w, needles: [w] })),
    ...pairs.map((p) => ({ label: 'two words', q: p.join(' '), needles: p })),
    ...phrases.map((p) => ({ label: 'phrase', q: `"${p}"`, needles: [p] })),
    ...numbered.flatMap((d) => loose(d.docNumber).map((q) => ({ label: 'document number', q, needles: [d.docNumber] }))),
    { label: 'filtered', q: '行政协助', params: { validity: '现行有效' }, needles: [] },
    { label: 'filtered', q: '政务公开', params: { year: '2019' }, needles: [] },
    { label: 'filtered', q: '审计', params: { issuer: '上海市静安区审计局' }, needles: [] },
    { label: 'filtered', q: '公共数据', params: { sort: 'date' }, needles: [] },
    { label: 'filtered', q: '监管', params: { type: '意见', validity: '已失效' }, needles: [] },
    { label: 'filtered', q: '', params: { year: '2020', sort: 'date' }, needles: [] },
  ];
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};
const ms = (value: number) => value.toFixed(1);

/** Exact substring scan: the documents containing every needle. */
function truthOf(documents: BenchDocument[], query: Query): Set<string> {
  const found = new Set<string>();
  for (const document of documents) if (query.needles.every((needle) => document.text.includes(needle))) found.add(document.docNumber);
  return found;
}

function recallAt10(top: string[], truth: Set<string>): number {
  const hits = top.slice(0, 10).filter((number) => truth.has(number)).length;
  return hits / Math.min(10, truth.size);
}

interface Engine {
  name: string;
  search(query: Query): string[] | Promise<string[]>;
}

async function measure(engine: Engine, list: Query[], truths: Map<Query, Set<string>>, rounds: number) {
  const samples: number[] = [];
  const recalls: number[] = [];
  const byLabel = new Map<string, number[]>();
  for (const query of list) {
    let top: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      top = await engine.search(query);
      const elapsed = performance.now() - started;
      if (round > 0 || rounds === 1) {
        samples.push(elapsed);
        byLabel.set(query.label, [...(byLabel.get(query.label) ?? []), elapsed]);
      }
    }
    const truth = truths.get(query);
    if (truth && truth.size > 0) recalls.push(recallAt10(top, truth));
  }
  for (const [label, values] of byLabel) {
    const kind = summary(values);
    kindRows.push(`| ${engine.name} | ${label} | ${values.length} | ${ms(kind.p50)} | ${ms(kind.p95)} | ${ms(kind.p99)} |`);
  }
  return { ...summary(samples), recall: recalls.reduce((a, b) => a + b, 0) / recalls.length };
}

/** Latency by kind of query, for every engine measured (printed at the end). */
const kindRows: string[] = [];
/** The load rate by tenth of the store, for every store loaded (printed at the end). */
const loadTables: { name: string; steps: Step[]; seconds: number; added: number }[] = [];

/** BENCH_EXPLAIN=1: the plans of the first query of each kind, run in-process on the store just measured. */
async function printPlans(db: Db, list: Query[]) {
  const explaining = explainingDatabase(db);
  const search = createSearchService(explaining.db);
  const firsts = [...new Map(list.map((query) => [query.label, query] as const)).values()];
  const filtered = list.filter((query) => query.label === 'filtered');
  for (const query of [...firsts.filter((query) => query.label !== 'filtered'), ...filtered]) {
    await search.search(readSearchParams({ q: query.q, pageSize: '10', ...query.params }, todayInChina()));
    console.log(`\n### EXPLAIN: ${query.label}: ${JSON.stringify({ q: query.q, ...query.params })}`);
    for (const plan of explaining.takePlans()) console.log(plan);
  }
}

/** Requests per second under 8 connections for 10 s, the load generated by a child process (loadInChild). */
async function throughput(url: string, paths: string[]) {
  const result = await loadInChild(url, paths);
  return { rps: result.rps, p50: result.p50, p99: result.p99, errors: result.errors + result.non2xx };
}

/** The page cache's age in the run that measures it (PAGE_CACHE_SECONDS); a change to the library drops it sooner. */
const pageCacheSeconds = 300;

/**
 * The HTTP ceiling in the same run: the same document pages, their bytes as
 * Gongkai rendered them, served as static files by nginx; and Gongkai
 * answering browsers that already hold the page (If-None-Match, 304).
 */
async function besideNginx(db: Db, base: string, paths: string[]) {
  const root = join(benchWork, 'nginx-pages');
  execFileSync('rm', ['-rf', root]);
  mkdirSync(join(root, 'documents'), { recursive: true });
  const revalidations: { path: string; headers: Record<string, string> }[] = [];
  for (const path of paths) {
    const response = await fetch(`${base}${path}`);
    writeFileSync(join(root, path), Buffer.from(await response.arrayBuffer()));
    revalidations.push({ path, headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
  }
  const revalidated = await loadInChild(base, revalidations);
  const cachedServer = buildServer(await createContext(loadConfig({ PAGE_CACHE_SECONDS: String(pageCacheSeconds) }), { db, migrate: false }));
  await cachedServer.listen({ host: '127.0.0.1', port: 0 });
  const cached = await throughput(`http://127.0.0.1:${(cachedServer.server.address() as AddressInfo).port}`, paths);
  await cachedServer.close();
  const nginx = await startNginx(root, join(benchWork, 'nginx'), 55496);
  let nginxRps: number | null = null;
  let errors = revalidated.errors + revalidated.non2xx - revalidated.notModified + cached.errors;
  if (nginx) {
    try {
      const stat = await throughput(nginx.url, paths);
      nginxRps = stat.rps;
      errors += stat.errors;
    } finally {
      nginx.stop();
    }
  }
  return { revalidated: revalidated.rps, cached: cached.rps, nginx: nginxRps, errors };
}

function loadFts5(documents: BenchDocument[]): Engine {
  const db = new Database(':memory:');
  db.exec("create virtual table docs using fts5(text, tokenize = 'trigram')");
  const insert = db.prepare('insert into docs(rowid, text) values (?, ?)');
  db.transaction(() => documents.forEach((document, index) => insert.run(index + 1, document.text)))();
  return {
    name: 'SQLite FTS5 (trigram)',
    search(query) {
      const long = query.needles.filter((needle) => needle.length >= 3);
      const short = query.needles.filter((needle) => needle.length < 3);
      // Trigrams cannot index a two-character word: those fall back to LIKE, a scan.
      const conditions = [...(long.length > 0 ? ['docs match ?'] : []), ...short.map(() => 'text like ?')];
      const values = [...(long.length > 0 ? [long.map((needle) => `"${needle}"`).join(' AND ')] : []), ...short.map((needle) => `%${needle}%`)];
      const order = long.length > 0 ? 'order by rank' : '';
      const rows = db.prepare(`select rowid from docs where ${conditions.join(' and ') || '1'} ${order} limit 10`).all(...values) as { rowid: number }[];
      return rows.map((row) => documents[row.rowid - 1]!.docNumber);
    },
  };
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u4e00-\u9fff]+|[a-z0-9]+/gi) ?? []) {
    if (run.length < 2 || !/[\u4e00-\u9fff]/.test(run)) out.push(run);
    else for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

function loadFlexSearch(documents: BenchDocument[]): Engine {
  const index = new FlexSearch.Index({ tokenize: 'strict', encode: bigrams, resolution: 3 });
  documents.forEach((document, i) => index.add(i, document.text));
  return {
    name: 'FlexSearch (in memory, bigrams)',
    search(query) {
      const ids = index.search(query.needles.join(' '), { limit: 10 }) as number[];
      return ids.map((id) => documents[id]!.docNumber);
    },
  };
}


/** The store loaded as an operator loads a back catalogue (`gongkai ingest --bulk`), its progress kept to tell the rate as it grows. */
async function bulkLoad(context: AppContext, name: string, corpusDir: string) {
  const marks: BulkProgress[] = [];
  const summary = await context.ingest.ingestBulk([corpusDir], {
    onBatch: (progress) => {
      marks.push(progress);
      if (marks.length % 20 === 0 || progress.files === progress.total) process.stderr.write(`${name}: ${bulkProgressLine(progress)}\n`);
    },
  });
  return { added: summary.added, failed: summary.filesFailed, marks };
}

async function gongkaiEngine(name: string, db: Db, corpusDir: string, options: { load?: boolean; env?: Record<string, string> } = {}) {
  await migrate(db);
  const context = await createContext(loadConfig(options.env ?? {}), { db, migrate: false });
  const started = performance.now();
  const load = reuse || options.load === false ? { added: 0, failed: 0, marks: [] } : await bulkLoad(context, name, corpusDir);
  const loadSeconds = (performance.now() - started) / 1000;
  await db.execScript('analyze');
  const server = buildServer(context);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const pathOf = (query: Query) => `/api/search?${new URLSearchParams({ q: query.q, pageSize: '10', ...query.params })}`;
  const engine: Engine = {
    name,
    async search(query) {
      const response = await fetch(base + pathOf(query));
      const body = (await response.json()) as { items: { docNumber: string }[] };
      return body.items.map((item) => item.docNumber);
    },
  };
  return { engine, base, pathOf, server, loadSeconds, ...load };
}

/** The same measures with DATABASE_READ_URL set: the primary loaded above, its reads on a streaming replica. */
async function measureOnReplica(primaryUrl: string, corpusDir: string, list: Query[], truths: Map<Query, Set<string>>, pages: string[]): Promise<(string | number)[]> {
  const replica = startBenchReplica('postgres-search-replica', 55499, primaryUrl);
  const name = 'gongkai on PostgreSQL, reads on a replica';
  try {
    const open = (url: string) => openPostgres(url, { searchPath: 'bench_search' });
    const db = routeReads(await open(primaryUrl), [{ name: 'replica 1', db: await open(replica.url) }]);
    const env = { DATABASE_URL: primaryUrl, DATABASE_READ_URL: replica.url, DATABASE_READ_HEADER: 'on' };
    const gongkai = await gongkaiEngine(name, db, corpusDir, { load: false, env });
    const served = (await fetch(gongkai.base + gongkai.pathOf(list[0]!))).headers.get('x-read-from');
    console.log(`${name}: the first search read from ${served}`);
    const latency = await measure(gongkai.engine, list, truths, 4);
    const load = await throughput(gongkai.base, list.map(gongkai.pathOf));
    const page = await throughput(gongkai.base, pages);
    await gongkai.server.close();
    await db.close();
    return [name, ms(latency.p50), ms(latency.p95), ms(latency.p99), latency.recall.toFixed(3), load.rps.toFixed(0), page.rps.toFixed(0), '', '', '', load.errors + page.errors];
  } finally {
    replica.stop();
  }
}

async function compare(documents: BenchDocument[], list: Query[], truths: Map<Query, Set<string>>, row: (cells: (string | number)[]) => void) {
  let started = performance.now();
  const fts5 = loadFts5(documents);
  console.log(`FTS5: indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const ftsResult = await measure(fts5, list.filter((q) => !q.params), truths, 4);
  row([fts5.name, ms(ftsResult.p50), ms(ftsResult.p95), ms(ftsResult.p99), ftsResult.recall.toFixed(3), '', '', '', '', '', '']);

  started = performance.now();
  const flex = loadFlexSearch(documents);
  console.log(`FlexSearch: indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const flexResult = await measure(flex, list.filter((q) => !q.params), truths, 4);
  row([flex.name, ms(flexResult.p50), ms(flexResult.p95), ms(flexResult.p99), flexResult.recall.toFixed(3), '', '', '', '', '', '']);
}

async function main() {
  const corpusDir = join(benchWork, `search-corpus-${count}`);
  let started = performance.now();
  const documents = writeSearchCorpus(corpusDir, count);
  const megabytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0) / 1048576;
  console.log(`corpus: ${documents.length} documents, ${megabytes.toFixed(0)} MB, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const list = queries(documents);
  const truths = new Map(list.filter((q) => q.needles.length > 0).map((q) => [q, truthOf(documents, q)] as const));
  console.log(`queries: ${list.length} (${list.filter((q) => q.params).length} with filters); substring-scan truth for ${truths.size}`);
  const documentCount = documents.length;
  // Without the in-memory peers the texts are needed no more: a heap of gigabytes would slow the server measured here.
  if (process.env.BENCH_COMPARE === '0') documents.length = 0;

  const rows: string[] = [];
  const row = (cells: (string | number)[]) => rows.push(`| ${cells.join(' | ')} |`);

  const wanted = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',');
  const postgres = startBenchPostgres('postgres-search', 55498, { reuse, settings: productionSettings });
  console.log(`PostgreSQL settings beyond the defaults: ${process.env.BENCH_DATABASE_URL ? '(the server named by BENCH_DATABASE_URL)' : productionSettings.join(', ')}`);
  if (!reuse && wanted.includes('postgres')) {
    const admin = await openPostgres(postgres.url);
    await admin.execScript('drop schema if exists bench_search cascade; create schema bench_search');
    await admin.close();
  }
  const stores = [
    ['postgres', 'gongkai on PostgreSQL', () => openPostgres(postgres.url, { searchPath: 'bench_search' })],
    ['pglite', 'gongkai on PGlite', () => openPglite(join(benchWork, 'pglite-search'))],
  ] as const;
  for (const [, name, open] of stores.filter(([key]) => wanted.includes(key))) {
    if (!reuse) execFileSync('rm', ['-rf', join(benchWork, 'pglite-search')]);
    const db = await open();
    const gongkai = await gongkaiEngine(name, db, corpusDir);
    console.log(`${name}: loaded ${gongkai.added} documents in ${gongkai.loadSeconds.toFixed(0)} s (${(gongkai.added / gongkai.loadSeconds).toFixed(0)} documents/s; ${gongkai.failed} files failed)`);
    if (gongkai.marks.length > 0) loadTables.push({ name, steps: stepsOf(gongkai.marks, gongkai.added, 10), seconds: gongkai.loadSeconds, added: gongkai.added });
    const latency = await measure(gongkai.engine, list, truths, 4);
    if (process.env.BENCH_EXPLAIN === '1') await printPlans(db, list);
    const load = await throughput(gongkai.base, list.map(gongkai.pathOf));
    const ids = await db.query<{ id: number }>(sql`select id from documents order by random() limit 200`);
    const pages = ids.map((r) => `/documents/${r.id}`);
    const page = await throughput(gongkai.base, pages);
    const ceiling = await besideNginx(db, gongkai.base, pages);
    const share = (rps: number) => (ceiling.nginx ? `${((rps / ceiling.nginx) * 100).toFixed(0)}%` : '—');
    row([
      name, ms(latency.p50), ms(latency.p95), ms(latency.p99), latency.recall.toFixed(3), load.rps.toFixed(0),
      `${page.rps.toFixed(0)} (${share(page.rps)})`, `${ceiling.cached.toFixed(0)} (${share(ceiling.cached)})`, ceiling.revalidated.toFixed(0), ceiling.nginx?.toFixed(0) ?? '—',
      load.errors + page.errors + ceiling.errors,
    ]);
    await gongkai.server.close();
    await db.close();
    if (name === 'gongkai on PostgreSQL' && process.env.BENCH_REPLICA === '1') row(await measureOnReplica(postgres.url, corpusDir, list, truths, ids.map((r) => `/documents/${r.id}`)));
  }
  postgres.stop();

  if (process.env.BENCH_COMPARE === '0') rows.push('| (FTS5 and FlexSearch left out: BENCH_COMPARE=0) | | | | | | | | | | |');
  else await compare(documents, list, truths, row);

  console.log('');
  console.log(`| engine (${documentCount} documents) | search p50 ms | p95 ms | p99 ms | recall@10 | search req/s (8 connections) | document page req/s (share of nginx) | with PAGE_CACHE_SECONDS=${pageCacheSeconds} | same pages revalidated (304) req/s | nginx, same bytes, req/s | errors |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const line of rows) console.log(line);
  console.log('\n| engine | kind of query | queries | p50 ms | p95 ms | p99 ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const line of kindRows) console.log(line);
  for (const table of loadTables) {
    printSteps(`${table.name}: ingest --bulk, 0 → ${table.added.toLocaleString('en')} documents, rate over each tenth of the store`, table.steps);
    const at = (share: number) => table.steps[Math.round(share * table.steps.length) - 1]?.docsPerSecond.toFixed(0) ?? '—';
    console.log(`\nrate at 10 % / 50 % / 100 % of the store: ${at(0.1)} / ${at(0.5)} / ${at(1)} documents/s; overall ${(table.added / table.seconds).toFixed(0)} documents/s (${(table.seconds / 60).toFixed(1)} min)`);
  }
  console.log('\ngongkai latencies are through the HTTP API (one request at a time, after a warm-up); FTS5 and FlexSearch are in-process calls.');
  console.log('targets on PostgreSQL at 200k: search p95 <= 50 ms (every kind <= 50 ms p95 and <= 150 ms p99 at 1,000,000); recall@10 >= 0.95; document page >= 1,000 req/s and >= 30% of nginx serving the same bytes');
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
