import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { sql } from '../../src/core/db/sql.ts';
import { assertAccessible, openSite, type Site } from '../support/browser.ts';

/** Signs in on the console's sign-in form (the page is already on it). */
async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/**
 * What only the server-rendered /staff pages had, now in the console: the old
 * addresses land on their console screen, the notice opens to print, a
 * password is changed by choice with the rules told first, and the system
 * administrator keeps the holiday calendar and the deadline rules.
 */
describe('the staff side in the console, in a browser', () => {
  let site: Site;
  const clerkPassword = 'a long passphrase for casework';
  const adminPassword = 'a long passphrase to keep the calendar';

  before(async () => {
    site = await openSite();
    const { context } = site;
    const [agency] = await site.db.query<{ id: number }>(sql`select id from agencies where name = '上海市长宁区人民政府办公室'`);
    const clerk = await context.auth.createUser({ username: 'clerk', displayName: '孙经办', role: 'clerk', agencyId: agency!.id, password: clerkPassword }, null, { id: 'cli:test' });
    await context.auth.createUser({ username: 'admin', displayName: '系统管理员', role: 'system_admin', agencyId: null, password: adminPassword }, null, { id: 'cli:test' });
    const { id } = await context.disclosure.submit({
      agencyId: agency!.id,
      applicant: { type: 'natural_person', name: '周八', idNumber: '310101199001011234', phone: '13800000000' },
      description: '本区2021年政务公开工作要点的解读材料',
      deliveryForm: 'electronic',
      deliveryWay: 'email',
    }, { id: 'public' });
    await context.disclosure.act(id, 'extend', { on: todayInChina(), days: 20, approver: '政务公开科负责人', reason: '需要向多个部门调取材料' }, { id: `user:${clerk.id}`, agencyId: agency!.id });
  });
  after(async () => {
    await site?.close();
  });

  it('sends an old /staff address to its console screen, opens a notice to print, and changes a password by choice', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/staff`);
    assert.equal(new URL(page.url()).pathname, '/console');
    await page.goto(`${site.base}/staff/requests`);
    assert.equal(new URL(page.url()).pathname, '/console/requests');
    await assertAccessible(page);
    await signIn(page, 'clerk', clerkPassword);
    await page.getByRole('heading', { name: '查找申请' }).waitFor();

    await page.getByRole('link', { name: '工作台' }).click();
    await page.getByRole('link', { name: /^YSQ/ }).click();
    await page.getByRole('heading', { name: /^依申请公开:YSQ/ }).waitFor();
    // The notice opens in a tab of its own, as a letter to print; the PDF beside it.
    const [letter] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: '查看、打印' }).last().click()]);
    await letter.waitForLoadState();
    assert.match(await letter.textContent('h1') ?? '', /延期答复告知书/);
    await assertAccessible(letter);
    await letter.close();
    const pdf = await page.request.get(`${site.base}${await page.getByRole('link', { name: 'PDF' }).last().getAttribute('href')}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    // 修改密码, by keyboard: the rules before any try; the change signs out everywhere and says so.
    await page.getByRole('link', { name: '修改密码' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    const rules = page.getByRole('list', { name: '新密码的要求' });
    assert.match(await rules.textContent() ?? '', /至少 12 个字符.*不能包含用户名「clerk」/s);
    await assertAccessible(page);
    await page.getByLabel('当前密码', { exact: true }).fill(clerkPassword);
    await page.getByLabel('新密码(至少 12 位)').fill('a new long password for work');
    await rules.getByText(/至少 12 个字符（已满足）/).waitFor();
    await page.getByLabel('再次输入新密码').fill('a new long password for work');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '公开 · 工作人员登录' }).waitFor();
    assert.match(await page.getByRole('status').textContent() ?? '', /密码已修改,请用新密码登录/);
    await signIn(page, 'clerk', 'a new long password for work');
    // A clerk has neither the calendar nor the rules.
    assert.equal(await page.getByRole('link', { name: '节假日安排' }).count(), 0);
    await page.close();
  });

  it('lets the system administrator view and load the holiday calendar and change a deadline rule, by keyboard', async () => {
    const page = await site.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.base}/staff/calendar`);
    assert.equal(new URL(page.url()).pathname, '/console/calendar');
    await signIn(page, 'admin', adminPassword);
    await page.getByRole('heading', { name: '节假日安排' }).waitFor();
    await assertAccessible(page);

    // View a loaded year, day by day.
    const year = Number(todayInChina().slice(0, 4));
    await page.getByRole('button', { name: `查看 ${year} 年的安排` }).click();
    await page.getByText(`${year} 年的安排`).waitFor();
    const days = page.locator('.ant-card').filter({ hasText: `${year} 年的安排` });
    await days.getByRole('cell', { name: '调休上班' }).or(days.getByRole('cell', { name: '休息' })).first().waitFor();
    await assertAccessible(page);

    // A wrong line is refused with the server's reason, nothing loaded; a right one loads and recomputes.
    await page.getByLabel('来源(通知名称和文号)').fill('国办发明电〔2026〕1号');
    await page.getByLabel(/^安排/).fill('2027-02-03 班 春节');
    await page.getByRole('button', { name: '载 入' }).or(page.getByRole('button', { name: '载入' })).click();
    await page.getByRole('alert').filter({ hasText: '本是工作日' }).waitFor();
    await assertAccessible(page);
    await page.getByLabel(/^安排/).fill('2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-14 班 春节');
    // By keyboard: from the text area to the button, and Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/已载入 2027 年的节假日安排,并重新计算了 \d+ 个期限/).waitFor();
    await page.getByText('2027 年的安排').waitFor();
    const loaded = page.locator('.ant-card').filter({ hasText: '2027 年的安排' });
    await loaded.getByText('国办发明电〔2026〕1号').waitFor();
    assert.equal(await loaded.getByRole('cell', { name: '春节' }).count(), 8);
    assert.equal(await loaded.getByRole('cell', { name: '调休上班' }).count(), 1);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '2027', exact: true }) });
    assert.match(await row.textContent() ?? '', /2027\s*81国办发明电〔2026〕1号/);
    await assertAccessible(page);

    // The deadline rules: changed with the basis given, by keyboard; the table shows the new days.
    await page.getByRole('navigation').getByRole('link', { name: '法定期限' }).click();
    await page.getByRole('heading', { name: '法定期限' }).waitFor();
    await assertAccessible(page);
    const rule = page.getByRole('row').filter({ hasText: 'interaction.simple_reply' });
    const label = (await rule.locator('td').first().textContent())!.replace('interaction.simple_reply', '');
    await page.getByRole('button', { name: `修改「${label}」` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^天数/).waitFor();
    await assertAccessible(page);
    // No basis, no change: told in the form.
    await dialog.getByLabel(/^依据/).fill('');
    await dialog.getByLabel(/^天数/).fill('4');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('请写明新期限的依据').waitFor();
    await dialog.getByLabel(/^依据/).fill('某区新规定(测试)');
    await dialog.getByRole('button', { name: /保\s*存/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`「${label}」已改为 4 天`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await rule.textContent() ?? '', /4 (个工作日|日)某区新规定\(测试\)/);
    const [change] = await site.db.query<{ after: { limit: number; source: string } }>(sql`select after from audit_events where action = 'deadline_rule.change'`);
    assert.deepEqual(change!.after, { limit: 4, source: '某区新规定(测试)' });

    // Escape closes the dialog unchanged.
    await page.getByRole('button', { name: `修改「${label}」` }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel(/^天数/).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
