import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { defaultScheme, type Scheme } from '../../src/modules/assessment/assessment.scheme.ts';
import { scoreAgency } from '../../src/modules/assessment/assessment.scoring.rules.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const person = { type: 'natural_person', name: '某人', idNumber: '310101199001011234', phone: '13800000000' };

describe('scoring an agency under a scheme', () => {
  const scheme: Scheme = {
    dimensions: [
      { code: 'a', label: '甲', indicators: [{ code: 'a.late', label: '按时', points: 60, method: 'computed', measure: 'm', perOccurrence: 25 }] },
      {
        code: 'b',
        label: '乙',
        indicators: [
          { code: 'b.judged', label: '评分', points: 30, method: 'judged' },
          { code: 'b.gov', label: '仅政府', points: 10, method: 'judged', appliesTo: 'government' },
        ],
      },
    ],
    vetoes: [{ code: 'veto.x', label: '否决' }],
    bonus: { label: '加分', max: 5, threshold: 80 },
    grades: [
      { label: '优秀', min: 90 },
      { label: '良好', min: 80 },
    ],
  };
  const occurrence = (agencyId: number) => ({ agencyId, subject: 'YSQ1', link: null, on: '2024-05-01' });
  const department = { id: 1, name: '某局', kind: 'department' as const };

  it('deducts per occurrence down to zero, rescales what does not apply, and marks open judgements provisional', () => {
    const three = new Map([['m', [occurrence(1), occurrence(1), occurrence(1), occurrence(2)]]]);
    const score = scoreAgency(scheme, department, three, [], []);
    assert.equal(score.dimensions[0]!.indicators[0]!.score, 0, '75 points of deductions stop at zero');
    assert.equal(score.dimensions[0]!.indicators[0]!.occurrences.length, 3, 'only its own occurrences');
    assert.deepEqual(score.dimensions[1]!.indicators.map((i) => i.code), ['b.judged'], 'the government-only item does not apply');
    assert.equal(score.provisional, true);
    const judged = scoreAgency(scheme, department, new Map([['m', [occurrence(1)]]]), [{ indicator: 'b.judged', points: 30, evidence: '材料' }], []);
    assert.deepEqual([judged.base, judged.provisional, judged.grade], [Math.round((65 / 90) * 10000) / 100, false, null]);
  });

  it('counts bonus points only above the threshold, adds adjustments with their reasons, and voids the grade on a veto', () => {
    const perfect = [{ indicator: 'b.judged', points: 30, evidence: '材料' }, { indicator: 'bonus', points: 9, evidence: '创新' }];
    const top = scoreAgency(scheme, department, new Map(), perfect, [{ points: -3, reason: '复核发现一处错误' }]);
    assert.deepEqual([top.base, top.bonus, top.total, top.grade], [100, 5, 102, '优秀'], 'bonus capped at its maximum');
    const low = scoreAgency(scheme, department, new Map([['m', [occurrence(1)]]]), perfect, []);
    assert.deepEqual([low.bonus, low.total, low.grade], [0, low.base, null], 'below 80 no bonus');
    const vetoed = scoreAgency(scheme, department, new Map(), [...perfect, { indicator: 'veto.x', points: 1, evidence: '事件' }], []);
    assert.deepEqual([vetoed.grade, vetoed.vetoed], [null, '否决']);
  });

  it('has a default scheme of 100 points over the four dimensions of the seeds', () => {
    assert.deepEqual(defaultScheme.dimensions.map((d) => d.label), ['组织和渠道', '推进“五公开”', '依申请公开办理', '监督和救济']);
    assert.equal(defaultScheme.dimensions.flatMap((d) => d.indicators).reduce((sum, i) => sum + i.points, 0), 100);
  });
});

for (const engine of engines) {
  describe(`the assessment (考核评估) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let government: number;
    let late: number;
    let punctual: number;
    let trackingCode: string;
    const supervisor = staff(1, 'supervisor', null);
    const actor = { id: 'user:1', address: '203.0.113.1' };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      government = await anAgency(database.db, { name: '某区人民政府' });
      late = await anAgency(database.db, { name: '某区民政局', parentId: government });
      punctual = await anAgency(database.db, { name: '某区财政局', parentId: government });
      const clerk = { id: 'user:2', agencyId: late };
      const receipt = await context.disclosure.submit({ agencyId: late, applicant: person, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' }, '2024-03-04');
      trackingCode = receipt.trackingCode;
      await context.disclosure.act(receipt.id, 'reply', { on: '2024-05-20', category: 'disclose', content: '全文。', delivery: 'online', basis: '第二十七条' }, clerk, '2024-05-20');
      const onTime = await context.disclosure.submit({ agencyId: punctual, applicant: person, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' }, '2024-03-04');
      await context.disclosure.act(onTime.id, 'reply', { on: '2024-03-08', category: 'disclose', content: '全文。', delivery: 'online', basis: '第二十七条' }, { id: 'user:3', agencyId: punctual }, '2024-03-08');
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('scores every agency under the government, each deduction traced to the case behind it', async () => {
      const run = await context.assessment.run(2024, government, supervisor, '2025-01-15');
      assert.deepEqual(run.scores.map((s) => s.agencyName).sort(), ['某区人民政府', '某区民政局', '某区财政局'].sort());
      const scoreOf = (id: number) => run.scores.find((s) => s.agencyId === id)!;
      const onTime = (id: number) => scoreOf(id).dimensions.flatMap((d) => d.indicators).find((i) => i.code === 'requests.on_time')!;
      assert.deepEqual([onTime(late).score, onTime(punctual).score], [9, 15], '超期办理每条扣6分');
      assert.deepEqual(onTime(late).occurrences.map((o) => [o.subject, o.on]), [[trackingCode, '2024-05-20']]);
      assert.match(onTime(late).occurrences[0]!.link ?? '', /^\/console\/requests\/\d+$/);
      assert.equal(run.measures['disclosure.late_replies']!.source, '《中华人民共和国政府信息公开条例》第三十三条');
      assert.ok(run.scores.every((s) => s.provisional), 'judged indicators are still open');
      assert.deepEqual(scoreOf(government).kind, 'government');
    });

    it('shows agency staff their own score only, and lets only supervisors judge, adjust and publish', async () => {
      const clerk = staff(2, 'clerk', late);
      const own = await context.assessment.run(2024, government, clerk, '2025-01-15');
      assert.deepEqual(own.scores.map((s) => s.agencyId), [late]);
      await assert.rejects(context.assessment.judge(2024, late, { indicator: 'bonus', points: 1, evidence: '自评' }, clerk, actor), { code: 'forbidden' });
      await assert.rejects(context.assessment.adjust(2024, late, { points: 1, reason: '自评' }, clerk, actor), { code: 'forbidden' });
      await assert.rejects(context.assessment.publish(2024, government, { on: '2025-03-20' }, clerk, actor), { code: 'forbidden' });
      await assert.rejects(context.assessment.judge(2024, late, { indicator: 'requests.on_time', points: 15, evidence: '材料' }, supervisor, actor), /不是由评估人员评分的指标/, 'a computed indicator is not judged');
      await assert.rejects(context.assessment.judge(2024, late, { indicator: 'organisation.bodies', points: 9, evidence: '材料' }, supervisor, actor), /不能超过该项的 8 分/);
    });

    it('keeps the scheme as data, versioned per year, refusing one that does not add up', async () => {
      const broken = structuredClone(defaultScheme);
      broken.dimensions[0]!.indicators[0]!.points = 50;
      broken.dimensions[1]!.indicators[0]!.measure = 'nothing.such';
      await assert.rejects(context.assessment.changeScheme(2023, { definition: broken, reason: '试' }, supervisor, actor), /分值之和应为 100.*统计口径「nothing.such」不存在/);
      const changed = structuredClone(defaultScheme);
      changed.dimensions[2]!.indicators[0]!.perOccurrence = 5;
      assert.equal(await context.assessment.changeScheme(2023, { definition: changed, reason: '按新的考核办法' }, supervisor, actor), 1);
      const scheme = await context.assessment.scheme(2023);
      assert.deepEqual([scheme.version, scheme.versions.map((v) => v.reason)], [1, ['按新的考核办法']]);
      assert.equal((await context.assessment.scheme(2024)).version, 0, 'another year keeps the default');
    });

    it('publishes the grades once every judged indicator is scored, never a case or an evidence note', async () => {
      await assert.rejects(context.assessment.publish(2024, government, { on: '2025-03-20' }, supervisor, actor), /还有指标未评分/);
      const judged = defaultScheme.dimensions.flatMap((d) => d.indicators).filter((i) => i.method === 'judged');
      for (const agency of [government, late, punctual]) {
        for (const indicator of judged) await context.assessment.judge(2024, agency, { indicator: indicator.code, points: indicator.points, evidence: '内部佐证材料甲' }, supervisor, actor);
      }
      await context.assessment.adjust(2024, punctual, { points: -2, reason: '网站检查发现栏目更新不及时' }, supervisor, actor);
      const published = await context.assessment.publish(2024, government, { on: '2025-03-20' }, supervisor, actor);
      const byName = Object.fromEntries(published.results.map((r) => [r.agencyName, [r.total, r.grade]]));
      assert.deepEqual(byName['某区民政局'], [94, '优秀']);
      assert.deepEqual(byName['某区财政局'], [98, '优秀']);
      await assert.rejects(context.assessment.publish(2024, government, { on: '2025-03-21' }, supervisor, actor), { code: 'invalid_transition' });
      const page = await app.inject({ url: `/assessment-results/2024/${government}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /优秀单位\(3 个\)/);
      for (const secret of [trackingCode, '内部佐证材料甲', '某人']) assert.ok(!page.body.includes(secret), secret);
      const csv = await app.inject({ url: `/assessment-results/2024/${government}/results.csv` });
      assert.match(csv.body, /某区民政局,部门,20,40,19,15,94,优秀/);
      const audit = await database.db.query<{ action: string }>(sql`select distinct action from audit_events where action like 'assessment.%' order by action`);
      assert.deepEqual(audit.map((a) => a.action), ['assessment.adjust', 'assessment.judge', 'assessment.publish_results', 'assessment.scheme_change']);
    });
  });
}
