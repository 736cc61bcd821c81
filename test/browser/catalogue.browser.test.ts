import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { templateColumns } from '../../src/modules/catalogue/catalogue.template.ts';
import { assertAccessible, closeDialog, openSite, type Site, signInToConsole } from '../support/browser.ts';
import { tempDir } from '../support/files.ts';
import { anAgency } from '../support/factories.ts';

const transport = '上海市长宁区交通委员会';
const headers = templateColumns.map((column) => column.header);
const row = (values: Record<string, string>) => headers.map((header) => values[header] ?? '');
const parking = {
  数据资源名称: '公共停车场基本信息',
  数据资源摘要: '全区公共停车场的名称、地址、泊位数。',
  提供单位: transport,
  所属领域: '交通出行',
  共享属性: '无条件共享',
  开放属性: '无条件开放',
  更新频率: '每月',
  数据格式: 'CSV、XLSX',
  关键字: '停车',
  数据项: '停车场名称|字符串|全称\n泊位数|整数|小型车泊位',
};
const berths = { ...parking, 数据资源名称: '停车场实时泊位', 数据资源摘要: '各停车场实时空余泊位。', 共享属性: '授权共享', 不予共享理由: '涉及经营数据', 不予共享依据: '《上海市公共数据开放暂行办法》', 开放属性: '有条件开放', 更新频率: '实时', 数据格式: 'API' };

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('目录');
  for (const cells of rows) sheet.addRow(cells);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * An agency's catalogue imported in the console, browsed and requested by a
 * citizen on the portal, and the request approved by the big-data centre and
 * the agency: every page checked with axe.
 */
describe('the public data catalogue (公共数据目录) in a browser', () => {
  let site: Site;
  const files = tempDir();
  const password = 'a long passphrase for the catalogue';

  before(async () => {
    site = await openSite();
    for (const [name, username] of [[transport, 'traffic'], ['上海市长宁区大数据中心', 'centre']] as const) {
      const found = await site.db.query<{ id: number }>(sql`select id::int as id from agencies where name = ${name}`);
      const id = found[0]?.id ?? (await anAgency(site.db, { name }));
      await site.context.auth.createUser({ username, displayName: username === 'traffic' ? '钱经办' : '周审核', role: 'clerk', agencyId: id, password }, null, { id: 'cli:test' });
    }
  });
  after(async () => {
    await site?.close();
    files.remove();
  });

  it('imports a catalogue in the console, shows it on the portal, and takes a request through review', async () => {
    const console = await site.browser.newPage();
    console.setDefaultTimeout(15_000);
    await signInToConsole(console, site.base, 'traffic', password);
    await console.getByRole('menuitem', { name: '数据资源目录' }).click();
    await console.getByRole('heading', { name: '公共数据资源目录' }).waitFor();
    await assertAccessible(console);
    await console.setInputFiles('input[type="file"]', files.write('bad.xlsx', await workbook([headers, row(parking), row({ ...berths, 不予共享理由: '' })])));
    const problem = (await console.getByRole('alert').textContent()) ?? '';
    assert.match(problem, /第 3 行 [A-Z] 列\(不予共享理由\)/);
    await console.setInputFiles('input[type="file"]', files.write('good.xlsx', await workbook([headers, row(parking), row(berths)])));
    await console.getByText('已导入 2 行:新增 2 项').waitFor();
    await console.getByRole('link', { name: '停车场实时泊位' }).waitFor();
    await assertAccessible(console);

    const page = await site.browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${site.base}/`);
    await Promise.all([page.waitForURL(/\/catalogue$/), page.click('nav.main >> text=开放数据')]);
    assert.match((await page.textContent('main')) ?? '', /共 2 项数据资源/);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/open=conditional/), page.click('section[aria-label="开放属性"] >> text=有条件开放')]);
    assert.match((await page.textContent('main')) ?? '', /共 1 项数据资源/);
    await Promise.all([page.waitForURL(/\/catalogue\/\d+$/), page.click('text=停车场实时泊位')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/request$/), page.click('text=申请使用')]);
    await assertAccessible(page);
    await page.check('input[name="requesterKind"][value="company"]');
    await page.fill('#f-name', '某某科技有限公司');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("提交申请")')]);
    assert.match((await page.textContent('[role="alert"]')) ?? '', /请填写联系方式/);
    await assertAccessible(page);
    await page.fill('#f-contact', 'data@example.com');
    await page.fill('#f-purpose', '开发停车导航应用');
    await page.fill('#f-scenario', '向市民展示实时空余泊位');
    await Promise.all([page.waitForURL(/\/catalogue\/requests\/track\/SJ/), page.click('button:has-text("提交申请")')]);
    const code = (await page.textContent('strong.code'))!.trim();
    assert.match((await page.textContent('main')) ?? '', /审核中/);
    await assertAccessible(page);

    await console.getByRole('button', { name: '退出登录' }).click();
    await signInToConsole(console, site.base, 'centre', password);
    await console.getByRole('menuitem', { name: '数据申请审核' }).click();
    await console.getByRole('link', { name: code }).click();
    await console.getByText('某某科技有限公司(法人或其他组织,data@example.com)').waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '大数据中心审核同意' }).click();
    await console.getByLabel('使用条件').fill('仅用于导航应用');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('区大数据中心:同意;提供单位:未审核').waitFor();
    await console.getByRole('button', { name: '退出登录' }).click();
    await signInToConsole(console, site.base, 'traffic', password);
    await console.goto(`${site.base}/console/catalogue-requests`);
    await console.getByRole('link', { name: code }).click();
    await console.getByRole('button', { name: '提供单位审核同意' }).click();
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('审核同意', { exact: true }).waitFor();

    await console.goto(`${site.base}/console/catalogue`);
    await console.getByRole('link', { name: '公共停车场基本信息' }).click();
    await console.getByRole('cell', { name: '小型车泊位' }).waitFor();
    await assertAccessible(console);
    // The clerk uploads the data itself, then a new version; both versions are listed, the older one kept.
    await console.setInputFiles('input[type="file"]', files.write('停车场.csv', '停车场名称,泊位数\n中山公园停车场,120\n'));
    await console.getByText('已上传 停车场.csv').waitFor();
    await console.locator('input[type="file"]').nth(1).setInputFiles(files.write('停车场(新).csv', '停车场名称,泊位数\n中山公园停车场,120\n天山停车场,80\n'));
    await console.getByText('已上传「停车场」的第 2 版').waitFor();
    await console.getByRole('button', { name: /展开行/ }).click();
    await console.getByRole('link', { name: '停车场.csv' }).waitFor();
    await console.getByRole('link', { name: '停车场(新).csv' }).waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '登记数据接口' }).click();
    await console.getByLabel('接口名称').fill('停车场查询接口');
    await console.getByLabel('接口地址').fill('https://api.example.org/parking');
    await console.getByLabel('接口说明').fill('按名称查询停车场');
    await closeDialog(console.getByRole('dialog', { name: '登记数据接口' }), /确\s*定/);
    await console.getByText('https://api.example.org/parking').waitFor();
    // The conditionally open resource's data, for approved requesters only.
    await console.goto(`${site.base}/console/catalogue`);
    await console.getByRole('link', { name: '停车场实时泊位' }).click();
    await console.getByRole('cell', { name: '小型车泊位' }).waitFor();
    await console.setInputFiles('input[type="file"]', files.write('实时泊位.csv', '停车场名称,空余泊位\n中山公园停车场,35\n'));
    await console.getByText('已上传 实时泊位.csv').waitFor();
    await page.goto(`${site.base}/catalogue`);
    await Promise.all([page.waitForURL(/\/catalogue\/\d+$/), page.click('text=公共停车场基本信息')]);
    const portalText = (await page.textContent('main')) ?? '';
    assert.match(portalText, /数据预览:前 2 行/);
    assert.match(portalText, /第 2 版/);
    await assertAccessible(page);
    const href = await page.getAttribute('a:has-text("下载 CSV")', 'href');
    const download = await page.request.get(`${site.base}${href}`);
    assert.equal(download.status(), 200);
    assert.match(download.headers()['content-disposition'] ?? '', /^attachment;/);

    // Another agency asks for the shared data (Art. 16); 授权共享 goes to review.
    await console.getByRole('button', { name: '退出登录' }).click();
    await signInToConsole(console, site.base, 'centre', password);
    await console.getByRole('menuitem', { name: '申请共享数据' }).click();
    await console.getByRole('heading', { name: '申请共享数据' }).waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '申请共享:停车场实时泊位' }).click();
    await console.getByLabel('用途(履职需要)').fill('监测全区停车资源');
    await console.getByLabel('应用场景').fill('停车资源年度分析');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByRole('heading', { name: '数据申请审核' }).waitFor();
    await console.getByRole('cell', { name: '上海市长宁区大数据中心' }).waitFor();

    await page.goto(`${site.base}/catalogue/requests/track/${code}`);
    const tracked = (await page.textContent('main')) ?? '';
    assert.match(tracked, /审核同意/);
    assert.match(tracked, /仅用于导航应用/);
    await assertAccessible(page);
    // The approved requester downloads the conditionally open data through its signed, expiring link; an altered link is refused.
    const signed = await page.getAttribute('a:has-text("实时泊位")', 'href');
    assert.match(signed ?? '', /^\/catalogue\/downloads\//);
    const granted = await page.request.get(`${site.base}${signed}`);
    assert.equal(granted.status(), 200);
    assert.match(await granted.text(), /中山公园停车场,35/);
    const altered = await page.request.get(`${site.base}${signed!.replace(/[0-9a-f](?=[0-9a-f]*$)/, (c) => (c === '0' ? '1' : '0'))}`);
    assert.equal(altered.status(), 403);
    const [berthsRow] = await site.db.query<{ id: number }>(sql`select id::int as id from catalogue_resources where name = '停车场实时泊位'`);
    const anonymous = await page.request.get(`${site.base}/catalogue/${berthsRow!.id}`);
    assert.doesNotMatch(await anonymous.text(), /\/catalogue\/downloads\//, 'the public page of a conditionally open resource gives no link');

    // A resource whose data is not updated as its frequency says is flagged on its page.
    await site.db.query(sql`update catalogue_resources set data_updated_on = current_date - 90 where name = '公共停车场基本信息'`);
    await page.goto(`${site.base}/catalogue`);
    await Promise.all([page.waitForURL(/\/catalogue\/\d+$/), page.click('text=公共停车场基本信息')]);
    assert.match((await page.textContent('main')) ?? '', /未按更新频率更新/);
    await assertAccessible(page);
  });
});
