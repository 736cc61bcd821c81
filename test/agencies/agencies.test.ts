import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { aliasesOf, listAgencies, parentNameOf } from '../../src/modules/agencies/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

describe('reading an agency\'s place from its name', () => {
  it('finds the government above, and the other names documents use', () => {
    assert.equal(parentNameOf('上海市长宁区审计局'), '上海市长宁区人民政府');
    assert.equal(parentNameOf('上海市长宁区市场监督管理局'), '上海市长宁区人民政府', '市场 is not a city');
    assert.equal(parentNameOf('上海市长宁区人民政府'), '上海市人民政府');
    assert.equal(parentNameOf('上海市浦东新区人民政府'), '上海市人民政府');
    assert.equal(parentNameOf('上海市人民政府'), null);
    assert.deepEqual(aliasesOf('上海市人民政府办公厅'), ['上海市政府办公厅', '市政府办公厅']);
  });
});

for (const engine of engines) {
  describe(`the agency register on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
    });
    after(async () => {
      await database.close();
    });

    it('builds a tree from the issuers, and one agency however a later document names it', async () => {
      const agencies = await listAgencies(database.db);
      const byName = new Map(agencies.map((a) => [a.name, a]));
      assert.equal(byName.get('上海市长宁区人民政府办公室')!.parentId, byName.get('上海市长宁区人民政府')!.id);
      assert.equal(byName.get('上海市长宁区人民政府')!.parentId, byName.get('上海市人民政府')!.id);
      const dir = tempDir();
      try {
        const count = agencies.length;
        await context.ingest.ingest([dir.write('alias.txt', '市政府办公厅关于印发某办法的通知\n(2021年1月4日)\n沪府办发〔2021〕1号\n各区人民政府:\n现将某办法印发给你们,请认真按照执行。\n')]);
        const [parsed] = await database.db.query<{ issuer: string }>(sql`select issuer from documents where doc_number = '沪府办发〔2021〕1号'`);
        assert.equal(parsed?.issuer, '市政府办公厅');
        assert.equal((await listAgencies(database.db)).length, count, '市政府办公厅 is 上海市人民政府办公厅');
      } finally {
        dir.remove();
      }
    });

    it('lets an administrator set a code used in 索引号, refusing cycles and names already taken', async () => {
      const byName = new Map((await listAgencies(database.db)).map((a) => [a.name, a]));
      const office = byName.get('上海市人民政府办公厅')!;
      const city = byName.get('上海市人民政府')!;
      const actor = { id: 'user:admin' };
      await context.agencies.update(office.id, { code: '002482084', shortName: '市府办' }, null, actor);
      await assert.rejects(context.agencies.update(city.id, { parentId: office.id }, null, actor), /下级/);
      await assert.rejects(context.agencies.update(city.id, { code: '002482084' }, null, actor), /已被/);
      await assert.rejects(context.agencies.update(city.id, { aliases: ['市政府办公厅'] }, null, actor), /已是/);
      await assert.rejects(context.agencies.update(city.id, { code: '<x>' }, null, actor), { code: 'validation_failed' });
      const clerk = { id: 1, username: 'c', displayName: 'c', role: 'clerk' as const, agencyId: office.id, agencyName: null, mustChangePassword: false };
      await assert.rejects(context.agencies.update(office.id, { code: '1' }, clerk, actor), { code: 'forbidden' });
      const [document] = await database.db.query<{ id: number }>(sql`select id from documents where issuer = '上海市人民政府办公厅' limit 1`);
      const app = buildServer(context);
      try {
        const page = await app.inject({ url: `/documents/${document!.id}` });
        assert.match(page.body, /索引号<\/th><td>002482084\/\d{4}-\d{5}/);
      } finally {
        await app.close();
      }
      const audit = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'agency.update'`);
      assert.equal(audit[0]!.n, 1);
    });
  });
}
