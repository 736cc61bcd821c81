import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPglite, openPostgres, type Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { killCliWhen, runCli } from '../support/cli.ts';
import { readSeed, seedNames, testLimits } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { extendedPolicy, tempDir } from '../support/files.ts';
import { varySeed } from '../support/vary.ts';

/**
 * The bulk load (`ingest --bulk`) against the ordinary per-file ingest: the
 * same store from the same files, a re-run that stores nothing twice, a bad
 * file set aside by name, and a killed run that leaves whole batches only.
 */

/** Everything the two modes must agree on, by keys rather than ids (ids follow the order of writing). */
async function storeState(db: Database) {
  return {
    sources: await db.query(sql`
      select s.source_key, s.sha256, s.document_count, s.kind, s.warnings::text, s.file_name, g.title as gazette
      from source_files s left join gazette_issues g on g.source_file_id = s.id order by s.source_key`),
    documents: await db.query(sql`
      select d.doc_key, d.content_hash, d.seq, d.doc_number, d.title, s.source_key, d.repealed_on, d.extended_to, d.amended_on,
        d.index_issuer, d.index_year, d.body_text
      from documents d join source_files s on s.id = d.source_file_id order by d.doc_key`),
    relations: await db.query(sql`
      select d.doc_key, r.kind, r.target_doc_number, r.target_title, r.effective_to, t.doc_number as target_number
      from document_relations r join documents d on d.id = r.document_id left join documents t on t.id = r.target_document_id
      order by d.doc_key, r.kind, r.target_doc_number, r.target_title`),
    searchEntries: await db.query(sql`
      select d.doc_key, e.signed_on, e.issuer, e.doc_type, e.normative, e.search_vector::text as search_vector,
        e.title_vector::text as title_vector, e.effective_from, e.effective_to, e.repealed_on, e.extended_to, e.amended_on,
        g.title as gazette, e.doc_number_prefix, e.doc_number_year, e.doc_number_serial
      from search_entries e join documents d on d.id = e.document_id left join gazette_issues g on g.id = e.gazette_issue_id
      order by d.doc_key`),
    appointments: await db.query(sql`
      select d.doc_key, a.seq, a.person, a.post, a.action from appointments a join documents d on d.id = a.document_id order by d.doc_key, a.seq`),
    tasks: await db.query(sql`
      select d.doc_key, t.seq, t.text, t.lead_units, t.due from document_tasks t join documents d on d.id = t.document_id order by d.doc_key, t.seq`),
    indexNumbers: await db.query(sql`
      select index_issuer, index_year, count(*)::int as n, count(distinct index_serial)::int as serials, max(index_serial) as last
      from documents group by index_issuer, index_year order by index_issuer, index_year`),
    terms: await db.query(sql`select term from search_terms order by term`),
    agencies: await db.query(sql`select name from agencies order by name`),
  };
}

type StoreState = Awaited<ReturnType<typeof storeState>>;

/** Table by table, so that a difference names its table, its first differing row and the columns that differ. */
function assertSameStore(actual: StoreState, expected: StoreState, tables = Object.keys(expected) as (keyof StoreState)[]): void {
  for (const table of tables) {
    assert.equal(actual[table].length, expected[table].length, `${table}: rows`);
    const index = expected[table].findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(actual[table][i]));
    if (index < 0) continue;
    const [want, got] = [expected[table][index]!, actual[table][index]!] as Record<string, unknown>[];
    const columns = Object.keys(want!).filter((column) => JSON.stringify(want![column]) !== JSON.stringify(got![column]));
    const show = (row: Record<string, unknown>) => JSON.stringify(Object.fromEntries(columns.map((column) => [column, String(row[column]).slice(0, 120)])));
    assert.fail(`${table}: row ${index} (${JSON.stringify(want!.doc_key ?? want!.source_key ?? '')}) differs in ${columns.join(', ')}: ${show(got!)} instead of ${show(want!)}`);
  }
}

/** The seeds, three varied copies of each, and a policy that a seed's document extends. */
function writeCorpus(dir: ReturnType<typeof tempDir>): void {
  for (const name of seedNames) dir.write(name, readSeed(name));
  for (let variant = 1; variant <= 3; variant++) {
    for (const name of seedNames) dir.write(`v${variant}-${name}`, varySeed(readSeed(name).toString('utf8'), variant));
  }
  dir.write('policy-2012.txt', extendedPolicy);
}

for (const engine of engines) {
  describe(`ingest --bulk on ${engine}`, () => {
    const corpus = tempDir();
    let reference: TestDatabase;
    let database: TestDatabase;
    before(async () => {
      writeCorpus(corpus);
      reference = await openTestDatabase(engine);
      database = await openTestDatabase(engine);
      await createIngestService(reference.db, testLimits).ingest([corpus.path]);
    });
    after(async () => {
      await reference.close();
      await database.close();
      corpus.remove();
    });

    it('stores the same documents, relations and search entries as the per-file mode, batch by batch', async () => {
      const batches: number[] = [];
      const summary = await createIngestService(database.db, testLimits).ingestBulk([corpus.path], {
        batchFiles: 4,
        onBatch: (progress) => batches.push(progress.files),
      });
      assert.equal(summary.filesFailed, 0);
      assert.equal(summary.files, seedNames.length * 4 + 1);
      // Batches of four files: the relations between files of different batches resolve too.
      assert.deepEqual(batches, Array.from({ length: Math.ceil(summary.files / 4) }, (_, i) => Math.min(summary.files, (i + 1) * 4)));
      const expected = await storeState(reference.db);
      assert.ok(expected.documents.length > 150 && expected.relations.length > 20);
      assert.ok(expected.relations.some((row) => (row as { target_number: string | null }).target_number !== null));
      assertSameStore(await storeState(database.db), expected);
      // The search indexes are left with nothing pending: a search reads a pending list whole.
      const pending = await database.db.query<{ index: string; pages: number }>(sql`
        select c.relname as index, gin_clean_pending_list(i.indexrelid)::int as pages
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
        where i.indrelid = 'search_entries'::regclass and a.amname = 'gin' order by c.relname`);
      assert.deepEqual(pending.map((row) => row.index), ['search_entries_title_facets_idx', 'search_entries_words_facets_idx']);
      assert.deepEqual(pending.map((row) => row.pages), [0, 0]);
    });

    it('stores nothing twice when run again', async () => {
      const before = await storeState(database.db);
      const again = await createIngestService(database.db, testLimits).ingestBulk([corpus.path], { batchFiles: 21 });
      // The variants of one gazette issue share its source key (corrections of one another): each re-run
      // rewrites that issue as often as the per-file mode does, and ends with the same text.
      const perFile = await createIngestService(reference.db, testLimits).ingest([corpus.path]);
      const counts = (summary: typeof again) => [summary.files, summary.filesFailed, summary.added, summary.updated, summary.unchanged, summary.removed];
      assert.deepEqual(counts(again), counts(perFile));
      assert.equal(again.outcomes.filter((outcome) => outcome.status === 'unchanged').length, again.files - seedNames.length + 1);
      const after = await storeState(database.db);
      for (const table of ['sources', 'documents', 'relations', 'searchEntries', 'appointments', 'tasks'] as const) assert.equal(after[table].length, before[table].length, table);
      assertSameStore(after, await storeState(reference.db));
    });

    it('reports a bad file by name, stores nothing of it, and the other files of its batch go in', async () => {
      const dir = tempDir();
      const fresh = await openTestDatabase(engine);
      try {
        for (let variant = 4; variant <= 5; variant++) {
          for (const name of seedNames) dir.write(`v${variant}-${name}`, varySeed(readSeed(name).toString('utf8'), variant));
        }
        dir.write('broken.txt', Buffer.from([0, 1, 2, 3, 0xff, 0]));
        dir.write('refused.txt', '上海市审计局关于故障注入的通知\n(2020年1月2日)\n沪审〔2020〕99号\n各区审计局:\n为检验批量入库的回退,本文件在写入时被数据库拒绝。\n');
        // A file the database refuses in the middle of a batch: a real trigger on the real engine.
        await fresh.db.execScript(`
          create function refuse_injected() returns trigger language plpgsql as $$
          begin
            if new.doc_number = '沪审〔2020〕99号' then raise exception 'injected failure'; end if;
            return new;
          end $$;
          create trigger refuse_injected before insert on documents for each row execute function refuse_injected();`);
        const summary = await createIngestService(fresh.db, testLimits).ingestBulk([dir.path], { batchFiles: 100 });
        const failed = summary.outcomes.filter((outcome) => outcome.status === 'failed');
        assert.deepEqual(failed.map((outcome) => outcome.path.split('/').pop()).sort(), ['broken.txt', 'refused.txt']);
        assert.match(failed.find((outcome) => outcome.path.endsWith('refused.txt'))!.error!.message, /refused\.txt: 内部错误\(injected failure\)/);
        assert.equal(summary.files, seedNames.length * 2 + 2);
        const [stored] = await fresh.db.query<{ documents: number; refused: number; partial: number }>(sql`
          select (select count(*)::int from documents) as documents,
            (select count(*)::int from source_files where file_name in ('refused.txt', 'broken.txt')) as refused,
            (select count(*)::int from source_files s
             where s.document_count <> (select count(*) from documents d where d.source_file_id = s.id)) as partial`);
        assert.deepEqual(stored, { documents: summary.added - summary.removed, refused: 0, partial: 0 });
        assert.ok(summary.added > 90);
      } finally {
        await fresh.close();
        dir.remove();
      }
    });
  });

  describe(`gongkai ingest --bulk killed on ${engine}`, () => {
    const dir = tempDir();
    const files = tempDir();
    let env: Record<string, string>;
    let closeDatabase = async () => {};
    before(async () => {
      if (engine === 'pglite') env = { DATA_DIR: join(dir.path, 'data') };
      else {
        const database = await openTestDatabase('postgres');
        env = database.env;
        closeDatabase = () => database.close();
      }
      // Thirty-two files with a source key each (the variants of seed 003 would share one: the same gazette issue).
      for (let variant = 0; variant < 8; variant++) {
        for (const name of seedNames.filter((seed) => !seed.startsWith('003'))) files.write(`v${variant}-${name}`, varySeed(readSeed(name).toString('utf8'), variant + 1));
      }
    });
    after(async () => {
      await closeDatabase();
      dir.remove();
      files.remove();
    });

    it('leaves whole batches only after SIGKILL, and a re-run completes the load', async () => {
      const open = () => (engine === 'pglite' ? openPglite(env.DATA_DIR) : openPostgres(env.DATABASE_URL!));
      const migrated = runCli(['db', 'migrate'], env);
      assert.equal(migrated.status, 0, migrated.stderr);
      const { killed, stderr } = await killCliWhen(['ingest', '--bulk', '--batch', '5', files.path], env, /批量入库 10\/32/);
      assert.ok(killed, `the load finished before it could be killed:\n${stderr}`);

      const db = await open();
      const partial = await db.query(sql`
        select s.file_name from source_files s left join documents d on d.source_file_id = s.id
        group by s.id, s.file_name, s.document_count having count(d.id) <> s.document_count`);
      assert.deepEqual(partial, []);
      const [{ n: filesAfterKill }] = (await db.query<{ n: number }>(sql`select count(*)::int as n from source_files`)) as [{ n: number }];
      assert.ok(filesAfterKill >= 10 && filesAfterKill < 32 && filesAfterKill % 5 === 0, `whole batches of five: ${filesAfterKill}`);
      await db.close();

      const rerun = runCli(['ingest', '--bulk', '--batch', '5', files.path], env);
      assert.equal(rerun.status, 0, rerun.stderr);
      assert.match(rerun.stdout, new RegExp(`文件 32 个\\(失败 0 个\\);公文 新增 \\d+ 篇、更新 0 篇、未变 \\d+ 篇`));

      const reference = await openTestDatabase('pglite');
      await createIngestService(reference.db, testLimits).ingest([files.path]);
      const expected = await storeState(reference.db);
      await reference.close();
      const final = await open();
      // Not the search vectors: the segmenter of a resumed run starts with the words the first run learned.
      assertSameStore(await storeState(final), expected, ['sources', 'documents', 'relations', 'appointments', 'tasks', 'indexNumbers', 'terms', 'agencies']);
      await final.close();
    });
  });
}

