import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir, seedStartingWith } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { anAgency } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const supervisor = staff(1, 'supervisor', null);
const actor = { id: 'user:1', address: '203.0.113.1' };
const documentNumber = '静府发〔2016〕12号';
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

for (const engine of engines) {
  describe(`supervised tasks (督查督办) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let documentId: number;
    const files = tempDir();
    const agencies = new Map<string, number>();
    const count = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from supervision_tasks`))[0]!.n;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ FILES_DIR: files.path }), { db: database.db, migrate: false });
      app = buildServer(context);
      await context.ingest.ingest([`${seedsDir}${seedStartingWith('000')}`]);
      documentId = (await database.db.query<{ id: number }>(sql`select id::int as id from documents where doc_number = ${documentNumber}`))[0]!.id;
    });
    after(async () => {
      await app.close();
      await database.close();
      files.remove();
    });

    it("lists the document's 39 tasks with the names no agency stands for, and refuses to import while a task has no agency, storing nothing", async () => {
      const preview = await context.supervision.preview(documentId, supervisor);
      assert.equal(preview.tasks.length, 39);
      assert.equal(preview.document.docNumber, documentNumber);
      for (const name of ['区编办', '区审改办', '区科委', '区各行政机关']) assert.ok(preview.unresolved.includes(name), name);
      assert.deepEqual(preview.tasks[0]!.lead.map((n) => n.name), ['区编办', '区审改办']);
      await assert.rejects(context.supervision.importDocument(documentId, { dueOn: addDays(todayInChina(), 60) }, supervisor, actor), (error: { code: string; message: string }) => {
        assert.equal(error.code, 'validation_failed');
        assert.match(error.message, /第 1 项任务.*区编办、区审改办.*都没有对应的机关/);
        return true;
      });
      assert.equal(await count(), 0);
      await assert.rejects(context.supervision.preview(documentId, staff(2, 'clerk', 1)), { code: 'forbidden' });
    });

    it('imports once the names are mapped (the mapping remembered), with lead and responsible agencies and the due date; a second import creates nothing', async () => {
      const today = todayInChina();
      const { unresolved } = await context.supervision.preview(documentId, supervisor);
      for (const name of unresolved.filter((n) => n.startsWith('区') && !n.startsWith('区各'))) {
        const agencyId = await anAgency(database.db, { name: `上海市静安区${name.slice(1)}` });
        agencies.set(name, agencyId);
        await context.supervision.mapName({ name, agencyId }, supervisor, actor);
      }
      await assert.rejects(context.supervision.importDocument(documentId, { dueOn: addDays(today, 60) }, supervisor, actor), /第 27 项任务.*区各行政机关、各街镇、各有关单位/);
      // A collective name stands for the office that coordinates it, mapped once like any other.
      await context.supervision.mapName({ name: '区各行政机关', agencyId: agencies.get('区府办')! }, supervisor, actor);
      assert.equal(await count(), 0);
      await assert.rejects(context.supervision.importDocument(documentId, { dueOn: addDays(today, -1) }, supervisor, actor), { code: 'validation_failed' }, 'a due date before assignment');
      const result = await context.supervision.importDocument(documentId, { dueOn: addDays(today, 60) }, supervisor, actor);
      assert.equal(result.created, 39);
      assert.equal(result.tasks.length, 39);
      const first = result.tasks.find((task) => task.text.startsWith('1、实施目录管理'))!;
      assert.deepEqual(first.lead, ['上海市静安区审改办', '上海市静安区编办']);
      assert.deepEqual(first.unresolved, ['各街镇', '各有关单位']);
      assert.deepEqual(first.responsible, ['上海市静安区府办']);
      assert.deepEqual([first.state, first.dueOn, first.signal], ['in_progress', addDays(today, 60), 'normal']);
      const again = await context.supervision.importDocument(documentId, { dueOn: addDays(today, 90) }, supervisor, actor);
      assert.deepEqual([again.created, again.tasks.length, await count()], [0, 39, 39]);
      const audited = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'supervision.create'`);
      assert.equal(audited[0]!.n, 39);
    });

    it('shows a task only to its agencies; the responsible one reports, the lead asks to close, the supervisor sends back and then accepts', async () => {
      const today = todayInChina();
      const [task] = await context.supervision.list({ documentId }, supervisor);
      const file = await context.supervision.file(task!.id, supervisor);
      const lead = file.task.agencies.find((a) => a.role === 'lead')!;
      const otherAgency = agencies.get('区档案局')!;
      assert.ok(!file.task.agencies.some((a) => a.id === otherAgency));
      const outsider = staff(20, 'clerk', otherAgency);
      await assert.rejects(context.supervision.file(task!.id, outsider), { code: 'not_found' });
      assert.ok((await context.supervision.list({}, outsider)).every((item) => item.id !== task!.id));
      const leadClerk = staff(21, 'clerk', lead.id);
      assert.deepEqual((await context.supervision.file(task!.id, leadClerk)).actions, ['report', 'submit']);
      await assert.rejects(context.supervision.act(task!.id, 'accept', { on: today }, leadClerk, actor), { code: 'forbidden', message: '只有督查人员可以交办、验收和督办' });
      await assert.rejects(context.supervision.act(task!.id, 'report', { on: today, progress: 101, text: '过半' }, leadClerk, actor), { code: 'validation_failed' });
      assert.equal(await context.supervision.act(task!.id, 'report', { on: today, progress: 40, text: '目录已梳理' }, leadClerk, actor), 'in_progress');
      await assert.rejects(context.supervision.act(task!.id, 'accept', { on: today }, supervisor, actor), { code: 'invalid_transition' });
      assert.equal(await context.supervision.act(task!.id, 'submit', { on: today, text: '目录已公布' }, leadClerk, actor), 'awaiting_acceptance');
      assert.equal(await context.supervision.act(task!.id, 'send_back', { on: today, reason: '缺少动态清理机制' }, supervisor, actor), 'in_progress');
      await context.supervision.act(task!.id, 'submit', { on: today, text: '已补充' }, leadClerk, actor);
      assert.equal(await context.supervision.act(task!.id, 'accept', { on: today }, supervisor, actor), 'completed');
      const done = await context.supervision.file(task!.id, supervisor);
      assert.deepEqual([done.task.progress, done.signal, done.actions], [100, null, []]);
      assert.deepEqual(done.events.map((e) => e.action), ['create', 'report', 'submit', 'send_back', 'submit', 'accept']);
      assert.match(done.events[1]!.note!, /40%.*目录已梳理/);
    });

    it('turns a task red after its due date; the supervisor issues a 督办单 and escalates on the second; late work is accepted as completed late', async () => {
      const later = addDays(todayInChina(), 61);
      const tasks = await context.supervision.list({ documentId }, supervisor, later);
      const red = tasks.filter((task) => task.signal === 'overdue');
      assert.equal(red.length, 38);
      assert.equal((await context.supervision.list({ signal: 'overdue' }, supervisor, later)).length, 38);
      const task = red[0]!;
      await assert.rejects(context.supervision.act(task.id, 'notice', { on: todayInChina(), requirement: '请加快' }, supervisor, actor), { code: 'invalid_transition' }, 'not due yet today');
      await context.supervision.act(task.id, 'notice', { on: later, requirement: '请于三日内报送进展' }, supervisor, actor, later);
      await context.supervision.act(task.id, 'notice', { on: later, requirement: '仍未报送' }, supervisor, actor, later);
      const file = await context.supervision.file(task.id, supervisor, later);
      assert.deepEqual([file.signal, file.task.notices], ['overdue', 2]);
      assert.match(file.events.at(-1)!.note!, /第 2 次督办.升级催办.:仍未报送/);
      const leadClerk = staff(22, 'clerk', file.task.agencies.find((a) => a.role === 'lead')!.id);
      await context.supervision.act(task.id, 'submit', { on: later, text: '已完成' }, leadClerk, actor, later);
      assert.equal(await context.supervision.act(task.id, 'accept', { on: later }, supervisor, actor, later), 'completed_late');
    });

    it("gives supervisors a dashboard across agencies, refused to an agency's clerk, over HTTP", async () => {
      const password = 'a long passphrase for supervision';
      await context.auth.createUser({ username: `sup-${engine}`, displayName: '督查员', role: 'supervisor', agencyId: null, password }, null, { id: 'cli:test' });
      await context.auth.createUser({ username: `clerk-${engine}`, displayName: '经办', role: 'clerk', agencyId: agencies.get('区编办')!, password }, null, { id: 'cli:test' });
      const signIn = async (username: string) => String((await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password } })).headers['set-cookie']).split(';')[0]!;
      const clerk = await signIn(`clerk-${engine}`);
      assert.equal((await app.inject({ url: '/api/staff/supervision/dashboard', headers: { cookie: clerk } })).statusCode, 403);
      const mine = (await app.inject({ url: '/api/staff/supervision/tasks', headers: { cookie: clerk } })).json() as { items: { lead: string[]; responsible: string[] }[] };
      assert.ok(mine.items.length > 0 && mine.items.every((item) => [...item.lead, ...item.responsible].includes('上海市静安区编办')));
      const response = await app.inject({ url: '/api/staff/supervision/dashboard', headers: { cookie: await signIn(`sup-${engine}`) } });
      assert.equal(response.statusCode, 200);
      const dashboard = response.json() as { tasksByState: Record<string, number>; tasksBySignal: Record<string, number>; agencies: { agencyName: string; tasksOpen: number; tasksCompleted: number; tasksCompletedLate: number }[] };
      assert.deepEqual(dashboard.tasksByState, { in_progress: 37, completed: 1, completed_late: 1 });
      assert.equal(dashboard.tasksBySignal.normal, 37);
      const office = dashboard.agencies.find((row) => row.agencyName === '上海市静安区编办')!;
      assert.ok(office.tasksOpen > 0 && office.tasksCompleted === 1);
    });

    it("publishes a document's supervision results on the portal when a supervisor says so: tasks, agencies, due dates and states, never progress texts or notices; withdrawn again", async () => {
      const page = () => app.inject({ url: `/supervision-results/${documentId}` });
      assert.equal((await page()).statusCode, 404, 'nothing public before publishing');
      assert.equal((await app.inject({ url: `/documents/${documentId}` })).body.includes('督查落实情况'), false);
      await assert.rejects(context.supervisionResults.publish(documentId, staff(2, 'clerk', agencies.get('区编办')!), actor), { code: 'forbidden' });
      const [bare] = await database.db.query<{ id: number }>(sql`select id::int as id from documents where id <> ${documentId} order by id limit 1`);
      await assert.rejects(context.supervisionResults.publish(bare!.id, supervisor, actor), /尚无列入督查台账的任务/);
      await context.supervisionResults.publish(documentId, supervisor, actor);
      await assert.rejects(context.supervisionResults.publish(documentId, supervisor, actor), { code: 'invalid_transition' });

      const published = await page();
      assert.equal(published.statusCode, 200);
      const text = published.body;
      assert.match(text, /共 39 项任务,已完成 2 项/);
      assert.ok(text.includes('上海市静安区编办') && text.includes('按期完成') && text.includes('逾期完成'), 'agencies and states');
      for (const internal of ['目录已梳理', '缺少动态清理机制', '请于三日内报送进展', '仍未报送']) assert.ok(!text.includes(internal), internal);
      const list = await app.inject({ url: '/supervision-results' });
      assert.match(list.body, new RegExp(`href="/supervision-results/${documentId}"`));
      const api = (await app.inject({ url: '/api/supervision-results' })).json() as { items: { documentId: number; tasks: { state: string; lead: string[] }[] }[] };
      assert.deepEqual(api.items.map((item) => [item.documentId, item.tasks.length]), [[documentId, 39]]);
      assert.ok(!JSON.stringify(api).includes('目录已梳理'));
      const documentPage = await app.inject({ url: `/documents/${documentId}` });
      assert.match(documentPage.body, /督查落实情况[\s\S]*共 39 项,已完成 2 项/);
      const [audit] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'supervision.publish_results' and subject_id = ${String(documentId)}`);
      assert.equal(audit!.n, 1);

      await context.supervisionResults.withdraw(documentId, supervisor, actor);
      assert.equal((await page()).statusCode, 404);
      assert.deepEqual((await context.supervisionResults.status(documentId, supervisor)).published, false);
    });

    it('imports a 任务分解表 (XLSX): every row or none, each problem named by its row', async () => {
      const today = todayInChina();
      const sheet = async (rows: unknown[][]) => {
        const workbook = new ExcelJS.Workbook();
        const worksheet = workbook.addWorksheet('任务分解表');
        worksheet.addRow(['2026年重点工作任务分解表']);
        worksheet.addRow(['序号', '工作任务', '牵头单位', '责任单位', '完成时限']);
        for (const row of rows) worksheet.addRow(row);
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const before = await count();
      const bad = await sheet([
        [1, '编制政务公开事项标准目录', '区府办', '区编办、各街镇', '2099年6月底前'],
        [2, '建设统一的行政协助系统', '区大数据中心', '', '2099-12-31'],
        [3, '完善审计整改台账', '区审计局', '', '长期坚持'],
      ]);
      await assert.rejects(context.supervision.importSheet(bad, supervisor, actor), (error: { code: string; message: string }) => {
        assert.equal(error.code, 'validation_failed');
        assert.match(error.message, /第 4 行:单位.区大数据中心.没有对应的机关/);
        assert.match(error.message, /第 5 行:完成时限“长期坚持”不是日期/);
        assert.doesNotMatch(error.message, /第 3 行/);
        return true;
      });
      assert.equal(await count(), before);
      await assert.rejects(context.supervision.importSheet(Buffer.from('序号,工作任务'), supervisor, actor), { code: 'unsupported_media_type' });
      await assert.rejects(context.supervision.importSheet(await sheet([]), staff(2, 'clerk', agencies.get('区编办')!), actor), { code: 'forbidden' });
      const good = await sheet([
        [1, '编制政务公开事项标准目录', '区府办', '区编办、各街镇', '2099年6月底前'],
        [2, '完善审计整改台账', '区审计局', '', new Date(Date.UTC(2099, 11, 31))],
      ]);
      assert.deepEqual(await context.supervision.importSheet(good, supervisor, actor), { created: 2 });
      const added = (await context.supervision.list({}, supervisor)).filter((task) => task.documentId === null);
      const catalogue = added.find((task) => task.text === '编制政务公开事项标准目录')!;
      assert.deepEqual([catalogue.lead, catalogue.responsible, catalogue.unresolved, catalogue.dueOn], [['上海市静安区府办'], ['上海市静安区编办'], ['各街镇'], '2099-06-30']);
      assert.equal(added.find((task) => task.text === '完善审计整改台账')!.dueOn, '2099-12-31');
      void today;
    });
  });
}
