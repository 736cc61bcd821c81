import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency, aStaffMember } from '../support/factories.ts';
import { entry } from '../catalogue/catalogue.factories.ts';

const asUser = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });

/** The modules of cases between agencies declare what falls due the same way: a task's own date, an assistance request's clock. */
for (const engine of engines) {
  describe(`reminders of tasks and assistance on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let market: number;
    let tax: number;
    let police: number;
    const staffOf: Record<string, number> = {};
    const actor = { id: 'user:test' };
    const today = todayInChina();
    const remindersOf = async (agencyId: number) =>
      database.db.query<{ title: string; link: string; purpose: string }>(sql`
        select r.title, r.link, r.purpose from staff_reminders r join users u on u.id = r.user_id where u.agency_id = ${agencyId} order by r.id`);

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      const city = await anAgency(database.db, { name: '上海市长宁区人民政府' });
      market = await anAgency(database.db, { name: '上海市长宁区市场监督管理局', parentId: city });
      tax = await anAgency(database.db, { name: '上海市长宁区税务局', parentId: city });
      police = await anAgency(database.db, { name: '上海市公安局长宁分局', parentId: city });
      for (const [name, agencyId] of [['market', market], ['tax', tax], ['police', police]] as const) {
        staffOf[name] = (await aStaffMember(context, { agencyId, username: `${name}.clerk` })).id;
      }
    });
    after(async () => database.close());

    it('reminds a task\'s lead and responsible agencies as its date comes, and no one once it is done', async () => {
      const calendar = await context.calendar.current();
      const dueOn = calendar.addWorkingDays(today, 5).date;
      const taskId = await context.supervision.add({ text: '完善政务公开目录', leadAgencyId: market, responsibleAgencyId: tax, dueOn }, asUser(99, 'supervisor', null), actor);
      assert.deepEqual(await context.reminders.remind(today), { reminders: 0, mails: 0 }, 'not yet');
      const day = calendar.addWorkingDays(today, 3).date;
      assert.equal((await context.reminders.remind(day)).reminders, 2, 'the lead and the responsible agency');
      for (const agencyId of [market, tax]) {
        assert.deepEqual(await remindersOf(agencyId), [{ title: `即将到期:督办任务 完善政务公开目录(期限 ${dueOn})`, link: `/supervision/tasks/${taskId}`, purpose: 'due' }]);
      }
      assert.deepEqual(await remindersOf(police), []);
      const seen = await context.reminders.overview(asUser(staffOf.tax!, 'clerk', tax), day);
      assert.deepEqual(seen.cases.map((due) => [due.kind, due.name]), [['督办任务', '完善政务公开目录']]);
      await database.db.query(sql`update supervision_tasks set state = 'completed' where id = ${taskId}`);
      assert.deepEqual((await context.reminders.overview(asUser(staffOf.tax!, 'clerk', tax), day)).cases, []);
    });

    it('reminds the requested agency of an accepted assistance request it must complete', async () => {
      // Matters are registered in the catalogue by the staffing office first (Art. 6).
      const matterId = await context.assistance.registerMatter(
        { title: '核查经营者身份', requestingAgencyId: market, requestedAgencyId: police, form: 'investigation', legalBasis: '《无证无照经营查处办法》', registeredOn: today },
        asUser(99, 'supervisor', null),
        actor,
      );
      const request = await context.assistance.submit(
        {
          matterId,
          requestedAgencyId: police,
          subject: '协助调查无照经营场所',
          body: '请协助核查某路某号的经营者身份。',
          legalBasis: '《无证无照经营查处办法》第十条',
          channel: 'written',
          obstacleOn: today,
          requestedOn: today,
          notOwnDuty: true,
        },
        asUser(staffOf.market!, 'clerk', market),
        actor,
      );
      await context.assistance.act(request.id, 'accept', { on: today }, asUser(staffOf.police!, 'clerk', police), actor);
      const [clock] = await database.db.query<{ dueOn: string }>(sql`
        select due_on::text as "dueOn" from clocks where subject_type = 'assistance_request' and subject_id = ${request.id} and purpose = 'handle' and status = 'running'`);
      assert.ok(clock, 'the handling clock runs');
      await context.reminders.remind(clock!.dueOn);
      const police_ = await remindersOf(police);
      assert.equal(police_.length, 1);
      assert.match(police_[0]!.title, /^即将到期:行政协助 · 协助办理 .+ 协助调查无照经营场所/);
      assert.equal(police_[0]!.link, `/assistance/requests/${request.id}`);
      assert.ok(!(await remindersOf(market)).some((r) => r.link.includes('/assistance/')), 'the requesting agency does not answer it');
    });

    it('reminds the providing agency before a resource misses its update frequency, and not after an update', async () => {
      const clerk = asUser(staffOf.market!, 'clerk', market);
      const { id } = await context.catalogue.create(entry({ name: '市场主体登记信息', updateFrequency: 'weekly' }), clerk, actor);
      const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const [registered] = await database.db.query<{ on: string }>(sql`select created_at::date::text as on from catalogue_resources where id = ${id}`);
      const dueOn = addDays(registered!.on, 7);
      await context.reminders.remind(addDays(dueOn, 1));
      const given = (await remindersOf(market)).filter((r) => r.link === `/catalogue/${id}`);
      assert.deepEqual(given.map((r) => r.title), [`已逾期:数据资源更新 市场主体登记信息(期限 ${dueOn})`]);
      await context.catalogue.markUpdated(id, { on: addDays(dueOn, 1) }, clerk, actor, addDays(dueOn, 1));
      const later = await context.reminders.overview(clerk, addDays(dueOn, 1));
      assert.ok(!later.cases.some((due) => due.link === `/catalogue/${id}`), 'updated: next due a week later');
    });
  });
}
