import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { sql } from '../../src/core/db/sql.ts';
import { assertAccessible, openSite, type Site } from '../support/browser.ts';

/** A clerk's first day: set a password, find the request, extend it, print the notice. */
describe('the staff pages in a browser', () => {
  let site: Site;
  let oneTime: string;

  before(async () => {
    site = await openSite();
    const { context } = site;
    const [agency] = await site.db.query<{ id: number }>(sql`select id from agencies where name = '上海市长宁区人民政府办公室'`);
    oneTime = (await context.auth.createUser({ username: 'clerk', displayName: '孙经办', role: 'clerk', agencyId: agency!.id }, null, { id: 'cli:test' })).password!;
    await context.disclosure.submit({
      agencyId: agency!.id,
      applicant: { type: 'natural_person', name: '周八', idNumber: '310101199001011234', phone: '13800000000' },
      description: '本区2021年政务公开工作要点的解读材料',
      deliveryForm: 'electronic',
      deliveryWay: 'email',
    }, { id: 'public' });
  });
  after(async () => {
    await site?.close();
  });

  it('signs in, changes the one-time password, extends a request and opens its notice', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/staff`);
    assert.match(page.url(), /\/staff\/sign-in\?next=/);
    await assertAccessible(page);
    await page.fill('#s-username', 'clerk');
    await page.fill('#s-password', oneTime);
    await Promise.all([page.waitForURL(/\/staff\/password$/), page.click('button:has-text("登录")')]);
    await assertAccessible(page);
    // The rules are told up front, not only after a refusal; the change ends the session and says so.
    assert.match(await page.textContent('#p-rules') ?? '', /至少 12 个字符.*不能包含用户名「clerk」/s);
    await page.fill('#p-current', oneTime);
    await page.fill('#p-next', 'a long new password for work');
    await Promise.all([page.waitForURL(/\/staff\/sign-in/), page.click('button:has-text("保存")')]);
    assert.match(await page.textContent('[role="status"]') ?? '', /密码已修改,请用新密码登录/);
    await page.fill('#s-username', 'clerk');
    await page.fill('#s-password', 'a long new password for work');
    await Promise.all([page.waitForURL(/\/staff$/), page.click('button:has-text("登录")')]);
    await assertAccessible(page);
    assert.match(await page.textContent('main') ?? '', /办理中 1 件/);

    await Promise.all([page.waitForURL(/\/staff\/requests\/\d+$/), page.click('main table a')]);
    await assertAccessible(page);
    assert.match(await page.textContent('main') ?? '', /周八/);
    await page.click('summary:has-text("延期答复")');
    await page.fill('#a-approver', '政务公开科负责人');
    await page.fill('#a-reason', '需要向多个部门调取材料');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/extend"] button')]);
    assert.match(await page.textContent('.timeline') ?? '', /经批准延长答复期限 20 个工作日/);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/notices\/\d+$/), page.click('text=查看、打印 >> nth=1')]);
    assert.match(await page.textContent('h1') ?? '', /延期答复告知书/);
    await assertAccessible(page);

    // Proactive disclosure: returned without an attribute, then published with its interpretation.
    await Promise.all([page.waitForURL(/\/staff\/publications$/), page.click('nav.main >> text=主动公开')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/staff\/publications\/new$/), page.click('text=拟制新文件')]);
    await assertAccessible(page);
    await page.fill('#d-title', '上海市长宁区人民政府办公室关于印发《长宁区政务公开工作规范》的通知');
    await page.fill('#d-docNumber', '长府办发〔2026〕12号');
    await page.fill('#d-signedOn', '2026-11-02');
    await page.fill('#d-addressees', '各街道办事处,区政府各委、办、局');
    await page.fill('#d-bodyText', '《长宁区政务公开工作规范》已经区政府同意,现印发给你们,请认真按照执行。\n长宁区政务公开工作规范\n第一条 (目的) 为规范政务公开工作,制定本规范。');
    await page.check('#d-policy');
    await Promise.all([page.waitForURL(/\/staff\/publications\/\d+$/), page.click('button:has-text("保存草稿")')]);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("报送公开")')]);
    assert.match(await page.textContent('[role="alert"]') ?? '', /未确定公开属性.*谁起草、谁解读/s);
    await assertAccessible(page);
    await page.selectOption('#d-attribute', 'proactive');
    await page.fill('#d-interpretationText', '一、制定背景\n为规范政务公开工作,起草了本规范。\n二、主要内容\n明确了目的。');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("保存草稿")')]);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("报送公开")')]);
    assert.match(await page.textContent('.state') ?? '', /已公开/);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('main >> a:has-text("文件")')]);
    assert.match(await page.textContent('h1') ?? '', /长宁区政务公开工作规范/);
    assert.match(await page.textContent('main') ?? '', /政策解读/);
    await assertAccessible(page);

    // Repealed today: marked on the publication, and the public page says so.
    const documentUrl = page.url();
    await page.goBack();
    await page.selectOption('#m-kind', 'repealed');
    await page.fill('#m-on', todayInChina());
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("标注")')]);
    assert.match(await page.textContent('main') ?? '', /已标注废止/);
    await page.goto(documentUrl);
    assert.match(await page.textContent('h1') ?? '', /已废止/);
    await assertAccessible(page);
  });
});
