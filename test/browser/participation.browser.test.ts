import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { assertAccessible, openSite, type Site } from '../support/browser.ts';

async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

/**
 * A message from a citizen to a clerk and back to the public, in a real
 * browser: the public pages without an account, the console screens the
 * module adds, every option of the public form tried.
 */
describe('messages (政民互动) in a browser', () => {
  let site: Site;
  const password = 'a long passphrase for messages';

  before(async () => {
    site = await openSite();
    const [agency] = await site.db.query<{ id: number }>(sql`select id::int as id from agencies where name = '上海市长宁区人民政府办公室'`);
    for (const [username, role] of [['clerk', 'clerk'], ['head', 'agency_admin']] as const) {
      await site.context.auth.createUser({ username, displayName: username === 'clerk' ? '孙经办' : '李主任', role, agencyId: agency!.id, password }, null, { id: 'cli:test' });
    }
  });
  after(async () => {
    await site?.close();
  });

  it('takes a message on the portal, has it answered and published in the console, and shows it to the public', async () => {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.base}/`);
    await Promise.all([page.waitForURL(/\/messages$/), page.click('nav.main >> text=政民互动')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/messages\/new$/), page.click('text=我要留言')]);
    await assertAccessible(page);
    // Every kind can be chosen; the last one chosen is sent.
    for (const kind of ['question', 'complaint', 'other', 'suggestion']) await page.check(`input[name="kind"][value="${kind}"]`);
    await page.selectOption('#f-agencyId', { label: '上海市长宁区人民政府办公室' });
    await page.fill('#f-subject', '建议公布政务公开工作要点的解读');
    await page.fill('#f-name', '郑九');
    await page.fill('#f-contact', 'zhengjiu@example.com');
    await page.check('#f-keepPrivate');
    await page.uncheck('#f-keepPrivate');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("提交留言")')]);
    assert.match((await page.textContent('[role="alert"]')) ?? '', /请填写内容/);
    assert.equal(await page.inputValue('#f-name'), '郑九');
    await assertAccessible(page);
    await page.fill('#f-body', '希望在门户网站公布2021年工作要点的政策解读。');
    await Promise.all([page.waitForURL(/\/messages\/track\/LY/), page.click('button:has-text("提交留言")')]);
    const code = (await page.textContent('strong.code'))!.trim();
    await assertAccessible(page);

    const console = await site.browser.newPage();
    console.setDefaultTimeout(10_000);
    await signIn(console, site.base, 'clerk', password);
    await console.getByRole('menuitem', { name: '政民互动' }).click();
    await console.getByRole('heading', { name: '政民互动:留言办理' }).waitFor();
    await assertAccessible(console);
    await console.getByRole('link', { name: code }).click();
    await console.getByText('郑九(zhengjiu@example.com)').waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '答复', exact: true }).click();
    await console.getByLabel('答复内容').fill('解读材料已于本周在政策解读栏目发布。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('已答复,待公开审核').waitFor();
    assert.equal(await console.getByRole('button', { name: '审核并公开' }).count(), 0, 'a clerk does not moderate');

    await console.getByRole('button', { name: '退出登录' }).click();
    await signIn(console, site.base, 'head', password);
    await console.goto(`${site.base}/console/messages`);
    await console.getByRole('link', { name: code }).click();
    await console.getByRole('button', { name: '审核并公开' }).click();
    await console.getByLabel('公开的留言内容(已去除个人信息和不当言论)').fill('希望公布工作要点的政策解读。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('已答复并公开').waitFor();

    await page.goto(`${site.base}/messages/track/${code}`);
    assert.match((await page.textContent('main')) ?? '', /解读材料已于本周在政策解读栏目发布/);
    await page.check('input[name="rating"][value="satisfied"]');
    await Promise.all([page.waitForURL(/rated=1/), page.click('button:has-text("提交评价")')]);
    await assertAccessible(page);
    await page.goto(`${site.base}/messages`);
    const listed = (await page.textContent('main')) ?? '';
    assert.match(listed, /希望公布工作要点的政策解读。/);
    assert.match(listed, /留言人评价:满意/);
    assert.doesNotMatch(listed, /郑九|zhengjiu/);
    await assertAccessible(page);
  });
});
