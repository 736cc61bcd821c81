import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { assertAccessible, openSite, type Site, signInToConsole } from '../support/browser.ts';

/** An agency's annual report drafted by a clerk, published by its head, read by the public. */
describe('the annual report in a browser', () => {
  let site: Site;
  const password = 'a long passphrase for reports';
  const lastYear = Number(new Date().toISOString().slice(0, 4)) - 1;
  let tracking = '';

  before(async () => {
    site = await openSite();
    const [agency] = await site.db.query<{ id: number }>(sql`select id::int as id from agencies where name = '上海市长宁区人民政府办公室'`);
    for (const [username, role] of [['clerk', 'clerk'], ['head', 'agency_admin']] as const) {
      await site.context.auth.createUser({ username, displayName: username === 'clerk' ? '孙经办' : '李主任', role, agencyId: agency!.id, password }, null, { id: 'cli:test' });
    }
    // One request received and answered last year, so that table 三 has a figure to open.
    const request = await site.context.disclosure.submit(
      { agencyId: agency!.id, applicant: { type: 'natural_person', name: '某人', idNumber: '310101199001011234', phone: '13800000000' }, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' },
      { id: 'public' },
      `${lastYear}-03-02`,
    );
    await site.context.disclosure.act(request.id, 'reply', { on: `${lastYear}-03-10`, category: 'disclose', content: '所申请的信息全文。', delivery: 'online', basis: '第二十七条' }, { id: 'user:2', agencyId: agency!.id }, `${lastYear}-03-10`);
    tracking = request.trackingCode;
    await site.context.auth.createUser({ username: 'inspector', displayName: '周督查', role: 'supervisor', agencyId: null, password }, null, { id: 'cli:test' });
  });
  after(async () => {
    await site?.close();
  });

  it('is written and checked in the console, published by the head, and read on the portal with its tables', async () => {
    const clerk = await site.browser.newPage();
    clerk.setDefaultTimeout(10_000);
    await signInToConsole(clerk, site.base, 'clerk', password);
    await clerk.getByRole('menuitem', { name: '年度报告' }).click();
    await clerk.getByText('统计范围').waitFor();
    await assertAccessible(clerk);
    assert.match((await clerk.textContent('main')) ?? '', /表三:新收 \+ 上年结转 = 办理结果总计 \+ 结转下年/);
    // A figure of table 三 opens the cases it counts; the charts are labelled with their figures, each with its table.
    await clerk.getByRole('button', { name: '一、本年新收政府信息公开申请数量自然人:1,查看明细' }).click();
    const cases = clerk.getByRole('dialog', { name: /所统计的申请/ });
    await cases.getByText(tracking).waitFor();
    assert.match((await cases.textContent()) ?? '', /予以公开/);
    assert.doesNotMatch((await cases.textContent()) ?? '', /某人|13800000000/, 'no applicant name or contact in the list');
    await assertAccessible(clerk);
    await clerk.keyboard.press('Escape');
    await cases.waitFor({ state: 'hidden' });
    const onTime = clerk.getByRole('img', { name: new RegExp(`${lastYear}年各月按时答复率。.*3月:100%`) });
    await onTime.waitFor();
    assert.equal(await clerk.locator('figure svg').count(), await clerk.locator('figure [role="img"]').count(), 'every chart drawn');
    assert.equal(await clerk.locator('figure details table caption').count(), await clerk.locator('figure [role="img"]').count(), 'every chart has its data table');
    await clerk.getByLabel('一、总体情况').fill(`${lastYear}年,本机关认真贯彻《政府信息公开条例》。`);
    for (const [label, value] of [['行政许可:本年处理决定数量', '7'], ['行政处罚:本年处理决定数量', '0'], ['行政强制:本年处理决定数量', '0'], ['行政事业性收费:本年收费金额(元)', '0']]) {
      await clerk.getByLabel(label!).fill(value!);
    }
    await clerk.getByRole('button', { name: '保存草稿' }).click();
    await clerk.getByText('已保存').waitFor();
    assert.equal(await clerk.getByRole('button', { name: '发布' }).count(), 0, 'a clerk has no publish button');

    const head = await site.browser.newPage();
    head.setDefaultTimeout(10_000);
    await signInToConsole(head, site.base, 'head', password);
    await head.getByRole('menuitem', { name: '年度报告' }).click();
    await head.getByRole('button', { name: '发布' }).click();
    await head.getByText(/已于 .* 发布/).waitFor();
    await assertAccessible(head);

    const portal = await site.browser.newPage();
    await portal.goto(`${site.base}/annual-reports`);
    await assertAccessible(portal);
    await Promise.all([portal.waitForURL(/\/annual-reports\/\d+\/\d{4}$/), portal.click(`text=上海市长宁区人民政府办公室${lastYear}年政府信息公开工作年度报告`)]);
    await assertAccessible(portal);
    assert.match((await portal.textContent('#table-2')) ?? '', /行政许可\s*7/);
    assert.match((await portal.textContent('article')) ?? '', /本机关认真贯彻/);

    // The public 政务公开数据 page: the published report's figures as charts, each with its data table.
    await Promise.all([portal.waitForURL(/\/open-data-figures$/), portal.click('nav.main >> text=政务公开数据')]);
    const charts = await portal.locator('figure.chart').count();
    assert.ok(charts > 0, 'at least one chart');
    assert.equal(await portal.locator('figure.chart svg[role="img"][aria-label]').count(), charts, 'every chart is a labelled image');
    for (const target of await portal.locator('figure.chart figcaption a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      assert.equal(await portal.locator(`table${target}`).count(), 1, `${target} is a table on the page`);
    }
    await assertAccessible(portal);
    const csv = await portal.request.get(`${site.base}/open-data-figures/annual-report-figures.csv`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /上海市长宁区人民政府办公室/);
  });

  it('lets a supervisor see the score of every agency, judge an item with its evidence and adjust a score with a reason', async () => {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await signInToConsole(page, site.base, 'inspector', password);
    await page.getByRole('menuitem', { name: '考核评估' }).click();
    await page.getByLabel('被考核的政府及其部门').click();
    await page.getByTitle('上海市长宁区人民政府', { exact: true }).click();
    await page.getByText('默认指标体系(四个方面,满分 100 分)').waitFor();
    await page.getByRole('img', { name: /各单位得分构成\(分\)。.*上海市长宁区人民政府办公室:/ }).waitFor();
    await assertAccessible(page);
    const row = page.getByRole('row', { name: /上海市长宁区人民政府办公室/ });
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.getByRole('button', { name: '评分' }).first().click();
    await page.getByLabel('得分', { exact: true }).fill('6');
    await page.getByLabel('评分依据(佐证材料)').fill('机构设置文件、年度工作要点');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('td span', { hasText: '机构设置文件、年度工作要点' }).waitFor();
    await row.getByRole('button', { name: '调整得分' }).click();
    await page.getByLabel('调整分值(可为负)').fill('-1');
    await page.getByLabel('调整理由').fill('网站检查发现栏目更新不及时');
    await page.getByRole('button', { name: '保存' }).click();
    await row.getByRole('cell', { name: '-1', exact: true }).waitFor();
    await assertAccessible(page);
  });
});
