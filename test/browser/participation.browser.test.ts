import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { assertAccessible, choose, openSite, type Site, signInToConsole } from '../support/browser.ts';
import { anAgency } from '../support/factories.ts';

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

  it('takes a message on a policy\'s page, has it transferred, answered and published in the console, reminds the clerks, and shows it to the public', async () => {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.base}/`);
    await Promise.all([page.waitForURL(/\/messages$/), page.click('nav.main >> text=政民互动')]);
    await assertAccessible(page);
    // A policy of the seeds whose issuer is in the register: its drafting agency answers the message board.
    const [policy] = await site.db.query<{ id: number; issuer: string; agencyId: number }>(sql`
      select d.id::int as id, d.issuer, a.id::int as "agencyId" from documents d join agencies a on a.name = d.issuer
      where a.name <> '上海市长宁区人民政府办公室' and d.doc_number is not null order by d.id limit 1`);
    await site.context.auth.createUser({ username: 'drafter', displayName: '钱起草', role: 'clerk', agencyId: policy!.agencyId, password }, null, { id: 'cli:test' });
    await page.goto(`${site.base}/documents/${policy!.id}`);
    await Promise.all([page.waitForURL(new RegExp(`/messages/new\\?document=${policy!.id}$`)), page.click('text=就本文件留言')]);
    assert.match((await page.textContent('main')) ?? '', /由发文机关答复/);
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
    // The drafting agency transfers it to the competent one, which is then reminded as its clock runs out.
    await signInToConsole(console, site.base, 'drafter', password);
    await console.getByRole('menuitem', { name: '政民互动' }).click();
    await console.getByRole('link', { name: code }).click();
    await console.getByText('郑九(zhengjiu@example.com)').waitFor();
    await console.getByRole('button', { name: '转交主管机关' }).click();
    await choose(console, '转交给(主管机关)', '上海市长宁区人民政府办公室');
    await console.getByLabel('转交理由(将告知留言人)').fill('工作要点由区政府办公室牵头,转其答复。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByRole('dialog').waitFor({ state: 'detached' });
    await console.getByRole('button', { name: '退出登录' }).click();
    const calendar = await site.context.calendar.current();
    const given = await site.context.reminders.remind(calendar.addWorkingDays(todayInChina(), 3).date);
    assert.equal(given.reminders, 2, 'the clerk and the head of the office');

    await signInToConsole(console, site.base, 'clerk', password);
    await console.getByRole('link', { name: /我的提醒,1 条未读/ }).click();
    await console.getByRole('heading', { name: '我的提醒' }).waitFor();
    await assertAccessible(console);
    await console.getByRole('link', { name: new RegExp(`即将到期:留言 · 答复 ${code}`) }).click();
    await console.getByText('郑九(zhengjiu@example.com)').waitFor();
    await assertAccessible(console);
    await console.getByRole('menuitem', { name: '政民互动' }).click();
    await console.getByRole('heading', { name: '政民互动:留言办理' }).waitFor();
    await assertAccessible(console);
    await console.getByRole('link', { name: code }).click();
    await console.getByText('郑九(zhengjiu@example.com)').waitFor();
    await console.getByRole('button', { name: '答复', exact: true }).click();
    await console.getByLabel('答复内容').fill('解读材料已于本周在政策解读栏目发布。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('已答复,待公开审核').waitFor();
    assert.equal(await console.getByRole('button', { name: '审核并公开' }).count(), 0, 'a clerk does not moderate');

    await console.getByRole('button', { name: '退出登录' }).click();
    await signInToConsole(console, site.base, 'head', password);
    await console.goto(`${site.base}/console/messages`);
    await console.getByRole('link', { name: code }).click();
    await console.getByRole('button', { name: '审核并公开' }).click();
    await console.getByLabel('公开的留言内容(已去除个人信息和不当言论)').fill('希望公布工作要点的政策解读。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('已答复并公开').waitFor();

    await page.goto(`${site.base}/messages/track/${code}`);
    assert.match((await page.textContent('main')) ?? '', /解读材料已于本周在政策解读栏目发布/);
    assert.match((await page.textContent('main')) ?? '', /工作要点由区政府办公室牵头,转其答复。/, 'the sender is told of the transfer');
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

  it('opens a consultation in the console, takes two citizens’ comments on articles, moderates them and publishes the feedback report and the decision catalogue', async () => {
    const console = await site.browser.newPage();
    console.setDefaultTimeout(10_000);
    await signInToConsole(console, site.base, 'clerk', password);
    await console.getByRole('menuitem', { name: '征求意见' }).click();
    await console.getByRole('heading', { name: '征求意见' }).waitFor();
    await console.getByRole('button', { name: '发布征求意见' }).click();
    await console.getByLabel('征求意见稿标题').fill('长宁区政务公开工作规则(征求意见稿)');
    await console.getByLabel('草案全文(每条一段,可按条发表意见)').fill('第一条 为推进政务公开,制定本规则。\n第二条 各机关应当在门户网站公开政策解读。\n第三条 本规则自公布之日起施行。');
    await console.getByLabel('起草说明').fill('根据2021年政务公开工作要点起草。');
    await console.getByLabel('意见反馈方式').fill('在本页提交,或发送电子邮件。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByRole('heading', { name: '长宁区政务公开工作规则(征求意见稿)' }).waitFor();
    await assertAccessible(console);

    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.base}/`);
    await Promise.all([page.waitForURL(/\/consultations$/), page.click('nav.main >> text=征求意见')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/consultations\/\d+$/), page.click('text=长宁区政务公开工作规则(征求意见稿)')]);
    await assertAccessible(page);
    const citizens = [
      { article: '第二条', body: '建议政策解读与文件同步发布。', name: '冯十', contact: 'fengshi@example.com' },
      { article: '第三条', body: '建议给出三十日的过渡期。', name: '陈十一', contact: '13700001111' },
    ];
    for (const citizen of citizens) {
      await page.selectOption('#f-article', citizen.article);
      await page.fill('#f-body', citizen.body);
      await page.fill('#f-name', citizen.name);
      await page.fill('#f-contact', citizen.contact);
      await Promise.all([page.waitForURL(/commented=1/), page.click('button:has-text("提交意见")')]);
      assert.match((await page.textContent('[role="status"]')) ?? '', /意见已提交/);
    }
    await assertAccessible(page);
    assert.doesNotMatch((await page.textContent('main')) ?? '', /同步发布|冯十/, 'nothing public before moderation');

    await console.reload();
    await console.getByText('冯十(fengshi@example.com)').waitFor();
    assert.equal(await console.getByRole('button', { name: /^审核并公开/ }).count(), 0, 'a clerk does not moderate');
    await console.getByRole('button', { name: /^标注采纳情况.*/ }).first().click();
    await console.getByLabel('采纳', { exact: true }).check();
    await console.getByLabel('归类(主题)').fill('政策解读');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText('采纳 · 政策解读').waitFor();
    await console.getByRole('button', { name: /^标注采纳情况.*/ }).nth(1).click();
    await console.getByLabel('未采纳').check();
    await console.getByLabel('理由').fill('规则公布后即施行,已预留准备时间。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText(/未采纳:规则公布后即施行/).waitFor();

    // The window closes and the decision document is issued.
    const [consultation] = await site.db.query<{ id: number }>(sql`select id::int as id from participation_consultations where title = '长宁区政务公开工作规则(征求意见稿)'`);
    await site.db.query(sql`update participation_consultations set opens_on = current_date - 40, closes_on = current_date - 10 where id = ${consultation!.id}`);
    const [decision] = await site.db.query<{ id: number; title: string }>(sql`select id::int as id, display_title as title from documents order by id limit 1`);
    await console.getByRole('button', { name: '退出登录' }).click();
    await signInToConsole(console, site.base, 'head', password);
    await console.goto(`${site.base}/console/consultations/${consultation!.id}`);
    for (const n of [0, 1]) {
      await console.getByRole('button', { name: /^审核并公开/ }).first().click();
      await console.getByRole('button', { name: '确定' }).click();
      await console.getByRole('button', { name: /^审核并公开/ }).nth(1 - n).waitFor({ state: 'detached' });
    }
    await console.getByRole('button', { name: /^登记决策文件/ }).click();
    await console.getByLabel('决策文件(文件库编号)').fill(String(decision!.id));
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText(/印发\)/).waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '公布意见采纳情况' }).click();
    await console.getByLabel('采纳情况', { exact: true }).fill('采纳政策解读同步发布的建议,已写入第二条。');
    await console.getByLabel('较为集中的意见未予采纳的理由').fill('过渡期:规则公布后即施行,已预留准备时间。');
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText(/已公布/).first().waitFor();

    await page.goto(`${site.base}/consultations/${consultation!.id}`);
    const shown = (await page.textContent('main')) ?? '';
    assert.match(shown, /意见采纳情况/);
    assert.match(shown, /共收到意见 2 条,其中采纳 1 条,部分采纳 0 条,未采纳 1 条。/);
    assert.match(shown, /建议政策解读与文件同步发布。/);
    assert.ok(shown.includes(decision!.title), 'the decision document is linked');
    assert.doesNotMatch(shown, /冯十|fengshi|13700001111/);
    await assertAccessible(page);
    // The decision document's page links the consultation and says when the report was published (within its 10 working days).
    await page.goto(`${site.base}/documents/${decision!.id}`);
    await page.getByRole('link', { name: '本文件起草时的征求意见:长宁区政务公开工作规则(征求意见稿)' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', new RegExp(`意见采纳情况已于 ${todayInChina()} 公布`));
    await assertAccessible(page);

    // The catalogue of major decisions: started, an item linking the consultation, published.
    await console.getByRole('menuitem', { name: '重大决策目录' }).click();
    await console.getByRole('button', { name: '建立年度目录' }).click();
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByRole('heading', { name: /年度重大行政决策事项目录$/ }).waitFor();
    await console.getByRole('button', { name: '增加事项' }).click();
    await console.getByLabel('决策事项名称').fill('政务公开工作规则');
    await console.getByLabel('决策机关').fill('区政府常务会议');
    await console.getByLabel('决策背景').fill('落实政务公开工作要点。');
    await console.getByLabel('征求意见方式(公开征求意见、听证会等)').fill('网上公开征求意见');
    await console.getByLabel('关联的征求意见(编号)').fill(String(consultation!.id));
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByRole('cell', { name: '政务公开工作规则', exact: true }).waitFor();
    await assertAccessible(console);
    await console.getByRole('button', { name: '公布目录' }).click();
    await console.getByRole('button', { name: '确定' }).click();
    await console.getByText(/已公布\(第 1 版\)/).waitFor();

    await page.goto(`${site.base}/decisions`);
    const catalogue = (await page.textContent('main')) ?? '';
    assert.match(catalogue, /上海市长宁区人民政府办公室 \d{4} 年度重大行政决策事项目录/);
    assert.ok(catalogue.includes('长宁区政务公开工作规则(征求意见稿)'), 'the item links its consultation');
    await assertAccessible(page);
  });

  it('solves the optional proof-of-work in the browser and takes the message', async () => {
    const guarded = await openSite({ env: { PROOF_OF_WORK: 'on' }, seeds: false });
    try {
      await anAgency(guarded.db, { name: '上海市长宁区民政局' });
      const page = await guarded.browser.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${guarded.base}/messages/new`);
      await page.selectOption('#f-agencyId', { label: '上海市长宁区民政局' });
      await page.check('input[name="kind"][value="question"]');
      await page.fill('#f-subject', '社区食堂何时开业');
      await page.fill('#f-body', '请问社区食堂何时开业?');
      await page.fill('#f-name', '吴九');
      await page.fill('#f-contact', '13900000000');
      // The widget solves the challenge by itself (auto="onload") and puts the solution in the form.
      await page.waitForFunction(() => ((document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value ?? '').length > 20);
      await assertAccessible(page);
      await Promise.all([page.waitForURL(/\/messages\/track\/LY/), page.click('button:has-text("提交留言")')]);
    } finally {
      await guarded.close();
    }
  });
});
