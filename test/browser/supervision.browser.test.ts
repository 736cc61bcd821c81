import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { sql } from '../../src/core/db/sql.ts';
import { assertAccessible, choose, closeDialog, openSite, signInToConsole, type Site } from '../support/browser.ts';
import { anAgency } from '../support/factories.ts';

const dialog = (page: Page) => page.getByRole('dialog').last();

async function fillDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(date);
  await input.press('Tab');
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const supervisorUser: StaffUser = { id: 0, username: 'setup', displayName: '准备', role: 'supervisor', agencyId: null, agencyName: null, mustChangePassword: false };

/**
 * Issue 15's supervised tasks and audit rectification in a real browser: the
 * 39 tasks of 静府发〔2016〕12号 become a ledger, an agency reports progress, a
 * red task gets a 督办单, an audit item is closed by 对账销号 and its result
 * published — axe on every screen.
 */
describe('supervised tasks and audit rectification in a browser', () => {
  let site: Site;
  const password = 'a long passphrase for supervision';
  let office: number;

  before(async () => {
    site = await openSite();
    const [document] = await site.db.query<{ id: number }>(sql`select id::int as id from documents where doc_number = '静府发〔2016〕12号' order by id limit 1`);
    const { unresolved } = await site.context.supervision.preview(document!.id, supervisorUser);
    // Every district office the document names is in the register; all but one already mapped (that one is mapped on screen).
    for (const name of unresolved.filter((n) => n.startsWith('区') && n !== '区各行政机关')) {
      const agencyId = await anAgency(site.db, { name: `上海市静安区${name.slice(1)}` });
      if (name === '区编办') office = agencyId;
      else await site.context.supervision.mapName({ name, agencyId }, supervisorUser, { id: 'cli:test' });
    }
    const [coordinator] = await site.db.query<{ id: number }>(sql`select agency_id::int as id from supervision_agency_names where name = '区府办'`);
    await site.context.supervision.mapName({ name: '区各行政机关', agencyId: coordinator!.id }, supervisorUser, { id: 'cli:test' });
    await site.context.auth.createUser({ username: 'supervisor', displayName: '周督查', role: 'supervisor', agencyId: null, password }, null, { id: 'cli:test' });
    await site.context.auth.createUser({ username: 'office', displayName: '吴经办', role: 'clerk', agencyId: office, password }, null, { id: 'cli:test' });
  });
  after(async () => {
    await site?.close();
  });

  it('imports the ledger, has progress reported, issues a 督办单 for a red task, and closes an audit item by 对账销号', async () => {
    const today = todayInChina();
    const page = await site.browser.newPage();
    page.setDefaultTimeout(15_000);
    await signInToConsole(page, site.base, 'supervisor', password);
    await page.getByRole('menuitem', { name: '督查督办' }).click();
    await page.getByRole('heading', { name: '督查督办:任务台账' }).waitFor();
    await assertAccessible(page);

    // From the document: one name still to map, then the import with the due date.
    await page.getByRole('link', { name: '从文件导入任务' }).click();
    await page.getByRole('heading', { name: '从文件导入督查任务' }).waitFor();
    await page.getByLabel('文件').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '静府发〔2016〕12号' }).click();
    await page.getByText('共 39 项任务,已列入台账 0 项').waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: '对应“区编办”' }).click();
    await choose(page, '对应的机关', '上海市静安区编办');
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByRole('button', { name: '对应“区编办”' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '列入督查台账' }).click();
    await fillDate(page, '完成期限', addDays(today, 60));
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByRole('heading', { name: '督查督办:任务台账' }).waitFor();
    await page.getByText('已列入 39 项任务').waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 39);
    // A ledger: every task with its lead and responsible agencies resolved to the register (or the names kept to show).
    const ledger = await page.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')));
    assert.ok(ledger.every((cells) => cells[2] !== '—' || cells[3] !== '—'), 'every task names its lead or responsible units');
    assert.ok(ledger.filter((cells) => cells[2] !== '—').length >= 30, 'most tasks have a lead agency of the register');
    assert.ok(ledger.some((cells) => cells[2]!.includes('上海市静安区编办')), 'the mapped name stands for its agency');
    assert.ok(ledger.some((cells) => cells[3] !== '—'), 'responsible agencies are listed');
    // The government publishes the document's results on the portal.
    await page.getByRole('button', { name: '公开本文件落实情况' }).click();
    await page.getByText(/本文件落实情况已于 .* 在门户网站公开/).waitFor();
    const resultsHref = await page.getByRole('link', { name: '查看公开页面' }).getAttribute('href');
    await assertAccessible(page);

    // A 任务分解表 adds its rows to the ledger.
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet('任务分解表');
    worksheet.addRow(['序号', '工作任务', '牵头单位', '责任单位', '完成时限']);
    worksheet.addRow([1, '编制政务公开事项标准目录', '区府办', '区编办', '2099年6月底前']);
    await page.setInputFiles('#task-sheet', { name: '任务分解表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    await page.getByText('已从任务分解表列入 1 项任务').waitFor();
    await page.goto(`${site.base}/console/supervision`);
    await page.getByRole('link', { name: '编制政务公开事项标准目录' }).waitFor();

    // One task is past its due date: red, and a 督办单 for it.
    const [late] = await site.db.query<{ id: number }>(sql`update supervision_tasks set due_on = ${addDays(today, -1)}::date where id = (select min(id) from supervision_tasks) returning id::int as id`);
    await page.goto(`${site.base}/console/supervision`);
    await choose(page, '期限', '逾期');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 1);
    assert.match((await page.locator('.ant-table-tbody').textContent()) ?? '', /逾期/);
    await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
    await page.getByRole('heading', { name: `督查任务 #${late!.id}` }).waitFor();
    await page.getByRole('button', { name: '发督办单' }).click();
    await dialog(page).getByLabel('督办要求').fill('请于三个工作日内报送办理进展');
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByText(/发出督办单:请于三个工作日内报送办理进展/).waitFor();
    await assertAccessible(page);
    const pdf = await page.request.get(`${site.base}/api/staff/supervision/tasks/${late!.id}/notices/1`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.match(pdf.headers()['content-disposition'] ?? '', /^attachment;/);
    await page.getByRole('link', { name: '下载督办单 PDF(第 1 次)' }).waitFor();
    await page.getByRole('link', { name: '查看督办单(第 1 次)' }).click();
    await page.getByRole('heading', { name: '督办单' }).waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /督办要求请于三个工作日内报送办理进展/);
    await assertAccessible(page);

    await page.getByRole('menuitem', { name: '督查总览' }).click();
    await page.getByRole('heading', { name: '督查总览' }).waitFor();
    await page.getByRole('cell', { name: '上海市静安区编办' }).waitFor();
    await assertAccessible(page);

    // The audit bureau registers a report and a finding for the office.
    await page.getByRole('menuitem', { name: '审计整改' }).click();
    await page.getByRole('heading', { name: '审计整改台账' }).waitFor();
    await page.getByRole('button', { name: '登记审计报告' }).click();
    await dialog(page).getByLabel('审计报告(决定)名称').fill('区编办2025年度预算执行审计报告');
    await choose(page, '被审计单位', '上海市静安区编办');
    await fillDate(page, '生效日期', addDays(today, -10));
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByRole('link', { name: '区编办2025年度预算执行审计报告' }).click();
    await page.getByRole('button', { name: '添加整改事项' }).click();
    await dialog(page).getByLabel('审计查出的问题').fill('政府采购未执行公开招标');
    await dialog(page).getByLabel('责任主体及责任').fill('办公室,直接责任');
    await dialog(page).getByLabel('整改要求(措施)').fill('重新履行采购程序并完善内控制度');
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByText('第 1 项:待整改').waitFor();
    await page.getByText(`${addDays(addDays(today, -10), 90)} 前`).waitFor();
    await assertAccessible(page);

    // The office reports progress on its task and the rectification result.
    const clerk = await site.browser.newPage();
    clerk.setDefaultTimeout(15_000);
    await signInToConsole(clerk, site.base, 'office', password);
    await clerk.getByRole('menuitem', { name: '督查督办' }).click();
    await clerk.getByRole('heading', { name: '督查督办:任务台账' }).waitFor();
    await clerk.locator('.ant-table-tbody tr.ant-table-row a').first().click();
    await clerk.getByRole('button', { name: '报送进展' }).click();
    await dialog(clerk).getByLabel('完成进度(%)').fill('60');
    await dialog(clerk).getByLabel('进展情况').fill('行政权力目录已完成梳理');
    await clerk.setInputFiles('#task-evidence', { name: '目录梳理情况.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n行政权力目录梳理情况\n') });
    await closeDialog(dialog(clerk), /^确\s*定$/);
    await clerk.getByText(/报送进展.60%.:行政权力目录已完成梳理/).waitFor();
    const evidence = clerk.getByRole('link', { name: '目录梳理情况.pdf' });
    await evidence.waitFor();
    const evidenceFile = await clerk.request.get(`${site.base}${await evidence.getAttribute('href')}`);
    assert.equal(evidenceFile.status(), 200);
    assert.equal(evidenceFile.headers()['content-type'], 'application/pdf');
    assert.equal(evidenceFile.headers()['x-content-type-options'], 'nosniff');
    await assertAccessible(clerk);
    await clerk.getByRole('menuitem', { name: '审计整改' }).click();
    await clerk.getByRole('link', { name: '区编办2025年度预算执行审计报告' }).click();
    await clerk.getByRole('button', { name: '第 1 项:报送整改结果' }).click();
    await dialog(clerk).getByLabel('整改结果').fill('已重新公开招标');
    await dialog(clerk).getByLabel('证明材料说明').fill('招标公告及中标通知书');
    await clerk.setInputFiles('#item-evidence', { name: '中标通知书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n中标通知书\n') });
    await closeDialog(dialog(clerk), /^确\s*定$/);
    await clerk.getByText('第 1 项:已报整改结果,待核查').waitFor();
    const itemEvidence = clerk.getByRole('link', { name: '中标通知书.pdf' });
    await itemEvidence.waitFor();
    assert.equal((await clerk.request.get(`${site.base}${await itemEvidence.getAttribute('href')}`)).status(), 200);
    assert.equal(await clerk.getByRole('button', { name: '第 1 项:对账销号' }).count(), 0, 'the unit does not close its own item');
    await assertAccessible(clerk);

    // The bureau checks and closes it, then publishes the result.
    await page.reload();
    await page.getByRole('button', { name: '第 1 项:对账销号' }).click();
    await closeDialog(dialog(page), /^确\s*定$/);
    await page.getByText('第 1 项:已对账销号').waitFor();
    await page.getByRole('button', { name: '公开整改结果' }).click();
    await page.getByText('整改结果已公开').first().waitFor();
    await assertAccessible(page);

    const portal = await site.browser.newPage();
    await portal.goto(`${site.base}/audit-results`);
    const text = (await portal.textContent('main')) ?? '';
    assert.match(text, /政府采购未执行公开招标/);
    assert.match(text, /已对账销号/);
    assert.doesNotMatch(text, /招标公告及中标通知书|办公室,直接责任/);
    await assertAccessible(portal);
    // The published task results: every task with its agencies and state, the late one marked, no progress text.
    await portal.goto(`${site.base}${resultsHref}`);
    const results = (await portal.textContent('main')) ?? '';
    assert.match(results, /共 39 项任务/);
    assert.match(results, /已逾期/);
    assert.match(results, /上海市静安区编办/);
    assert.doesNotMatch(results, /行政权力目录已完成梳理|请于三个工作日内报送办理进展/);
    await assertAccessible(portal);
  });
});
