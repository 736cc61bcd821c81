import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { agencies } from '../support/factories.ts';

for (const engine of engines) {
  describe(`the optional proof-of-work on public forms on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let plain: ReturnType<typeof buildServer>;
    let agencyId: number;
    const message = () => ({ agencyId, kind: 'question', subject: '办事指南在哪里', body: '请问办事指南在哪里查看?', name: '周八', contact: 'zhouba@example.com' });
    const messages = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from participation_messages`))[0]!.n;

    /** What the widget does in the browser: fetch a challenge, find the counter, send both back (base64 JSON). */
    const solved = async () => {
      const challenge = (await app.inject({ url: '/api/pow/challenge' })).json() as Challenge;
      const solution = await solveChallenge({ challenge, deriveKey });
      assert.ok(solution, 'the challenge can be solved');
      return { challenge, payload: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64') };
    };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ PROOF_OF_WORK: 'on', PROOF_OF_WORK_SECRET: 'a secret of at least sixteen characters' }), { db: database.db, migrate: false });
      app = buildServer(context);
      plain = buildServer(await createContext(loadConfig({}), { db: database.db, migrate: false }));
      [agencyId] = await agencies(database.db, '上海市长宁区民政局');
    });
    after(async () => {
      await app.close();
      await plain.close();
      await database.close();
    });

    it('takes a message only with a solved, unused challenge, and says why otherwise', async () => {
      const before = await messages();
      const post = (altcha?: string) => app.inject({ method: 'POST', url: '/api/messages', payload: { ...message(), ...(altcha === undefined ? {} : { altcha }) } });
      const missing = await post();
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /人机验证未通过:请先完成页面上的人机验证/);
      const { challenge, payload } = await solved();
      const forged = Buffer.from(JSON.stringify({ challenge: { ...challenge, parameters: { ...challenge.parameters, keyPrefix: '0' } }, solution: JSON.parse(Buffer.from(payload, 'base64').toString()).solution })).toString('base64');
      assert.match((await post(forged)).body, /人机验证未通过:验证数据无效/);
      assert.match((await post('not base64 json')).body, /人机验证未通过:验证数据无法识别/);
      assert.equal(await messages(), before, 'nothing stored');
      const taken = await post(payload);
      assert.equal(taken.statusCode, 201, taken.body);
      const again = await post(payload);
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /该验证已使用过/);
      assert.equal(await messages(), before + 1);
    });

    it('puts the widget in the forms, keeps what was typed when the check fails, and serves the widget from this site', async () => {
      const form = await app.inject({ url: '/messages/new' });
      assert.match(form.body, /<altcha-widget challenge="\/api\/pow\/challenge" name="altcha" language="zh-cn"/);
      assert.match(form.body, /<script type="module" src="\/assets\/altcha.js"><\/script>/);
      const refused = await app.inject({
        method: 'POST',
        url: '/messages',
        payload: new URLSearchParams({ agencyId: String(agencyId), kind: 'question', subject: '社区食堂', body: '社区食堂何时开业?', name: '吴九', contact: '13900000000' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /人机验证未通过/);
      assert.match(refused.body, /value="社区食堂"/);
      const { payload } = await solved();
      const taken = await app.inject({
        method: 'POST',
        url: '/messages',
        payload: new URLSearchParams({ agencyId: String(agencyId), kind: 'question', subject: '社区食堂', body: '社区食堂何时开业?', name: '吴九', contact: '13900000000', altcha: payload }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(taken.statusCode, 303);
      const script = await app.inject({ url: '/assets/altcha.js' });
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      assert.ok(script.body.includes('altcha-widget'));
    });

    it('is off unless configured: no widget, no challenge, and submissions need none', async () => {
      assert.doesNotMatch((await plain.inject({ url: '/messages/new' })).body, /altcha/);
      assert.equal((await plain.inject({ url: '/api/pow/challenge' })).statusCode, 404);
      // Limits are counted in the database, shared with the other server: another address.
      assert.equal((await plain.inject({ method: 'POST', url: '/api/messages', payload: message(), remoteAddress: '192.0.2.90' })).statusCode, 201);
    });
  });
}
