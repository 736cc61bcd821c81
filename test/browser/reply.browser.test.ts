import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { sql } from '../../src/core/db/sql.ts';
import { replyCategories, replyDeliveries } from '../../src/modules/disclosure/index.ts';
import { assertAccessible, choose, openSite, type Site } from '../support/browser.ts';

/**
 * The reply in the console (issue 11 item 8): every category and every way of
 * delivery tried, a bare 予以公开 refused with the server's Chinese message, a
 * reply with content and a file made, and the applicant's tracking page then
 * offering the numbered, sealed letter, the content and the file.
 */
describe('replying to a request in the console', () => {
  let site: Site;
  let trackingCode: string;

  before(async () => {
    site = await openSite();
    const [agency] = await site.db.query<{ id: number }>(sql`select id from agencies where name = '上海市长宁区人民政府办公室'`);
    await site.context.auth.createUser({ username: 'replier', displayName: '周答复', role: 'clerk', agencyId: agency!.id, password: 'a long passphrase to reply' }, null, { id: 'cli:test' });
    const receipt = await site.context.disclosure.submit(
      { agencyId: agency!.id, applicant: { type: 'natural_person', name: '郑十', idNumber: '310101199001011234', phone: '13800000000' }, description: '本区2025年道路改造工程的批复', deliveryForm: 'electronic', deliveryWay: 'online' },
      { id: 'public' },
    );
    trackingCode = receipt.trackingCode;
  });
  after(async () => {
    await site?.close();
  });

  it('asks for content, file and way of delivery when disclosing, and the applicant gets the letter with them', async () => {
    const page = await site.browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.base}/console`);
    await page.getByLabel('用户名').fill('replier');
    await page.getByLabel('密码', { exact: true }).fill('a long passphrase to reply');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: trackingCode }).click();
    await page.getByRole('heading', { name: `依申请公开:${trackingCode}` }).waitFor();
    await page.getByRole('button', { name: '作出答复' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '答复类型' });
    await modal.waitFor();

    // Every category: only 予以公开 and 部分公开 ask for what is given.
    for (const [code, category] of Object.entries(replyCategories)) {
      await choose(page, '答复类型', category.label);
      const gives = code === 'disclose' || code === 'partial';
      assert.equal(await modal.getByText('提供方式').count(), gives ? 1 : 0, category.label);
      if (gives) for (const way of Object.values(replyDeliveries)) await modal.getByLabel(way).check();
    }
    await choose(page, '答复类型', '予以公开');
    await modal.getByLabel('法律依据').fill('《中华人民共和国政府信息公开条例》第三十六条第(一)项');
    await modal.getByLabel('在线查看').check();
    await assertAccessible(page);
    await modal.getByRole('button', { name: '作出答复' }).click();
    assert.match(await modal.getByRole('alert').textContent() ?? '', /须填写公开的内容或上传附件/);

    await modal.getByLabel('公开的内容(与附件至少提供一项)').fill('一、批复文号:长发改〔2025〕8号\n二、批复内容见附件');
    const chooser = page.waitForEvent('filechooser');
    await modal.getByRole('button', { name: '选择附件' }).click();
    await (await chooser).setFiles({ name: '批复.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% approval\n') });
    await modal.getByText('批复.pdf').waitFor();
    await modal.getByRole('button', { name: '作出答复' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText(/长宁区府办依申复〔\d{4}〕1号|上海市长宁区人民政府办公室依申复〔\d{4}〕1号/).waitFor();
    assert.match(await page.textContent('main') ?? '', /提供方式在线查看.*批复文号.*批复\.pdf/s);
    await assertAccessible(page);

    // The applicant, with the code: the letter (number, content, seal) and the file.
    const portal = await site.browser.newPage();
    await portal.goto(`${site.base}/requests/track/${trackingCode}`);
    assert.match(await portal.textContent('main') ?? '', /依申复〔\d{4}〕1号.*批复文号/s);
    await assertAccessible(portal);
    await portal.getByRole('link', { name: '查看、打印' }).click();
    assert.match(await portal.textContent('main') ?? '', /依申复〔\d{4}〕1号.*郑十:.*批复文号.*附件《批复\.pdf》.*\(印章\)/s);
    await assertAccessible(portal);
    const file = await portal.request.get(`${site.base}/requests/track/${trackingCode}/file`);
    assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(errors, []);
  });
});
