import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

/** Requests for data the catalogue does not list (as ckanext-datarequests keeps them): logged, answered, published and counted. */
for (const engine of engines) {
  describe(`requests for unlisted data on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let transport: number;
    let centre: StaffUser;
    let transportClerk: StaffUser;
    let otherClerk: StaffUser;
    const actor = { id: 'user:test' };
    const form = (values: Record<string, string>, n: number) =>
      app.inject({ method: 'POST', url: '/catalogue/wishes', payload: new URLSearchParams(values).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: `198.51.100.${n}` });
    const wish = { title: '公共充电桩位置及实时状态', description: '全区公共充电桩的位置、功率和是否空闲,按分钟更新。', purpose: '开发找桩小程序', name: '林十二', contact: 'lin@example.com' };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      const [transportId, bigData, civil] = (await addAgencies(database.db, '上海市长宁区交通委员会', '上海市长宁区大数据中心', '上海市长宁区民政局')) as [number, number, number];
      transport = transportId;
      centre = await addStaff(context, 'clerk', { id: bigData, name: '上海市长宁区大数据中心' });
      transportClerk = await addStaff(context, 'clerk', { id: transport, name: '上海市长宁区交通委员会' });
      otherClerk = await addStaff(context, 'clerk', { id: civil, name: '上海市长宁区民政局' });
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('takes a request on the portal without an account, names every missing field, and keeps the typed text', async () => {
      const refused = await form({ title: wish.title, description: '', purpose: '', name: '', contact: '' }, 1);
      assert.equal(refused.statusCode, 400);
      for (const expected of ['请填写数据内容说明', '请填写用途', '请填写姓名或单位名称']) assert.ok(refused.body.includes(expected), expected);
      assert.match(refused.body, /value="公共充电桩位置及实时状态"/);
      const taken = await form({ ...wish, agencyId: String(transport) }, 2);
      assert.equal(taken.statusCode, 303);
      const tracking = await app.inject({ url: String(taken.headers.location) });
      assert.match(tracking.body, /需求已提交/);
      assert.match(tracking.body, /待答复/);
      assert.doesNotMatch(tracking.body, /lin@example.com|林十二/);
      const json = await app.inject({ method: 'POST', url: '/api/catalogue/wishes', payload: { ...wish, title: '养老机构床位', agencyId: 999_999 } });
      assert.equal(json.statusCode, 400);
      assert.match(json.body, /所选单位不存在/);
      assert.equal((await app.inject({ method: 'POST', url: '/api/catalogue/wishes', payload: { ...wish, title: '养老机构床位' } })).statusCode, 201);
    });

    it('lets the big-data centre and the agency named answer, no one else, once, with an existing resource or none', async () => {
      const listed = await context.catalogueWishes.list(centre);
      assert.deepEqual([listed.counts.received, listed.counts.open], [2, 2]);
      const charging = listed.items.find((item) => item.title === wish.title)!;
      const elderly = listed.items.find((item) => item.title === '养老机构床位')!;
      assert.equal(charging.contact, 'lin@example.com', 'staff see who asked');
      assert.deepEqual((await context.catalogueWishes.list(transportClerk)).items.map((item) => item.id), [charging.id], 'an agency sees those naming it');
      assert.deepEqual((await context.catalogueWishes.list(otherClerk)).items, []);
      const answer = { outcome: 'will_open', answer: '已编入目录,每分钟更新。', publishedTitle: '公共充电桩位置及实时状态' };
      await assert.rejects(context.catalogueWishes.answer(charging.id, answer, otherClerk, actor), { code: 'not_found' });
      await assert.rejects(context.catalogueWishes.answer(elderly.id, answer, transportClerk, actor), { code: 'not_found' }, 'not named, not the centre');
      await assert.rejects(context.catalogueWishes.answer(charging.id, { ...answer, resourceId: 424_242 }, transportClerk, actor), /没有编号为 424242 的数据资源/);
      await assert.rejects(context.catalogueWishes.answer(charging.id, { outcome: 'maybe', answer: '' }, transportClerk, actor), { code: 'validation_failed' });
      const { id: resourceId } = await context.catalogue.create(entry({ name: '公共充电桩实时状态', updateFrequency: 'realtime' }), transportClerk, actor);
      await context.catalogueWishes.answer(charging.id, { ...answer, resourceId }, transportClerk, actor);
      await assert.rejects(context.catalogueWishes.answer(charging.id, answer, centre, actor), { code: 'invalid_transition' });
      await context.catalogueWishes.answer(elderly.id, { outcome: 'not_held', answer: '该数据由市民政局掌握,已转告。', publishedTitle: '养老机构空余床位' }, centre, actor);
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'catalogue_wish' order by id`);
      assert.deepEqual(audit.map((event) => event.action), ['catalogue.wish', 'catalogue.wish', 'catalogue.wish_answer', 'catalogue.wish_answer']);
    });

    it('publishes the answered requests with their counts, never who asked, and links the resource', async () => {
      const page = await app.inject({ url: '/catalogue/wishes' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /共收到需求 <strong>2<\/strong> 项,已答复 <strong>2<\/strong> 项,待答复 <strong>0<\/strong> 项/);
      assert.match(page.body, /养老机构空余床位/);
      assert.match(page.body, /将编入目录并开放\(<a href="\/catalogue\/\d+">查看数据<\/a>\)/);
      assert.doesNotMatch(page.body, /林十二|lin@example.com|开发找桩小程序/);
      const api = (await app.inject({ url: '/api/catalogue/wishes' })).json() as { items: { title: string; answeredBy: string }[]; counts: { answered: number } };
      assert.deepEqual(api.items.map((item) => item.answeredBy).sort(), ['上海市长宁区交通委员会', '上海市长宁区大数据中心']);
      assert.equal(api.counts.answered, 2);
      assert.equal((await app.inject({ url: '/api/catalogue/wishes/XQ2222222222' })).statusCode, 404);
      assert.match((await app.inject({ url: '/catalogue' })).body, /<a href="\/catalogue\/wishes\/new">提出数据需求<\/a>/, 'the catalogue offers it');
    });
  });
}
