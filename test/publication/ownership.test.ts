import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';
import { documentsCommand } from '../../src/cli/documents.command.ts';
import type { Output } from '../../src/cli/output.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { aClerk, anAgency } from '../support/factories.ts';

/** A 文号 belongs to its issuer: the platform never lets one agency's document replace another's. */

const body = '各有关单位:\n为做好相关工作,现将有关事项通知如下。\n一、请各单位认真组织实施。\n二、本通知自印发之日起施行。';

interface LibraryRow {
  id: number;
  title: string;
  issuer: string | null;
  body_text: string;
  source_key: string;
}

for (const engine of engines) {
  describe(`who a 文号 belongs to, on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let changning: PublishingActor;
    let xuhui: PublishingActor;
    const files = tempDir();

    const library = async (docNumber: string) =>
      database.db.query<LibraryRow>(sql`
        select d.id, d.display_title as title, d.issuer, d.body_text, s.source_key
        from documents d join source_files s on s.id = d.source_file_id where d.doc_number = ${docNumber} order by d.id`);

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ FILES_DIR: join(files.path, 'published') }), { db: database.db, migrate: false });
      const seeded = await context.ingest.ingest([seedsDir]);
      assert.equal(seeded.filesFailed, 0);
      changning = aClerk(await anAgency(database.db, { name: '上海市长宁区人民政府办公室' }), 'changning');
      xuhui = aClerk(await anAgency(database.db, { name: '上海市徐汇区人民政府办公室' }), 'xuhui');
    });
    after(async () => {
      await database.close();
      files.remove();
    });

    it('refuses a clerk of another agency publishing 沪府发〔2017〕17号, naming the holder; the seed document stays', async () => {
      const [seed] = await library('沪府发〔2017〕17号');
      assert.equal(seed!.issuer, '上海市人民政府');
      for (const title of ['上海市长宁区人民政府办公室关于做好行政协助工作的通知', '上海市人民政府关于印发《上海市行政协助管理办法(试行)》的通知']) {
        const id = await context.publication.createDraft({ title, docNumber: '沪府发〔2017〕17号', signedOn: '2026-11-02', bodyText: body, attribute: 'proactive' }, changning, '2026-11-03');
        await assert.rejects(context.publication.submit(id, changning, '2026-11-03'), (error: Error & { code?: string }) => {
          assert.equal(error.code, 'conflict');
          assert.match(error.message, /文号 沪府发〔2017〕17号 已由 上海市人民政府 的文件《上海市人民政府关于印发《上海市行政协助管理办法\(试行\)》的通知》使用/);
          return true;
        });
        const [publication] = (await context.publication.list(changning)).filter((p) => p.id === id);
        assert.equal(publication!.state, 'draft', 'nothing published');
      }
      assert.deepEqual(await library('沪府发〔2017〕17号'), [seed], 'the seed document is untouched');

      const again = await context.ingest.ingest([seedsDir]);
      assert.deepEqual([again.added, again.updated, again.removed, again.conflicts], [0, 0, 0, 0]);
      assert.deepEqual(await library('沪府发〔2017〕17号'), [seed]);
    });

    it('keeps the same number from two issuers as two documents', async () => {
      const dir = tempDir();
      try {
        const text = (issuer: string, words: string) => `${issuer}关于开展${words}工作的通知\n(2026年3月2日)\n联发〔2026〕3号\n各有关单位:\n现就开展${words}工作通知如下。\n一、请各单位认真组织实施。\n`;
        const result = await context.ingest.ingest([
          dir.write('one.txt', text('上海市长宁区人民政府办公室', '安全检查')),
          dir.write('two.txt', text('上海市徐汇区人民政府办公室', '环境整治')),
        ]);
        assert.deepEqual([result.filesFailed, result.added, result.updated], [0, 2, 0]);
        const rows = await library('联发〔2026〕3号');
        assert.deepEqual(rows.map((row) => row.issuer), ['上海市长宁区人民政府办公室', '上海市徐汇区人民政府办公室']);
        // An alias of the register is the same issuer: the later file corrects the first, it does not add a third.
        await database.db.query(sql`insert into agency_aliases (alias, agency_id) values ('长宁区政府办公室', ${changning.agencyId})`);
        const alias = await context.ingest.ingest([dir.write('one.txt', text('长宁区政府办公室', '安全生产检查'))]);
        assert.deepEqual([alias.added, alias.updated], [0, 1]);
        assert.equal((await library('联发〔2026〕3号')).length, 2);
      } finally {
        dir.remove();
      }
    });

    it('reports a gazette text replacing one published on the platform, and keeps the published text', async () => {
      const title = '上海市长宁区人民政府办公室关于做好政务公开工作的通知';
      const id = await context.publication.createDraft({ title, docNumber: '长府办发〔2026〕40号', signedOn: '2026-11-02', bodyText: body, attribute: 'proactive' }, changning, '2026-11-03');
      const published = await context.publication.submit(id, changning, '2026-11-03');
      assert.equal(published.state, 'published');
      const [platform] = await library('长府办发〔2026〕40号');
      assert.equal(platform!.source_key, `file:publication-${id}`);

      const dir = tempDir();
      try {
        const gazette = `${title}\n(2026年11月2日)\n长府办发〔2026〕40号\n各有关单位:\n为做好政务公开工作,现将有关事项通知如下。\n一、请各单位按时公开。\n`;
        const result = await context.ingest.ingest([dir.write('changning-gazette.txt', gazette)]);
        assert.equal(result.conflicts, 1);
        const [conflict] = result.outcomes[0]!.conflicts;
        assert.deepEqual([conflict!.documentId, conflict!.earlierSourceKey], [platform!.id, `file:publication-${id}`]);
        const rows = await library('长府办发〔2026〕40号');
        assert.equal(rows.length, 1, 'one issuer, one number, one document');
        const [kept] = await database.db.query<{ earlier_body_text: string; later_source_key: string }>(sql`
          select earlier_body_text, later_source_key from document_conflicts where document_id = ${platform!.id} and resolved_at is null`);
        assert.equal(kept!.earlier_body_text, platform!.body_text, 'the published text stays as a version');
        assert.equal(kept!.later_source_key, 'file:changning-gazette');

        const open = await context.publication.conflicts(null);
        assert.ok(open.some((c) => c.documentId === platform!.id && c.earlierSource === `file:publication-${id}`));
        // The operator restores the text published on the platform: a new version, audited; the gazette text is kept in turn.
        const repaired = await context.publication.repair(conflict!.id, null, { id: 'user:admin' });
        assert.equal(repaired.restored, true);
        const [restored] = await library('长府办发〔2026〕40号');
        assert.deepEqual([restored!.id, restored!.body_text, restored!.source_key], [platform!.id, platform!.body_text, `file:publication-${id}`]);
        assert.ok(!(await context.publication.conflicts(null)).some((c) => c.documentId === platform!.id), 'resolved');
        const [audit] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'document.repair' and subject_id = ${String(platform!.id)}`);
        assert.equal(audit!.n, 1);
      } finally {
        dir.remove();
      }
    });

    it('lists a document replaced before numbers had owners, and the repair command restores its ingested text', async () => {
      const [seed] = await library('沪府发〔2017〕17号');
      const id = await context.publication.createDraft({ title: '上海市长宁区人民政府办公室关于做好协助工作的通知', docNumber: '长府办发〔2026〕41号', signedOn: '2026-11-02', bodyText: body, attribute: 'proactive' }, changning, '2026-11-03');
      await context.publication.submit(id, changning, '2026-11-03');
      // What the old code did: the publication's ingest rewrote the seed document in place, and the migration lists it.
      await database.db.query(sql`
        update documents set source_file_id = (select id from source_files where source_key = ${`file:publication-${id}`}),
          display_title = '长宁区冒用文号的通知', body_text = '冒用的正文', content_hash = 'overwritten' where id = ${seed!.id}`);
      await database.db.query(sql`update publications set document_ids = document_ids || ${seed!.id}::bigint where id = ${id}`);
      await database.db.query(sql`insert into document_conflicts (document_id, doc_number, later_source_key) values (${seed!.id}, '沪府发〔2017〕17号', ${`file:publication-${id}`})`);

      const lines: string[] = [];
      const io: Output = { out: (line) => lines.push(line), err: (line) => lines.push(line), json: (value) => lines.push(JSON.stringify(value)), interactive: false };
      assert.equal(await documentsCommand(['conflicts'], { json: false }, context, io), 0);
      const listed = lines.find((line) => line.includes('沪府发〔2017〕17号'));
      assert.match(listed ?? '', /长宁区冒用文号的通知.*原文本来源未记录/);
      const conflictId = listed!.split('\t')[0]!;
      assert.equal(await documentsCommand(['repair', conflictId], { json: false }, context, io), 0);
      assert.match(lines.at(-1)!, /已恢复文件/);

      assert.deepEqual(await library('沪府发〔2017〕17号'), [seed], 'the ingested text is back, same document');
      const [kept] = await database.db.query<{ earlier_body_text: string }>(sql`
        select earlier_body_text from document_conflicts where document_id = ${seed!.id} and earlier_source_key = ${`file:publication-${id}`}`);
      assert.equal(kept!.earlier_body_text, '冒用的正文', 'the replacing text stays on record as a version');
      const [publication] = (await context.publication.list(changning)).filter((p) => p.id === id);
      assert.ok(!publication!.documentIds.includes(seed!.id), 'the publication no longer reaches the seed document');
      assert.ok(!(await context.publication.conflicts(null)).some((c) => c.documentId === seed!.id));
      const [audit] = await database.db.query<{ actor: string }>(sql`select actor from audit_events where action = 'document.repair' and subject_id = ${String(seed!.id)}`);
      assert.match(audit!.actor, /^cli:/);
    });

    it('lets one of ten simultaneous corrections through; the others are told to reload; the library shows the recorded text', async () => {
      const id = await context.publication.createDraft({ title: '上海市徐汇区人民政府办公室关于做好年度统计工作的通知', docNumber: '徐府办发〔2026〕8号', signedOn: '2026-11-02', bodyText: body, attribute: 'proactive' }, xuhui, '2026-11-03');
      await context.publication.submit(id, xuhui, '2026-11-03');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) => context.publication.correct(id, { bodyText: `${body}\n三、更正第 ${n} 稿。`, reason: `更正 ${n}` }, xuhui, '2026-11-04')),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      assert.ok(won.length >= 1);
      console.log(`${engine}: ${won.length} of 10 corrections went through`);
      for (const loss of lost) {
        assert.equal(loss.reason.code, 'conflict', String(loss.reason));
        assert.match(loss.reason.message, /已被他人更正.*刷新/);
      }
      const [latest] = await database.db.query<{ version: number; body_text: string }>(sql`
        select version, body_text from publication_versions where publication_id = ${id} order by version desc limit 1`);
      assert.equal(latest!.version, 1 + won.length, 'each success is one version');
      const [document] = await library('徐府办发〔2026〕8号');
      assert.ok(document!.body_text.includes(latest!.body_text.split('\n').at(-1)!), 'the library text is the latest recorded version');
    });
  });
}
