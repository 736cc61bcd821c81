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
import { findPublishedMessages } from '../../src/modules/participation/participation.queries.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const sender = { name: '王五', contact: 'wangwu@example.com' };

for (const engine of engines) {
  describe(`messages (政民互动) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let civil: number;
    let housing: number;
    const from = (n: number) => ({ remoteAddress: `198.51.100.${n}` });
    const actor = { id: 'user:1', address: '203.0.113.1' };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      [civil, housing] = await agencies(database.db, '上海市长宁区民政局', '上海市长宁区房屋管理局');
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const post = (payload: Record<string, unknown>, n: number) => app.inject({ method: 'POST', url: '/api/messages', payload, ...from(n) });

    it('takes a message without an account: 201 with a tracking code and the 5th working day as due date', async () => {
      const today = todayInChina();
      const response = await post({ agencyId: civil, kind: 'question', subject: '养老服务补贴怎么申请', body: '请问80岁以上老人的补贴在哪里申请?', ...sender }, 1);
      assert.equal(response.statusCode, 201);
      const receipt = response.json() as { trackingCode: string; receivedOn: string; dueOn: string };
      assert.match(receipt.trackingCode, /^LY[0-9A-Z]{12}$/);
      const calendar = await context.calendar.current();
      assert.deepEqual([receipt.receivedOn, receipt.dueOn], [today, calendar.addWorkingDays(today, 5).date]);
      const tracked = await app.inject({ url: `/api/messages/${receipt.trackingCode.toLowerCase()}` });
      assert.equal(tracked.statusCode, 200);
      const body = tracked.json() as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).slice(0, 6), ['trackingCode', 'state', 'agencyName', 'receivedOn', 'dueOn', 'reply']);
      assert.deepEqual([body.state, body.agencyName, body.dueOn, body.reply], ['已收到,待受理', '上海市长宁区民政局', receipt.dueOn, null]);
      for (const secret of ['王五', 'wangwu', '80岁']) assert.ok(!tracked.body.includes(secret), secret);
      assert.equal((await app.inject({ url: '/api/messages/LY2222222222222' })).statusCode, 404);
    });

    it('refuses an empty or oversized message with every problem named, and stores nothing', async () => {
      const count = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from participation_messages`))[0]!.n;
      const before = await count();
      const refused = await post({ agencyId: civil, kind: 'rumour', subject: '', body: '字'.repeat(5001), name: '', contact: '' }, 2);
      assert.equal(refused.statusCode, 400);
      const messages = (refused.json() as { error: { message: string } }).error.message;
      for (const expected of ['类别不在可选范围内', '请填写标题', '内容不能超过 5000 字', '请填写姓名', '请填写联系方式']) assert.ok(messages.includes(expected), `${expected} in ${messages}`);
      const page = await app.inject({ method: 'POST', url: '/messages', payload: new URLSearchParams({ agencyId: String(civil), kind: 'question', subject: '<b>标题</b>', body: '', name: '赵六', contact: '' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(3) });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /请填写内容/);
      assert.match(page.body, /value="&#60;b&#62;标题&#60;\/b&#62;"/, 'the typed text is kept, escaped');
      assert.match(page.body, /<textarea id="f-body" name="body" rows="6" maxlength="5000"/, 'the limit on the page is the declared one');
      assert.equal(await count(), before);
    });

    it('transfers to the competent agency with the clock restarted there, which replies; the administrator publishes the moderated text; the sender rates once', async () => {
      const today = todayInChina();
      const receipt = await context.participation.submit({ agencyId: civil, kind: 'complaint', subject: '老旧小区加装电梯', body: '我家在某某路88弄,电梯审批太慢,电话13900001111', ...sender }, { id: 'public' });
      const id = (await database.db.query<{ id: number }>(sql`select id::int as id from participation_messages where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      const civilClerk = staff(11, 'clerk', civil);
      const housingClerk = staff(12, 'clerk', housing);
      const housingAdmin = staff(13, 'agency_admin', housing);
      await assert.rejects(context.participation.file(id, housingClerk), { code: 'not_found' }, 'another agency sees nothing before the transfer');
      assert.equal(await context.participation.act(id, 'transfer', { on: today, agencyId: housing, reason: '加装电梯由房管局主管' }, civilClerk, actor), 'received');
      await assert.rejects(context.participation.file(id, civilClerk), { code: 'not_found' }, 'the first agency no longer handles it');
      const file = await context.participation.file(id, housingClerk);
      assert.equal(file.message.senderContact, sender.contact, 'the handling agency sees the contact');
      assert.deepEqual(file.abilities, { read: true, handle: true, moderate: false });
      assert.ok(file.clock?.days.some((day) => /转交/.test(JSON.stringify(day))) || JSON.stringify(file.clock).includes('转交'), 'the clock explains the restart');
      assert.equal(await context.participation.act(id, 'reply', { on: today, reply: '已纳入今年加装电梯计划,审批时限为 20 个工作日。' }, housingClerk, actor), 'replied');
      await assert.rejects(context.participation.act(id, 'publish', { subject: 'x', body: 'y', reply: 'z' }, housingClerk, actor), { code: 'forbidden' }, 'a clerk does not moderate');
      assert.equal(await context.participation.act(id, 'publish', { subject: '老旧小区加装电梯', body: '反映加装电梯审批较慢。', reply: '已纳入今年加装电梯计划,审批时限为 20 个工作日。' }, housingAdmin, actor), 'published');
      const listed = await app.inject({ url: '/api/messages?q=电梯' });
      const items = (listed.json() as { items: { agencyName: string; body: string; receivedOn: string; repliedOn: string }[] }).items;
      assert.equal(items.length, 1);
      assert.deepEqual([items[0]!.agencyName, items[0]!.body, items[0]!.receivedOn, items[0]!.repliedOn], ['上海市长宁区房屋管理局', '反映加装电梯审批较慢。', today, today]);
      assert.deepEqual([listed.json().total, listed.json().totalExact], [1, true]);
      // Past the count limit the total is a floor, and the page says so.
      assert.deepEqual(await findPublishedMessages(database.db, { page: 1, pageSize: 20 }, 0).then(({ total, totalExact }) => [total, totalExact]), [0, false]);
      const page = await app.inject({ url: '/messages' });
      assert.match(page.body, /共 1 条公开的留言及答复/);
      for (const secret of ['13900001111', '88弄', 'wangwu', '王五']) assert.ok(!listed.body.includes(secret) && !page.body.includes(secret), secret);
      const tracking = await context.participation.track(receipt.trackingCode);
      assert.ok(tracking?.steps.some((step) => step.note.includes('已转交上海市长宁区房屋管理局办理')), 'the sender is told of the transfer');
      assert.equal((await app.inject({ method: 'POST', url: `/api/messages/${receipt.trackingCode}/rating`, payload: { rating: 'fairly_satisfied' }, ...from(4) })).statusCode, 200);
      assert.equal((await app.inject({ method: 'POST', url: `/api/messages/${receipt.trackingCode}/rating`, payload: { rating: 'satisfied' }, ...from(5) })).statusCode, 409);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'participation_message' and subject_id = ${String(id)} order by id`);
      assert.deepEqual(audit.map((a) => a.action), ['participation.submit', 'participation.transfer', 'participation.reply', 'participation.publish', 'participation.rate']);
    });

    it('answers a simple question within 1 working day, and never publishes what the sender kept private', async () => {
      const today = todayInChina();
      const receipt = await context.participation.submit({ agencyId: civil, kind: 'question', subject: '办公时间', body: '周六办公吗?', keepPrivate: 'on', ...sender }, { id: 'public' });
      const id = (await database.db.query<{ id: number }>(sql`select id::int as id from participation_messages where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      const clerk = staff(21, 'clerk', civil);
      await context.participation.act(id, 'mark_simple', { on: today }, clerk, actor);
      const calendar = await context.calendar.current();
      assert.equal((await context.participation.file(id, clerk)).message.dueOn, calendar.addWorkingDays(today, 1).date);
      await context.participation.act(id, 'reply', { on: today, reply: '周六不办公。' }, clerk, actor);
      await assert.rejects(context.participation.act(id, 'publish', { subject: 'a', body: 'b', reply: 'c' }, staff(22, 'agency_admin', civil), actor), /要求不公开/);
      assert.equal(await context.participation.act(id, 'withhold', { reason: '留言人要求不公开' }, staff(22, 'agency_admin', civil), actor), 'closed');
      await assert.rejects(context.participation.act(id, 'toString', {}, clerk, actor), { code: 'not_found' });
    });

    it('serves the public pages without JavaScript: the form from the declaration, the tracking page, the published list', async () => {
      const form = await app.inject({ url: '/messages/new' });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input id="f-subject" name="subject" type="text" value="" maxlength="100" required/);
      assert.match(form.body, /<input type="radio" name="kind" value="question"/);
      const posted = await app.inject({ method: 'POST', url: '/messages', payload: new URLSearchParams({ agencyId: String(civil), kind: 'suggestion', subject: '建议增设公交站', body: '建议在某路口增设公交站。', name: '钱七', contact: '021-12345678' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(6) });
      assert.equal(posted.statusCode, 303);
      const tracking = await app.inject({ url: posted.headers.location as string });
      assert.match(tracking.body, /留言已提交/);
      assert.ok(!tracking.body.includes('钱七') && !tracking.body.includes('021-12345678'));
      assert.match((await app.inject({ url: '/' })).body, /<a href="\/messages"[^>]*>政民互动<\/a>/, 'the module adds itself to the portal navigation');
    });
  });
}
