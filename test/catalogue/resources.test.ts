import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

for (const engine of engines) {
  describe(`the resource catalogue (公共数据资源目录) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let transport: { id: number; name: string };
    let clerk: StaffUser;
    let admin: StaffUser;
    let otherClerk: StaffUser;
    const actor = (user: StaffUser) => ({ id: `user:${user.id}`, address: '203.0.113.9' });
    const auditOf = async (action: string) => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = ${action}`))[0]!.n;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      const [t, o] = await addAgencies(database.db, '上海市长宁区交通委员会', '上海市长宁区民政局');
      transport = { id: t!, name: '上海市长宁区交通委员会' };
      clerk = await addStaff(context, 'clerk', transport);
      admin = await addStaff(context, 'agency_admin', transport);
      otherClerk = await addStaff(context, 'clerk', { id: o!, name: '上海市长宁区民政局' });
    });
    after(async () => {
      await database.close();
    });

    it('registers an entry with its dictionary as version 1, audited; the same name twice in one agency is a conflict', async () => {
      const saved = await context.catalogue.create(entry(), clerk, actor(clerk));
      assert.equal(saved.saved, true);
      const file = await context.catalogue.file(saved.id, clerk);
      assert.equal(file.resource.version, 1);
      assert.deepEqual(file.resource.formats, ['CSV', 'XLSX']);
      assert.deepEqual(file.resource.fields[2], { name: '泊位数', type: '整数', description: '小型车泊位' });
      assert.equal(file.versions.length, 1);
      assert.equal(file.versions[0]!.actor, `user:${clerk.id}`);
      assert.deepEqual(file.versions[0]!.changes.name, [null, '公共停车场基本信息']);
      assert.equal(await auditOf('catalogue.create'), 1);
      await assert.rejects(context.catalogue.create(entry(), clerk, actor(clerk)), { code: 'conflict' });
      await assert.rejects(context.catalogue.file(saved.id, otherClerk), { code: 'not_found' }, 'another agency does not see it');
      await assert.rejects(context.catalogue.create(entry({ name: '别的' }), await addStaff(context, 'supervisor', null), actor(clerk)), { code: 'forbidden' });
    });

    it('refuses a restrictive attribute without its reason and legal basis (Art. 14), naming each missing field, and stores nothing', async () => {
      const count = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from catalogue_resources`))[0]!.n;
      const before = await count();
      await assert.rejects(context.catalogue.create(entry({ name: '车辆违法记录', sharing: 'authorised', open: 'closed' }), clerk, actor(clerk)), (error: { code: string; details: { problems: { field: string; message: string }[] } }) => {
        assert.equal(error.code, 'validation_failed');
        assert.deepEqual(error.details.problems.map((p) => p.field).sort(), ['openBasis', 'openReason', 'sharingBasis', 'sharingReason']);
        assert.match(error.details.problems[0]!.message, /第十四条/);
        return true;
      });
      await assert.rejects(context.catalogue.create(entry({ name: '坏字典', fields: '只有名称' }), clerk, actor(clerk)), (error: { details: { problems: { field: string }[] } }) => error.details.problems[0]!.field === 'fields');
      assert.equal(await count(), before);
      const saved = await context.catalogue.create(
        entry({ name: '车辆违法记录', sharing: 'authorised', sharingReason: '含个人信息', sharingBasis: '《个人信息保护法》第十三条', open: 'closed', openReason: '含个人信息', openBasis: '《个人信息保护法》' }),
        clerk,
        actor(clerk),
      );
      assert.equal(saved.saved, true);
    });

    it('versions every change with who changed what; a stricter attribute waits for a second member of staff with a reason', async () => {
      const { id } = (await context.catalogue.create(entry({ name: '公交线路' }), clerk, actor(clerk))) as { id: number };
      const loosened = await context.catalogue.update(id, entry({ name: '公交线路', description: '全区公交线路及站点。' }), clerk, actor(clerk));
      assert.deepEqual(loosened, { saved: true, id, version: 2 });
      let file = await context.catalogue.file(id, clerk);
      assert.deepEqual(Object.keys(file.versions[0]!.changes), ['description']);

      const stricter = entry({ name: '公交线路', open: 'conditional', sharing: 'authorised', sharingReason: '涉及运营安全', sharingBasis: '《反恐怖主义法》' });
      await assert.rejects(context.catalogue.update(id, stricter, clerk, actor(clerk)), (error: { code: string; message: string }) => error.code === 'validation_failed' && /调整为更严格属性的理由/.test(error.message));
      const held = await context.catalogue.update(id, { ...stricter, changeReason: '经评估涉及运营安全' }, clerk, actor(clerk));
      assert.equal(held.saved, false);
      assert.deepEqual(held.saved === false && held.stricter, ['共享属性:无条件共享 → 授权共享', '开放属性:无条件开放 → 有条件开放']);
      file = await context.catalogue.file(id, clerk);
      assert.equal(file.resource.open, 'unconditional', 'not applied before approval');
      assert.equal(file.pendingRestriction?.reason, '经评估涉及运营安全');
      await assert.rejects(context.catalogue.update(id, { ...stricter, changeReason: '再提一次' }, clerk, actor(clerk)), { code: 'conflict' });
      const restrictionId = held.saved === false ? held.restrictionId : 0;
      await assert.rejects(context.catalogue.decideRestriction(restrictionId, 'approve', {}, clerk, actor(clerk)), { code: 'forbidden' }, 'a clerk cannot approve');
      await assert.rejects(context.catalogue.decideRestriction(restrictionId, 'approve', {}, otherClerk, actor(otherClerk)), { code: 'not_found' });
      await context.catalogue.decideRestriction(restrictionId, 'approve', { note: '同意' }, admin, actor(admin));
      file = await context.catalogue.file(id, clerk);
      assert.deepEqual([file.resource.open, file.resource.sharing, file.resource.version, file.pendingRestriction], ['conditional', 'authorised', 3, null]);
      assert.equal(file.versions[0]!.actor, `user:${admin.id}`);
      assert.equal(await auditOf('catalogue.approve_restriction'), 1);
      await assert.rejects(context.catalogue.decideRestriction(restrictionId, 'refuse', { note: '晚了' }, admin, actor(admin)), { code: 'invalid_transition' });
    });

    it('never lets the proposer approve their own stricter attribute, and a refusal needs its reason and changes nothing', async () => {
      const { id } = (await context.catalogue.create(entry({ name: '道路养护' }), admin, actor(admin))) as { id: number };
      const held = await context.catalogue.update(id, { ...entry({ name: '道路养护', open: 'conditional' }), changeReason: '需要审核用途' }, admin, actor(admin));
      assert.equal(held.saved, false);
      const restrictionId = held.saved === false ? held.restrictionId : 0;
      await assert.rejects(context.catalogue.decideRestriction(restrictionId, 'approve', {}, admin, actor(admin)), { code: 'forbidden', message: '属性调整须由提出人以外的管理员审批' });
      const second = await addStaff(context, 'agency_admin', transport);
      await assert.rejects(context.catalogue.decideRestriction(restrictionId, 'refuse', {}, second, actor(second)), { code: 'validation_failed' });
      await context.catalogue.decideRestriction(restrictionId, 'refuse', { note: '数据不涉密,应保持无条件开放' }, second, actor(second));
      const file = await context.catalogue.file(id, admin);
      assert.deepEqual([file.resource.open, file.resource.version], ['unconditional', 1]);
      assert.equal(await auditOf('catalogue.refuse_restriction'), 1);
    });

    it('keeps edits made while a stricter attribute waited: approval then applies only the attributes', async () => {
      const { id } = (await context.catalogue.create(entry({ name: '出租车运营' }), clerk, actor(clerk))) as { id: number };
      const held = await context.catalogue.update(id, { ...entry({ name: '出租车运营', open: 'conditional', description: '提议时的摘要' }), changeReason: '涉及驾驶员信息' }, clerk, actor(clerk));
      assert.equal(held.saved, false);
      assert.equal((await context.catalogue.update(id, entry({ name: '出租车运营', description: '之后修改的摘要' }), clerk, actor(clerk))).saved, true);
      await context.catalogue.decideRestriction(held.saved === false ? held.restrictionId : 0, 'approve', {}, admin, actor(admin));
      const { resource } = await context.catalogue.file(id, clerk);
      assert.deepEqual([resource.open, resource.description, resource.version], ['conditional', '之后修改的摘要', 3]);
    });
  });
}
