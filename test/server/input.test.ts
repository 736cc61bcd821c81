import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

/**
 * Crafted input at the edge (the hardening issue, items 3, 5, 12, 14, 15):
 * prototype keys, control characters, year 0000, booleans and arrays where
 * numbers or text belong, and the messages that say what is wrong.
 */
const password = 'correct horse battery staple';
const prototypeKeys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const chinese = /[\u4e00-\u9fff]/;

for (const engine of engines) {
  describe(`crafted input on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let agencyA: number;
    let agencyB: number;
    let requestA: number;
    let address = 0;
    const today = todayInChina();
    const year = today.slice(0, 4);
    const person = (idNumber: string) => ({ type: 'natural_person', name: '赵六', idNumber, phone: '13800000000' });
    const submission = (agencyId: unknown, idNumber = '310101199001011234') => ({ agencyId, applicant: person(idNumber), description: '某某会议纪要', deliveryForm: 'paper', deliveryWay: 'mail' });

    async function session(username: string) {
      const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password }, remoteAddress: `198.51.100.${++address % 250}` });
      assert.equal(response.statusCode, 200, response.body);
      return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
    }
    type Who = Awaited<ReturnType<typeof session>>;
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Who | null, payload?: unknown) =>
      app.inject({ method, url, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}, remoteAddress: `192.0.2.${++address % 250}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    const errorOf = (response: { body: string }) => (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
    /** What must not move when input is refused: the audit log, the requests and their states. */
    const snapshot = async () =>
      JSON.stringify(await database.db.query(sql`select (select count(*)::int from audit_events) as audit, (select count(*)::int from disclosure_requests) as requests,
        (select count(*)::int from publications) as publications, (select count(*)::int from users) as users, (select string_agg(state || coalesce(reply_reason, ''), ',' order by id) from disclosure_requests) as states`));
    /** A refusal: 400, validation_failed, a Chinese message naming the field. */
    function refused(response: { statusCode: number; body: string }, field: RegExp, what: string) {
      assert.equal(response.statusCode, 400, `${what}: ${response.body.slice(0, 300)}`);
      const error = errorOf(response);
      assert.equal(error.code, 'validation_failed', what);
      assert.match(error.message, field, what);
      assert.match(error.message, chinese, what);
    }

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      const bootstrap = { id: 'cli:test' };
      agencyA = (await context.agencies.add({ name: '测试市甲局', parentId: null }, null, bootstrap)).id;
      agencyB = (await context.agencies.add({ name: '测试市乙局', parentId: null }, null, bootstrap)).id;
      await context.auth.createUser({ username: 'clerk.a', displayName: '甲经办', role: 'clerk', agencyId: agencyA, password }, null, bootstrap);
      await context.auth.createUser({ username: 'clerk.b', displayName: '乙经办', role: 'clerk', agencyId: agencyB, password }, null, bootstrap);
      await context.auth.createUser({ username: 'admin', displayName: '管理员', role: 'system_admin', agencyId: null, password }, null, bootstrap);
      requestA = (await context.disclosure.submit(submission(agencyA), { id: 'public' })).id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('refuses prototype keys as reply categories and reasons, actions, roles and choices, and the annual report still balances', async () => {
      const clerk = await session('clerk.a');
      const admin = await session('admin');
      const before = await snapshot();
      for (const key of prototypeKeys) {
        refused(await call('POST', `/api/staff/requests/${requestA}/reply`, clerk, { on: today, category: 'refuse', reason: key, basis: '《条例》第十四条' }), /具体理由/, `reason ${key}`);
        refused(await call('POST', `/api/staff/requests/${requestA}/reply`, clerk, { on: today, category: key, basis: '《条例》第十四条' }), /答复类型/, `category ${key}`);
        const action = await call('POST', `/api/staff/requests/${requestA}/${encodeURIComponent(key)}`, clerk, { on: today });
        assert.equal(action.statusCode, 404, `action ${key}`);
        assert.equal(errorOf(action).code, 'not_found');
        refused(await call('POST', '/api/staff/users', admin, { username: `user.${key.toLowerCase().replace(/_/g, '')}`, displayName: '某', role: key, agencyId: null }), /角色/, `role ${key}`);
        refused(await call('POST', '/api/staff/users', admin, { username: 'user.form', displayName: '某', role: key, agencyId: '' }), /角色/, `role with no agency ${key}`);
        refused(await call('POST', '/api/requests', null, { ...submission(agencyA), deliveryWay: key }), /获取信息的方式/, `delivery way ${key}`);
        refused(await call('POST', '/api/requests', null, { ...submission(agencyA), applicant: { ...person('310101199001011234'), type: key } }), /申请人类型/, `applicant type ${key}`);
        refused(await call('GET', `/api/search?validity=${encodeURIComponent(key)}`, null), /validity/, `validity ${key}`);
        refused(await call('GET', `/api/staff/requests?state=${encodeURIComponent(key)}`, clerk), /办理状态/, `state ${key}`);
        assert.equal((await call('GET', `/api/search?sort=${encodeURIComponent(key)}&q=${encodeURIComponent(key)}`, null)).statusCode, 200, `sort ${key}`);
      }
      assert.equal(await snapshot(), before, 'nothing changed');
      for (const url of [`/api/requests/report?year=${year}`, `/requests/report?year=${year}`, `/requests/report.csv?year=${year}`]) {
        assert.equal((await app.inject({ url })).statusCode, 200, url);
      }
      const replied = await call('POST', `/api/staff/requests/${requestA}/reply`, clerk, { on: today, category: 'refuse', reason: 'state_secret', basis: '《条例》第十四条' });
      assert.equal(replied.statusCode, 200, replied.body);
      assert.equal((await app.inject({ url: `/api/requests/report?year=${year}` })).statusCode, 200);
    });

    it('refuses NUL and other control characters in any text, and year 0000, with a 400 naming the field', async () => {
      const clerk = await session('clerk.a');
      const admin = await session('admin');
      const before = await snapshot();
      refused(await call('GET', '/api/search?issuer=%00', null), /issuer.*控制字符/, 'issuer');
      refused(await call('GET', '/api/search?q=a%00b', null), /控制字符/, 'q');
      refused(await call('GET', '/api/search?on=0000-01-01', null), /on/, 'on');
      refused(await call('GET', '/api/documents/1?on=0000-01-01', null), /日期/, 'document on');
      refused(await call('GET', '/api/staff/audit?from=0000-01-01', admin), /起始日期/, 'audit from');
      refused(await call('GET', '/api/staff/audit?actor=user%00', admin), /actor.*控制字符/, 'audit actor');
      refused(await call('GET', '/api/staff/requests?from=0000-01-01', clerk), /起始日期/, 'find from');
      refused(await call('POST', '/api/staff/publications', clerk, { title: '关于某事\u0000的通知', signedOn: today, bodyText: '正文'.repeat(10) }), /title.*控制字符/, 'draft title');
      refused(await call('POST', '/api/staff/publications', clerk, { title: '关于某事的通知', signedOn: '0000-01-01', bodyText: '正文'.repeat(10) }), /成文日期/, 'draft date');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), description: '某某\u0000会议纪要' }), /description.*控制字符/, 'description');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), applicant: { ...person('310101199001011234'), name: '赵\u0007六' } }), /控制字符/, 'name');
      refused(await call('POST', `/api/staff/requests/${requestA}/record_review`, clerk, { on: '0000-01-01', kind: 'litigation', outcome: 'pending' }), /办理日期/, 'action date');
      refused(await call('POST', '/api/staff/requests', clerk, { ...submission(agencyA), channel: 'in_person', submittedOn: '0000-01-01' }), /提交日期/, 'registration date');
      const form = await app.inject({ method: 'POST', url: '/requests', payload: `agencyId=${agencyA}&applicantType=natural_person&name=%00&idNumber=1&phone=13800000000&description=x&deliveryForm=paper&deliveryWay=mail`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.200' });
      assert.equal(form.statusCode, 400);
      assert.match(form.body, /控制字符/);
      assert.equal(await snapshot(), before, 'nothing changed');
    });

    it('takes numbers as numbers and text as text: no booleans or arrays coerced, no unknown fields', async () => {
      const before = await snapshot();
      refused(await call('POST', '/api/requests', null, submission(true)), /受理机关/, 'agencyId true');
      refused(await call('POST', '/api/requests', null, submission([agencyA])), /受理机关/, 'agencyId [n]');
      refused(await call('POST', '/api/requests', null, submission(`${agencyA}.5`)), /受理机关/, 'agencyId fraction');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), deliveryForm: ['paper'] }), /信息的提供形式/, 'deliveryForm array');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), applicant: { ...person('310101199001011234'), name: ['赵六'] } }), /申请人姓名或名称/, 'name array');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), applicant: { ...person('310101199001011234'), name: true } }), /申请人姓名或名称/, 'name boolean');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), isAdmin: true }), /isAdmin/, 'unknown field');
      refused(await call('POST', '/api/requests', null, { ...submission(agencyA), channel: 'in_person' }), /channel/, 'a clerk-only field');
      assert.equal(await snapshot(), before, 'nothing changed');
      const accepted = await call('POST', '/api/requests', null, submission(String(agencyA)));
      assert.equal(accepted.statusCode, 201, accepted.body);
    });

    it('says what is wrong in Chinese: too long is not missing', async () => {
      const clerk = await session('clerk.a');
      const draft = { title: '关于某事的通知', signedOn: today, bodyText: '正文'.repeat(10) };
      const messages: string[] = [];
      const message = async (method: 'POST' | 'GET', url: string, payload?: unknown, who: Who | null = clerk) => {
        const response = await call(method, url, who, payload);
        assert.equal(response.statusCode, 400, `${url}: ${response.body.slice(0, 200)}`);
        const text = errorOf(response).message;
        messages.push(text);
        return text;
      };
      assert.match(await message('POST', '/api/staff/publications', { ...draft, title: '标'.repeat(201) }), /标题不能超过 200 字/);
      assert.match(await message('POST', '/api/staff/publications', { ...draft, title: undefined }), /请填写标题/);
      assert.match(await message('POST', '/api/staff/publications', { ...draft, title: '通知' }), /标题至少 4 字/);
      assert.match(await message('POST', '/api/staff/publications', { ...draft, bodyText: '文'.repeat(200_001) }), /正文不能超过 200000 字/);
      assert.match(await message('POST', '/api/staff/publications', { ...draft, bodyText: undefined }), /请填写正文/);
      assert.match(await message('POST', '/api/staff/publications', { ...draft, normative: 'maybe' }), /是否规范性文件/);
      assert.match(await message('POST', '/api/requests', { ...submission(agencyA), description: '述'.repeat(5001) }, null), /不能超过 5000 字/);
      assert.match(await message('POST', '/api/requests', { ...submission(agencyA), description: '' }, null), /请填写所需政府信息/);
      assert.match(await message('POST', '/api/requests', { ...submission(agencyA), applicant: { ...person('1'), name: '名'.repeat(101) } }, null), /申请人姓名或名称不能超过 100 字/);
      assert.match(await message('POST', '/api/requests', { applicant: 'x' }, null), /请选择受理机关/);
      assert.match(await message('POST', `/api/staff/requests/${requestA}/record_review`, { on: today, kind: 'litigation', outcome: 'pending', note: '注'.repeat(1001) }), /备注不能超过 1000 字/);
      assert.match(await message('POST', '/api/staff/requests', { ...submission(agencyA), channel: 'in_person', submittedOn: '2026-02-30' }), /提交日期应为有效日期/);
      assert.match(await message('GET', '/api/search?year=abc', undefined, null), /year/);
      for (const text of messages) assert.match(text, chinese, `no English-only message: ${text}`);
      for (const text of messages) assert.doesNotMatch(text, /Invalid|Expected|Required|Too (big|small)/, text);

      // The public form shows the same messages, each once.
      const form = (name: string) =>
        app.inject({
          method: 'POST',
          url: '/requests',
          payload: new URLSearchParams({ agencyId: String(agencyA), applicantType: 'natural_person', name, idNumber: '1', phone: '13800000000', description: '某某', deliveryForm: 'paper', deliveryWay: 'mail' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          remoteAddress: `192.0.2.${++address % 250}`,
        });
      assert.match((await form('名'.repeat(101))).body, /申请人姓名或名称不能超过 100 字/);
      assert.match((await form('')).body, /请填写申请人姓名或名称/);
    });

    it('shows a clerk only their own agency\'s requests of the same applicant, and audits the lookup', async () => {
      const identity = '310101198001010018';
      const atA = await context.disclosure.submit(submission(agencyA, identity), { id: 'public' });
      const firstB = await context.disclosure.submit(submission(agencyB, identity), { id: 'public' });
      const clerkB = await session('clerk.b');
      // A clerk of B registers a letter with the same identity number.
      const registered = await call('POST', '/api/staff/requests', clerkB, { ...submission(agencyB, identity), channel: 'in_person', submittedOn: today });
      assert.equal(registered.statusCode, 201, registered.body);
      const { id } = registered.json() as { id: number };
      const file = (await call('GET', `/api/staff/requests/${id}`, clerkB)).json() as { otherRequests: { id: number; trackingCode: string; agencyName: string }[] };
      assert.deepEqual(file.otherRequests.map((other) => other.id), [firstB.id]);
      assert.ok(file.otherRequests.every((other) => other.agencyName === '测试市乙局'));
      assert.ok(!JSON.stringify(file).includes(atA.trackingCode), 'agency A\'s tracking code is not shown');
      // Read again (the console reloads the case): again only B's, and each read audited.
      const again = await call('GET', `/api/staff/requests/${id}`, clerkB);
      assert.equal(again.statusCode, 200);
      assert.ok(!again.body.includes(atA.trackingCode));
      const [clerk] = await database.db.query<{ id: number }>(sql`select id from users where username = 'clerk.b'`);
      const events = await database.db.query<{ after: { found: number[] } }>(
        sql`select after from audit_events where action = 'disclosure.lookup_applicant_requests' and subject_id = ${String(id)} and actor = ${`user:${clerk!.id}`}`,
      );
      assert.equal(events.length, 2, 'one audit event per lookup');
      assert.deepEqual(events[0]!.after.found, [firstB.id]);
    });
  });
}
