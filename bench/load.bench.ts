/**
 * npm run bench:load — the bulk load (`gongkai ingest --bulk`) from an empty
 * PostgreSQL store to BENCH_DOCS documents (default 100,000), made by the
 * search benchmark's generator (bench/search.corpus.ts): the ingest rate at
 * each tenth of the load (documents/s and MB/s while the store grows through
 * that tenth), the ratio of the last tenth's rate to the first's (target:
 * within 2×), and side by side in the same run the ordinary per-file ingest
 * on a slice of the same corpus (BENCH_SLICE_DOCS, default a tenth), by
 * quarter. Prints the tables in Markdown.
 *
 * BENCH_DATABASE_URL names a PostgreSQL server, otherwise one is started with
 * scripts/postgres.sh; BENCH_PER_FILE sets the documents per file (default 20);
 * BENCH_BATCH the files per batch (default the CLI's).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres, type Database } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrator.ts';
import { createIngestService, type BulkProgress } from '../src/modules/documents/index.ts';
import { benchWork, mb, printSteps, productionSettings, startBenchPostgres, stepsOf } from './bench.support.ts';
import { writeSearchCorpus } from './search.corpus.ts';

const count = Number(process.env.BENCH_DOCS ?? 100_000);
const perFile = Number(process.env.BENCH_PER_FILE ?? 20);
const sliceDocs = Number(process.env.BENCH_SLICE_DOCS ?? Math.round(count / 10));
const batchFiles = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const limits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };

/** The corpus, written once per size (a later run with the same size reuses it). */
function corpusFiles(): string[] {
  const dir = join(benchWork, 'load-corpus');
  const manifest = join(benchWork, 'load-corpus.json');
  const wanted = { count, perFile };
  if (!existsSync(manifest) || readFileSync(manifest, 'utf8') !== JSON.stringify(wanted)) {
    const started = performance.now();
    writeSearchCorpus(dir, count, perFile);
    writeFileSync(manifest, JSON.stringify(wanted));
    console.log(`corpus: ${count} documents written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return readdirSync(dir).sort().map((name) => join(dir, name));
}

async function freshSchema(url: string, schema: string): Promise<Database> {
  const admin = await openPostgres(url);
  await admin.execScript(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await admin.close();
  const db = await openPostgres(url, { searchPath: schema });
  await migrate(db);
  return db;
}

async function main() {
  mkdirSync(benchWork, { recursive: true });
  const files = corpusFiles();
  const server = startBenchPostgres('load-postgres', 55487, { settings: productionSettings });
  try {
    const bulkDb = await freshSchema(server.url, 'bench_load');
    const marks: BulkProgress[] = [];
    const bulk = await createIngestService(bulkDb, limits).ingestBulk(files, {
      batchFiles,
      onBatch: (progress) => {
        marks.push(progress);
        process.stderr.write(`  bulk: ${progress.documents} documents, ${progress.seconds.toFixed(0)} s\n`);
      },
    });
    await bulkDb.close();
    const bulkSeconds = marks.at(-1)!.seconds;

    // The ordinary per-file path on the first files of the same corpus, into an empty store of its own.
    const slice = files.slice(0, Math.max(1, Math.round(sliceDocs / perFile)));
    const fileDb = await freshSchema(server.url, 'bench_load_per_file');
    const fileMarks: BulkProgress[] = [];
    const sliceStarted = performance.now();
    let sliceBytes = 0;
    let sliceDone = 0;
    const ingest = createIngestService(fileDb, limits);
    const perFileSummary = await ingest.ingest(slice, {
      onProgress: ({ done }) => {
        if (done === 0 || done === sliceDone) return;
        for (; sliceDone < done; sliceDone++) sliceBytes += readFileSync(slice[sliceDone]!).length;
        fileMarks.push({ files: done, total: slice.length, documents: done * perFile, bytes: sliceBytes, seconds: (performance.now() - sliceStarted) / 1000, writeSeconds: Number.NaN });
      },
    });
    const sliceSeconds = (performance.now() - sliceStarted) / 1000;
    fileMarks.push({ files: slice.length, total: slice.length, documents: perFileSummary.added, bytes: perFileSummary.bytes, seconds: sliceSeconds, writeSeconds: Number.NaN });
    await fileDb.close();

    const steps = stepsOf(marks, bulk.added, 10);
    console.log(`\ncorpus: ${files.length} files, ${perFile} documents each; bulk batches of ${batchFiles ?? 'default'} files`);
    printSteps(`ingest --bulk into PostgreSQL, 0 → ${bulk.added.toLocaleString('en')} documents (rate over each tenth)`, steps);
    const ratio = steps[0]!.docsPerSecond / steps.at(-1)!.docsPerSecond;
    const writeRatio = steps[0]!.writtenPerSecond / steps.at(-1)!.writtenPerSecond;
    console.log(`\nbulk: ${bulk.added} documents in ${bulkSeconds.toFixed(1)} s = ${(bulk.added / bulkSeconds).toFixed(0)} documents/s overall, ${mb(bulk.bytes / bulkSeconds).toFixed(2)} MB/s; writing ${marks.at(-1)!.writeSeconds.toFixed(1)} s of it; failed files: ${bulk.filesFailed}`);
    console.log(`first tenth's rate / last tenth's: ${ratio.toFixed(2)} overall, ${writeRatio.toFixed(2)} for the writing alone (target: at most 2)`);
    printSteps(`per-file ingest (the ordinary path) into PostgreSQL, 0 → ${perFileSummary.added.toLocaleString('en')} documents (rate over each quarter)`, stepsOf(fileMarks, perFileSummary.added, 4));
    const early = marks.find((mark) => mark.documents >= perFileSummary.added) ?? marks.at(-1)!;
    console.log(`\nper-file: ${perFileSummary.added} documents in ${sliceSeconds.toFixed(1)} s = ${(perFileSummary.added / sliceSeconds).toFixed(0)} documents/s`);
    console.log(`bulk over its first ${early.documents} documents: ${(early.documents / early.seconds).toFixed(0)} documents/s (${(early.documents / early.seconds / (perFileSummary.added / sliceSeconds)).toFixed(1)}× the per-file rate)`);
  } finally {
    server.stop();
  }
}

await main();
