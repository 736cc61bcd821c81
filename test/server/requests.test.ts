import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

const personal = { name: '李四', idNumber: '310104198501012342', phone: '13912345678', address: '上海市徐汇区某某路88弄' };
const asked = '2020年本区老旧小区加装电梯的审批文件';

for (const engine of engines) {
  describe(`public disclosure requests over HTTP on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let agencyId: number;
    // Each test posts from its own address, so the per-address limit does not couple them.
    const from = (n: number) => ({ remoteAddress: `198.51.100.${n}` });

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
      app = buildServer(context);
      agencyId = (await database.db.query<{ id: number }>(sql`select id from agencies where name = '上海市长宁区人民政府办公室'`))[0]!.id;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const form = (overrides: Record<string, string> = {}) =>
      new URLSearchParams({ agencyId: String(agencyId), applicantType: 'natural_person', ...personal, description: asked, deliveryForm: 'paper', deliveryWay: 'mail', ...overrides }).toString();

    it('lists the issuers of the library as agencies to apply to', async () => {
      const page = await app.inject({ url: '/requests/new' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<option value="\d+">上海市长宁区人民政府办公室<\/option>/);
      const api = (await app.inject({ url: '/api/agencies' })).json() as { items: { name: string }[] };
      assert.ok(api.items.some((a) => a.name === '上海市人民政府办公厅'));
    });

    it('takes the form, answers with the tracking code, and the tracking page shows no personal data', async () => {
      const posted = await app.inject({ method: 'POST', url: '/requests', payload: form(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(1) });
      assert.equal(posted.statusCode, 303);
      const location = posted.headers.location as string;
      assert.match(location, /^\/requests\/track\/YSQ[0-9A-Z]{12}\?submitted=1$/);
      const page = await app.inject({ url: location });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /申请已提交/);
      assert.match(page.body, /上海市长宁区人民政府办公室/);
      assert.match(page.body, /已收到申请/);
      for (const secret of [...Object.values(personal), asked]) assert.ok(!page.body.includes(secret), secret);
      const lookup = await app.inject({ url: `/requests/track?code=${location.slice(16, 31).toLowerCase()}` });
      assert.equal(lookup.headers.location, location.slice(0, 31));
    });

    it('returns the form with every problem and the typed text escaped, storing nothing', async () => {
      const before = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from disclosure_requests`))[0]!.n;
      const posted = await app.inject({
        method: 'POST',
        url: '/requests',
        payload: form({ name: '<script>alert("x")</script>', idNumber: '', phone: 'call me', address: '', description: '' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...from(2),
      });
      assert.equal(posted.statusCode, 400);
      assert.match(posted.body, /role="alert"/);
      for (const problem of ['自然人须填写身份证件号码', '联系电话格式不正确', '请填写所需政府信息']) assert.ok(posted.body.includes(problem), problem);
      assert.ok(!posted.body.includes('<script>alert'));
      assert.ok(posted.body.includes('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;'));
      const afterwards = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from disclosure_requests`))[0]!.n;
      assert.equal(afterwards, before);
    });

    it('offers the identity documents as a list, refuses a wrong number by its rule, and stores the type as a key', async () => {
      const page = await app.inject({ url: '/requests/new' });
      assert.match(page.body, /<select id="f-idType" name="idType"/);
      for (const label of ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '统一社会信用代码', '其他']) assert.ok(page.body.includes(`>${label}</option>`), label);
      const post = (overrides: Record<string, string>, n: number) =>
        app.inject({ method: 'POST', url: '/requests', payload: form(overrides), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(n) });
      const wrongCheck = await post({ idType: 'resident_id', idNumber: '310104198501012343' }, 20);
      assert.equal(wrongCheck.statusCode, 400);
      assert.match(wrongCheck.body, /证件号码校验位不正确\(居民身份证\)/);
      assert.match(wrongCheck.body, /<option value="resident_id" selected>/, 'the chosen type is kept');
      assert.match((await post({ idType: 'hk_macao_permit', idNumber: 'X1234567' }, 21)).body, /证件号码格式不正确:港澳居民来往内地通行证/);
      assert.match((await post({ idType: 'constructor', idNumber: '310104198501012342' }, 22)).body, /证件类型不在可选范围内/);
      const wrongCode = await post({ applicantType: 'commercial', idNumber: '', organisationCode: '91350100M000100Y44' }, 23);
      assert.match(wrongCode.body, /统一社会信用代码校验位不正确/);
      const taken = await post({ idType: 'hk_macao_permit', idNumber: 'h12345678' }, 24);
      assert.equal(taken.statusCode, 303);
      const code = String(taken.headers.location).slice(16, 31);
      const [stored] = await database.db.query<{ idType: string; idNumber: string }>(
        sql`select a.id_type as "idType", a.id_number as "idNumber" from disclosure_applicants a join disclosure_requests r on r.id = a.request_id where r.tracking_code = ${code}`,
      );
      assert.deepEqual(stored, { idType: 'hk_macao_permit', idNumber: 'H12345678' });
    });

    it('offers progress mail on the form, and queues the first message only when it is ticked', async () => {
      const page = (await app.inject({ url: '/requests/new' })).body;
      assert.match(page, /<input id="f-notifyByEmail" name="notifyByEmail" type="checkbox"/);
      const count = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from mail_outbox where recipient = 'lisi@example.com'`))[0]!.n;
      const post = (overrides: Record<string, string>, n: number) =>
        app.inject({ method: 'POST', url: '/requests', payload: form({ email: 'lisi@example.com', ...overrides }), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...from(n) });
      assert.equal((await post({}, 40)).statusCode, 303);
      assert.equal(await count(), 0, 'an address alone is not a wish to be mailed');
      assert.equal((await post({ notifyByEmail: 'on' }, 41)).statusCode, 303);
      assert.equal(await count(), 1);
      const refused = await post({ notifyByEmail: 'on', email: '' }, 42);
      assert.match(refused.body, /选择邮件通知办理进展时须填写电子邮箱/);
      assert.match(refused.body, /id="f-notifyByEmail" name="notifyByEmail" type="checkbox" checked/, 'the choice is kept on the returned form');
    });

    it('takes JSON through the API and tracks it by code; unknown codes are 404', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/requests',
        payload: { agencyId, applicant: { type: 'legal_service', name: '某律师事务所', organisationCode: '31310000MD0123456H', email: 'office@example.cn' }, description: asked, deliveryForm: 'electronic', deliveryWay: 'email' },
        ...from(3),
      });
      assert.equal(created.statusCode, 201, created.body);
      const receipt = created.json() as { trackingCode: string; dueOn: string };
      const tracked = await app.inject({ url: `/api/requests/${receipt.trackingCode}` });
      assert.equal(tracked.statusCode, 200);
      assert.equal((tracked.json() as { dueOn: string }).dueOn, receipt.dueOn);
      assert.ok(!tracked.body.includes('律师事务所') && !tracked.body.includes('office@example.cn'));
      assert.equal((await app.inject({ url: '/api/requests/YSQ000000000000' })).statusCode, 404);
      const refused = await app.inject({ method: 'POST', url: '/api/requests', payload: { agencyId: 'x' }, ...from(3) });
      assert.equal(refused.statusCode, 400);
      assert.equal((refused.json() as { error: { code: string } }).error.code, 'validation_failed');
    });

    it('publishes the annual report tables as a page, as CSV and as JSON', async () => {
      const year = Number(new Date().toISOString().slice(0, 4));
      const page = await app.inject({ url: `/requests/report?year=${year}&agency=${agencyId}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /一、本年新收政府信息公开申请数量<\/th><td>\d+<\/td>/);
      const csv = await app.inject({ url: `/requests/report.csv?year=${year}` });
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.ok(csv.body.startsWith('\ufeff'));
      const json = (await app.inject({ url: `/api/requests/report?year=${year}` })).json() as { requests: { label: string; cells: number[] }[] };
      assert.ok(json.requests.find((r) => r.label.startsWith('一、'))!.cells.at(-1)! >= 2, 'the requests submitted above');
      assert.equal((await app.inject({ url: '/api/requests/report?year=abc' })).statusCode, 400);
      assert.equal((await app.inject({ url: '/api/requests/report?year=2024&agency=999999' })).statusCode, 404);
    });

    it('limits submissions from one address to 5 a minute', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const response = await app.inject({ method: 'POST', url: '/api/requests', payload: {}, ...from(4) });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429, 429]);
      const limited = await app.inject({ method: 'POST', url: '/api/requests', payload: {}, ...from(4) });
      assert.equal((limited.json() as { error: { code: string } }).error.code, 'rate_limited');
      assert.equal((await app.inject({ method: 'POST', url: '/api/requests', payload: {}, ...from(5) })).statusCode, 400, 'another address is not limited');
    });
  });
}
