import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { aDisclosureRequest, agencies, aStaffMember } from '../support/factories.ts';
import { bodyOf, startSmtp } from '../support/smtp.ts';

for (const engine of engines) {
  describe(`reminders of what falls due on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let civil: number;
    let housing: number;
    const users: Record<'clerk' | 'admin' | 'stopped' | 'housingClerk' | 'supervisor', { id: number; username: string; password: string }> = {} as never;
    const asUser = (key: keyof typeof users, role: StaffUser['role'], agencyId: number | null): StaffUser => ({
      id: users[key].id, username: users[key].username, displayName: key, role, agencyId, agencyName: null, mustChangePassword: false,
    });
    const actor = { id: 'user:test', address: '203.0.113.9' };
    const today = todayInChina();
    let messageId: number;
    let receiptCode: string;

    before(async () => {
      smtp = await startSmtp();
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://gk.example.gov.cn' }), { db: database.db, migrate: false });
      app = buildServer(context);
      [civil, housing] = await agencies(database.db, '上海市长宁区民政局', '上海市长宁区房屋管理局');
      users.clerk = await aStaffMember(context, { agencyId: civil, username: 'civil.clerk' });
      users.admin = await aStaffMember(context, { agencyId: civil, role: 'agency_admin', username: 'civil.admin' });
      users.stopped = await aStaffMember(context, { agencyId: civil, username: 'civil.stopped' });
      users.housingClerk = await aStaffMember(context, { agencyId: housing, username: 'housing.clerk' });
      users.supervisor = await aStaffMember(context, { agencyId: null, role: 'supervisor', username: 'watcher' });
      await context.auth.setDisabled(users.stopped.id, true, asUser('admin', 'agency_admin', civil), actor);
      await context.reminders.setEmail(asUser('clerk', 'clerk', civil), 'clerk@civil.example.org', actor);
      await context.reminders.setEmail(asUser('stopped', 'clerk', civil), 'stopped@civil.example.org', actor);
      await context.reminders.setEmail(asUser('housingClerk', 'clerk', housing), 'clerk@housing.example.org', actor);
      // A message to 民政局 answered in 5 working days; a request to 房管局 answered in 20.
      const receipt = await context.participation.submit({ agencyId: civil, kind: 'question', subject: '养老服务补贴怎么申请', body: '请问在哪里申请?', name: '王五', contact: 'wangwu@example.com' }, { id: 'public' });
      receiptCode = receipt.trackingCode;
      messageId = (await database.db.query<{ id: number }>(sql`select id::int as id from participation_messages where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      await aDisclosureRequest(context, housing);
    });
    after(async () => {
      await app.close();
      await database.close();
      await smtp.close();
    });

    const workingDaysOn = async (n: number) => (await context.calendar.current()).addWorkingDays(today, n).date;
    const remindersOf = (userId: number) =>
      database.db.query<{ stage: string; title: string; link: string }>(sql`select stage, title, link from staff_reminders where user_id = ${userId} order by id`);

    it('reminds no one before the last 3 working days', async () => {
      assert.deepEqual(await context.reminders.remind(today), { reminders: 0, mails: 0 });
    });

    it('reminds the answering agency\'s active staff once when a case is due within 3 working days, even when two runs race', async () => {
      const day = await workingDaysOn(3);
      const runs = await Promise.all([context.reminders.remind(day), context.reminders.remind(day)]);
      assert.equal(runs[0].reminders + runs[1].reminders, 2, 'the clerk and the administrator, once each');
      assert.equal(runs[0].mails + runs[1].mails, 1, 'only the clerk gave an address');
      const mine = await remindersOf(users.clerk.id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.stage, 'due_soon');
      assert.equal(mine[0]!.title, `即将到期:留言 · 答复 ${receiptCode} 养老服务补贴怎么申请(期限 ${await workingDaysOn(5)})`);
      assert.equal(mine[0]!.link, `/messages/${messageId}`);
      assert.equal((await remindersOf(users.stopped.id)).length, 0, 'a stopped account is not reminded');
      assert.equal((await remindersOf(users.housingClerk.id)).length, 0, 'nor another agency');
      assert.deepEqual(await context.reminders.remind(day), { reminders: 0, mails: 0 }, 'a second run gives nothing twice');
    });

    it('reminds again once the case is overdue, and the mail reaches the clerk with the console link', async () => {
      const late = await workingDaysOn(6);
      // 民政局's two staff: the message is overdue; 房管局's clerk: the request's 7-working-day correction notice falls due.
      assert.deepEqual(await context.reminders.remind(late), { reminders: 3, mails: 2 });
      assert.deepEqual((await remindersOf(users.clerk.id)).map((r) => r.stage), ['due_soon', 'overdue']);
      assert.deepEqual((await remindersOf(users.housingClerk.id)).map((r) => r.title.split(' ')[0]), ['即将到期:依申请公开申请']);
      const sent = await context.mail.sendDue();
      assert.deepEqual(sent, { sent: 3, failed: 0 });
      const toClerk = smtp.received.filter((mail) => mail.to === 'clerk@civil.example.org');
      assert.equal(toClerk.length, 2);
      const text = bodyOf(toClerk[1]!.data);
      assert.match(text, /已逾期:留言 · 答复/);
      assert.ok(text.includes(`https://gk.example.gov.cn/console/messages/${messageId}`), text);
      assert.ok(!smtp.received.some((mail) => mail.to.includes('stopped')));
      const toHousing = smtp.received.filter((mail) => mail.to === 'clerk@housing.example.org');
      assert.equal(toHousing.length, 1);
      assert.match(bodyOf(toHousing[0]!.data), /依申请公开申请 · 补正告知/);
      assert.doesNotMatch(bodyOf(toHousing[0]!.data), /留言/, 'nothing of another agency');
    });

    it('stops reminding once the message is answered', async () => {
      const clerk = asUser('clerk', 'clerk', civil);
      const open = await context.reminders.overview(clerk, await workingDaysOn(6));
      assert.deepEqual(open.cases.map((due) => [due.kind, due.stage]), [['留言 · 答复', 'overdue']]);
      const replied = await database.db.query(sql`update clocks set status = 'stopped' where subject_type = 'participation_message' and subject_id = ${messageId} returning id`);
      assert.equal(replied.length, 1);
      assert.deepEqual((await context.reminders.overview(clerk, await workingDaysOn(6))).cases, []);
      assert.deepEqual(await context.reminders.remind(await workingDaysOn(7)), { reminders: 0, mails: 0 });
    });

    it('shows each member of staff their agency\'s due cases, a supervisor every agency\'s, and what waits for moderation', async () => {
      const day = await workingDaysOn(18);
      const housingView = await context.reminders.overview(asUser('housingClerk', 'clerk', housing), day);
      assert.deepEqual(housingView.cases.map((due) => [due.kind, due.stage, due.dueOn]), [
        ['依申请公开申请 · 补正告知', 'overdue', await workingDaysOn(7)],
        ['依申请公开申请 · 答复', 'due_soon', await workingDaysOn(20)],
      ]);
      assert.deepEqual((await context.reminders.overview(asUser('clerk', 'clerk', civil), day)).cases, []);
      const supervisor = await context.reminders.overview(asUser('supervisor', 'supervisor', null), day);
      assert.equal(supervisor.cases.length, 2);
      assert.deepEqual(supervisor.pending.map((work) => work.label), [
        '答复后待审核公开的留言',
        '逾期未公布的重大决策事项目录',
        '待审核的征求意见',
        '待发布的上年度年度报告(部门1月31日、政府3月31日前)',
        '逾期未发布的上年度年度报告',
      ]);
      // A catalogue of major decisions this year still unpublished after 31 March is late for its agency only.
      const year = Number(todayInChina().slice(0, 4));
      await database.db.query(sql`insert into participation_decision_catalogues (agency_id, year) values (${housing}, ${year})`);
      const lateCatalogues = async (user: StaffUser) => (await context.reminders.overview(user, day)).pending.find((work) => work.link === '/decisions')!.count;
      const expected = todayInChina() > `${year}-03-31` ? 1 : 0;
      assert.deepEqual([await lateCatalogues(asUser('housingClerk', 'clerk', housing)), await lateCatalogues(asUser('clerk', 'clerk', civil))], [expected, 0]);
      // Last year's annual report is owed by an agency that was in the register then, until it is published.
      const reportsOwed = async (user: StaffUser) =>
        (await context.reminders.overview(user, day)).pending.filter((work) => work.link === '/annual-reports').reduce((sum, work) => sum + work.count, 0);
      assert.equal(await reportsOwed(asUser('housingClerk', 'clerk', housing)), 0, 'an agency registered this year owes no report for last year');
      await database.db.query(sql`update agencies set created_at = ${`${year - 2}-06-01T00:00:00+08:00`}::timestamptz where id = ${housing}`);
      assert.deepEqual([await reportsOwed(asUser('housingClerk', 'clerk', housing)), await reportsOwed(asUser('clerk', 'clerk', civil))], [1, 0]);
      await database.db.query(sql`insert into annual_reports (agency_id, year, format, state, published_on) values (${housing}, ${year - 1}, '2021', 'published', ${`${year}-01-20`}::date)`);
      assert.equal(await reportsOwed(asUser('housingClerk', 'clerk', housing)), 0, 'published');
    });

    it('serves a member of staff their reminders and address over HTTP, marks them read, and refuses a malformed address', async () => {
      const { token, session } = await context.auth.signIn('civil.clerk', users.clerk.password, '127.0.0.1');
      const headers = { cookie: `gk_session=${token}`, 'x-csrf-token': session.csrfToken };
      const listed = await app.inject({ url: '/api/staff/reminders', headers });
      assert.equal(listed.statusCode, 200);
      const body = listed.json() as { items: { id: number; read: boolean }[]; email: string };
      assert.deepEqual([body.items.length, body.email, body.items.every((item) => !item.read)], [2, 'clerk@civil.example.org', true]);
      assert.equal((await app.inject({ url: '/api/staff/due', headers })).json().unread, 2);
      const read = await app.inject({ method: 'POST', url: '/api/staff/reminders/read', headers, payload: { ids: [body.items[0]!.id] } });
      assert.deepEqual(read.json(), { changed: 1 });
      assert.equal((await app.inject({ url: '/api/staff/due', headers })).json().unread, 1);
      const bad = await app.inject({ method: 'POST', url: '/api/staff/reminders/email', headers, payload: { email: 'not an address' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /电子邮箱格式不正确/);
      const cleared = await app.inject({ method: 'POST', url: '/api/staff/reminders/email', headers, payload: { email: '' } });
      assert.deepEqual(cleared.json(), { email: null });
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where action in ('user.set_reminder_email', 'reminders.remind') order by id`);
      assert.deepEqual([...new Set(audit.map((event) => event.action))], ['user.set_reminder_email', 'reminders.remind']);
    });
  });
}
