import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { allowedDays, qualityOf } from '../../src/modules/catalogue/catalogue.quality.ts';
import { updateFrequencies, type UpdateFrequency } from '../../src/modules/catalogue/catalogue.types.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

const base = { classificationCode: '01', timeCoverage: '2020 至今', keywords: ['停车'], contact: '电话', fields: [{ name: 'a', type: '文本', description: '' }], createdAt: '2026-01-01 08:00:00+08' };

describe('the quality of an entry (Art. 13) and the update rule (Art. 15)', () => {
  it('scores a complete, fresh entry 100 and names what is missing otherwise', () => {
    assert.equal(qualityOf({ ...base, updateFrequency: 'monthly', dataUpdatedOn: '2026-03-01' }, '2026-03-15').score, 100);
    const bare = qualityOf({ ...base, classificationCode: null, timeCoverage: null, keywords: [], contact: null, fields: [], updateFrequency: 'daily', dataUpdatedOn: '2026-03-01' }, '2026-03-10');
    assert.deepEqual([bare.score, bare.overdue, bare.dueOn], [0, true, '2026-03-03']);
    assert.deepEqual(bare.advice, ['填写资源分类代码', '填写时间范围', '填写关键字', '填写联系方式', '登记数据项(数据字典)', '按更新频率应在 2026-03-03 前更新数据,已逾期']);
    assert.equal(qualityOf({ ...base, updateFrequency: 'irregular', dataUpdatedOn: null }, '2099-01-01').overdue, false, '不定期 never falls due');
    assert.equal(qualityOf({ ...base, updateFrequency: 'yearly', dataUpdatedOn: null }, '2027-01-03').overdue, true, 'never updated: counted from registration');
  });

  it('flags an entry overdue exactly when more days than its frequency allows have passed since its last update', () => {
    const frequencies = Object.keys(updateFrequencies).filter((f) => f !== 'irregular') as UpdateFrequency[];
    fc.assert(
      fc.property(fc.constantFrom(...frequencies), fc.integer({ min: 0, max: 800 }), (frequency, days) => {
        const today = new Date(Date.parse('2026-01-10T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
        assert.equal(qualityOf({ ...base, updateFrequency: frequency, dataUpdatedOn: '2026-01-10' }, today).overdue, days > allowedDays[frequency]!);
      }),
    );
  });
});

for (const engine of engines) {
  describe(`monitoring the catalogue on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let clerk: StaffUser;
    let centre: StaffUser;
    let id: number;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      const [transport, bigData] = (await addAgencies(database.db, '上海市长宁区交通委员会', '上海市长宁区大数据中心')) as [number, number];
      clerk = await addStaff(context, 'clerk', { id: transport, name: '上海市长宁区交通委员会' });
      centre = await addStaff(context, 'clerk', { id: bigData, name: '上海市长宁区大数据中心' });
      id = (await context.catalogue.create(entry({ name: '停车场实时泊位', updateFrequency: 'daily' }), clerk, { id: `user:${clerk.id}` })).id;
      await context.catalogue.create(entry({ name: '道路名录', updateFrequency: 'irregular', fields: '' }), clerk, { id: `user:${clerk.id}` });
    });
    after(async () => {
      await database.close();
    });

    it('flags a resource that missed its update, clears the flag when an update is recorded, and sums per agency for the evaluation', async () => {
      const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      const flagged = (await context.catalogue.list(clerk, later)).find((r) => r.id === id)!;
      assert.equal(flagged.quality.overdue, true);
      await assert.rejects(context.catalogue.markUpdated(id, { on: '2099-01-01' }, clerk, { id: `user:${clerk.id}` }), { code: 'validation_failed' });
      await assert.rejects(context.catalogue.markUpdated(id, { on: later }, centre, { id: `user:${centre.id}` }), { code: 'forbidden' }, 'the centre monitors, the agency updates');
      await context.catalogue.markUpdated(id, { on: later }, clerk, { id: `user:${clerk.id}` }, later);
      const fresh = (await context.catalogue.list(clerk, later)).find((r) => r.id === id)!;
      assert.deepEqual([fresh.quality.overdue, fresh.dataUpdatedOn], [false, later]);
      const audited = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'catalogue.data_updated'`);
      assert.equal(audited[0]!.n, 1);
      const [evaluation] = await context.catalogue.evaluation(centre, later);
      assert.deepEqual(evaluation && { ...evaluation, agencyId: 0 }, { agencyId: 0, agencyName: '上海市长宁区交通委员会', resources: 2, averageScore: 85, overdue: 0, withoutDictionary: 1 });
    });
  });
}
