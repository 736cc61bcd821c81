import { modules } from '../../src/modules/modules.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

const password = 'correct horse battery staple';

for (const engine of engines) {
  describe(`the staff side over HTTP on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let agencyA: number;
    let agencyB: number;
    let requestId: number;
    let address = 0;
    /** Every route the server registers, to check that the sweep below misses none. */
    const staffRoutes: { method: string; url: string }[] = [];

    /** Signs in as the console does and returns the cookie and the session's CSRF token. */
    async function signIn(username: string, secret = password): Promise<{ cookie: string; csrf: string }> {
      const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password: secret }, remoteAddress: `203.0.113.${++address % 250}` });
      assert.equal(response.statusCode, 200, response.body);
      const cookie = String(response.headers['set-cookie']).split(';')[0]!;
      const csrf = (response.json() as { csrfToken: string }).csrfToken;
      assert.ok(csrf, 'the session carries a CSRF token');
      return { cookie, csrf };
    }
    /** A change as the console sends it: JSON, the CSRF token in the x-csrf-token header. */
    const post = (url: string, who: { cookie: string; csrf: string } | null, payload: Record<string, unknown> = {}, withCsrf = true, method: 'POST' | 'PUT' | 'DELETE' = 'POST') =>
      app.inject({ method, url, headers: { ...(who ? { cookie: who.cookie } : {}), ...(who && withCsrf ? { 'x-csrf-token': who.csrf } : {}) }, payload });
    const get = (url: string, who: { cookie: string } | null) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
    /** A letter registered at the counter, as the console's 登记申请 form sends it. */
    const letter = (agencyId: number) => ({
      channel: 'in_person', submittedOn: todayInChina(), agencyId,
      applicant: { type: 'commercial', name: '某公司', organisationCode: '91310000MA1XXXXX1P', phone: '021-12345678' },
      description: '某项目的环评批复', deliveryForm: 'paper', deliveryWay: 'pick_up',
    });
    const message = (response: { json(): unknown }) => (response.json() as { error: { message: string } }).error.message;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
      app = buildServer(context);
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) staffRoutes.push({ method, url: route.url });
      });
      const agencies = await database.db.query<{ id: number; name: string }>(sql`select id, name from agencies where name in ('上海市长宁区人民政府办公室', '上海市长宁区审计局') order by name desc`);
      [agencyA, agencyB] = [agencies.find((a) => a.name.includes('办公室'))!.id, agencies.find((a) => a.name.includes('审计局'))!.id];
      const bootstrap = { id: 'cli:test' };
      await context.auth.createUser({ username: 'clerk.a', displayName: '甲经办', role: 'clerk', agencyId: agencyA, password }, null, bootstrap);
      await context.auth.createUser({ username: 'clerk.b', displayName: '乙经办', role: 'clerk', agencyId: agencyB, password }, null, bootstrap);
      await context.auth.createUser({ username: 'admin', displayName: '管理员', role: 'system_admin', agencyId: null, password }, null, bootstrap);
      await context.auth.createUser({ username: 'watcher', displayName: '督查员', role: 'supervisor', agencyId: null, password }, null, bootstrap);
      requestId = (await context.disclosure.submit({
        agencyId: agencyA,
        applicant: { type: 'natural_person', name: '钱七<i>', idNumber: '310101199001011234', phone: '13800000000' },
        description: '2021年区政府常务会议纪要',
        deliveryForm: 'paper',
        deliveryWay: 'mail',
      }, { id: 'public' })).id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('signs staff in with a hashed password, makes a one-time password be changed, and locks after 5 failures', async () => {
      const stored = await database.db.query<{ password_hash: string }>(sql`select password_hash from users where username = 'clerk.a'`);
      assert.match(stored[0]!.password_hash, /^\$argon2id\$/);
      assert.equal((await get('/api/staff/me', null)).statusCode, 401, 'the console asks for sign-in');
      const created = await context.auth.createUser({ username: 'newbie', displayName: '新人', role: 'clerk', agencyId: agencyA }, null, { id: 'cli:test' });
      const first = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'newbie', password: created.password! } });
      assert.equal((first.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword, true);
      assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Lax/);
      const oneTime = { cookie: String(first.headers['set-cookie']).split(';')[0]! };
      const blocked = await get('/api/staff/deadlines', oneTime);
      assert.equal(blocked.statusCode, 403, 'a one-time password opens nothing but the way to replace it');
      assert.match(message(blocked), /请先修改一次性密码/);
      assert.equal((await get('/api/staff/me', oneTime)).statusCode, 200);
      for (let i = 0; i < 5; i++) assert.equal((await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'newbie', password: 'wrong password!' } })).statusCode, 401);
      const locked = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'newbie', password: created.password! } });
      assert.equal(locked.statusCode, 401);
      // A locked account answers as an unknown name does: the answer tells nobody which names exist.
      const unknown = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'nobody', password } });
      assert.match(message(unknown), /用户名或密码不正确。连续 5 次失败后账号将暂停登录 15 分钟/);
      assert.deepEqual(locked.json(), unknown.json());
    });

    it('shows a clerk their agency\'s requests and the case with its applicant, escaped, and audits the read', async () => {
      const clerk = await signIn('clerk.a');
      const board = (await get('/api/staff/deadlines', clerk)).json() as { items: { id: number }[] };
      assert.ok(board.items.some((item) => item.id === requestId), 'the case is on the dashboard');
      const page = await get(`/api/staff/requests/${requestId}`, clerk);
      assert.equal(page.statusCode, 200);
      const file = page.json() as { applicant: { name: string }; clock: { days: unknown[] } };
      // Sent as given; the console (React) escapes it when it shows it.
      assert.equal(file.applicant.name, '钱七<i>');
      assert.ok(file.clock.days.length > 0, 'the clock day by day (逐日明细)');
      const reads = await database.db.query<{ actor: string }>(sql`select actor from audit_events where action = 'disclosure.read_applicant' and subject_id = ${String(requestId)}`);
      assert.ok(reads.some((r) => r.actor.startsWith('user:')));
    });

    it('takes a step with the CSRF token, refuses one without, and serves the notice as a PDF', async () => {
      const clerk = await signIn('clerk.a');
      const today = todayInChina();
      const refused = await post(`/api/staff/requests/${requestId}/extend`, clerk, { on: today, days: '10', approver: '科长', reason: '需要调档' }, false);
      assert.equal(refused.statusCode, 403);
      const done = await post(`/api/staff/requests/${requestId}/extend`, clerk, { on: today, days: '10', approver: '科长', reason: '需要调档' });
      assert.equal(done.statusCode, 200, done.body);
      const again = await post(`/api/staff/requests/${requestId}/extend`, clerk, { on: today, days: '5', approver: '科长', reason: '再延' });
      assert.equal(again.statusCode, 409);
      assert.match(message(again), /只能延长一次/);
      const notices = await context.disclosure.notices(requestId, { id: 'test', agencyId: agencyA });
      const extension = notices.find((n) => n.kind === 'extension')!;
      const pdf = await get(`/api/staff/requests/${requestId}/notices/${extension.eventId}.pdf`, clerk);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const letter = await get(`/api/staff/requests/${requestId}/notices/${extension.eventId}`, clerk);
      assert.match(String(letter.headers['content-type']), /^text\/html/);
      assert.match(letter.body, /<article class="notice-letter">/);
      assert.equal((await get(`/api/staff/requests/${requestId}/notices/${extension.eventId}.pdf`, null)).statusCode, 401);
      const actors = await database.db.query<{ actor: string }>(sql`select actor from audit_events where action = 'disclosure.extend'`);
      assert.match(actors[0]!.actor, /^user:\d+$/);
    });

    it('refuses every staff action to the anonymous, to another agency\'s clerk, and without a CSRF token', async () => {
      const other = await signIn('clerk.b');
      const watcher = await signIn('watcher');
      const owner = await signIn('clerk.a');
      const mutating: { url: string; payload: Record<string, string>; perRequest: boolean; method?: 'POST' | 'PUT' | 'DELETE'; adminOnly?: boolean }[] = [
        { url: `/api/staff/requests/${requestId}/reply`, payload: { on: '2026-01-05', category: 'disclose', basis: '第二十七条' }, perRequest: true },
        { url: `/api/staff/requests/${requestId}/consult`, payload: { on: '2026-01-05', kind: 'third_party', party: '某公司' }, perRequest: true },
        { url: `/api/staff/requests/${requestId}/record_review`, payload: { on: '2026-01-05', kind: 'litigation', outcome: 'pending' }, perRequest: true },
        { url: '/api/staff/requests', payload: { channel: 'in_person', submittedOn: '2026-01-05' }, perRequest: false },
        { url: '/api/staff/calendar', payload: { source: 'x', days: '2027-01-01 休 元旦' }, perRequest: false, adminOnly: true },
        { url: '/api/staff/rules/interaction.reply', payload: { limit: '3', source: '某规定' }, perRequest: false, method: 'PUT', adminOnly: true },
        { url: `/api/staff/agencies/${agencyB}`, payload: { code: 'X-1' }, perRequest: false, method: 'PUT', adminOnly: true },
        { url: '/api/staff/publications', payload: { title: '某某通知标题' }, perRequest: false },
        { url: '/api/staff/publications/1/review', payload: { decision: 'publish', note: '可以公开' }, perRequest: false },
        { url: '/api/staff/publications/1/invalid', payload: { kind: 'repealed', eventOn: '2026-01-05' }, perRequest: false },
        { url: '/api/staff/publications/1/submit', payload: {}, perRequest: false },
        { url: '/api/staff/publications/1/corrections', payload: {}, perRequest: false },
        { url: '/api/staff/users', payload: { username: 'intruder', displayName: '某', role: 'system_admin' }, perRequest: false, adminOnly: true },
        { url: '/api/staff/users/1/reset-password', payload: {}, perRequest: false, adminOnly: true },
        { url: '/api/staff/users/1/disable', payload: {}, perRequest: false, adminOnly: true },
        { url: '/api/staff/users/1/enable', payload: {}, perRequest: false, adminOnly: true },
        { url: '/api/staff/publications/1', payload: { title: '某某通知标题' }, perRequest: false, method: 'PUT' },
        { url: '/api/staff/agencies', payload: { name: '上海市长宁区新设局' }, perRequest: false, adminOnly: true },
        { url: '/api/staff/password', payload: { current: password, next: 'another long password' }, perRequest: false },
        { url: '/api/staff/sign-out', payload: {}, perRequest: false },
        { url: '/api/staff/documents/conflicts/1/repair', payload: {}, perRequest: false, adminOnly: true },
        { url: '/api/staff/publications/1/annexes', payload: {}, perRequest: false },
        { url: '/api/staff/publications/1/annexes/1', payload: {}, perRequest: false, method: 'DELETE' },
        { url: '/api/staff/reminders/read', payload: {}, perRequest: false },
        { url: '/api/staff/reminders/email', payload: { email: 'clerk@example.org' }, perRequest: false },
        // What each module declares of its own routes.
        ...modules.flatMap((module) => (module.securitySweep ?? []).map((entry) => ({ ...entry, perRequest: false }))),
      ];
      // The table must cover every state-changing staff route the server has: a new one without an entry fails here.
      const uncovered = staffRoutes
        .filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && /^\/api\/staff\//.test(route.url) && !route.url.endsWith('/sign-in'))
        .filter((route) => !mutating.some((entry) => (entry.method ?? 'POST') === route.method && new RegExp(`^${route.url.replace(/:[a-zA-Z]+/g, '[^/]+')}$`).test(entry.url)));
      assert.deepEqual(uncovered, [], 'mutating staff routes missing from the sweep');
      for (const route of mutating) {
        assert.equal((await post(route.url, null, route.payload, true, route.method)).statusCode, 401, `anonymous ${route.url}`);
        assert.equal((await post(route.url, owner, route.payload, false, route.method)).statusCode, 403, `no CSRF ${route.url}`);
        if (route.adminOnly) assert.equal((await post(route.url, owner, route.payload, true, route.method)).statusCode, 403, `a clerk ${route.url}`);
        if (route.perRequest) {
          assert.equal((await post(route.url, other, route.payload)).statusCode, 404, `other agency ${route.url}`);
          assert.equal((await post(route.url, watcher, route.payload)).statusCode, 403, `supervisor ${route.url}`);
        }
      }
      // The old server-rendered forms are gone: whoever posts to them (signed in or not) is told so, and nothing changes.
      const staleForms = staffRoutes.filter((route) => route.method === 'POST' && /^\/staff(\/|$)/.test(route.url));
      assert.deepEqual(staleForms.map((route) => route.url).sort(), ['/staff', '/staff/*']);
      for (const url of ['/staff/sign-in', `/staff/requests/${requestId}/reply`, '/staff/users', '/staff/calendar', '/staff/rules/interaction.reply']) {
        assert.equal((await post(url, null, {})).statusCode, 410, `anonymous ${url}`);
        assert.equal((await post(url, owner, {})).statusCode, 410, `signed in ${url}`);
      }
      assert.equal((await get(`/api/staff/requests/${requestId}`, other)).statusCode, 404);
      const supervised = await get(`/api/staff/requests/${requestId}`, watcher);
      assert.equal(supervised.statusCode, 200, 'a supervisor reads every case');
      assert.ok(!supervised.body.includes('钱七') && !supervised.body.includes('13800000000'), 'but not the applicant');
      const notices = await context.disclosure.notices(requestId, { id: 'test', agencyId: agencyA });
      assert.equal((await get(`/api/staff/requests/${requestId}/notices/${notices[0]!.eventId}`, watcher)).statusCode, 403);
      assert.equal((await get(`/api/staff/requests/${requestId}/notices/${notices[0]!.eventId}`, other)).statusCode, 404);
      assert.equal((await post('/api/staff/requests', watcher, letter(agencyA))).statusCode, 403, 'a supervisor registers nothing');
      assert.equal((await post('/api/staff/requests', other, letter(agencyA))).statusCode, 403, 'only letters to one\'s own agency');
    });

    it('serves the same steps as JSON, with the CSRF token in a header', async () => {
      const clerk = await signIn('clerk.a');
      const me = (await app.inject({ url: '/api/staff/me', headers: { cookie: clerk.cookie } })).json() as { csrfToken: string; user: { username: string } };
      assert.deepEqual([me.user.username, me.csrfToken], ['clerk.a', clerk.csrf]);
      const today = todayInChina();
      const step = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: `/api/staff/requests/${requestId}/consult`, headers: { cookie: clerk.cookie, ...headers }, payload: { on: today, kind: 'co_producer', party: '区财政局' } });
      assert.equal((await step({})).statusCode, 403);
      const done = await step({ 'x-csrf-token': clerk.csrf });
      assert.equal(done.statusCode, 200, done.body);
      const file = (await app.inject({ url: `/api/staff/requests/${requestId}`, headers: { cookie: clerk.cookie } })).json() as { clock: { state: { status: string } }; applicant: { name: string }; request: { trackingCode: string } };
      assert.deepEqual([file.clock.state.status, file.applicant.name], ['paused', '钱七<i>']);
      const deadlines = (await app.inject({ url: '/api/staff/deadlines', headers: { cookie: clerk.cookie } })).json() as { counts: { paused: number } };
      assert.ok(deadlines.counts.paused >= 1);
      assert.equal((await app.inject({ url: '/api/staff/deadlines' })).statusCode, 401);

      // Finding a case again, open or closed: the agency's own only.
      const code = file.request.trackingCode;
      const found = (await app.inject({ url: `/api/staff/requests?code=${code.slice(0, 8)}&state=`, headers: { cookie: clerk.cookie } })).json() as { items: { id: number }[] };
      assert.deepEqual(found.items.map((item) => item.id), [requestId]);
      const other = await signIn('clerk.b');
      assert.deepEqual(((await app.inject({ url: `/api/staff/requests?code=${code}`, headers: { cookie: other.cookie } })).json() as { items: unknown[] }).items, []);
      const listed = (await get(`/api/staff/requests?code=${code}`, clerk)).json() as { items: { id: number; trackingCode: string }[] };
      assert.deepEqual(listed.items.map((item) => [item.id, item.trackingCode]), [[requestId, code]]);
      const refused = await get('/api/staff/requests?from=2026-02-30', clerk);
      assert.equal(refused.statusCode, 400);
      assert.match(message(refused), /起始日期应为有效日期/);
    });

    it('lets a system administrator load a calendar year, and no one else', async () => {
      const clerk = await signIn('clerk.a');
      assert.equal((await get('/api/staff/calendar', clerk)).statusCode, 403);
      const admin = await signIn('admin');
      const bad = await post('/api/staff/calendar', admin, { source: '国办发明电', days: '2027-02-03 班 春节' });
      assert.equal(bad.statusCode, 400);
      assert.match(message(bad), /本是工作日/);
      const rules = (await get('/api/staff/rules', admin)).json() as { items: { code: string; label: string; limit: number }[] };
      assert.ok(rules.items.some((rule) => rule.label === '依申请公开答复期限'));
      const changed = await post('/api/staff/rules/interaction.simple_reply', admin, { limit: 2, source: '某区新规定(测试)' }, true, 'PUT');
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(((r) => [r.label, r.limit, r.source])(changed.json() as { label: string; limit: number; source: string }), ['简单咨询答复期限', 2, '某区新规定(测试)']);
      assert.equal((await post('/api/staff/rules/interaction.simple_reply', admin, { limit: 0, source: 'x' }, true, 'PUT')).statusCode, 400);
      assert.equal((await post('/api/staff/rules/no.such_rule', admin, { limit: 3, source: 'x' }, true, 'PUT')).statusCode, 404);
      assert.equal((await get('/api/staff/rules', clerk)).statusCode, 403);
      const [ruleChange] = await database.db.query<{ actor: string; after: { limit: number } }>(sql`select actor, after from audit_events where action = 'deadline_rule.change' and subject_id = 'interaction.simple_reply'`);
      assert.match(ruleChange!.actor, /^user:\d+$/);
      assert.equal(ruleChange!.after.limit, 2);
      const added = await post('/api/staff/agencies', admin, { name: '上海市长宁区数据局', parentId: '' });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal((added.json() as { name: string }).name, '上海市长宁区数据局');
      assert.equal((await post('/api/staff/agencies', admin, { name: '上海市长宁区数据局' })).statusCode, 409, 'once');
      assert.equal((await post('/api/staff/agencies', clerk, { name: '上海市长宁区另一局' })).statusCode, 403);
      const loaded = await post('/api/staff/calendar', admin, { source: '国办发明电〔2026〕1号', days: '2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节' });
      assert.equal(loaded.statusCode, 200, loaded.body);
      const result = loaded.json() as { year: number; days: number; clocksRefreshed: number };
      assert.deepEqual([result.year, result.days], [2027, 8]);
      assert.ok(Number.isInteger(result.clocksRefreshed));
      const years = (await get('/api/staff/calendar', admin)).json() as { items: { year: number; source: string; holidays: number }[] };
      assert.deepEqual(years.items.filter((y) => y.year === 2027).map((y) => [y.source, y.holidays]), [['国办发明电〔2026〕1号', 8]]);
      const year = (await get('/api/staff/calendar/2027', admin)).json() as { source: string; days: { date: string; kind: string; name: string }[] };
      assert.deepEqual(year.days[0], { date: '2027-01-01', kind: 'holiday', name: '元旦' });
      assert.equal((await get('/api/staff/calendar/2099', admin)).statusCode, 404, 'a year not loaded');
      assert.equal((await get('/api/staff/calendar/2027', clerk)).statusCode, 403);
      const [load] = await database.db.query<{ actor: string }>(sql`select actor from audit_events where action = 'calendar.load' and subject_id = '2027'`);
      assert.match(load!.actor, /^user:\d+$/);
      await database.db.query(sql`delete from calendar_years where year = 2027`);
    });

    it('lets administrators manage accounts within their reach, and supervisors read and check the audit log', async () => {
      await context.auth.createUser({ username: 'office.admin', displayName: '办公室管理员', role: 'agency_admin', agencyId: agencyA, password }, null, { id: 'cli:test' });
      const officeAdmin = await signIn('office.admin');
      const created = await post('/api/staff/users', officeAdmin, { username: 'clerk.a2', displayName: '甲二', role: 'clerk', agencyId: String(agencyA) });
      assert.equal(created.statusCode, 201, created.body);
      const oneTime = (created.json() as { oneTimePassword: string }).oneTimePassword;
      assert.ok(oneTime);
      const elsewhere = await post('/api/staff/users', officeAdmin, { username: 'clerk.b2', displayName: '乙二', role: 'clerk', agencyId: String(agencyB) });
      assert.equal(elsewhere.statusCode, 403);
      const promoted = await post('/api/staff/users', officeAdmin, { username: 'boss', displayName: '某', role: 'system_admin' });
      assert.equal(promoted.statusCode, 403);
      const list = (await app.inject({ url: '/api/staff/users', headers: { cookie: officeAdmin.cookie } })).json() as { items: { username: string; agencyId: number }[] };
      assert.ok(list.items.every((u) => u.agencyId === agencyA));
      const newcomer = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'clerk.a2', password: oneTime } });
      const cookie = String(newcomer.headers['set-cookie']).split(';')[0]!;
      const [row] = await database.db.query<{ id: number }>(sql`select id from users where username = 'clerk.a2'`);
      const reset = await post(`/api/staff/users/${row!.id}/reset-password`, officeAdmin);
      assert.equal(reset.statusCode, 200, reset.body);
      const again = (reset.json() as { oneTimePassword: string }).oneTimePassword;
      assert.ok(again && again !== oneTime, 'a new one-time password');
      assert.equal((await get('/api/staff/me', { cookie })).statusCode, 401, 'a reset ends the old sessions');
      const [clerkB] = await database.db.query<{ id: number }>(sql`select id from users where username = 'clerk.b'`);
      assert.equal((await post(`/api/staff/users/${clerkB!.id}/reset-password`, officeAdmin)).statusCode, 404, 'another agency\'s account is not theirs to see');
      const clerk = await signIn('clerk.a');
      assert.equal((await get('/api/staff/users', clerk)).statusCode, 403);
      assert.equal((await get('/api/staff/audit', clerk)).statusCode, 403);
      assert.equal((await get('/api/staff/audit/verify', clerk)).statusCode, 403);

      const watcher = await signIn('watcher');
      const log = await get('/api/staff/audit?action=user.&subject=user', watcher);
      assert.equal(log.statusCode, 200);
      const actions = (log.json() as { items: { action: string }[] }).items.map((e) => e.action);
      assert.ok(actions.includes('user.reset_password'));
      assert.ok(!actions.includes('disclosure.submit'));
      const verified = (await get('/api/staff/audit/verify', watcher)).json() as { broken: unknown; events: number };
      assert.deepEqual([verified.broken, verified.events > 0], [null, true], '哈希链逐条核对无误');
      const api = (await app.inject({ url: '/api/staff/audit?action=auth.sign_in_failed', headers: { cookie: watcher.cookie } })).json() as { items: { action: string }[] };
      assert.ok(api.items.length > 0 && api.items.every((e) => e.action === 'auth.sign_in_failed'));
      const impossible = await get('/api/staff/audit?from=2026-02-30', watcher);
      assert.equal(impossible.statusCode, 400, 'an impossible date is said to be wrong, not silently ignored');
      assert.match(message(impossible), /起始日期应为有效日期/);
    });

    it('registers a letter received by a clerk\'s agency', async () => {
      const clerk = await signIn('clerk.a');
      const registered = await post('/api/staff/requests', clerk, letter(agencyA));
      assert.equal(registered.statusCode, 201, registered.body);
      const { id } = registered.json() as { id: number };
      const file = (await get(`/api/staff/requests/${id}`, clerk)).json() as { request: { channel: string; agencyId: number } };
      assert.deepEqual([file.request.channel, file.request.agencyId], ['in_person', agencyA]);
    });

    it('sends every old /staff address to the matching console screen', async () => {
      const moved: [string, string][] = [
        ['/staff', '/console'],
        ['/staff/', '/console'],
        ['/staff/sign-in?next=%2Fstaff%2Frequests', '/console'],
        ['/staff/password', '/console/password'],
        ['/staff/requests', '/console/requests'],
        ['/staff/requests?code=ABC&state=open', '/console/requests'],
        ['/staff/requests/new', '/console/requests/new'],
        [`/staff/requests/${requestId}`, `/console/requests/${requestId}`],
        [`/staff/requests/${requestId}/notices/7`, `/api/staff/requests/${requestId}/notices/7`],
        [`/staff/requests/${requestId}/notices/7.pdf`, `/api/staff/requests/${requestId}/notices/7.pdf`],
        ['/staff/publications', '/console/publications'],
        ['/staff/publications/new', '/console/publications'],
        ['/staff/publications/3', '/console/publications'],
        ['/staff/agencies', '/console/agencies'],
        ['/staff/users', '/console/users'],
        ['/staff/audit', '/console/audit'],
        ['/staff/audit/verify', '/console/audit'],
        ['/staff/calendar', '/console/calendar'],
        ['/staff/rules', '/console/rules'],
        ['/staff/no/such/page', '/console'],
        ['/staff/requests/abc', '/console'],
      ];
      const clerk = await signIn('clerk.a');
      for (const [from, to] of moved) {
        for (const who of [null, clerk]) {
          const response = await get(from, who);
          assert.equal(response.statusCode, 301, from);
          assert.equal(response.headers.location, to, from);
        }
      }
      // The staff front end is the console: no server-rendered staff page is left behind a redirect.
      assert.ok(!staffRoutes.some((route) => route.method === 'GET' && /^\/staff\/./.test(route.url) && route.url !== '/staff/*'));
    });
  });
}
