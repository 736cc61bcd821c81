import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

const requester = { requesterKind: 'company', name: '某某科技有限公司', contact: 'data@example.com', purpose: '开发停车导航应用', scenario: '向市民展示实时空余泊位' };

for (const engine of engines) {
  describe(`requests for data (Art. 17) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let transportClerk: StaffUser;
    let centreClerk: StaffUser;
    let civilClerk: StaffUser;
    let officeClerk: StaffUser;
    const ids: Record<string, number> = {};
    const actor = (user: StaffUser) => ({ id: `user:${user.id}` });
    let n = 0;
    const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload, remoteAddress: `198.51.100.${++n}` });

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      const names = ['上海市长宁区交通委员会', '上海市长宁区大数据中心', '上海市长宁区民政局', '上海市长宁区人民政府办公室'];
      const [transport, centre, civil, office] = (await addAgencies(database.db, ...names)) as number[];
      transportClerk = await addStaff(context, 'clerk', { id: transport!, name: names[0]! });
      centreClerk = await addStaff(context, 'clerk', { id: centre!, name: names[1]! });
      civilClerk = await addStaff(context, 'clerk', { id: civil!, name: names[2]! });
      officeClerk = await addStaff(context, 'clerk', { id: office!, name: names[3]! });
      for (const values of <Record<string, string>[]>[
        { name: '公共停车场基本信息' },
        { name: '停车场实时泊位', open: 'conditional', sharing: 'authorised', sharingReason: '涉及经营数据', sharingBasis: '《上海市公共数据开放暂行办法》' },
        { name: '违法停车记录', sharing: 'none', sharingReason: '含个人信息', sharingBasis: '《个人信息保护法》', open: 'closed', openReason: '含个人信息', openBasis: '《个人信息保护法》' },
      ]) {
        ids[values.name!] = (await context.catalogue.create(entry(values), transportClerk, actor(transportClerk))).id;
      }
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('grants unconditionally open data once the request is logged, with a tracking code and no account', async () => {
      const response = await post(`/api/catalogue/${ids['公共停车场基本信息']}/requests`, requester);
      assert.equal(response.statusCode, 201, response.body);
      const receipt = response.json() as { trackingCode: string; state: string };
      assert.match(receipt.trackingCode, /^SJ[0-9A-Z]{12}$/);
      assert.equal(receipt.state, 'granted');
      const tracked = await app.inject({ url: `/api/catalogue/requests/${receipt.trackingCode.toLowerCase()}` });
      assert.equal(tracked.statusCode, 200);
      assert.equal((tracked.json() as { state: string }).state, '已登记,予以共享/开放');
      assert.ok(!tracked.body.includes('data@example.com'), 'the contact is not shown to the holder of the code');
      const closed = await post(`/api/catalogue/${ids['违法停车记录']}/requests`, requester);
      assert.equal(closed.statusCode, 404, 'a 非开放 resource cannot be requested by the public');
      const empty = await post(`/api/catalogue/${ids['公共停车场基本信息']}/requests`, { requesterKind: 'person' });
      assert.equal(empty.statusCode, 400);
    });

    it('reviews conditionally open data: approved only once both the big-data centre and the providing agency agree', async () => {
      const today = todayInChina();
      const receipt = await context.catalogue.requests.submitPublic(ids['停车场实时泊位']!, requester, { id: 'public' });
      assert.equal(receipt.state, 'reviewing');
      const id = (await database.db.query<{ id: number }>(sql`select id::int as id from catalogue_requests where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      const centreFile = await context.catalogue.requests.file(id, centreClerk);
      assert.deepEqual(centreFile.actions, ['centre_approve', 'refuse']);
      assert.deepEqual((await context.catalogue.requests.file(id, transportClerk)).actions, ['agency_approve', 'refuse']);
      await assert.rejects(context.catalogue.requests.file(id, civilClerk), { code: 'not_found' });
      await assert.rejects(context.catalogue.requests.act(id, 'centre_approve', { on: today }, transportClerk, actor(transportClerk)), { code: 'forbidden' });
      assert.equal(await context.catalogue.requests.act(id, 'centre_approve', { on: today, conditions: '仅用于导航应用,不得转售' }, centreClerk, actor(centreClerk)), 'reviewing');
      await assert.rejects(context.catalogue.requests.act(id, 'centre_approve', { on: today }, centreClerk, actor(centreClerk)), { code: 'invalid_transition' });
      assert.equal(await context.catalogue.requests.act(id, 'agency_approve', { on: today }, transportClerk, actor(transportClerk)), 'approved');
      const tracking = (await context.catalogue.requests.track(receipt.trackingCode))!;
      assert.deepEqual([tracking.state, tracking.conditions, tracking.decidedOn], ['审核同意', '仅用于导航应用,不得转售', today]);
      const audits = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'catalogue_request' and subject_id = ${String(id)} order by id`);
      assert.deepEqual(audits.map((a) => a.action), ['catalogue.request', 'catalogue.centre_approve', 'catalogue.agency_approve']);

      // Afterwards the requester reports the data's use on the tracking page; the staff see it in the case's record.
      const form = (use: string) => ({ method: 'POST' as const, url: `/catalogue/requests/track/${receipt.trackingCode}/use`, payload: new URLSearchParams({ use }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '198.51.100.201' });
      assert.match((await app.inject({ url: `/catalogue/requests/track/${receipt.trackingCode}` })).body, /报告数据使用情况/);
      const empty = await app.inject(form(''));
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /使用情况未提交/);
      const reported = await app.inject(form('已上线停车导航,日均查询 3000 次,未转售'));
      assert.equal(reported.statusCode, 303);
      assert.match((await app.inject({ url: reported.headers.location as string })).body, /数据使用情况已报告[\s\S]*申请人报告数据使用情况:已上线停车导航/);
      const staffView = await context.catalogue.requests.file(id, transportClerk);
      assert.ok(JSON.stringify(staffView).includes('已上线停车导航'));
      const [logged] = await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'catalogue.report_use' and subject_id = ${String(id)}`);
      assert.equal(logged!.n, 1);
    });

    it('refuses with the reason told to the requester, who may dispute; the government office concludes', async () => {
      const today = todayInChina();
      const receipt = await context.catalogue.requests.submitPublic(ids['停车场实时泊位']!, { ...requester, name: '张三', requesterKind: 'person' }, { id: 'public' });
      const id = (await database.db.query<{ id: number }>(sql`select id::int as id from catalogue_requests where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      await assert.rejects(context.catalogue.requests.act(id, 'refuse', { on: today }, transportClerk, actor(transportClerk)), { code: 'validation_failed' });
      assert.equal(await context.catalogue.requests.act(id, 'refuse', { on: today, reason: '用途与数据不符' }, transportClerk, actor(transportClerk)), 'refused');
      const tracked = await app.inject({ url: `/catalogue/requests/track/${receipt.trackingCode}` });
      assert.match(tracked.body, /不予同意的原因<\/th><td>用途与数据不符/);
      assert.match(tracked.body, /提出异议/);
      assert.doesNotMatch(tracked.body, /报告数据使用情况/, 'a refused request has no data to report on');
      await assert.rejects(context.catalogue.requests.reportUse(receipt.trackingCode, { use: '试用' }, { id: 'public' }), { code: 'invalid_transition' });
      await assert.rejects(context.catalogue.requests.act(id, 'resolve_dispute', { on: today, outcome: 'upheld', conclusion: '—' }, officeClerk, actor(officeClerk)), { code: 'invalid_transition' });
      const disputed = await app.inject({ method: 'POST', url: `/catalogue/requests/track/${receipt.trackingCode}/dispute`, payload: new URLSearchParams({ dispute: '用途写明了是导航' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '198.51.100.200' });
      assert.equal(disputed.statusCode, 303);
      await assert.rejects(context.catalogue.requests.act(id, 'resolve_dispute', { on: today, outcome: 'upheld', conclusion: '—' }, transportClerk, actor(transportClerk)), { code: 'forbidden' });
      assert.deepEqual((await context.catalogue.requests.file(id, officeClerk)).actions, ['resolve_dispute']);
      assert.equal(await context.catalogue.requests.act(id, 'resolve_dispute', { on: today, outcome: 'upheld', conclusion: '经研究,予以开放' }, officeClerk, actor(officeClerk)), 'approved');
      const tracking = (await context.catalogue.requests.track(receipt.trackingCode))!;
      assert.deepEqual([tracking.state, tracking.disputeConclusion, tracking.canDispute], ['审核同意', '经研究,予以开放', false]);
    });

    it("lets an agency request another agency's shared data: 无条件共享 granted, 授权共享 reviewed, 非共享 refused", async () => {
      const shareable = await context.catalogue.shareable(civilClerk);
      assert.deepEqual(shareable.map((r) => r.name).sort(), ['停车场实时泊位', '公共停车场基本信息'].sort(), 'another agency sees what it may ask for, never 非共享');
      assert.equal((await context.catalogue.shareable(transportClerk)).length, 0, 'not its own');
      assert.equal((await context.catalogue.requests.submitShared(ids['公共停车场基本信息']!, { purpose: '养老机构周边停车', scenario: '为老服务' }, civilClerk, actor(civilClerk))).state, 'granted');
      const reviewed = await context.catalogue.requests.submitShared(ids['停车场实时泊位']!, { purpose: '养老机构周边停车', scenario: '为老服务' }, civilClerk, actor(civilClerk));
      assert.equal(reviewed.state, 'reviewing');
      await assert.rejects(context.catalogue.requests.submitShared(ids['违法停车记录']!, { purpose: '履职', scenario: '场景' }, civilClerk, actor(civilClerk)), { code: 'invalid_transition' });
      await assert.rejects(context.catalogue.requests.submitShared(ids['公共停车场基本信息']!, { purpose: '履职', scenario: '场景' }, transportClerk, actor(transportClerk)), { code: 'forbidden' });
      const mine = await context.catalogue.requests.list(civilClerk);
      assert.equal(mine.length, 2, 'the requesting agency follows its own requests');
      assert.ok(mine.every((r) => r.requesterName === '上海市长宁区民政局'));
    });
  });
}
