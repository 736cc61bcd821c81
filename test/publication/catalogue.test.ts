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
      const [agency] = await database.db.query<{ id: number }>(sql`insert into agencies (name, code) values (${agencyName}, '002483041') returning id`);
      clerk = { id: 'user:clerk', agencyId: agency!.id };
      const id = await context.publication.createDraft(policy, clerk, '2026-11-27');
      const result = await context.publication.submit(id, clerk, '2026-11-28');
      assert.equal(result.state, 'published');
      [policyId, interpretationId] = result.documentIds as [number, number];
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
  });
}
