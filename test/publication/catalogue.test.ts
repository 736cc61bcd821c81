import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { aClerk, anAgency, aPublishedDocument } from '../support/factories.ts';

const agencyName = '上海市长宁区人民政府办公室';
const policy = {
  title: '上海市长宁区人民政府办公室关于印发《长宁区目录编制规范》的通知',
  docNumber: '长府办发〔2026〕31号',
  signedOn: '2026-11-27',
  bodyText: '《长宁区目录编制规范》已经区政府同意,现印发给你们,请认真按照执行。\n长宁区目录编制规范\n第一条 (目的) 为规范目录编制工作,制定本规范。\n第二条 (施行日期) 本规范自2026年12月1日起施行。',
  policy: true,
  attribute: 'proactive',
  interpretationText: '一、制定背景\n为规范目录编制工作,区政府办公室起草了本规范。\n二、主要内容\n本规范明确了目的和施行日期。',
};

/** The catalogue block's cell after a label. */
const cell = (body: string, label: string) => new RegExp(`<th scope="row">${label}</th><td[^>]*>(.*?)</td>`, 's').exec(body)?.[1];

for (const engine of engines) {
  describe(`the catalogue of platform publications on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let clerk: PublishingActor;
    let app: ReturnType<typeof buildServer>;
    const files = tempDir();
    let policyId = 0;
    let interpretationId = 0;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ FILES_DIR: join(files.path, 'published') }), { db: database.db, migrate: false });
      clerk = aClerk(await anAgency(database.db, { name: agencyName, code: '002483041' }));
      const published = await aPublishedDocument(context, clerk, policy, { drafted: '2026-11-27', published: '2026-11-28' });
      [policyId, interpretationId] = published.documentIds as [number, number];
      app = buildServer(context);
    });
    after(async () => {
      await app.close();
      await database.close();
      files.remove();
    });

    it('shows 成文日期 as signed and 发布日期 as the day the publication went public', async () => {
      const page = await app.inject({ url: `/documents/${policyId}` });
      assert.equal(page.statusCode, 200);
      assert.equal(cell(page.body, '成文日期'), '2026-11-27');
      assert.equal(cell(page.body, '发布日期'), '2026-11-28');
    });

    it('names the publishing agency and the platform as 来源, never the internal file name', async () => {
      for (const id of [policyId, interpretationId]) {
        const page = await app.inject({ url: `/documents/${id}` });
        assert.doesNotMatch(page.body, /publication-\d+/);
        assert.equal(cell(page.body, '来源'), `${agencyName} 本平台发布`);
      }
    });

    it('gives an interpretation its policy’s issuer, its publication date and an index number of its own', async () => {
      const page = await app.inject({ url: `/documents/${interpretationId}` });
      assert.match(cell(page.body, '发文机关') ?? '', new RegExp(agencyName));
      assert.equal(cell(page.body, '发布日期'), '2026-11-28');
      const own = cell(page.body, '索引号')!;
      assert.match(own, /^002483041\/2026-\d{5}$/);
      const policyPage = await app.inject({ url: `/documents/${policyId}` });
      assert.notEqual(cell(policyPage.body, '索引号'), own);
    });

    it('numbers 索引号 per agency and year, in order of publication, and keeps a number once given', async () => {
      assert.equal(cell((await app.inject({ url: `/documents/${policyId}` })).body, '索引号'), '002483041/2026-00001');
      assert.equal(cell((await app.inject({ url: `/documents/${interpretationId}` })).body, '索引号'), '002483041/2026-00002');
      const next = await context.publication.createDraft({ ...policy, title: '上海市长宁区人民政府办公室关于做好年度目录更新工作的通知', docNumber: '长府办发〔2026〕32号', policy: false, interpretationText: undefined }, clerk, '2026-11-28');
      const [nextId] = (await context.publication.submit(next, clerk, '2026-11-28')).documentIds;
      assert.equal(cell((await app.inject({ url: `/documents/${nextId}` })).body, '索引号'), '002483041/2026-00003');
      await context.publication.correct(next, { bodyText: '《长宁区目录编制规范》已经区政府同意,现印发给你们,请认真按照执行(已更正)。', reason: '更正笔误' }, clerk, '2026-11-29');
      assert.equal(cell((await app.inject({ url: `/documents/${nextId}` })).body, '索引号'), '002483041/2026-00003', 'a correction keeps the number');
    });

    it('never gives two publications made at once the same number', async () => {
      const drafts = await Promise.all([40, 41, 42, 43].map((n) =>
        context.publication.createDraft({ ...policy, title: `上海市长宁区人民政府办公室关于第${n}项目录工作的通知`, docNumber: `长府办发〔2026〕${n}号`, policy: false, interpretationText: undefined }, clerk, '2026-11-28')));
      // As many at once as the pool has connections: a fifth would wait for one, not for the number.
      const published = await Promise.all(drafts.map((id) => context.publication.submit(id, clerk, '2026-11-28')));
      const ids = published.flatMap((result) => result.documentIds);
      assert.equal(ids.length, 4);
      const rows = await database.db.query<{ serial: number }>(sql`
        select index_serial as serial from documents where index_issuer = ${agencyName} and index_year = 2026 order by index_serial`);
      assert.deepEqual(rows.map((row) => row.serial), Array.from({ length: rows.length }, (_, i) => i + 1), 'one number each, none skipped');
      const numbers = await Promise.all(ids.map(async (id) => cell((await app.inject({ url: `/documents/${id}` })).body, '索引号')));
      assert.equal(new Set(numbers).size, 4);
    });

  });
}
