import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, openSite, type Site } from '../support/browser.ts';

/** A citizen asks for information and follows the request, in a real browser, without an account. */
describe('a disclosure request in a browser', () => {
  let site: Site;

  before(async () => {
    site = await openSite();
  });
  after(async () => {
    await site?.close();
  });

  it('submits a request, is told what to fix, gets a tracking code, and follows it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/`);
    await Promise.all([page.waitForURL(/\/requests$/), page.click('nav.main >> text=依申请公开')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/requests\/new$/), page.click('text=提交申请')]);
    await assertAccessible(page);

    await page.selectOption('#f-agencyId', { label: '上海市长宁区人民政府办公室' });
    await page.selectOption('#f-applicantType', 'natural_person');
    await page.fill('#f-name', '王五');
    await page.fill('#f-phone', '13700000000');
    await page.fill('#f-description', '2021年本区政务公开工作要点的起草说明');
    await page.selectOption('#f-deliveryForm', 'electronic');
    await page.selectOption('#f-deliveryWay', 'email');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("提交申请")')]);
    // No identity number: the form comes back with the reason and everything typed kept.
    assert.match(await page.textContent('[role="alert"]') ?? '', /自然人须填写身份证件号码/);
    assert.equal(await page.inputValue('#f-name'), '王五');
    await assertAccessible(page);

    await page.fill('#f-idNumber', '310105199202021231');
    // Progress by e-mail needs an address: the box is ticked, the form says so, and keeps the choice.
    await page.check('#f-notifyByEmail');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("提交申请")')]);
    assert.match(await page.textContent('[role="alert"]') ?? '', /选择邮件通知办理进展时须填写电子邮箱/);
    assert.equal(await page.isChecked('#f-notifyByEmail'), true);
    await page.fill('#f-email', 'wangwu@example.com');
    await Promise.all([page.waitForURL(/\/requests\/track\/YSQ/), page.click('button:has-text("提交申请")')]);
    await assertAccessible(page);
    const code = (await page.textContent('strong.code'))!.trim();
    assert.match(code, /^YSQ[0-9A-Z]{12}$/);
    assert.doesNotMatch(await page.textContent('main') ?? '', /王五|310105199202021234|起草说明/);

    const later = await site.browser.newPage();
    await later.goto(`${site.base}/requests/track`);
    await later.fill('#f-code', code.toLowerCase());
    await Promise.all([later.waitForURL(new RegExp(`/requests/track/${code}$`)), later.press('#f-code', 'Enter')]);
    assert.match(await later.textContent('table.meta') ?? '', /已收到,办理中/);
    assert.match(await later.textContent('table.meta') ?? '', /答复期限\d{4}-\d{2}-\d{2} 前/);
    await assertAccessible(later);

    await later.goto(`${site.base}/requests/report`);
    assert.match(await later.textContent('h1') ?? '', /年政府信息公开工作年度报告/);
    await assertAccessible(later);
  });
});
