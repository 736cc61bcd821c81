/**
 * npm run bench:ingest — throughput of parsing and ingestion over a corpus of
 * at least 200 MB made by varying the seeds (other districts, years, numbers,
 * paragraph order). Prints, side by side in one run: parse MB/s, the bare
 * jieba segmenter's MB/s over the same text (the reference), ingest into
 * PGlite and into PostgreSQL (documents/s and MB/s), and memory by quartile.
 *
 * BENCH_MB sets the corpus size; BENCH_DATABASE_URL names a PostgreSQL server,
 * otherwise one is started with scripts/postgres.sh when possible. Ends with the
 * formats table (bench/formats.bench.ts): HTML, PDF, DOCX and OFD rates.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { openPglite, openPostgres, type Database } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrator.ts';
import { createIngestService } from '../src/modules/documents/index.ts';
import { parseBytes } from '../src/modules/gazette/index.ts';
import { readSeed, seedNames } from '../test/support/corpus.ts';
import { benchFormats } from './formats.bench.ts';
import { varySeed } from '../test/support/vary.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = join(root, '.bench');
const corpusDir = join(work, 'corpus');
const targetBytes = Number(process.env.BENCH_MB ?? 200) * 1024 * 1024;
const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };
const mb = (bytes: number) => bytes / 1048576;
const rssMb = () => Math.round(mb(process.memoryUsage().rss));

function buildCorpus(): string[] {
  const manifest = join(work, 'corpus.json');
  if (existsSync(manifest)) {
    const previous = JSON.parse(readFileSync(manifest, 'utf8')) as { target: number; files: string[] };
    if (previous.target === targetBytes) return previous.files;
  }
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const seeds = seedNames.map((name) => ({ name, text: readSeed(name).toString('utf8') }));
  const files: string[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let variant = 1; bytes < targetBytes; variant++) {
    for (const seed of seeds) {
      const path = join(corpusDir, `v${String(variant).padStart(5, '0')}-${seed.name}`);
      const content = Buffer.from(varySeed(seed.text, variant));
      writeFileSync(path, content);
      files.push(path);
      bytes += content.length;
    }
  }
  writeFileSync(manifest, JSON.stringify({ target: targetBytes, files }));
  console.log(`corpus: ${files.length} files, ${mb(bytes).toFixed(0)} MB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return files;
}

interface Row {
  what: string;
  seconds: number;
  mbPerSecond: number;
  docsPerSecond: number | null;
  memory: number[];
}

function quartileSampler(total: number) {
  const marks = [0.25, 0.5, 0.75, 1].map((q) => Math.max(1, Math.floor(total * q)));
  const memory: number[] = [];
  return {
    memory,
    at(done: number) {
      if (marks.includes(done)) memory.push(rssMb());
    },
  };
}

function benchParse(files: string[]): Row & { documents: number } {
  const sampler = quartileSampler(files.length);
  let bytes = 0;
  let documents = 0;
  let parsing = 0;
  files.forEach((path, index) => {
    const content = readFileSync(path);
    const started = performance.now();
    documents += parseBytes(content, { fileName: path, limits }).documents.length;
    parsing += performance.now() - started;
    bytes += content.length;
    sampler.at(index + 1);
  });
  const seconds = parsing / 1000;
  return { what: 'parse (gongkai)', seconds, mbPerSecond: mb(bytes) / seconds, docsPerSecond: documents / seconds, memory: sampler.memory, documents };
}

function benchSegmenter(files: string[]): Row {
  const jieba = Jieba.withDict(dict);
  const sampler = quartileSampler(files.length);
  let bytes = 0;
  let segmenting = 0;
  const decoder = new TextDecoder();
  files.forEach((path, index) => {
    const content = readFileSync(path);
    const text = decoder.decode(content);
    const started = performance.now();
    jieba.cut(text, false);
    segmenting += performance.now() - started;
    bytes += content.length;
    sampler.at(index + 1);
  });
  const seconds = segmenting / 1000;
  return { what: 'segment (bare jieba, reference)', seconds, mbPerSecond: mb(bytes) / seconds, docsPerSecond: null, memory: sampler.memory };
}

async function benchIngest(what: string, db: Database, files: string[]): Promise<Row> {
  await migrate(db);
  const sampler = quartileSampler(files.length);
  const started = performance.now();
  const summary = await createIngestService(db, limits).ingest(files, { onProgress: ({ done }) => sampler.at(done) });
  const seconds = (performance.now() - started) / 1000;
  if (summary.filesFailed > 0) {
    const first = summary.outcomes.find((outcome) => outcome.error)!;
    console.log(`${what}: ${summary.filesFailed} files failed, first: ${first.error!.message}`);
  }
  return { what, seconds, mbPerSecond: mb(summary.bytes) / seconds, docsPerSecond: summary.added / seconds, memory: sampler.memory };
}

function startPostgres(): { url: string; stop(): void } | null {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const dir = join(work, 'postgres');
  rmSync(dir, { recursive: true, force: true });
  try {
    const url = execFileSync(join(root, 'scripts/postgres.sh'), ['start', dir, '55491'], { encoding: 'utf8' }).trim();
    return { url, stop: () => execFileSync(join(root, 'scripts/postgres.sh'), ['stop', dir]) };
  } catch (error) {
    console.log(`PostgreSQL could not be started (${(error as Error).message.split('\n')[0]}); set BENCH_DATABASE_URL`);
    return null;
  }
}

async function main() {
  mkdirSync(work, { recursive: true });
  const files = buildCorpus();
  const totalBytes = files.reduce((sum, path) => sum + statSync(path).size, 0);
  console.log(`corpus: ${files.length} files, ${mb(totalBytes).toFixed(0)} MB (${corpusDir})\n`);

  const rows: Row[] = [];
  const parsed = benchParse(files);
  rows.push(parsed);
  rows.push(benchSegmenter(files));

  const pgliteDir = join(work, 'pglite');
  rmSync(pgliteDir, { recursive: true, force: true });
  const pglite = await openPglite(pgliteDir);
  rows.push(await benchIngest('ingest into PGlite', pglite, files));
  await pglite.close();

  const server = startPostgres();
  if (server) {
    const admin = await openPostgres(server.url);
    await admin.execScript('drop schema if exists bench cascade; create schema bench');
    await admin.close();
    const postgres = await openPostgres(server.url, { searchPath: 'bench' });
    rows.push(await benchIngest('ingest into PostgreSQL', postgres, files));
    await postgres.close();
    server.stop();
  }

  console.log(`documents in corpus: ${parsed.documents}`);
  console.log('');
  console.log('| what | seconds | MB/s | documents/s | RSS MB at 25/50/75/100% |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    console.log(`| ${row.what} | ${row.seconds.toFixed(1)} | ${row.mbPerSecond.toFixed(1)} | ${row.docsPerSecond === null ? '' : row.docsPerSecond.toFixed(0)} | ${row.memory.join(' / ')} |`);
  }
  console.log(`\npeak RSS over the whole run: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  console.log('targets: parse >= 30 MB/s; ingest into PostgreSQL >= 5 MB/s; memory flat as the corpus grows');
  // Issue 13: each format through readDocumentFile, beside its extraction library alone.
  console.log((await benchFormats()).join('\n'));
}

await main();
