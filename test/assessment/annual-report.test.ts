import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { extractText } from 'unpdf';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { AnnualReportView } from '../../src/modules/assessment/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';

const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const person = { type: 'natural_person', name: '某人', idNumber: '310101199001011234', phone: '13800000000' };
const company = { type: 'commercial', name: '某公司', organisationCode: '91310000MA1XXXXX1P', phone: '021-12345678' };
const cells = (report: AnnualReportView, label: string) => report.tables.requests.rows.find((row) => row.label.includes(label))?.cells;

for (const engine of engines) {
  describe(`the annual report (政府信息公开工作年度报告) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let government: number;
    let office: number;
    const actor = { id: 'user:1', address: '203.0.113.1' };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
      app = buildServer(context);
      government = (await database.db.query<{ id: number }>(sql`select id::int as id from agencies where name = '上海市长宁区人民政府'`))[0]!.id;
      office = await anAgency(database.db, { name: '上海市长宁区人民政府办公室', parentId: government });
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const submit = async (applicant: object, on: string) =>
      (await context.disclosure.submit({ agencyId: office, applicant, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' }, on)).id;
    const clerkActor = () => ({ id: 'user:2', agencyId: office });

    it('chooses the national format by year and refuses years before the 2019 regulation', async () => {
      assert.equal((await context.annualReports.computeByName(2020, '上海市长宁区人民政府')).format, '2019');
      assert.equal((await context.annualReports.computeByName(2021, '上海市长宁区人民政府')).format, '2021');
      await assert.rejects(context.annualReports.computeByName(2018, '上海市长宁区人民政府'), /2019 年及以后/);
      await assert.rejects(context.annualReports.computeByName(2021, '不存在的机关'), { code: 'not_found' });
    });

    it('counts the normative documents of the government and the agencies under it from the library', async () => {
      // The seeds hold three normative documents of 2021: the district government's and two of its bureaus'.
      const names = await database.db.query<{ name: string; parent: string | null }>(sql`
        select a.name, p.name as parent from agencies a left join agencies p on p.id = a.parent_id where a.name in ('上海市长宁区市场监督管理局', '上海市长宁区审计局') order by a.name`);
      assert.deepEqual(names.map((n) => n.parent), ['上海市长宁区人民政府', '上海市长宁区人民政府']);
      const report = await context.annualReports.computeByName(2021, '上海市长宁区人民政府');
      const [documents] = report.tables.active;
      assert.deepEqual(documents!.columns, ['本年制发件数', '本年废止件数', '现行有效件数']);
      assert.deepEqual(documents!.rows.map((row) => [row.label, ...row.cells]), [['规章', 0, 0, 0], ['行政规范性文件', 3, 0, 3]]);
      const bureau = await context.annualReports.computeByName(2021, '上海市长宁区审计局');
      assert.deepEqual(bureau.tables.active[0]!.rows[1]!.cells, [1, 0, 1], 'a bureau counts its own only');
      assert.ok(report.covers.includes('上海市长宁区审计局'));
      const supervisor = staff(9, 'supervisor', null);
      const behind = await context.annualReports.countedDocuments(government, 2021, 'normative', 'made', supervisor);
      assert.deepEqual(behind.map((d) => d.docNumber).sort(), ['长审规〔2021〕1号', '长市监规〔2021〕1号', '长府规〔2021〕2号'], 'each figure drills down to its documents');
      await assert.rejects(context.annualReports.countedDocuments(government, 2021, 'normative', 'toString', supervisor), { code: 'validation_failed' });
      await assert.rejects(context.annualReports.countedDocuments(government, 2021, 'normative', 'made', staff(8, 'clerk', office)), { code: 'forbidden' });
      // A year with none: all zero, and the entered rows wait for the agency.
      const quiet = await context.annualReports.computeByName(2023, '上海市长宁区人民政府');
      assert.deepEqual(quiet.tables.active[0]!.rows[1]!.cells, [0, 0, 3], 'still in force at the end of 2023');
      assert.deepEqual(quiet.tables.active[1]!.rows[0]!.cells, [null]);
    });

    it('rolls the requests of the agencies under the government into its table 三, with (六) split in 2021 and whole in 2019', async () => {
      const carried = await submit(person, '2023-12-20');
      await context.disclosure.act(carried, 'reply', { on: '2024-01-10', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerkActor(), '2024-01-10');
      const refused = await submit(company, '2024-03-04');
      await context.disclosure.act(refused, 'reply', { on: '2024-03-20', category: 'refuse', reason: 'state_secret', basis: '第十四条' }, clerkActor(), '2024-03-20');
      await submit(person, '2024-12-25');
      await context.disclosure.act(refused, 'record_review', { on: '2024-06-01', kind: 'reconsideration', outcome: 'upheld' }, clerkActor(), '2024-06-01');

      const report = await context.annualReports.computeByName(2024, '上海市长宁区人民政府');
      assert.deepEqual(cells(report, '本年新收'), [1, 1, 0, 0, 0, 0, 2]);
      assert.deepEqual(cells(report, '上年结转'), [1, 0, 0, 0, 0, 0, 1]);
      assert.deepEqual(cells(report, '结转下年度'), [1, 0, 0, 0, 0, 0, 1]);
      assert.ok(report.tables.requests.rows.some((row) => row.label.includes('逾期不补正')), '2021 format: 其他处理 in three rows');
      assert.deepEqual(report.tables.review.rows[0]!.cells, [1, 0, 0, 0, 1]);
      assert.ok(report.checks.every((check) => check.ok), JSON.stringify(report.checks));
      // Every cell of tables 三 and 四 lists the cases it counts, no more and no fewer.
      const supervisor = staff(9, 'supervisor', null);
      for (const table of [report.tables.requests, report.tables.review]) {
        for (const row of table.rows) {
          for (const [i, count] of row.cells.entries()) {
            const cases = await context.annualReports.countedCases(government, 2024, row.drill!.kind, row.drill!.measures[i]!, supervisor);
            assert.equal(cases.length, count, `${row.label} / ${table.columns[i]}`);
          }
        }
      }
      const refusedCell = await context.annualReports.countedCases(government, 2024, 'requests:handled:refuse:state_secret', 'commercial', supervisor);
      assert.deepEqual(refusedCell.map((c) => [c.id, c.agency, c.applicant, c.receivedOn, c.finishedOn]), [[refused, '上海市长宁区人民政府办公室', '商业企业', '2024-03-04', '2024-03-20']]);
      assert.ok(!('name' in refusedCell[0]!) && !JSON.stringify(refusedCell).includes('某公司'), 'no applicant name in the list');
      const reviewed = await context.annualReports.countedCases(government, 2024, 'review:reconsideration', 'upheld', supervisor);
      assert.deepEqual(reviewed.map((c) => [c.id, c.review, c.decidedOn, c.outcome]), [[refused, '结果维持', '2024-06-01', '不予公开:属于国家秘密']]);
      for (const [kind, measure] of [['requests:handled:refuse:nonsense', 'all'], ['requests:new', 'toString'], ['review:appeal', 'all'], ['documents:new', 'all'], ['new', 'all']]) {
        await assert.rejects(context.annualReports.countedCases(government, 2024, kind!, measure!, supervisor), { code: 'validation_failed' }, `${kind} ${measure}`);
      }
      await assert.rejects(context.annualReports.countedCases(government, 2024, 'requests:new', 'all', staff(8, 'clerk', office)), { code: 'forbidden' }, 'a department clerk does not read the government report');
      const old = await context.annualReports.computeByName(2020, '上海市长宁区人民政府');
      assert.ok(!old.tables.requests.rows.some((row) => row.label.includes('逾期不补正')), '2019 format: 其他处理 is one row');
      assert.equal(old.tables.active[0]!.columns[1], '本年新公开数量');
    });

    it('charts replies on time by month and by agency, and documents published by month', async () => {
      const late = await submit(person, '2022-05-06');
      await context.disclosure.act(late, 'reply', { on: '2022-07-01', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerkActor(), '2022-07-01');
      const prompt = await submit(company, '2022-05-09');
      await context.disclosure.act(prompt, 'reply', { on: '2022-05-20', category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, clerkActor(), '2022-05-20');
      const supervisor = staff(9, 'supervisor', null);
      const trends = await context.annualReports.trends(government, 2022, supervisor);
      assert.deepEqual(trends.repliedByMonth, [0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
      assert.deepEqual(trends.onTimeByMonth, [null, null, null, null, 100, null, 0, null, null, null, null, null], 'a reply after its 20 working days is late');
      assert.deepEqual(trends.onTimeByAgency, [{ agency: '上海市长宁区人民政府办公室', replied: 2, onTime: 50 }]);
      const documents = await context.annualReports.trends(government, 2021, supervisor);
      const normative = await context.annualReports.countedDocuments(government, 2021, 'normative', 'published', supervisor);
      assert.ok(documents.publishedByMonth.reduce((a, b) => a + b, 0) >= normative.length && normative.length > 0, 'every normative document published in the year is among the month counts');
      assert.deepEqual((await context.annualReports.trends(government, 2031, supervisor)).publishedByMonth, new Array(12).fill(0));
      await assert.rejects(context.annualReports.trends(government, 2022, staff(8, 'clerk', office)), { code: 'forbidden' });
      const response = await app.inject({ url: `/api/staff/annual-reports/${government}/2022/trends` });
      assert.equal(response.statusCode, 401, 'staff only');
    });

    it('lets the agency write and enter its part, refuses to publish while anything is missing, then freezes what it published', async () => {
      const clerk = staff(2, 'clerk', office);
      const admin = staff(3, 'agency_admin', office);
      const stranger = staff(4, 'clerk', government);
      await assert.rejects(context.annualReports.save(office, 2024, {}, stranger, actor), { code: 'forbidden' });
      await assert.rejects(context.annualReports.save(office, 2024, { entered: { 'licensing.decisions': -1 } }, clerk, actor), { code: 'validation_failed' });
      await context.annualReports.save(office, 2024, { texts: { overall: '' }, entered: { 'licensing.decisions': 12 } }, clerk, actor);
      await assert.rejects(context.annualReports.publish(office, 2024, { on: '2025-01-20' }, clerk, actor), { code: 'forbidden' }, 'a clerk does not publish');
      await assert.rejects(context.annualReports.publish(office, 2024, { on: '2025-01-20' }, admin, actor), /一、总体情况/);
      await context.annualReports.save(office, 2024, { texts: { overall: '2024年,本机关……' }, entered: { 'licensing.decisions': 12 } }, clerk, actor);
      await assert.rejects(context.annualReports.publish(office, 2024, { on: '2025-01-20' }, admin, actor), /行政处罚、行政强制、行政事业性收费/);
      const saved = await context.annualReports.save(
        office,
        2024,
        { texts: { overall: '2024年,本机关……', problems: '一是……', other: '本年度未收取信息处理费。' }, entered: { 'licensing.decisions': 12, 'penalties.decisions': 3, 'enforcement.decisions': 0, 'fees.amount': 125000 } },
        clerk,
        actor,
      );
      assert.deepEqual(saved.tables.active[3]!.rows[0]!.cells, [12.5], 'fees entered in yuan, printed in 万元');
      const view = await context.annualReports.view(office, 2024, clerk);
      assert.equal(view.dueOn, '2025-01-31', 'a department publishes by 31 January');
      assert.deepEqual([view.abilities.edit, view.abilities.publish], [true, false]);
      assert.equal((await context.annualReports.view(government, 2024, staff(5, 'supervisor', null))).dueOn, '2025-03-31', 'a government by 31 March');

      const published = await context.annualReports.publish(office, 2024, { on: '2025-01-20' }, admin, actor);
      assert.deepEqual([published.state, published.publishedOn], ['published', '2025-01-20']);
      await assert.rejects(context.annualReports.save(office, 2024, { texts: { overall: '改' } }, clerk, actor), { code: 'invalid_transition' });
      await submit(person, '2024-12-30');
      const frozen = await context.annualReports.published(office, 2024);
      assert.deepEqual(frozen!.tables.requests.rows[0]!.cells, [1, 1, 0, 0, 0, 0, 2], 'a published report does not change under its readers');
      const audit = await database.db.query<{ action: string }>(sql`select action from audit_events where subject_type = 'annual_report' order by id`);
      assert.deepEqual([...new Set(audit.map((a) => a.action))], ['assessment.report_save', 'assessment.report_publish']);
    });

    it('checks that this year carries over what last year carried forward', async () => {
      const report = await context.annualReports.computeByName(2025, '上海市长宁区人民政府办公室');
      const check = report.checks.find((c) => c.name.includes('上一年度报告'));
      assert.ok(check, 'the check runs once last year is published');
      assert.equal(check.ok, false, 'a request received late in 2024 after publication makes the two differ');
      assert.match(check.detail ?? '', /自然人:本年 2,上一年度报告 1/);
    });

    it('publishes the report on the portal in the national layout, as JSON and as a workbook that reads back', async () => {
      const list = await app.inject({ url: '/annual-reports' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /上海市长宁区人民政府办公室2024年政府信息公开工作年度报告/);
      const page = await app.inject({ url: `/annual-reports/${office}/2024` });
      assert.equal(page.statusCode, 200);
      const order = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'].map((h) => page.body.indexOf(h));
      assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), `sections in order: ${order}`);
      assert.match(page.body, /<th scope="row">行政许可<\/th><td>12<\/td>/);
      for (const secret of ['某人', '310101199001011234']) assert.ok(!page.body.includes(secret));
      assert.equal((await app.inject({ url: `/annual-reports/${office}/2023` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/annual-reports/${government}/2024` })).statusCode, 404, 'a draft is not public');
      const json = await app.inject({ url: `/api/annual-reports/${office}/2024` });
      assert.equal((json.json() as AnnualReportView).format, '2021');
      const xlsx = await app.inject({ url: `/annual-reports/${office}/2024/report.xlsx` });
      assert.equal(xlsx.statusCode, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      assert.deepEqual(rows[0], ['上海市长宁区人民政府办公室2024年政府信息公开工作年度报告']);
      assert.deepEqual(rows.find((row) => row[0] === '行政许可'), ['行政许可', 12]);
      assert.deepEqual(rows.find((row) => String(row[0]).startsWith('一、本年新收')), ['一、本年新收政府信息公开申请数量', 1, 1, 0, 0, 0, 0, 2]);

      const docx = await app.inject({ url: `/annual-reports/${office}/2024/report.docx` });
      assert.equal(docx.statusCode, 200);
      const { value: words } = await mammoth.extractRawText({ buffer: docx.rawPayload });
      for (const expected of ['上海市长宁区人民政府办公室2024年政府信息公开工作年度报告', '二、主动公开政府信息情况', '行政许可', '2024年,本机关……', '本年度未收取信息处理费。']) assert.ok(words.includes(expected), expected);
      const pdf = await app.inject({ url: `/annual-reports/${office}/2024/report.pdf` });
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
      for (const expected of ['政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况', '行政复议']) assert.ok(text.replace(/\s+/g, '').includes(expected), expected);
    });
  });
}
