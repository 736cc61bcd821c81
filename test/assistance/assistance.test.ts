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
import { anAgency } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const actor = { id: 'user:1', address: '203.0.113.1' };
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

for (const engine of engines) {
  describe(`administrative assistance (行政协助) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let city: number;
    let market: number;
    let tax: number;
    let marketBranch: number;
    let police: number;
    let office: StaffUser;
    let marketClerk: StaffUser;
    let taxClerk: StaffUser;
    let policeClerk: StaffUser;
    const today = todayInChina();
    const count = async (table: string) => (await database.db.query<{ n: number }>(table === 'assistance_requests' ? sql`select count(*)::int as n from assistance_requests` : sql`select count(*)::int as n from assistance_matters`))[0]!.n;
    const written = (requestedAgencyId: number, extra: Record<string, unknown> = {}) => ({
      requestedAgencyId,
      subject: '查询企业纳税信息',
      body: '为查处无照经营,需查询某公司 2025 年度纳税申报情况。',
      legalBasis: '《无证无照经营查处办法》第十条',
      channel: 'written',
      obstacleOn: today,
      requestedOn: today,
      notOwnDuty: true,
      ...extra,
    });

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      city = await anAgency(database.db, { name: '上海市长宁区人民政府' });
      market = await anAgency(database.db, { name: '上海市长宁区市场监督管理局', parentId: city });
      tax = await anAgency(database.db, { name: '上海市长宁区税务局', parentId: city });
      police = await anAgency(database.db, { name: '上海市公安局长宁分局', parentId: city });
      marketBranch = await anAgency(database.db, { name: '长宁区市场监督管理局新华路所', parentId: market });
      office = staff(1, 'supervisor', null);
      marketClerk = staff(2, 'clerk', market);
      taxClerk = staff(3, 'clerk', tax);
      policeClerk = staff(4, 'clerk', police);
    });
    after(async () => database.close());

    it('declares every Art. 18 limit as a deadline rule with its source line, none left among the planned rules', () => {
      const rules = deadlineRules.filter((rule) => rule.code.startsWith('assistance.'));
      assert.deepEqual(rules.map((rule) => [rule.code, rule.limit]).sort(), [['assistance.handle', 10], ['assistance.handle_complex', 30], ['assistance.request', 10], ['assistance.request_emergency', 0]]);
      for (const rule of rules) assert.match(rule.source, /第十八条.*003 L19[24]/);
      assert.equal(new Set(deadlineRules.map((rule) => rule.code)).size, deadlineRules.length);
    });

    it('keeps the catalogue with the staffing office: registered by it, never dropped or adjusted by an agency, not cancelled while in use', async () => {
      const matter = { title: '查询企业纳税信息', requestingAgencyId: market, requestedAgencyId: tax, form: 'inquiry', legalBasis: '《税收征收管理法》', registeredOn: today };
      await assert.rejects(context.assistance.registerMatter(matter, marketClerk, actor), { code: 'forbidden' });
      await assert.rejects(context.assistance.registerMatter({ ...matter, requestedAgencyId: marketBranch }, office, actor), /隶属关系/);
      const id = await context.assistance.registerMatter(matter, office, actor);
      await assert.rejects(context.assistance.changeMatter(id, 'cancel', { on: today, reason: '不需要了' }, marketClerk, actor), { code: 'forbidden' });
      await assert.rejects(context.assistance.changeMatter(id, 'adjust', { title: '改', legalBasis: '改', reason: '改' }, taxClerk, actor), { code: 'forbidden' });
      const catalogue = await context.assistance.catalogue(marketClerk);
      assert.deepEqual(catalogue.map((m) => [m.title, m.requestedAgencyName, m.form, m.state]), [['查询企业纳税信息', '上海市长宁区税务局', 'inquiry', 'active']]);
      assert.deepEqual(await context.assistance.catalogue(policeClerk), [], 'an agency sees the matters it is party to');
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'assistance_matter' and subject_id = ${String(id)}`);
      assert.deepEqual(audit.map((a) => a.action), ['assistance.matter_register']);
    });

    it('refuses at submission, with the reason and nothing stored: to itself, to a subordinate or superior, outside the catalogue, the requested agency\'s own duty, an entrusted organisation without consent, a phone call without an emergency', async () => {
      const before = await count('assistance_requests');
      const refusals: [Record<string, unknown>, RegExp][] = [
        [written(market), /不能向本机关请求协助/],
        [written(marketBranch), /隶属关系.*第十三条第二项/],
        [written(city), /隶属关系/],
        [written(police), /先由编办登记备案.*第六条/],
        [written(tax, { notOwnDuty: false }), /法定义务.*第十三条第一项/],
        [written(police, { emergency: true, form: 'inquiry', entrustedBy: city }), /征得委托机关同意.*第七条/],
        [written(police, { channel: 'phone', form: 'inquiry' }), /紧急情形.*第九条|第九条/],
        [written(police, { requestedOn: daysBefore(today, 1), obstacleOn: today }), /不能早于遇到障碍之日/],
      ];
      for (const [input, message] of refusals) await assert.rejects(context.assistance.submit(input, marketClerk, actor), message);
      await assert.rejects(context.assistance.submit(written(tax), office, actor), { code: 'forbidden' });
      assert.equal(await count('assistance_requests'), before);
    });

    it('runs a request through refusal with its ground, a dispute up to the superior, then a second request accepted on the 10-working-day clock, extended, completed and rated', async () => {
      const [matter] = await context.assistance.catalogue(office);
      const first = await context.assistance.submit(written(tax, { matterId: matter!.id }), marketClerk, actor);
      assert.match(first.code, /^XZ[0-9A-Z]{12}$/);
      assert.equal(first.lateRequest, false);
      await assert.rejects(context.assistance.changeMatter(matter!.id, 'cancel', { on: today, reason: '清理' }, office, actor), /正在办理/, 'a matter in use is not cancelled');
      await assert.rejects(context.assistance.file(first.id, policeClerk), { code: 'not_found' }, 'only the parties see a request');
      await assert.rejects(context.assistance.act(first.id, 'accept', { on: today }, marketClerk, actor), { code: 'forbidden' }, 'the requester does not accept its own request');
      const incoming = await context.assistance.file(first.id, taxClerk);
      assert.deepEqual(incoming.actions, ['accept', 'refuse', 'forward', 'complete']);
      await assert.rejects(context.assistance.act(first.id, 'refuse', { on: today, ground: 'made_up', reason: '不' }, taxClerk, actor), { code: 'validation_failed' });
      assert.equal(await context.assistance.act(first.id, 'refuse', { on: today, ground: 'can_act_itself', reason: '贵局可通过企业信用信息公示系统自行查询' }, taxClerk, actor), 'refused');
      assert.equal(await context.assistance.act(first.id, 'dispute', { on: today, note: '公示系统无纳税数据' }, marketClerk, actor), 'disputed');
      assert.equal(await context.assistance.act(first.id, 'escalate', { on: today, note: '协商不成' }, taxClerk, actor), 'disputed');
      await assert.rejects(context.assistance.act(first.id, 'resolve_uphold', { on: today, note: '维持' }, taxClerk, actor), { code: 'forbidden' }, 'past negotiation the parties do not decide');
      const superior = staff(5, 'clerk', city);
      assert.ok((await context.assistance.list({ direction: 'all' }, superior)).some((item) => item.id === first.id), 'the superior of the requested agency finds the dispute it settles');
      assert.deepEqual((await context.assistance.file(first.id, superior)).actions, ['resolve_assist', 'resolve_uphold']);
      assert.equal(await context.assistance.act(first.id, 'resolve_uphold', { on: today, note: '经研究,请求机关可自行查询' }, office, actor), 'upheld');
      const settled = await context.assistance.file(first.id, marketClerk);
      assert.deepEqual([settled.request.refusalGround, settled.request.disputeStage, settled.actions], ['can_act_itself', 'superior', []]);
      assert.deepEqual(settled.events.map((e) => e.action), ['submit', 'refuse', 'dispute', 'escalate', 'resolve_uphold']);

      const second = await context.assistance.submit(written(tax, { matterId: matter!.id, subject: '查询企业纳税信息(补充材料)' }), marketClerk, actor);
      assert.equal(await context.assistance.act(second.id, 'accept', { on: today }, taxClerk, actor), 'accepted');
      const calendar = await context.calendar.current();
      const accepted = await context.assistance.file(second.id, taxClerk);
      assert.equal(accepted.request.dueOn, calendar.addWorkingDays(today, 10).date, 'inquiry: 10 working days from acceptance (Art. 18)');
      assert.equal(accepted.clock?.state.rule.code, 'assistance.handle');
      await assert.rejects(context.assistance.act(second.id, 'extend', { on: today, days: 31, basis: '某法' }, taxClerk, actor), { code: 'validation_failed' });
      await context.assistance.act(second.id, 'extend', { on: today, days: 5, basis: '《税收征收管理法》第X条' }, taxClerk, actor);
      assert.equal((await context.assistance.file(second.id, taxClerk)).request.dueOn, calendar.addWorkingDays(today, 15).date);
      await assert.rejects(context.assistance.act(second.id, 'rate', { rating: 'satisfied' }, marketClerk, actor), { code: 'invalid_transition' }, 'rated only once completed');
      assert.equal(await context.assistance.act(second.id, 'complete', { on: today, result: '已提供该公司 2025 年度纳税申报表' }, taxClerk, actor), 'completed');
      await assert.rejects(context.assistance.act(second.id, 'rate', { rating: 'satisfied' }, taxClerk, actor), { code: 'forbidden' }, 'the requesting agency rates');
      assert.equal(await context.assistance.act(second.id, 'rate', { rating: 'satisfied', note: '及时' }, marketClerk, actor), 'completed');
      await assert.rejects(context.assistance.act(second.id, 'rate', { rating: 'dissatisfied' }, marketClerk, actor), { code: 'invalid_transition' });
      const done = await context.assistance.file(second.id, marketClerk);
      assert.deepEqual([done.request.state, done.request.rating, done.request.dueOn, done.actions], ['completed', 'satisfied', null, []]);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'assistance_request' and subject_id = ${String(second.id)} order by id`);
      assert.deepEqual(audit.map((a) => a.action), ['assistance.submit', 'assistance.accept', 'assistance.extend', 'assistance.complete', 'assistance.rate']);

      const efficiency = await context.assistance.efficiency(office, { from: daysBefore(today, 30), to: today });
      const taxRow = efficiency.find((row) => row.agencyId === tax)!;
      assert.deepEqual(
        [taxRow.received, taxRow.accepted, taxRow.refused, taxRow.completed, taxRow.completedOnTime, taxRow.medianDaysToAccept, taxRow.medianDaysToComplete, taxRow.satisfied],
        [2, 1, 1, 1, 1, 0, 0, 1],
      );
      await assert.rejects(context.assistance.efficiency(marketClerk, { from: today, to: today }), { code: 'forbidden' });
    });

    it('takes an emergency phone request outside the catalogue, flags the missing formalities and registration, and runs 30 working days for an investigation; a late request is flagged', async () => {
      const urgent = await context.assistance.submit(written(police, { channel: 'phone', emergency: true, form: 'investigation', subject: '协助调查涉嫌制售假药窝点' }), marketClerk, actor);
      const late = await context.assistance.submit(written(police, { emergency: true, form: 'inquiry', obstacleOn: daysBefore(today, 3), subject: '迟报的紧急请求' }), marketClerk, actor);
      assert.equal(late.lateRequest, true, 'an emergency request is due on the day of the obstacle');
      const monitor = await context.assistance.monitor(office);
      const row = monitor.items.find((item) => item.id === urgent.id)!;
      assert.deepEqual([row.unregistered, row.formalitiesPending, row.warning], [true, true, null]);
      await assert.rejects(context.assistance.monitor(marketClerk), { code: 'forbidden' });
      assert.equal(await context.assistance.act(urgent.id, 'complete_formalities', { on: today }, marketClerk, actor), 'submitted');
      await assert.rejects(context.assistance.act(urgent.id, 'complete_formalities', { on: today }, marketClerk, actor), /已经齐备/);
      await context.assistance.act(urgent.id, 'accept', { on: today }, policeClerk, actor);
      const calendar = await context.calendar.current();
      const accepted = await context.assistance.file(urgent.id, policeClerk);
      assert.equal(accepted.request.dueOn, calendar.addWorkingDays(today, 30).date, 'investigation: 30 working days (Art. 18)');
      const watched = await context.assistance.monitor(office, { today: calendar.addWorkingDays(today, 28).date });
      assert.equal(watched.items.find((item) => item.id === urgent.id)!.warning, 'due_soon', 'within 3 working days of the due date');
      const overdue = await context.assistance.monitor(office, { today: calendar.addWorkingDays(today, 31).date });
      assert.equal(overdue.items.find((item) => item.id === urgent.id)!.warning, 'overdue');
      assert.ok(overdue.counts.overdue >= 1);
      // One agency's view: the counts agree with its open requests in and out, the accepted (clocked) ones first.
      const policeView = await context.assistance.monitor(office, { agencyId: police, today: calendar.addWorkingDays(today, 31).date });
      const policeOpen = (await context.assistance.list({ direction: 'all' }, policeClerk)).filter((item) => ['submitted', 'accepted', 'disputed'].includes(item.state));
      assert.equal(policeView.counts.open, policeOpen.length);
      assert.deepEqual(new Set(policeView.items.map((item) => item.id)), new Set(policeOpen.map((item) => item.id)));
      assert.equal(policeView.items[0]!.id, urgent.id, 'the overdue accepted request first');
      assert.equal(policeView.counts.overdue, policeView.items.filter((item) => item.warning === 'overdue').length);
      const first = await context.assistance.monitor(office, { agencyId: police, today: calendar.addWorkingDays(today, 31).date, limit: 1 });
      assert.deepEqual(first.items.map((item) => item.id), [urgent.id], 'cut to the soonest due, still the agency\'s');
    });

    it('forwards to the competent agency, which then sees the request while the first no longer does', async () => {
      const request = await context.assistance.submit(written(police, { emergency: true, form: 'service', subject: '协助送达' }), marketClerk, actor);
      await assert.rejects(context.assistance.act(request.id, 'forward', { on: today, agencyId: market, reason: '转回' }, policeClerk, actor), /本机关/);
      assert.equal(await context.assistance.act(request.id, 'forward', { on: today, agencyId: tax, reason: '送达地址由税务局掌握' }, policeClerk, actor), 'submitted');
      await assert.rejects(context.assistance.file(request.id, policeClerk), { code: 'not_found' });
      assert.deepEqual((await context.assistance.file(request.id, taxClerk)).actions, ['accept', 'refuse', 'forward', 'complete']);
      assert.equal(await context.assistance.act(request.id, 'complete', { on: today, result: '已当场送达', partial: true }, taxClerk, actor), 'completed');
      const file = await context.assistance.file(request.id, marketClerk);
      assert.deepEqual([file.request.onTheSpot, file.request.partial, file.request.acceptedOn], [true, true, today]);
    });

    it('keeps attachments checked by content, shown only to the parties', async () => {
      const request = await context.assistance.submit(written(police, { emergency: true, form: 'materials', subject: '协助提供资料' }), marketClerk, actor);
      const pdf = new TextEncoder().encode('%PDF-1.4\n% test\n');
      await assert.rejects(context.assistance.attach(request.id, { bytes: new TextEncoder().encode('MZ\x90\x00'), name: '请求函.pdf' }, marketClerk, actor), { code: 'unsupported_media_type' });
      await assert.rejects(context.assistance.attach(request.id, { bytes: pdf, name: '请求函.pdf' }, taxClerk, actor), { code: 'not_found' });
      const attached = await context.assistance.attach(request.id, { bytes: pdf, name: '请求函.pdf' }, marketClerk, actor);
      assert.deepEqual(attached, { position: 1, name: '请求函.pdf', mediaType: 'application/pdf', size: pdf.length });
      const got = await context.assistance.attachment(request.id, 1, policeClerk);
      assert.equal(got.data.toString(), '%PDF-1.4\n% test\n');
      await assert.rejects(context.assistance.attachment(request.id, 1, taxClerk), { code: 'not_found' });
    });
    it('serves the JSON routes behind the session: a request with an uploaded attachment, downloaded only as a file by the parties', async () => {
      const app = buildServer(context);
      try {
        const password = 'a long passphrase for assistance';
        await context.auth.createUser({ username: 'market.http', displayName: '市场经办', role: 'clerk', agencyId: market, password }, null, { id: 'cli:test' });
        await context.auth.createUser({ username: 'tax.http', displayName: '税务经办', role: 'clerk', agencyId: tax, password }, null, { id: 'cli:test' });
        const signIn = async (username: string) => {
          const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password }, remoteAddress: '203.0.113.77' });
          assert.equal(response.statusCode, 200, response.body);
          return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
        };
        const a = await signIn('market.http');
        const b = await signIn('tax.http');
        const created = await app.inject({ method: 'POST', url: '/api/staff/assistance/requests', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, payload: written(police, { emergency: true, form: 'inquiry', subject: '经接口提出' }) });
        assert.equal(created.statusCode, 201, created.body);
        const { id } = created.json() as { id: number };
        const refused = await app.inject({ method: 'POST', url: '/api/staff/assistance/requests', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf }, payload: written(marketBranch) });
        assert.equal(refused.statusCode, 400);
        assert.match((refused.json() as { error: { message: string } }).error.message, /隶属关系/);
        const upload = (who: { cookie: string; csrf: string }, bytes: Buffer, name: string) =>
          app.inject({ method: 'POST', url: `/api/staff/assistance/requests/${id}/attachments`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) }, payload: bytes });
        assert.equal((await upload(a, Buffer.from('<script>alert(1)</script>'), '函.pdf')).statusCode, 415);
        const stored = await upload(a, Buffer.from('%PDF-1.7\n请求函\n'), '协助请求函.pdf');
        assert.equal(stored.statusCode, 201, stored.body);
        assert.equal((await upload(b, Buffer.from('%PDF-1.7\n'), '别人的.pdf')).statusCode, 404, 'not a party');
        const download = await app.inject({ url: `/api/staff/assistance/requests/${id}/attachments/1`, headers: { cookie: a.cookie } });
        assert.equal(download.statusCode, 200);
        assert.equal(download.headers['content-type'], 'application/pdf');
        assert.match(String(download.headers['content-disposition']), /^attachment;/);
        assert.match(String(download.headers['content-security-policy']), /sandbox/);
        assert.equal((await app.inject({ url: `/api/staff/assistance/requests/${id}/attachments/1`, headers: { cookie: b.cookie } })).statusCode, 404);
        assert.equal((await app.inject({ url: `/api/staff/assistance/requests/${id}/attachments/1` })).statusCode, 401);
        const outgoing = (await app.inject({ url: '/api/staff/assistance/requests?direction=out', headers: { cookie: a.cookie } })).json() as { items: { id: number }[] };
        assert.ok(outgoing.items.some((item) => item.id === id));
        const incoming = (await app.inject({ url: '/api/staff/assistance/requests?direction=in', headers: { cookie: a.cookie } })).json() as { items: { id: number }[] };
        assert.ok(!incoming.items.some((item) => item.id === id));
        assert.equal((await app.inject({ url: '/api/staff/assistance/monitor', headers: { cookie: a.cookie } })).statusCode, 403);
      } finally {
        await app.close();
      }
    });
  });
}
