import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { csvOf } from '../../src/modules/assessment/assessment.csv.ts';
import { defaultScheme } from '../../src/modules/assessment/assessment.scheme.ts';
import { figureFields, scoreFields } from '../../src/modules/assessment/figures.rules.ts';
import type { AnnualReportView } from '../../src/modules/assessment/index.ts';
import { axisScale } from '../../src/server/portal/charts.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const person = { type: 'natural_person', name: '王某某', idNumber: '310101199001011234', phone: '13800000000' };
const company = { type: 'commercial', name: '某某公司', organisationCode: '91310000MA1XXXXX1P', phone: '021-12345678' };
const total = (report: AnnualReportView, prefix: string) => report.tables.requests.rows.find((row) => row.label.startsWith(prefix))!.cells.at(-1);

/** A CSV body as rows of cells (no quoted commas in these files). */
const csvRows = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('CSV for open data', () => {
  it('starts with a byte-order mark, neutralises text read as a formula, and keeps numbers (negative ones too) as numbers', () => {
    const text = csvOf([
      ['机关', '数值'],
      ['=HYPERLINK("http://example.com")', -3],
      ['+1', '@SUM(A1)'],
      ['-2+3', '逗号,引号"'],
      ['\tcmd', null],
    ]);
    assert.ok(text.startsWith('\ufeff机关,数值\r\n'));
    const lines = text.slice(1).split('\r\n');
    assert.equal(lines[1], `"'=HYPERLINK(""http://example.com"")",-3`);
    assert.equal(lines[2], `'+1,'@SUM(A1)`);
    assert.equal(lines[3], `'-2+3,"逗号,引号"""`);
    assert.equal(lines[4], `'\tcmd,`);
  });

  it('scales chart axes to round numbers, whole for counts', () => {
    assert.deepEqual(axisScale(0), { top: 1, step: 1 });
    assert.deepEqual(axisScale(3), { top: 3, step: 1 });
    assert.deepEqual(axisScale(17), { top: 20, step: 5 });
    assert.deepEqual(axisScale(98), { top: 100, step: 50 });
  });
});

for (const engine of engines) {
  describe(`the public figures of openness (政务公开数据) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let government: number;
    let office: number;
    let hostile: number;
    let drafting: number;
    const supervisor = staff(1, 'supervisor', null);
    const actor = { id: 'user:1', address: '203.0.113.1' };
    const texts = { overall: '本年度,本机关认真贯彻《政府信息公开条例》。', problems: '', other: '' };
    const entered = { 'licensing.decisions': 4, 'penalties.decisions': 1, 'enforcement.decisions': 0, 'fees.amount': 0 };
    let published2024: AnnualReportView;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      government = await anAgency(database.db, { name: '某市某区人民政府' });
      office = await anAgency(database.db, { name: '某市某区人民政府办公室', parentId: government });
      // An agency's name is shown in the figures: one opening with = must reach a spreadsheet as text.
      hostile = await anAgency(database.db, { name: '=1+1某区统计局', parentId: government });
      drafting = await anAgency(database.db, { name: '某市某区草稿局', parentId: government });
      const submit = async (agencyId: number, applicant: object, on: string) =>
        (await context.disclosure.submit({ agencyId, applicant, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' }, on)).id;
      const reply = (id: number, agencyId: number, on: string, outcome: Record<string, string>) =>
        context.disclosure.act(id, 'reply', { on, ...(outcome.category === 'refuse' ? {} : { delivery: 'online', content: '所申请的信息全文。' }), ...outcome }, { id: 'user:2', agencyId }, on);

      const first = await submit(office, person, '2023-05-08');
      await reply(first, office, '2023-05-15', { category: 'disclose', basis: '第二十七条' });
      const carried = await submit(office, company, '2023-12-27');
      await context.annualReports.save(office, 2023, { texts, entered }, supervisor, actor);
      await context.annualReports.publish(office, 2023, { on: '2024-01-20' }, supervisor, actor);

      await reply(carried, office, '2024-01-10', { category: 'disclose', basis: '第二十七条' });
      const refused = await submit(office, company, '2024-03-04');
      await reply(refused, office, '2024-03-20', { category: 'refuse', reason: 'state_secret', basis: '第十四条' });
      const partly = await submit(office, person, '2024-06-03');
      await reply(partly, office, '2024-06-14', { category: 'partial', basis: '第三十七条' });
      await context.disclosure.act(refused, 'record_review', { on: '2024-07-01', kind: 'reconsideration', outcome: 'corrected' }, { id: 'user:2', agencyId: office }, '2024-07-01');
      await context.annualReports.save(office, 2024, { texts, entered }, supervisor, actor);
      published2024 = await context.annualReports.publish(office, 2024, { on: '2025-01-20' }, supervisor, actor);
      await context.annualReports.save(hostile, 2024, { texts, entered }, supervisor, actor);
      await context.annualReports.publish(hostile, 2024, { on: '2025-01-22' }, supervisor, actor);

      // After publication: counted in live figures and in the draft, never in what was published.
      for (let i = 0; i < 5; i++) await submit(office, person, '2024-12-30');
      for (let i = 0; i < 7; i++) await submit(drafting, person, '2024-08-01');
      await context.annualReports.save(drafting, 2024, { texts, entered }, supervisor, actor);

      const judged = defaultScheme.dimensions.flatMap((d) => d.indicators).filter((i) => i.method === 'judged');
      for (const agency of [government, office, hostile, drafting]) {
        for (const indicator of judged) await context.assessment.judge(2024, agency, { indicator: indicator.code, points: indicator.points, evidence: '内部佐证材料乙' }, supervisor, actor);
      }
      await context.assessment.publish(2024, government, { on: '2025-03-20' }, supervisor, actor);
      // A year scored but not published: not on the page.
      for (const agency of [government, office, hostile, drafting]) await context.assessment.judge(2023, agency, { indicator: 'organisation.bodies', points: 3, evidence: '未发布的评分' }, supervisor, actor);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('shows the published report’s figures by year, each chart an image labelled with its figures and followed by its table', async () => {
      assert.deepEqual([total(published2024, '一、'), total(published2024, '二、'), total(published2024, '三、'), total(published2024, '四、')], [2, 1, 3, 0]);
      const page = await app.inject({ url: `/open-data-figures?agency=${office}` });
      assert.equal(page.statusCode, 200);
      const body = page.body;
      assert.match(body, /<a href="\/open-data-figures" aria-current="page">政务公开数据<\/a>/, 'in the portal’s navigation');
      // 2024: 2 new, 1 carried over, 1 disclosed … exactly the published report's cells, not the 5 received after it was published.
      assert.match(body, /<tr><th scope="row">2024年<\/th><td>2<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>3<\/td><td>0<\/td><\/tr>/);
      assert.match(body, /<tr><th scope="row">2023年<\/th><td>2<\/td><td>0<\/td><td>1<\/td>/);
      const charts = [...body.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
      assert.ok(charts.length >= 5, `charts: ${charts.length}`);
      for (const chart of charts) {
        assert.match(chart, /<svg role="img" aria-label="[^"]+"/);
        const target = /<a href="#([a-z0-9-]+)">图表数据见下表<\/a>/.exec(chart)?.[1];
        assert.ok(target && body.includes(`<table class="report" id="${target}">`), `the chart's table ${target}`);
      }
      assert.match(charts[0]!, /aria-label="柱状图:各年度新收申请与办理结果总数\(件\)。2023年:本年新收 2件,办理结果总计 1件;2024年:本年新收 2件,办理结果总计 3件"/);
      assert.match(body, /<caption>各年度收到和处理政府信息公开申请情况/);
      assert.match(body, /<tr><th scope="row">2024年 行政复议<\/th><td>0<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td><\/tr>/);
      assert.match(body, /2024年度某市某区人民政府政务公开考核评估得分/);
      for (const secret of ['王某某', '310101199001011234', '内部佐证材料乙', '未发布的评分', '2023年度某市某区人民政府政务公开考核评估']) assert.ok(!body.includes(secret), secret);
    });

    it('shows the agency whose report covers most by default, and no unpublished report at all', async () => {
      const page = await app.inject({ url: '/open-data-figures' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<option value="\d+" selected>/);
      assert.ok(!page.body.includes(`<option value="${drafting}"`), 'an agency with only a draft is not offered');
      assert.equal((await app.inject({ url: `/open-data-figures?agency=${drafting}` })).statusCode, 404, 'a draft is not public');
      assert.equal((await app.inject({ url: '/open-data-figures?agency=abc' })).statusCode, 404);
      assert.equal((await app.inject({ url: `/open-data-figures/annual-reports/${drafting}/2024/requests.csv` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/open-data-figures/annual-reports/${office}/2024/nothing.csv` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/open-data-figures/annual-reports/${office}/2024/requests.exe` })).statusCode, 404);
    });

    it('offers every table of every published report as CSV and JSON, as printed', async () => {
      const index = (await app.inject({ url: '/open-data-figures/index.json' })).json() as { annualReports: { agencyId: number; year: number; tables: { key: string; csv: string; json: string }[] }[]; assessmentResults: { year: number }[] };
      assert.deepEqual(index.annualReports.map((r) => [r.agencyId, r.year]).sort(), [[hostile, 2024], [office, 2023], [office, 2024]].sort());
      assert.deepEqual(index.assessmentResults.map((r) => r.year), [2024]);
      const tables = index.annualReports.find((r) => r.agencyId === office && r.year === 2024)!.tables;
      assert.deepEqual(tables.map((t) => t.key), ['active-1', 'active-2', 'active-3', 'active-4', 'requests', 'review']);

      const csv = await app.inject({ url: tables.find((t) => t.key === 'requests')!.csv });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.ok(csv.body.startsWith('\ufeff申请人情况,自然人,'));
      const rows = csvRows(csv.body);
      assert.deepEqual(rows.slice(1).map((row) => [row[0], ...row.slice(1).map(Number)]), published2024.tables.requests.rows.map((row) => [row.label, ...row.cells]));
      const json = (await app.inject({ url: tables.find((t) => t.key === 'review')!.json })).json() as { columns: string[]; rows: { label: string; cells: number[] }[]; publishedOn: string };
      assert.deepEqual(json.rows.map((r) => r.cells), published2024.tables.review.rows.map((r) => r.cells));
      assert.equal(json.publishedOn, '2025-01-20');
      const licensing = csvRows((await app.inject({ url: tables.find((t) => t.key === 'active-2')!.csv })).body);
      assert.deepEqual(licensing, [['第二十条第(五)项', '本年处理决定数量'], ['行政许可', '4']]);
    });

    it('offers all figures and all published scores in one long file each, neutralised against formulas', async () => {
      const figures = await app.inject({ url: '/open-data-figures/annual-report-figures.csv' });
      const rows = csvRows(figures.body);
      assert.deepEqual(rows[0], figureFields.map(([, heading]) => heading));
      assert.ok(rows.some((row) => row.join(',') === `${office},某市某区人民政府办公室,2024,2021,2025-01-20,requests,三、收到和处理政府信息公开申请情况,一、本年新收政府信息公开申请数量,总计,2`));
      assert.ok(rows.some((row) => row[1] === "'=1+1某区统计局"), 'a name opening with = is text');
      assert.ok(!rows.some((row) => row[1]!.startsWith('=')));
      assert.ok(!figures.body.includes('草稿局'));
      const json = (await app.inject({ url: '/open-data-figures/annual-report-figures.json' })).json() as { items: { agencyId: number; year: number; table: string; row: string; column: string; value: number }[] };
      const carried = json.items.find((i) => i.agencyId === office && i.year === 2024 && i.table === 'requests' && i.row.startsWith('二、') && i.column === '总计');
      assert.equal(carried?.value, 1);
      assert.equal(json.items.find((i) => i.agencyId === hostile)?.year, 2024, 'JSON keeps the name as it is');

      const scores = csvRows((await app.inject({ url: '/open-data-figures/assessment-scores.csv' })).body);
      assert.deepEqual(scores[0], scoreFields.map(([, heading]) => heading));
      const officeTotal = scores.find((row) => row[5] === '某市某区人民政府办公室' && row[7] === '总分')!;
      const published = (await context.assessment.results(2024, government))!.results.find((r) => r.agencyId === office)!;
      assert.deepEqual([officeTotal[0], officeTotal[9], officeTotal[10]], ['2024', String(published.total), published.grade ?? '']);
      assert.ok(scores.slice(1).every((row) => row[0] === '2024'), 'the unpublished 2023 scores are not there');
      const scoresJson = (await app.inject({ url: '/open-data-figures/assessment-scores.json' })).json() as { fields: { key: string }[]; items: unknown[] };
      assert.equal(scoresJson.items.length, 4 * (defaultScheme.dimensions.length + 1));
    });

    it('describes every column in Chinese at a stable address, and in the OpenAPI document', async () => {
      const readme = await app.inject({ url: '/open-data-figures/README.txt' });
      assert.equal(readme.statusCode, 200);
      assert.match(String(readme.headers['content-type']), /^text\/plain; charset=utf-8/);
      for (const [key, heading] of [...figureFields, ...scoreFields]) assert.ok(readme.body.includes(`${heading}(JSON 字段 ${key})`), heading);
      const spec = (await app.inject({ url: '/api/docs' })).json() as { paths: Record<string, unknown> };
      for (const path of ['/open-data-figures/index.json', '/open-data-figures/README.txt', '/open-data-figures/annual-report-figures.csv', '/open-data-figures/annual-report-figures.json', '/open-data-figures/assessment-scores.csv', '/open-data-figures/assessment-scores.json', '/open-data-figures/annual-reports/{agencyId}/{year}/{file}']) {
        assert.ok(spec.paths[path], path);
      }
    });
  });
}
