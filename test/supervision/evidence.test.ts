import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractText } from 'unpdf';
import { createContext, type AppContext } from '../../src/app.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency, aStaffMember } from '../support/factories.ts';
import { tempDir } from '../support/files.ts';

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const pdf = Buffer.from('%PDF-1.7\n整改完成的照片说明\n');

for (const engine of engines) {
  describe(`evidence files on progress reports on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let taskId: number;
    const files = tempDir();
    const sessions: Record<string, { cookie: string; csrf: string }> = {};

    before(async () => {
      database = await openTestDatabase(engine);
      // 1 MB: the limit the refusal by size is checked against.
      context = await createContext(loadConfig({ FILES_DIR: files.path, MAX_ANNEX_MB: '1' }), { db: database.db, migrate: false });
      app = buildServer(context);
      const lead = await anAgency(database.db, { name: '上海市静安区发展和改革委员会' });
      const responsible = await anAgency(database.db, { name: '上海市静安区财政局' });
      const other = await anAgency(database.db, { name: '上海市静安区民政局' });
      const password = 'a long passphrase for evidence';
      const people = { lead: lead, responsible, other, supervisor: null } as const;
      for (const [who, agencyId] of Object.entries(people)) {
        await aStaffMember(context, { agencyId, role: agencyId === null ? 'supervisor' : 'clerk', username: `${who}-${engine}`, password });
        const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: `${who}-${engine}`, password } });
        assert.equal(response.statusCode, 200, response.body);
        sessions[who] = { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
      }
      const supervisor = { id: 1, username: 's', displayName: '督查员', role: 'supervisor' as const, agencyId: null, agencyName: null, mustChangePassword: false };
      taskId = await context.supervision.add({ text: '推进政务公开标准化规范化试点', leadAgencyId: String(lead), responsibleAgencyId: String(responsible), dueOn: addDays(todayInChina(), 30) }, supervisor, { id: 'user:1', address: '203.0.113.9' });
    });
    after(async () => {
      await app.close();
      await database.close();
      files.remove();
    });

    const upload = (who: string, bytes: Buffer, name: string) =>
      app.inject({
        method: 'POST',
        url: `/api/staff/supervision/tasks/${taskId}/evidence`,
        headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
        payload: bytes,
      });
    const stored = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from supervision_evidence`))[0]!.n;
    const errorOf = (response: { json(): unknown }) => (response.json() as { error: { message: string } }).error.message;

    it('refuses a file whose content is not an accepted type, one over the size limit, and one from an agency not party to the task, storing nothing', async () => {
      const script = await upload('responsible', Buffer.from('<script>alert(1)</script>'), '进展.pdf');
      assert.equal(script.statusCode, 415);
      assert.match(errorOf(script), /证明材料只能是 PDF、OFD、Word、Excel、PNG 或 JPEG/);
      // A ZIP is only a Word file when named so; an executable never, whatever its name.
      assert.equal((await upload('responsible', Buffer.from('PK\x03\x04rest'), '材料.zip')).statusCode, 415);
      assert.equal((await upload('responsible', Buffer.from('MZ\x90\x00'), '材料.png')).statusCode, 415);
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const tooLarge = await upload('responsible', big, '扫描件.pdf');
      assert.equal(tooLarge.statusCode, 413, tooLarge.body);
      const stranger = await upload('other', pdf, '别人的.pdf');
      assert.equal(stranger.statusCode, 404, 'an agency not party to the task does not learn it exists');
      const supervisor = await upload('supervisor', pdf, '督查员的.pdf');
      assert.equal(supervisor.statusCode, 403);
      assert.equal(await stored(), 0);
    });

    it('keeps a responsible agency\'s evidence, listed on the task and downloaded as an attachment by the parties and supervisors only', async () => {
      const created = await upload('responsible', pdf, '整改/照片说明.pdf');
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(created.json(), { position: 1, name: '整改_照片说明.pdf', mediaType: 'application/pdf', size: pdf.length });
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      assert.equal((await upload('lead', png, '现场.png')).statusCode, 201);
      const file = (await app.inject({ url: `/api/staff/supervision/tasks/${taskId}`, headers: { cookie: sessions.lead!.cookie } })).json() as { evidence: { position: number; name: string; mediaType: string; agencyName: string }[] };
      assert.deepEqual(file.evidence.map((e) => [e.position, e.name, e.mediaType, e.agencyName]), [
        [1, '整改_照片说明.pdf', 'application/pdf', '上海市静安区财政局'],
        [2, '现场.png', 'image/png', '上海市静安区发展和改革委员会'],
      ]);
      for (const who of ['lead', 'responsible', 'supervisor']) {
        const download = await app.inject({ url: `/api/staff/supervision/tasks/${taskId}/evidence/1`, headers: { cookie: sessions[who]!.cookie } });
        assert.equal(download.statusCode, 200, who);
        assert.equal(download.rawPayload.toString(), pdf.toString());
        assert.equal(download.headers['content-type'], 'application/pdf');
        assert.match(String(download.headers['content-disposition']), /^attachment;.*filename\*=UTF-8''%E6%95%B4/);
        assert.equal(download.headers['x-content-type-options'], 'nosniff');
        assert.match(String(download.headers['content-security-policy']), /sandbox/);
      }
      assert.equal((await app.inject({ url: `/api/staff/supervision/tasks/${taskId}/evidence/1`, headers: { cookie: sessions.other!.cookie } })).statusCode, 404);
      assert.equal((await app.inject({ url: `/api/staff/supervision/tasks/${taskId}/evidence/1` })).statusCode, 401);
      assert.equal((await app.inject({ url: `/api/staff/supervision/tasks/${taskId}/evidence/9`, headers: { cookie: sessions.lead!.cookie } })).statusCode, 404);
      const [audit] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'supervision.attach_evidence' and subject_id = ${String(taskId)}`);
      assert.equal(audit!.n, 2);
    });

    it('keeps the audited unit\'s evidence on an audit item\'s results: checked the same way, required (a file or a description) to report, for the parties and the audit bureau only, closed to new files once 销号', async () => {
      const supervisor = { id: 1, username: 's', displayName: '审计局', role: 'supervisor' as const, agencyId: null, agencyName: null, mustChangePassword: false };
      const actor = { id: 'user:1', address: '203.0.113.9' };
      const today = todayInChina();
      const [responsible] = await database.db.query<{ id: number }>(sql`select id::int as id from agencies where name = '上海市静安区财政局'`);
      const reportId = await context.rectification.createReport({ title: '关于区财政局2025年度预算执行情况的审计报告', auditedAgencyId: String(responsible!.id), effectiveOn: today }, supervisor, actor);
      const itemId = await context.rectification.addItem(reportId, { problem: '结余资金未及时上缴', responsibility: '区财政局', measure: '上缴国库' }, supervisor, actor);
      const as = (who: string, method: 'GET' | 'POST', url: string, payload?: Buffer | Record<string, unknown>) =>
        app.inject({
          method,
          url,
          headers: {
            cookie: sessions[who]!.cookie,
            'x-csrf-token': sessions[who]!.csrf,
            ...(Buffer.isBuffer(payload) ? { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('缴款书.pdf') } : {}),
          },
          ...(payload === undefined ? {} : { payload }),
        });
      const evidenceUrl = `/api/staff/audit-items/${itemId}/evidence`;

      const unproven = await as('responsible', 'POST', `/api/staff/audit-items/${itemId}/report_result`, { on: today, result: '已全部上缴' });
      assert.equal(unproven.statusCode, 400, unproven.body);
      assert.match(errorOf(unproven), /请上传证明材料,或写明证明材料/);
      assert.equal((await as('responsible', 'POST', evidenceUrl, Buffer.from('<html>'))).statusCode, 415);
      assert.equal((await as('other', 'POST', evidenceUrl, pdf)).statusCode, 404);
      assert.equal((await as('supervisor', 'POST', evidenceUrl, pdf)).statusCode, 403);
      const before = await stored();

      assert.equal((await as('responsible', 'POST', evidenceUrl, pdf)).statusCode, 201);
      assert.equal(await stored(), before + 1);
      const reported = await as('responsible', 'POST', `/api/staff/audit-items/${itemId}/report_result`, { on: today, result: '已全部上缴' });
      assert.equal(reported.statusCode, 200, reported.body);
      const file = (await as('supervisor', 'GET', `/api/staff/audit-reports/${reportId}`)).json() as { items: { id: number; evidence: string; evidenceFiles: { name: string; agencyName: string }[]; events: { note: string }[] }[] };
      const item = file.items.find((candidate) => candidate.id === itemId)!;
      assert.deepEqual(item.evidenceFiles.map((e) => [e.name, e.agencyName]), [['缴款书.pdf', '上海市静安区财政局']]);
      assert.equal(item.evidence, '缴款书.pdf', 'the files name the evidence when no description is written');
      assert.ok(item.events.some((event) => event.note.includes('证明材料:缴款书.pdf')));
      for (const who of ['responsible', 'supervisor']) {
        const download = await as(who, 'GET', `${evidenceUrl}/1`);
        assert.equal(download.statusCode, 200, who);
        assert.equal(download.rawPayload.toString(), pdf.toString());
        assert.match(String(download.headers['content-disposition']), /^attachment;/);
      }
      assert.equal((await as('other', 'GET', `${evidenceUrl}/1`)).statusCode, 404);
      assert.equal((await app.inject({ url: `${evidenceUrl}/1` })).statusCode, 401);
      const [audit] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'rectification.attach_evidence' and subject_id = ${String(itemId)}`);
      assert.equal(audit!.n, 1);

      await context.rectification.actOnItem(itemId, 'close', { on: today }, supervisor, actor);
      const late = await as('responsible', 'POST', evidenceUrl, pdf);
      assert.equal(late.statusCode, 409, late.body);
      assert.match(errorOf(late), /已对账销号/);
    });

    it('prints each 督办单 as a PDF with its number, the late task, the agencies, the date and the answer deadline, escalating on the second; for the parties and supervisors only', async () => {
      const supervisor = { id: 1, username: 's', displayName: '督查员', role: 'supervisor' as const, agencyId: null, agencyName: null, mustChangePassword: false };
      const actor = { id: 'user:1', address: '203.0.113.9' };
      const later = addDays(todayInChina(), 40);
      await context.supervision.act(taskId, 'notice', { on: later, requirement: '请于五个工作日内报送进展' }, supervisor, actor, later);
      const download = async (who: string | null, level: number) =>
        app.inject({ url: `/api/staff/supervision/tasks/${taskId}/notices/${level}`, headers: who ? { cookie: sessions[who]!.cookie } : {} });
      const first = await download('responsible', 1);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.headers['content-type'], 'application/pdf');
      assert.match(String(first.headers['content-disposition']), /^attachment;/);
      assert.equal(first.headers['x-content-type-options'], 'nosniff');
      const textOf = async (body: Buffer) => (await extractText(new Uint8Array(body), { mergePages: true })).text.replace(/\s+/g, '');
      const text = await textOf(first.rawPayload);
      const year = later.slice(0, 4);
      assert.ok(text.includes(`督〔${year}〕${taskId}-1号`), text);
      assert.ok(text.includes('推进政务公开标准化规范化试点'), text);
      assert.ok(text.includes('上海市静安区发展和改革委员会') && text.includes('上海市静安区财政局'), text);
      assert.ok(text.includes(`${year}年${Number(later.slice(5, 7))}月${Number(later.slice(8, 10))}日`), text);
      assert.match(text, /已逾期10天/);
      assert.match(text, /请于\d{4}年\d{1,2}月\d{1,2}日前将办理情况/);
      assert.ok(!text.includes('升级督办'), 'a first notice does not escalate');
      assert.equal((await download('lead', 2)).statusCode, 404, 'no second notice yet');

      await context.supervision.act(taskId, 'notice', { on: later, requirement: '仍未报送' }, supervisor, actor, later);
      const second = await textOf((await download('supervisor', 2)).rawPayload);
      assert.ok(second.includes(`督〔${year}〕${taskId}-2号`), second);
      assert.match(second, /升级督办\(第2次\)|升级督办(第2次)/);
      assert.match(second, /主要负责人/);
      assert.equal((await download('other', 1)).statusCode, 404);
      assert.equal((await download(null, 1)).statusCode, 401);
    });
  });
}
