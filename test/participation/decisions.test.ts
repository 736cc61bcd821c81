import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { agencies } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });

for (const engine of engines) {
  describe(`the catalogue of major decisions (重大行政决策事项目录) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let government: number;
    let civil: number;
    const actor = { id: 'user:1', address: '203.0.113.1' };
    let clerk: StaffUser;
    let head: StaffUser;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      [government, civil] = await agencies(database.db, '上海市长宁区某某街道办事处', '上海市长宁区某某民政局');
      [clerk, head] = [staff(41, 'clerk', government), staff(42, 'agency_admin', government)];
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const item = { title: '社区养老服务设施布局规划', decidingBody: '区政府常务会议', background: '老龄人口增加,设施不足。', opinionMethod: '公开征求意见、座谈会' };

    it('is due by 31 March, is published by the administrator, and every later change is a public version with its reason', async () => {
      const today = todayInChina();
      const year = Number(today.slice(0, 4));
      const id = await context.decisions.create({ year }, clerk, actor);
      await assert.rejects(context.decisions.create({ year }, clerk, actor), { code: 'conflict' });
      let file = await context.decisions.file(id, clerk);
      assert.equal(file.catalogue.dueOn, `${year}-03-31`);
      assert.equal(file.overdue, today > `${year}-03-31`);
      assert.deepEqual(file.actions, ['add_item', 'revise_item', 'withdraw_item'], 'a clerk does not publish');
      await assert.rejects(context.decisions.act(id, 'publish', {}, head, actor), /还没有事项/);

      const consultation = await context.consultations.open({ title: '养老设施规划(征求意见稿)', draftText: '第一条 规划目标。', explanation: '说明', howToComment: '网上', opensOn: today, closesOn: today, shortWindowReason: '紧急' }, clerk, actor);
      const foreign = await context.consultations.open({ title: '别的机关的草案', draftText: '第一条 内容。', explanation: '说明', howToComment: '网上', opensOn: today, closesOn: today, shortWindowReason: '紧急' }, staff(43, 'clerk', civil), actor);
      await assert.rejects(context.decisions.act(id, 'add_item', { ...item, consultationId: foreign }, clerk, actor), /没有本机关的这项征求意见/);
      await assert.rejects(context.decisions.act(id, 'add_item', { ...item, hearingOn: `${year}-03-20`, hearingNoticeOn: `${year}-03-12`, hearingParticipants: '居民代表' }, clerk, actor), /听证公告应在听证会 10 日前发布.现为 8 日前./);
      await assert.rejects(context.decisions.act(id, 'add_item', { ...item, hearingOn: `${year}-03-20` }, clerk, actor), /一并填写/);
      await context.decisions.act(id, 'add_item', { ...item, consultationId: consultation, plannedOn: `${year}-12-31`, hearingOn: `${year}-03-20`, hearingNoticeOn: `${year}-03-10`, hearingParticipants: '居民代表 5 名' }, clerk, actor);
      await context.decisions.act(id, 'add_item', { ...item, title: '停车收费标准调整' }, clerk, actor);
      assert.equal(((await app.inject({ url: `/api/decisions?year=${year}` })).json() as { items: unknown[] }).items.length, 0, 'nothing public before publication');
      await assert.rejects(context.decisions.act(id, 'publish', {}, clerk, actor), { code: 'forbidden' });
      await context.decisions.act(id, 'publish', {}, head, actor);
      await assert.rejects(context.decisions.act(id, 'publish', {}, head, actor), { code: 'invalid_transition' });

      file = await context.decisions.file(id, clerk);
      const [first, second] = file.items;
      await assert.rejects(context.decisions.act(id, 'revise_item', { ...item, itemId: first!.id, meeting: '区政府第10次常务会议' }, clerk, actor), /变更须说明理由/);
      await context.decisions.act(id, 'revise_item', { ...item, itemId: first!.id, consultationId: consultation, hearingOn: `${year}-03-20`, hearingNoticeOn: `${year}-03-10`, hearingParticipants: '居民代表 5 名', meeting: '区政府第10次常务会议', reason: '已经常务会议审议' }, clerk, actor);
      await context.decisions.act(id, 'withdraw_item', { itemId: second!.id, reason: '上级统一调整,不再列入' }, clerk, actor);
      await assert.rejects(context.decisions.act(id, 'withdraw_item', { itemId: second!.id, reason: '再撤一次' }, clerk, actor), /没有这一事项/);

      const published = ((await app.inject({ url: `/api/decisions?year=${year}&agency=${government}` })).json() as { items: { catalogue: { version: number; publishedOn: string }; items: { title: string; meeting: string }[]; changes: { version: number; reason: string }[] }[] }).items;
      assert.equal(published.length, 1);
      assert.deepEqual([published[0]!.catalogue.version, published[0]!.catalogue.publishedOn], [3, today]);
      assert.deepEqual(published[0]!.items.map((i) => [i.title, i.meeting]), [['社区养老服务设施布局规划', '区政府第10次常务会议']]);
      assert.deepEqual(published[0]!.changes.map((c) => [c.version, c.reason]), [[2, '已经常务会议审议'], [3, '上级统一调整,不再列入']]);
      const page = await app.inject({ url: `/decisions?year=${year}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /上海市长宁区某某街道办事处 \d{4} 年度重大行政决策事项目录/);
      assert.ok(page.body.includes(`<a href="/consultations/${consultation}">养老设施规划(征求意见稿)</a>`), 'the item links its consultation');
      assert.match(page.body, /听证会:\d{4}-03-20/);
      assert.match(page.body, /参加人:居民代表 5 名/);
      assert.match(page.body, /第 3 版:撤回事项“停车收费标准调整”。理由:上级统一调整,不再列入/);
      assert.match((await app.inject({ url: '/' })).body, /<a href="\/decisions"[^>]*>重大决策<\/a>/);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'participation_decision_catalogue' and subject_id = ${String(id)} order by id`);
      assert.deepEqual(audit.map((e) => e.action), [
        'participation.catalogue_create', 'participation.catalogue_add_item', 'participation.catalogue_add_item', 'participation.catalogue_publish',
        'participation.catalogue_revise_item', 'participation.catalogue_withdraw_item',
      ]);
    });

    it('counts meetings with stakeholders attending against 3 a year and shows the shortfall', async () => {
      const today = todayInChina();
      const year = Number(today.slice(0, 4));
      await context.decisions.recordMeeting({ heldOn: `${year}-01-01` > today ? today : `${year}-01-01`, title: '区政府常务会议', attendees: '居民代表 2 名' }, clerk, actor);
      await context.decisions.recordMeeting({ heldOn: today, title: '区政府专题会议', attendees: '企业代表 1 名' }, clerk, actor);
      await assert.rejects(context.decisions.recordMeeting({ heldOn: `${year + 1}-06-01`, title: '未来', attendees: '某' }, clerk, actor), /不能晚于今天/);
      const own = await context.decisions.meetings(year, clerk);
      assert.deepEqual(own.tallies.map((t) => [t.agencyId, t.count, t.shortfall]), [[government, 2, 1]]);
      assert.equal(own.meetings.length, 2);
      const all = await context.decisions.meetings(year, staff(44, 'supervisor', null));
      assert.deepEqual(all.tallies.find((t) => t.agencyId === civil)?.shortfall, 3, 'supervisors see every agency, those with none too');
      await assert.rejects(context.decisions.recordMeeting({ heldOn: today, title: '会议', attendees: '某' }, staff(44, 'supervisor', null), actor), { code: 'forbidden' });
    });
  });
}
