import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { refusalGrounds } from '../../src/modules/assistance/index.ts';
import { assertAccessible, choose, openSite, signInToConsole, type Site } from '../support/browser.ts';
import { agencies } from '../support/factories.ts';

const requesting = '长宁区协助测试甲局';
const requested = '长宁区协助测试乙局';
const matterTitle = '查询企业登记档案';

/**
 * Administrative assistance in the console (issue 15): agency A asks agency
 * B, B refuses citing a ground, A's second request is accepted and
 * completed, A rates it; the staffing office reads the catalogue and the
 * monitor. axe on every screen.
 */
describe('administrative assistance (行政协助) in a browser', () => {
  let site: Site;
  const password = 'a long passphrase for assistance';

  before(async () => {
    site = await openSite();
    const [a, b] = await agencies(site.db, requesting, requested);
    const system = { id: 'cli:test' };
    await site.context.auth.createUser({ username: 'clerk.a', displayName: '甲局经办', role: 'clerk', agencyId: a, password }, null, system);
    await site.context.auth.createUser({ username: 'clerk.b', displayName: '乙局经办', role: 'clerk', agencyId: b, password }, null, system);
    await site.context.auth.createUser({ username: 'office', displayName: '编办', role: 'supervisor', agencyId: null, password }, null, system);
    const office = { id: 1, username: 'office', displayName: '编办', role: 'supervisor' as const, agencyId: null, agencyName: null, mustChangePassword: false };
    await site.context.assistance.registerMatter(
      { title: matterTitle, requestingAgencyId: a, requestedAgencyId: b, form: 'inquiry', legalBasis: '《企业信息公示暂行条例》', registeredOn: '2026-01-05' },
      office,
      system,
    );
  });
  after(async () => {
    await site?.close();
  });

  async function ask(page: Page, subject: string): Promise<string> {
    await page.goto(`${site.base}/console/assistance`);
    await page.getByRole('heading', { name: '行政协助' }).waitFor();
    await page.getByRole('button', { name: '提出协助请求' }).click();
    await choose(page, '目录内协助事项', `${matterTitle}(${requested},协助查询)`, { exact: true });
    await choose(page, '被请求机关', requested, { exact: true });
    await page.getByLabel('请求事项', { exact: true }).fill(subject);
    await page.getByLabel('请求内容与理由').fill('为核实某公司股东变更情况,请协助查询其登记档案。');
    await page.getByLabel('法律依据', { exact: true }).fill('《企业信息公示暂行条例》第十条');
    await page.getByLabel('确认:请求内容不属于被请求机关的法定义务(第十三条)').check();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByRole('heading', { name: /^行政协助请求 XZ/ }).waitFor();
    return ((await page.getByRole('heading', { name: /^行政协助请求 XZ/ }).textContent()) ?? '').replace('行政协助请求 ', '').trim();
  }

  async function openRequest(page: Page, code: string, tab?: string): Promise<void> {
    await page.goto(`${site.base}/console/assistance`);
    if (tab) await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `行政协助请求 ${code}` }).waitFor();
  }

  async function act(page: Page, button: string, fill: (page: Page) => Promise<void> = async () => {}): Promise<void> {
    await page.getByRole('button', { name: button, exact: true }).click();
    await fill(page);
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  it('runs a refusal with its ground, then a second request accepted, completed and rated; the staffing office watches', async () => {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await signInToConsole(page, site.base, 'clerk.a', password);
    await page.getByRole('menuitem', { name: '行政协助', exact: true }).click();
    await page.getByRole('heading', { name: '行政协助' }).waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: '提出协助请求' }).click();
    await page.getByRole('dialog').waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: '取消' }).click();
    const first = await ask(page, '查询某公司登记档案');
    await assertAccessible(page);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInToConsole(page, site.base, 'clerk.b', password);
    await openRequest(page, first);
    await assertAccessible(page);
    await act(page, '不予协助(说明理由)', async (p) => {
      await choose(p, '不予协助的依据', refusalGrounds.can_act_itself, { exact: true });
      await p.getByLabel('理由(将告知请求机关)').fill('贵局可通过国家企业信用信息公示系统自行查询。');
    });
    await page.getByText(`${refusalGrounds.can_act_itself}:贵局可通过国家企业信用信息公示系统自行查询。`).waitFor();
    await assertAccessible(page);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInToConsole(page, site.base, 'clerk.a', password);
    const second = await ask(page, '查询某公司登记档案(历史变更)');
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInToConsole(page, site.base, 'clerk.b', password);
    await openRequest(page, second);
    await act(page, '受理');
    await page.getByText('已受理,协助中').waitFor();
    await assertAccessible(page);
    await act(page, '完成协助', async (p) => {
      await p.getByLabel('协助结果').fill('已提供该公司 2019 年以来的登记档案复印件。');
    });
    await page.getByText('已完成协助').first().waitFor();
    assert.equal(await page.getByRole('button', { name: '评价协助(满意度)' }).count(), 0, 'the requested agency does not rate');
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInToConsole(page, site.base, 'clerk.a', password);
    await openRequest(page, second, '提出的请求(本机关请求)');
    await act(page, '评价协助(满意度)', async (p) => {
      await p.getByLabel('满意', { exact: true }).check();
    });
    await page.getByText('请求机关评价', { exact: true }).waitFor();
    assert.match((await page.textContent('main')) ?? '', /请求机关评价满意/);
    await assertAccessible(page);
    await page.getByRole('button', { name: '退出登录' }).click();

    await signInToConsole(page, site.base, 'office', password);
    await page.getByRole('menuitem', { name: '行政协助目录' }).click();
    await page.getByRole('heading', { name: '行政协助目录' }).waitFor();
    await page.getByText(matterTitle).waitFor();
    await assertAccessible(page);
    await page.getByRole('menuitem', { name: '行政协助监控' }).click();
    await page.getByRole('heading', { name: '行政协助监控' }).waitFor();
    const row = page.locator('tr', { hasText: requested }).last();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 6), [requested, '2', '50%', '1', '100%', '0']);
    assert.equal(cells.at(-1), '1 / 0 / 0');
    await assertAccessible(page);
  });
});
