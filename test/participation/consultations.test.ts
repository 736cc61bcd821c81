import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import ExcelJS from 'exceljs';
import { agencies } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const draftText = '第一条 为了规范老旧小区加装电梯,制定本办法。\n第二条 加装电梯应当经本幢业主三分之二以上同意。\n第三条 本办法自发布之日起施行。';
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

for (const engine of engines) {
  describe(`consultations on drafts (征求意见) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let housing: number;
    let civil: number;
    let decisionDocument: number;
    const actor = { id: 'user:1', address: '203.0.113.1' };
    const from = (n: number) => ({ remoteAddress: `198.51.100.${n}` });
    let clerk: StaffUser;
    let head: StaffUser;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      [housing, civil] = await agencies(database.db, '上海市长宁区房屋管理局', '上海市长宁区民政局');
      [clerk, head] = [staff(31, 'clerk', housing), staff(32, 'agency_admin', housing)];
      const dir = tempDir();
      try {
        await context.ingest.ingest([dir.write('decision.txt', '上海市长宁区房屋管理局关于印发《长宁区老旧小区加装电梯管理办法》的通知\n(2026年11月2日)\n长房规〔2026〕1号\n各街道:\n现将办法印发给你们,请遵照执行。\n')]);
      } finally {
        dir.remove();
      }
      decisionDocument = (await database.db.query<{ id: number }>(sql`select id::int as id from documents where doc_number = '长房规〔2026〕1号'`))[0]!.id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const open = (window: { opensOn: string; closesOn: string; shortWindowReason?: string }, user = clerk) =>
      context.consultations.open({ title: '长宁区老旧小区加装电梯管理办法(征求意见稿)', draftText, explanation: '为推进加装电梯,起草本办法。', howToComment: '网上提交,或电子邮件至 dt@example.gov.cn', ...window }, user, actor);

    it('opens a consultation only with a draft and a sound window, and lists it publicly in the fixed shape', async () => {
      const today = todayInChina();
      await assert.rejects(context.consultations.open({ title: '无草案', explanation: '说明', howToComment: '网上', opensOn: today, closesOn: today }, clerk, actor), /请填写草案全文或选择草案文件/);
      await assert.rejects(open({ opensOn: today, closesOn: addDays(today, -1) }), /截止日期不能早于开始日期/);
      await assert.rejects(open({ opensOn: today, closesOn: addDays(today, 30) }, staff(33, 'supervisor', null)), { code: 'forbidden' });
      await assert.rejects(open({ opensOn: today, closesOn: addDays(today, 28) }), { code: 'validation_failed', message: '征求意见期为 29 日,少于规定的 30 日(《重大行政决策程序暂行条例》第十四条),请说明缩短期限的理由' });
      const short = await open({ opensOn: today, closesOn: addDays(today, 6), shortWindowReason: '上级要求年底前出台' });
      assert.match((await app.inject({ url: `/consultations/${short}` })).body, /期限较短的理由:上级要求年底前出台/);
      const id = await open({ opensOn: today, closesOn: addDays(today, 29) });
      const listed = (await app.inject({ url: '/api/consultations' })).json() as { items: Record<string, unknown>[] };
      const item = listed.items.find((i) => i.id === id)!;
      assert.deepEqual(Object.keys(item), ['id', 'title', 'agencyName', 'opensOn', 'closesOn', 'state', 'commentCount', 'reportPublishedOn']);
      assert.deepEqual([item.state, item.agencyName, item.commentCount, item.reportPublishedOn], ['open', '上海市长宁区房屋管理局', 0, null]);
    });

    it('takes comments on an article without an account, keeps the sender private, and publishes only what a moderator passed', async () => {
      const today = todayInChina();
      const id = await open({ opensOn: today, closesOn: addDays(today, 30) });
      const post = (payload: Record<string, unknown>, n: number) => app.inject({ method: 'POST', url: `/api/consultations/${id}/comments`, payload, ...from(n) });
      assert.equal((await post({ article: '第二条', body: '建议三分之二改为过半数,电话13900002222', name: '周八', contact: 'zhouba@example.com' }, 1)).statusCode, 201);
      assert.equal((await post({ body: '支持出台本办法。', name: '吴九', contact: '021-55556666' }, 2)).statusCode, 201);
      const refused = await post({ article: '第九条', body: '', name: '', contact: '' }, 3);
      assert.equal(refused.statusCode, 400);
      for (const expected of ['请填写意见内容', '请填写姓名', '请填写联系方式']) assert.match(refused.body, new RegExp(expected));
      assert.equal((await post({ article: '第九条', body: '意见', name: '某', contact: '某' }, 4)).statusCode, 400, 'an article the draft does not have');
      const form = await app.inject({ method: 'POST', url: `/consultations/${id}/comments`, payload: new URLSearchParams({ article: '第一条', body: '<b>意见</b>', name: '', contact: 'x' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(5) });
      assert.equal(form.statusCode, 400);
      assert.match(form.body, /请填写姓名/);
      assert.match(form.body, /&#60;b&#62;意见&#60;\/b&#62;<\/textarea>/, 'the typed text is kept, escaped');
      assert.match(form.body, /<option value="第一条" selected>/);

      let page = await app.inject({ url: `/consultations/${id}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /收到意见<\/th><td>2 条\(已公开 0 条\)/);
      for (const secret of ['三分之二改为过半数', '周八', 'zhouba', '13900002222']) assert.ok(!page.body.includes(secret), `${secret} before moderation`);

      const file = await context.consultations.file(id, clerk);
      assert.equal(file.comments.length, 2);
      assert.equal(file.comments[0]!.senderContact, 'zhouba@example.com', 'the consulting agency sees the sender');
      await assert.rejects(context.consultations.file(id, staff(34, 'clerk', civil)), { code: 'not_found' }, 'another agency sees nothing');
      const [first, second] = file.comments;
      await assert.rejects(context.consultations.actOnComment(id, first!.id, 'publish', { body: 'x' }, clerk, actor), { code: 'forbidden' }, 'a clerk does not moderate');
      await context.consultations.actOnComment(id, first!.id, 'publish', { body: '建议三分之二改为过半数。' }, head, actor);
      await assert.rejects(context.consultations.actOnComment(id, first!.id, 'reject', { reason: 'x' }, head, actor), { code: 'invalid_transition' });
      await context.consultations.actOnComment(id, second!.id, 'publish', { body: '支持出台本办法。' }, head, actor);
      page = await app.inject({ url: `/consultations/${id}` });
      assert.match(page.body, /对第二条的意见\(1\)<\/summary><ul><li class="comment"><p>建议三分之二改为过半数。<\/p>/);
      assert.match(page.body, /对草案整体的意见/);
      for (const secret of ['周八', 'zhouba', '13900002222', '吴九', '55556666']) assert.ok(!page.body.includes(secret), secret);
      const api = (await app.inject({ url: `/api/consultations/${id}` })).body;
      for (const secret of ['zhouba', '吴九', 'senderContact']) assert.ok(!api.includes(secret), secret);
    });

    it('revises the draft while it is open, publishes every version with its reason, and keeps each comment on the version it was made on', async () => {
      const today = todayInChina();
      const id = await open({ opensOn: today, closesOn: addDays(today, 30) });
      await context.consultations.comment(id, { article: '第二条', body: '第一稿的意见。', name: '甲', contact: 'a@example.com' }, { id: 'public' });
      await assert.rejects(context.consultations.act(id, 'revise', { draftText: '第一条 新。', reason: '' }, clerk, actor), { code: 'validation_failed' });
      await assert.rejects(context.consultations.act(id, 'revise', { draftText: '第一条 新。', reason: '改' }, staff(36, 'clerk', civil), actor), { code: 'not_found' }, 'another agency');
      await context.consultations.act(id, 'revise', { draftText: '第一条 为规范加装电梯,制定本办法。\n第二条 过半数业主同意即可申请。', reason: '根据第一周意见调整第二条。' }, clerk, actor);
      await context.consultations.comment(id, { article: '第二条', body: '第二稿的意见。', name: '乙', contact: 'b@example.com' }, { id: 'public' });
      const file = await context.consultations.file(id, head);
      for (const comment of file.comments) await context.consultations.actOnComment(id, comment.id, 'publish', { body: comment.body }, head, actor);
      const page = (await app.inject({ url: `/consultations/${id}` })).body;
      assert.match(page, /征求意见稿<\/th><td>第 2 稿/);
      assert.match(page, /<h2>草案修改记录<\/h2>/);
      assert.match(page, /第 2 稿:根据第一周意见调整第二条。/);
      assert.match(page, /查看第 1 稿全文/);
      assert.match(page, /第一稿的意见。<\/p><p class="muted">\d{4}-\d{2}-\d{2}（针对第 1 稿）/);
      assert.doesNotMatch(page, /第二稿的意见。<\/p><p class="muted">[^<]*针对/);
      assert.match(page, /过半数业主同意即可申请/);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'participation_consultation' and subject_id = ${String(id)} and action = 'participation.consultation_revise'`);
      assert.equal(audit.length, 1);
    });

    it('starts the 10-working-day clock when the decision document is issued, shows an overdue report to staff, and publishes the report with its counts', async () => {
      const today = todayInChina();
      const id = await open({ opensOn: '2026-09-01', closesOn: '2026-10-08' });
      await context.consultations.comment(id, { article: '第二条', body: '建议降低同意比例。', name: '甲', contact: 'a@example.com' }, { id: 'public' }, '2026-09-15');
      await context.consultations.comment(id, { body: '建议明确费用分摊。', name: '乙', contact: 'b@example.com' }, { id: 'public' }, '2026-09-16');
      await context.consultations.comment(id, { body: '无关广告', name: '丙', contact: 'c@example.com' }, { id: 'public' }, '2026-09-17');
      await assert.rejects(context.consultations.comment(id, { body: '迟到的意见', name: '丁', contact: 'd' }, { id: 'public' }, '2026-10-09'), { code: 'invalid_transition' });
      await assert.rejects(context.consultations.act(id, 'decide', { documentId: decisionDocument, issuedOn: '2026-09-20' }, clerk, actor, '2026-09-20'), /征求意见期结束后/);
      await assert.rejects(context.consultations.act(id, 'report', { summary: 's', adopted: 'a', notAdopted: 'n' }, head, actor), { code: 'invalid_transition' }, 'no report before the decision');
      await assert.rejects(context.consultations.act(id, 'decide', { documentId: 99_999_999, issuedOn: '2026-11-02' }, clerk, actor), /决策文件不存在/);
      await context.consultations.act(id, 'decide', { documentId: decisionDocument, issuedOn: '2026-11-02' }, clerk, actor);
      const calendar = await context.calendar.current();
      const dueOn = calendar.addWorkingDays('2026-11-02', 10).date;
      const listed = (await context.consultations.staffList(clerk)).find((c) => c.id === id)!;
      assert.deepEqual([listed.reportDueOn, listed.pendingCount, listed.state], [dueOn, 3, 'closed']);
      assert.ok(dueOn < today, 'the report is overdue today');
      const file = await context.consultations.file(id, head);
      assert.equal(file.clock?.state.overdue, true);
      assert.deepEqual(file.actions, ['report']);
      const supervisor = await context.consultations.staffList(staff(35, 'supervisor', null));
      assert.ok(supervisor.some((c) => c.id === id), 'supervisors see every agency');

      const [a, b, c] = file.comments;
      await assert.rejects(context.consultations.act(id, 'report', { summary: 's', adopted: 'a', notAdopted: 'n' }, head, actor), /还有 3 条意见未审核/);
      await context.consultations.actOnComment(id, a!.id, 'publish', { body: '建议降低同意比例。' }, head, actor);
      await context.consultations.actOnComment(id, b!.id, 'publish', { body: '建议明确费用分摊。' }, head, actor);
      await context.consultations.actOnComment(id, c!.id, 'reject', { reason: '广告' }, head, actor);
      await assert.rejects(context.consultations.actOnComment(id, a!.id, 'assess', { adoption: 'not_adopted' }, clerk, actor), /请说明理由/);
      await context.consultations.actOnComment(id, a!.id, 'assess', { adoption: 'not_adopted', reason: '三分之二为《民法典》第二百七十八条所定', theme: '同意比例' }, clerk, actor);
      await context.consultations.actOnComment(id, b!.id, 'assess', { adoption: 'adopted', theme: '费用' }, clerk, actor);
      await assert.rejects(context.consultations.act(id, 'report', { summary: 's', adopted: 'a', notAdopted: 'n' }, clerk, actor), { code: 'forbidden' });
      await context.consultations.act(id, 'report', { summary: '共收到意见 3 条,来自居民。', adopted: '增加费用分摊条款。', notAdopted: '同意比例系法律规定,未予调整。' }, head, actor);
      await assert.rejects(context.consultations.actOnComment(id, b!.id, 'assess', { adoption: 'not_adopted', reason: 'x' }, clerk, actor), /已公布/);

      const item = ((await app.inject({ url: '/api/consultations' })).json() as { items: { id: number; state: string; commentCount: number; reportPublishedOn: string }[] }).items.find((i) => i.id === id)!;
      assert.deepEqual([item.state, item.commentCount, item.reportPublishedOn], ['reported', 3, today]);
      const page = await app.inject({ url: `/consultations/${id}` });
      assert.match(page.body, /意见采纳情况/);
      assert.match(page.body, /共收到意见 3 条,其中采纳 1 条,部分采纳 0 条,未采纳 1 条。/);
      assert.match(page.body, /同意比例系法律规定,未予调整。/);
      assert.match(page.body, new RegExp(`<a href="/documents/${decisionDocument}">`));
      assert.ok(!page.body.includes('无关广告'));
      // The decision document's page links back to the consultation and its report, and offers its message board.
      const documentPage = (await app.inject({ url: `/documents/${decisionDocument}` })).body;
      assert.match(documentPage, new RegExp(`<a href="/consultations/${id}">本文件起草时的征求意见:[^<]+</a> <span class="muted">意见采纳情况已于 ${today} 公布</span>`));
      assert.match(documentPage, new RegExp(`<a href="/messages/new\\?document=${decisionDocument}">就本文件留言</a>`));
      const clock = await context.clocks.state(database.db, { type: 'participation_consultation', id, purpose: 'feedback' }, today);
      assert.deepEqual([clock?.status, clock?.rule.code, clock?.due], ['stopped', 'participation.feedback', dueOn]);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'participation_consultation' and subject_id = ${String(id)} order by id`);
      assert.deepEqual(audit.map((e) => e.action), [
        'participation.consultation_open', 'participation.comment', 'participation.comment', 'participation.comment', 'participation.consultation_decide',
        'participation.comment_publish', 'participation.comment_publish', 'participation.comment_reject', 'participation.comment_assess', 'participation.comment_assess', 'participation.consultation_report',
      ]);
      const rules = await context.clocks.context();
      assert.equal(rules.rules.get('participation.feedback')?.limit, 10, 'the rule is installed from the manifest');
    });

    it('exports every comment with its sender as XLSX and CSV for the consulting agency, formulas kept inert', async () => {
      const today = todayInChina();
      const id = await open({ opensOn: today, closesOn: today, shortWindowReason: '测试' });
      await context.consultations.comment(id, { article: '第一条', body: '=HYPERLINK("http://evil.example","点我")', name: '钱十二', contact: 'qian@example.com' }, { id: 'public' });
      await context.consultations.comment(id, { body: '支持。', name: '孙十三', contact: '021-1' }, { id: 'public' });
      const xlsx = await context.consultations.exportComments(id, 'xlsx', clerk);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
      const rows = workbook.getWorksheet('意见')!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
      assert.deepEqual(rows[0]!.slice(0, 6), ['编号', '收到日期', '条款', '意见内容', '姓名', '联系方式']);
      assert.deepEqual(rows.slice(1).map((row) => [row[2], row[3], row[4], row[5], row[6]]), [
        ['第一条', `'=HYPERLINK("http://evil.example","点我")`, '钱十二', 'qian@example.com', '待审核'],
        ['整体', '支持。', '孙十三', '021-1', '待审核'],
      ]);
      const csv = await context.consultations.exportComments(id, 'csv', head);
      assert.equal(csv.contentType, 'text/csv; charset=utf-8');
      const text = csv.data.toString('utf8');
      assert.ok(text.startsWith('\uFEFF编号,收到日期'), 'a byte-order mark, then the header');
      assert.match(text, /孙十三,021-1,待审核/);
      await assert.rejects(context.consultations.exportComments(id, 'csv', staff(36, 'clerk', civil)), { code: 'not_found' }, 'another agency cannot export');
      await assert.rejects(context.consultations.exportComments(id, 'pdf', clerk), { code: 'not_found' });
      assert.equal((await app.inject({ url: `/api/staff/consultations/${id}/comments/export?format=csv` })).statusCode, 401, 'staff only');
    });

    it('serves the list and an open consultation as pages without JavaScript', async () => {
      const list = await app.inject({ url: '/consultations' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<h2>正在征求意见<\/h2>/);
      assert.match((await app.inject({ url: '/' })).body, /<a href="\/consultations"[^>]*>征求意见<\/a>/);
      assert.equal((await app.inject({ url: '/consultations/999999' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/api/consultations/abc' })).statusCode, 404);
    });
  });
}
