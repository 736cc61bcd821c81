import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const password = 'a long passphrase for replies';
const applicant = { type: 'natural_person', name: '孙八', idNumber: '310101199001011234', phone: '13912345678', address: '上海市长宁区某某路1号' };
const asked = '2025年本区道路改造工程的批复文件';
const pdf = Buffer.from('%PDF-1.4\n% the approval\n');

for (const engine of engines) {
  describe(`reply letters and what they give, over HTTP on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let agencyA: number;
    let address = 0;
    const today = todayInChina();

    async function session(username: string) {
      const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password }, remoteAddress: `198.51.100.${++address % 250}` });
      assert.equal(response.statusCode, 200, response.body);
      return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
    }
    type Who = Awaited<ReturnType<typeof session>>;
    const call = (method: 'GET' | 'POST', url: string, who: Who | null, payload?: unknown) =>
      app.inject({ method, url, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}, remoteAddress: `192.0.2.${++address % 250}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      agencyA = await anAgency(database.db, { name: '上海市长宁区人民政府办公室', shortName: '长宁区府办' });
      const agencyB = await anAgency(database.db, { name: '上海市长宁区档案局' });
      const bootstrap = { id: 'cli:test' };
      await context.auth.createUser({ username: 'clerk.a', displayName: '甲经办', role: 'clerk', agencyId: agencyA, password }, null, bootstrap);
      await context.auth.createUser({ username: 'clerk.b', displayName: '乙经办', role: 'clerk', agencyId: agencyB, password }, null, bootstrap);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const submit = async () => context.disclosure.submit({ agencyId: agencyA, applicant, description: asked, deliveryForm: 'electronic', deliveryWay: 'online' }, { id: 'public' });

    it('refuses a 予以公开 reply without content or delivery way with a Chinese message, and takes one with a file', async () => {
      const clerk = await session('clerk.a');
      const { id, trackingCode } = await submit();
      const refused = await call('POST', `/api/staff/requests/${id}/reply`, clerk, { on: today, category: 'disclose', basis: '《条例》第三十六条' });
      assert.equal(refused.statusCode, 400);
      assert.match((refused.json() as { error: { message: string } }).error.message, /「予以公开」须填写公开的内容或上传附件;「予以公开」须选择提供方式/);
      const file = { name: '批复.pdf', data: pdf.toString('base64') };
      const replied = await call('POST', `/api/staff/requests/${id}/reply`, clerk, { on: today, category: 'disclose', basis: '《条例》第三十六条', content: '批复全文如下。', attachment: file, delivery: 'online' });
      assert.equal(replied.statusCode, 200, replied.body);
      const record = (await call('GET', `/api/staff/requests/${id}`, clerk)).json() as { request: { replyNumber: string; replyFile: { name: string } } };
      assert.match(record.request.replyNumber, /^长宁区府办依申复〔\d{4}〕1号$/);
      assert.equal(record.request.replyFile.name, '批复.pdf');
      const download = await call('GET', `/api/staff/requests/${id}/reply-file`, clerk);
      assert.equal(download.statusCode, 200);
      assert.deepEqual(download.rawPayload, pdf);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(String(download.headers['content-disposition']), /^attachment;.*filename\*=UTF-8''%E6%89%B9%E5%A4%8D\.pdf$/);
      assert.match(String(download.headers['content-security-policy']), /sandbox/);
      assert.equal((await call('GET', `/api/staff/requests/${id}/reply-file`, await session('clerk.b'))).statusCode, 404, 'another agency');
      assert.equal((await call('GET', `/api/staff/requests/${id}/reply-file`, null)).statusCode, 401);

      // The holder of the code: the letter, its number, the content and the file.
      const page = await app.inject({ url: `/requests/track/${trackingCode}` });
      assert.match(page.body, new RegExp(`${record.request.replyNumber}.*/requests/track/${trackingCode}/letter.*PDF`, 's'));
      assert.match(page.body, /提供方式<\/th><td>在线查看/);
      assert.match(page.body, /批复全文如下。/);
      assert.match(page.body, new RegExp(`href="/requests/track/${trackingCode}/file" download>批复.pdf`));
      for (const secret of [applicant.name, applicant.idNumber, applicant.phone, asked]) assert.ok(!page.body.includes(secret), `the tracking page shows no ${secret}`);
      const letter = await app.inject({ url: `/requests/track/${trackingCode}/letter` });
      assert.equal(letter.statusCode, 200);
      assert.match(letter.body, new RegExp(`${record.request.replyNumber}.*孙八:.*批复全文如下。.*附件《批复.pdf》.*\\(印章\\)`, 's'));
      assert.equal(letter.headers['cache-control'], 'no-store');
      const letterPdf = await app.inject({ url: `/requests/track/${trackingCode}/letter.pdf` });
      assert.equal(letterPdf.headers['content-type'], 'application/pdf');
      assert.equal(letterPdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const fetched = await app.inject({ url: `/requests/track/${trackingCode}/file` });
      assert.deepEqual(fetched.rawPayload, pdf);

      // Anyone else: a wrong code is the same "not found" as no request at all, and reveals nothing.
      const wrong = `${trackingCode.slice(0, -1)}${trackingCode.endsWith('0') ? '1' : '0'}`;
      for (const path of ['', '/letter', '/letter.pdf', '/file']) {
        for (const code of [wrong, 'nonsense', trackingCode.toLowerCase().slice(0, 10)]) {
          const answer = await app.inject({ url: `/requests/track/${encodeURIComponent(code)}${path}` });
          assert.equal(answer.statusCode, 404, `${code}${path}`);
          for (const secret of [applicant.name, '批复全文', record.request.replyNumber, '%PDF']) assert.ok(!answer.body.includes(secret), `${code}${path} shows ${secret}`);
        }
      }
    });

    it('names the way but keeps the content off the page when it is posted or fetched in person; no letter before the reply', async () => {
      const clerk = await session('clerk.a');
      const { id, trackingCode } = await submit();
      assert.equal((await app.inject({ url: `/requests/track/${trackingCode}/letter` })).statusCode, 404, 'no reply yet');
      assert.doesNotMatch((await app.inject({ url: `/requests/track/${trackingCode}` })).body, /\/letter"|答复书<\/th>/);
      const replied = await call('POST', `/api/staff/requests/${id}/reply`, clerk, { on: today, category: 'partial', basis: '《条例》第三十七条', content: '可以公开的部分。', attachment: { name: '部分.pdf', data: pdf.toString('base64') }, delivery: 'mail' });
      assert.equal(replied.statusCode, 200, replied.body);
      const page = await app.inject({ url: `/requests/track/${trackingCode}` });
      assert.match(page.body, /提供方式<\/th><td>邮寄/);
      assert.match(page.body, /依申复〔\d{4}〕2号/);
      assert.doesNotMatch(page.body, /可以公开的部分|部分\.pdf/);
      assert.equal((await app.inject({ url: `/requests/track/${trackingCode}/file` })).statusCode, 404);
      assert.match((await app.inject({ url: `/requests/track/${trackingCode}/letter` })).body, /本机关通过邮寄方式向您提供上述信息/);
    });
  });
}
