import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, openSite, type Site } from '../support/browser.ts';

/** A newcomer's visit in a real browser, with axe-core checking every page on the way. */
describe('the portal in a browser', () => {
  let site: Site;

  before(async () => {
    site = await openSite();
  });
  after(async () => {
    await site?.close();
  });

  async function searchFromHeader(page: Page, text: string): Promise<void> {
    await page.fill('#site-q', text);
    await Promise.all([page.waitForLoadState('load'), page.press('#site-q', 'Enter')]);
  }

  it('finds the administrative assistance measures, shows them expired, and follows a relation', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/`);
    await assertAccessible(page);
    await searchFromHeader(page, '行政协助');
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('text=上海市行政协助管理办法(试行)》的通知')]);
    await assertAccessible(page);
    assert.match(await page.textContent('h1') ?? '', /上海市行政协助管理办法\(试行\)/);
    assert.match(await page.textContent('table.meta') ?? '', /已失效\(2017-04-01 起施行,有效期至 2019-03-31\)/);
    // From the document to its gazette issue, and back through the contents.
    await Promise.all([page.waitForURL(/\/gazettes\/\d+$/), page.click('table.meta >> text=上海市人民政府公报 2017年第9期')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('main >> text=上海市危险化学品安全综合治理实施方案')]);
    assert.match(await page.textContent('h1') ?? '', /危险化学品安全综合治理实施方案/);
    await assertAccessible(page);
    await page.close();
  });

  it('lands on a document from its number typed loosely', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/`);
    await searchFromHeader(page, '沪府发2017 17号');
    assert.match(page.url(), /\/documents\/\d+$/);
    assert.match(await page.textContent('table.meta') ?? '', /沪府发〔2017〕17号/);
    await page.close();
  });

  it('shows facet counts that add up to the total, and a filter that keeps its count', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/search`);
    await assertAccessible(page);
    const total = Number((await page.textContent('[role="status"] strong')) ?? 'NaN');
    assert.equal(total, 48);
    for (const section of await page.$$('aside.facets section')) {
      const heading = await section.$eval('h2', (h) => h.textContent);
      const counts = await section.$$eval('li .muted', (spans) => spans.map((s) => Number(s.textContent!.replace(/[()]/g, ''))));
      assert.equal(counts.reduce((sum, n) => sum + n, 0), total, heading ?? '');
    }
    const expired = await page.textContent('aside.facets a:has-text("已失效") + .muted');
    const count = Number(expired!.replace(/[()]/g, ''));
    await Promise.all([page.waitForLoadState('load'), page.click('aside.facets a:has-text("已失效")')]);
    assert.equal(Number(await page.textContent('[role="status"] strong')), count);
    assert.equal(await page.locator('section[aria-label="检索结果"] .badge').count(), count);
    await assertAccessible(page);
    await page.close();
  });

  it('opens an interpretation and reaches its policy', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/`);
    await searchFromHeader(page, '"政策解读"');
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('text=《长宁区公共数据管理办法》政策解读')]);
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('p:has-text("解读的政策") a')]);
    assert.match(await page.textContent('h1') ?? '', /关于印发修订后的《长宁区公共数据管理办法》的通知/);
    assert.match(await page.textContent('body') ?? '', /政策解读:/);
    await assertAccessible(page);
    await page.close();
  });

  it('is usable from the keyboard and offers a larger text size', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.base}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await Promise.all([page.waitForLoadState('load'), page.click('text=大字版')]);
    assert.equal(await page.evaluate(() => document.documentElement.className), 'large-text');
    await assertAccessible(page);
    await page.close();
  });

  it('fits a 390 px phone: catalogue labels on one line, nothing wider than the screen, the placeholder whole', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.base}/search?q=${encodeURIComponent('沪府发2017 17号')}`);
    assert.match(page.url(), /\/documents\/\d+$/);
    const lines = await page.$$eval('table.meta th', (cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { label: cell.textContent, lines: new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size };
      }),
    );
    assert.ok(lines.length >= 8);
    for (const cell of lines) assert.equal(cell.lines, 1, `${cell.label} wraps`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    const room = await page.$eval('#site-q', (input) => {
      const field = input as HTMLInputElement;
      const style = getComputedStyle(field);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      return field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - context.measureText(field.placeholder).width;
    });
    assert.ok(room >= 0, `the placeholder is cut off by ${-room}px`);
    await assertAccessible(page);
    // The search filters: full-width controls a finger can hit, the date as text.
    await page.goto(`${site.base}/search?q=${encodeURIComponent('行政协助 火星人')}`);
    for (const id of ['q', 'validity', 'sort', 'on']) {
      const box = (await page.locator(`form.filters #${id}`).boundingBox())!;
      assert.ok(box.height >= 44, `#${id} is ${box.height}px high`);
    }
    assert.equal(await page.getAttribute('#on', 'type'), 'text');
    assert.match(await page.textContent('.suggestions') ?? '', /分开检索各词/);
    await assertAccessible(page);
    await page.goto(`${site.base}/subjects`);
    await Promise.all([page.waitForURL(/\/subjects\/.+$/), page.click('main li a >> nth=0')]);
    await assertAccessible(page);
    const favicon = await page.request.get(`${site.base}/favicon.ico`);
    assert.equal(favicon.status(), 200);
    await page.close();
  });
});
