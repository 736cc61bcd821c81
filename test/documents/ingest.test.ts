import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { readSeed, seedNames, seedStartingWith, seedsDir, testLimits } from '../support/corpus.ts';
import { count, engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { extendedPolicy, tempDir } from '../support/files.ts';

async function snapshot(database: TestDatabase) {
  return database.db.query(sql`
    select d.doc_key, d.content_hash, d.updated_at, d.source_file_id, s.sha256
    from documents d join source_files s on s.id = d.source_file_id order by d.doc_key`);
}

for (const engine of engines) {
  describe(`ingest on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(async () => {
      await database.close();
    });

    it('stores every document of the seed corpus, and a second run changes nothing', async () => {
      const ingest = createIngestService(database.db, testLimits);
      const first = await ingest.ingest([seedsDir]);
      assert.equal(first.files, seedNames.length);
      assert.equal(first.filesFailed, 0);
      assert.equal(first.added, 48);
      assert.equal(await count(database.db, 'documents'), 48);
      assert.equal(await count(database.db, 'gazette_issues'), 3);
      assert.equal(await count(database.db, 'appointments'), 70);

      const before = await snapshot(database);
      const second = await ingest.ingest([seedsDir]);
      assert.deepEqual([second.added, second.updated, second.removed, second.unchanged], [0, 0, 0, 48]);
      assert.deepEqual(await snapshot(database), before);
    });

    it('links an interpretation to its policy and an extension to the policy it extends', async () => {
      const rows = await database.db.query<{ kind: string; target: string | null }>(sql`
        select r.kind, t.doc_number as target from document_relations r
        left join documents t on t.id = r.target_document_id
        where r.kind in ('interprets', 'extends') order by r.kind, t.doc_number`);
      assert.deepEqual(
        rows.filter((row) => row.kind === 'interprets').map((row) => row.target),
        ['长审规〔2021〕1号', '长市监规〔2021〕1号', '长府规〔2021〕2号'],
      );
      assert.deepEqual(rows.filter((row) => row.kind === 'extends').map((row) => row.target), [null]);
    });

    it('resolves a reference when the document it names arrives later', async () => {
      const dir = tempDir();
      try {
        const ingest = createIngestService(database.db, testLimits);
        const result = await ingest.ingest([dir.write('policy-2012.txt', extendedPolicy)]);
        assert.equal(result.added, 1);
        const [extension] = await database.db.query<{ target: string | null; effective_to: string }>(sql`
          select t.doc_number as target, r.effective_to from document_relations r
          left join documents t on t.id = r.target_document_id where r.kind = 'extends'`);
        assert.deepEqual(extension, { target: '沪府办发〔2012〕20号', effective_to: '2022-03-31' });
      } finally {
        dir.remove();
      }
    });

    it('updates a corrected file in place instead of duplicating its documents', async () => {
      const dir = tempDir();
      try {
        const name = seedStartingWith('003');
        const original = readSeed(name).toString('utf8');
        const corrected = original.replace('2017年,本市无偿献血总量达到43.9万人份', '2017年,本市无偿献血总量达到44万人份');
        assert.notEqual(corrected, original);
        const ingest = createIngestService(database.db, testLimits);
        const before = await count(database.db, 'documents');
        const result = await ingest.ingest([dir.write(name, corrected)]);
        assert.deepEqual([result.added, result.updated, result.removed, result.unchanged], [0, 1, 0, 11]);
        assert.equal(await count(database.db, 'documents'), before);
        const [row] = await database.db.query<{ body_text: string }>(sql`select body_text from documents where doc_number = '沪府办发〔2017〕29号'`);
        assert.match(row!.body_text, /44万人份/);

        // A correction that drops a document removes it from the store.
        const withoutLast = corrected.slice(0, corrected.indexOf('上海市人民政府办公厅关于印发 《2016 年度')) +
          corrected.slice(corrected.indexOf('上海市人民政府公报\n\n2017年第9期'));
        const dropped = await ingest.ingest([dir.write(name, withoutLast.replace(/\n.*2016 年度上海市政务公开考核评估结果.*\t\(35\)/g, ''))]);
        assert.equal(dropped.filesFailed, 0, JSON.stringify(dropped.outcomes[0]?.error));
        assert.equal(dropped.removed, 1);
        assert.equal(await count(database.db, 'documents'), before - 1);
      } finally {
        dir.remove();
      }
    });

    it('refuses bad files with their reason, ingests the rest, and leaves the store as it was', async () => {
      const dir = tempDir();
      try {
        dir.write('a-empty.txt', '');
        // PNG's signature and then garbage: an image, and a broken one (the OCR path says so).
        dir.write('b-binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 0, 0xff]));
        const good = readSeed(seedStartingWith('003')).toString('utf8').replace(/(沪府(?:办)?发)〔2017〕\s*(\d+)\s*号/g, '$1〔2018〕$2号');
        dir.write('c-good.txt', good.replace('第9期(总第393期)', '第10期(总第394期)'));
        const cut = readSeed(seedStartingWith('000'));
        dir.write('d-cut.txt', cut.subarray(0, Math.floor(cut.length * 0.4)));
        const lines = cut.toString('utf8').split('\n');
        dir.write('e-cut.txt', lines.slice(0, Math.floor(lines.length * 0.5)).join('\n'));
        const before = await snapshot(database);
        const result = await createIngestService(database.db, testLimits).ingest([dir.path]);
        const failures = Object.fromEntries(result.outcomes.filter((o) => o.error).map((o) => [o.path.split('/').pop(), o.error!.code]));
        assert.deepEqual(failures, {
          'a-empty.txt': 'file_empty',
          'b-binary.txt': 'file_corrupt',
          'd-cut.txt': 'file_truncated',
          'e-cut.txt': 'file_truncated',
        });
        assert.equal(result.added, 12);
        const afterRows = await snapshot(database);
        assert.deepEqual(afterRows.filter((row) => !String(row.doc_key).includes('2018')), before);
      } finally {
        dir.remove();
      }
    });
  });
}
