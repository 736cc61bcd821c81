import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { agencies } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const bureau = staff(1, 'supervisor', null);
const actor = { id: 'user:1', address: '203.0.113.1' };
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('audit rectification rules', () => {
  it('declares the 90-day rectification limit and the investment-audit clocks with their sources, no longer as planned rules', () => {
    const byCode = new Map(deadlineRules.map((rule) => [rule.code, rule]));
    assert.deepEqual([byCode.get('audit.rectification')?.limit, byCode.get('audit.rectification')?.unit], [90, 'calendar_days']);
    assert.match(byCode.get('audit.rectification')!.source, /静府办发〔2016〕12号.*000 L215/);
    assert.match(byCode.get('audit.notice')!.source, /第十一条/);
    assert.match(byCode.get('audit.draft_comment')!.source, /第十七条/);
    assert.equal(deadlineRules.filter((rule) => rule.code === 'audit.rectification').length, 1);
  });
});

for (const engine of engines) {
  describe(`audit rectification (审计整改) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let unit: number;
    let other: number;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      [unit, other] = await agencies(database.db, '上海市静安区民政局', '上海市静安区房屋管理局');
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('keeps each finding on the 90-day clock from the report taking effect; the unit reports, the bureau returns, checks and closes it (对账销号)', async () => {
      const today = todayInChina();
      const effectiveOn = addDays(today, -30);
      const clerk = staff(11, 'clerk', unit);
      await assert.rejects(context.rectification.createReport({ title: '预算执行审计报告', auditedAgencyId: unit, effectiveOn }, clerk, actor), { code: 'forbidden' });
      const reportId = await context.rectification.createReport({ title: '2021年度预算执行审计报告', reportNumber: '静审报〔2022〕3号', auditedAgencyId: unit, effectiveOn }, bureau, actor);
      const itemId = await context.rectification.addItem(reportId, { problem: '专项资金结余未及时上缴', responsibility: '局财务科', measure: '上缴结余资金并完善资金管理制度' }, bureau, actor);
      const second = await context.rectification.addItem(reportId, { problem: '养老机构补贴发放不规范', responsibility: '养老服务科', measure: '核查补贴对象' }, bureau, actor);
      const file = await context.rectification.report(reportId, clerk);
      assert.deepEqual(file.items.map((item) => [item.seq, item.state, item.dueOn, item.overdue]), [[1, 'open', addDays(effectiveOn, 90), false], [2, 'open', addDays(effectiveOn, 90), false]]);
      assert.deepEqual(file.items[0]!.actions, ['report_result', 'plan', 'progress']);
      await assert.rejects(context.rectification.report(reportId, staff(12, 'clerk', other)), { code: 'not_found' });
      await assert.rejects(context.rectification.actOnItem(itemId, 'report_result', { on: today, result: '已上缴', evidence: '缴款书' }, staff(12, 'clerk', other), actor), { code: 'not_found' });
      await assert.rejects(context.rectification.actOnItem(itemId, 'close', { on: today }, bureau, actor), { code: 'invalid_transition' }, 'nothing to check yet');
      await assert.rejects(context.rectification.actOnItem(itemId, 'close', { on: today }, clerk, actor), { code: 'forbidden' });

      assert.equal(await context.rectification.actOnItem(itemId, 'report_result', { on: today, result: '已上缴部分结余', evidence: '非税收入缴款书' }, clerk, actor), 'reported');
      assert.equal(await context.rectification.actOnItem(itemId, 'return', { on: today, reason: '尚有12万元未上缴' }, bureau, actor), 'open');
      await assert.rejects(context.rectification.actOnItem(itemId, 'plan', { on: today, reason: '需待年度决算', plan: '决算后上缴', planDueOn: today }, clerk, actor), { code: 'validation_failed' });
      assert.equal(await context.rectification.actOnItem(itemId, 'plan', { on: today, reason: '需待年度决算', plan: '决算后上缴剩余资金', planDueOn: addDays(today, 30) }, clerk, actor), 'planned');
      assert.equal(await context.rectification.actOnItem(itemId, 'extend', { on: today, days: 30, reason: '年度决算于下月完成' }, bureau, actor), 'planned');
      assert.equal(await context.rectification.actOnItem(itemId, 'report_result', { on: today, result: '已全部上缴', evidence: '缴款书两份' }, clerk, actor), 'reported');
      assert.equal(await context.rectification.actOnItem(itemId, 'close', { on: today }, bureau, actor), 'closed');
      const closed = (await context.rectification.report(reportId, bureau)).items[0]!;
      assert.deepEqual([closed.state, closed.closedOn, closed.dueOn, closed.plan], ['closed', today, addDays(effectiveOn, 120), '决算后上缴剩余资金']);
      assert.deepEqual(closed.events.map((event) => event.action), ['create', 'report_result', 'return', 'plan', 'extend', 'report_result', 'close']);
      const clock = await database.db.query<{ status: string }>(sql`select status from clocks where subject_type = 'audit_item' and subject_id = ${itemId}`);
      assert.equal(clock[0]!.status, 'stopped');
      const audited = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'audit_item' and subject_id = ${String(itemId)} order by id`);
      assert.deepEqual(audited.map((row) => row.action), ['rectification.add_item', 'rectification.report_result', 'rectification.return', 'rectification.plan', 'rectification.extend', 'rectification.report_result', 'rectification.close']);

      // The second item is red once the 90 days have passed, on the dashboard too.
      const late = addDays(effectiveOn, 91);
      assert.equal((await context.rectification.report(reportId, bureau, late)).items[1]!.overdue, true);
      const dashboard = await context.supervision.dashboard(bureau, late);
      assert.deepEqual([dashboard.itemsByState.closed, dashboard.itemsByState.open, dashboard.itemsOverdue], [1, 1, 1]);
      assert.deepEqual(dashboard.agencies.map((row) => [row.agencyName, row.itemsOpen, row.itemsOverdue, row.itemsClosed]), [['上海市静安区民政局', 1, 1, 1]]);
      void second;
    });

    it('publishes the results: the public reads each problem and whether it is rectified, not the internal notes', async () => {
      const [report] = await context.rectification.reports(bureau);
      assert.equal((await app.inject({ url: '/api/audit-results' })).json().items.length, 0);
      await assert.rejects(context.rectification.publish(report!.id, staff(11, 'clerk', unit), actor), { code: 'forbidden' });
      await context.rectification.publish(report!.id, bureau, actor);
      await assert.rejects(context.rectification.publish(report!.id, bureau, actor), { code: 'invalid_transition' });
      const api = await app.inject({ url: '/api/audit-results' });
      assert.equal(api.statusCode, 200);
      const [published] = (api.json() as { items: { title: string; items: { problem: string; state: string }[] }[] }).items;
      assert.equal(published!.title, '2021年度预算执行审计报告');
      assert.deepEqual(published!.items.map((item) => item.state), ['closed', 'open']);
      const page = await app.inject({ url: '/audit-results' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /专项资金结余未及时上缴/);
      assert.match(page.body, /已对账销号/);
      for (const internal of ['缴款书', '尚有12万元', '局财务科']) {
        assert.ok(!page.body.includes(internal), internal);
        assert.ok(!api.body.includes(internal), internal);
      }
    });

    it('checks an investment audit notice was served 3 working days ahead, and counts silence on the draft after 10 working days as no objection', async () => {
      const today = todayInChina();
      const calendar = await context.calendar.current();
      const served = addDays(today, -40);
      const tooSoon = calendar.addWorkingDays(served, 2).date;
      const base = { title: '某道路改建工程竣工决算审计', auditedAgencyId: unit, effectiveOn: today, kind: 'investment' };
      await assert.rejects(context.rectification.createReport({ ...base, noticeServedOn: served, auditStartsOn: tooSoon }, bureau, actor), (error: { code: string; message: string }) => {
        assert.equal(error.code, 'validation_failed');
        assert.match(error.message, /实施审计 3 个工作日前送达.*第十一条.*只提前 2 个工作日/);
        return true;
      });
      await assert.rejects(context.rectification.createReport({ ...base }, bureau, actor), { code: 'validation_failed' });
      assert.ok(await context.rectification.createReport({ ...base, noticeServedOn: served, auditStartsOn: tooSoon, urgent: true }, bureau, actor), 'approved to go straight in');
      const silent = await context.rectification.createReport({ ...base, noticeServedOn: served, auditStartsOn: calendar.addWorkingDays(served, 3).date }, bureau, actor);
      const answered = await context.rectification.createReport({ ...base, title: '某学校校舍修缮工程审计', noticeServedOn: served, auditStartsOn: calendar.addWorkingDays(served, 5).date }, bureau, actor);
      const sentOn = addDays(today, -5);
      const clerk = staff(11, 'clerk', unit);
      await assert.rejects(context.rectification.commentOnDraft(silent, { on: today, comment: '无' }, clerk, actor), { code: 'invalid_transition' }, 'no draft yet');
      await assert.rejects(context.rectification.sendDraft(silent, { on: sentOn }, clerk, actor), { code: 'forbidden' });
      for (const report of [silent, answered]) await context.rectification.sendDraft(report, { on: sentOn }, bureau, actor);
      await assert.rejects(context.rectification.sendDraft(silent, { on: sentOn }, bureau, actor), { code: 'invalid_transition' });
      const dueOn = calendar.addWorkingDays(sentOn, 10).date;
      assert.equal((await context.rectification.report(silent, clerk)).report.draftDueOn, dueOn);
      await assert.rejects(context.rectification.commentOnDraft(answered, { on: today, comment: '无异议' }, staff(12, 'clerk', other), actor), { code: 'not_found' });
      await context.rectification.commentOnDraft(answered, { on: today, comment: '对第三项认定有异议,附说明' }, clerk, actor);
      const after = addDays(dueOn, 1);
      const silentFile = await context.rectification.report(silent, bureau, after);
      assert.deepEqual([silentFile.deemedNoObjection, silentFile.report.draftComment], [true, null]);
      assert.equal((await context.rectification.report(answered, bureau, after)).deemedNoObjection, false);
      await assert.rejects(context.rectification.commentOnDraft(silent, { on: after, comment: '迟到的意见' }, clerk, actor, after), (error: { code: string; message: string }) => error.code === 'invalid_transition' && /视同无异议/.test(error.message));
    });

    it('refuses a report for an unknown unit and an item with an empty problem, storing nothing', async () => {
      const before = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from supervision_audit_items`))[0]!.n;
      await assert.rejects(context.rectification.createReport({ title: '审计报告', auditedAgencyId: 99999, effectiveOn: todayInChina() }, bureau, actor), { code: 'validation_failed' });
      const [report] = await context.rectification.reports(bureau);
      await assert.rejects(context.rectification.addItem(report!.id, { problem: '', responsibility: '某科', measure: '整改' }, bureau, actor), (error: { code: string; message: string }) => error.code === 'validation_failed' && error.message.includes('审计查出的问题'));
      assert.equal((await database.db.query<{ n: number }>(sql`select count(*)::int as n from supervision_audit_items`))[0]!.n, before);
    });
  });
}
