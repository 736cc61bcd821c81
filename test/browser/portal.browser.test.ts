import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { buildServer } from '../../src/server/server.ts';
import { launchBrowser, seriousViolations } from '../support/browser.ts';
import { seedsDir } from '../support/corpus.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

/** A newcomer's visit in a real browser, with axe-core checking every page on the way. */
describe('the portal in a browser', () => {
  let database: TestDatabase;
  let context: AppContext;
  let server: ReturnType<typeof buildServer>;
  let browser: Browser;
  let base: string;

  before(async () => {
    database = await openTestDatabase('pglite');
    context = await createContext(loadConfig({}), { db: database.db, migrate: false });
    await context.ingest.ingest([seedsDir]);
    server = buildServer(context);
    await server.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  async function accessible(page: Page): Promise<void> {
    const violations = await seriousViolations(page);
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`), [], `on ${page.url()}`);
  }

  async function searchFromHeader(page: Page, text: string): Promise<void> {
    await page.fill('#site-q', text);
    await Promise.all([page.waitForLoadState('load'), page.press('#site-q', 'Enter')]);
  }

  it('finds the administrative assistance measures, shows them expired, and follows a relation', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await accessible(page);
    await searchFromHeader(page, '行政协助');
    await accessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('text=上海市行政协助管理办法(试行)》的通知')]);
    await accessible(page);
    assert.match(await page.textContent('h1') ?? '', /上海市行政协助管理办法\(试行\)/);
    assert.match(await page.textContent('table.meta') ?? '', /已失效\(2017-04-01 起施行,有效期至 2019-03-31\)/);
    // From the document to its gazette issue, and back through the contents.
    await Promise.all([page.waitForURL(/\/gazettes\/\d+$/), page.click('table.meta >> text=上海市人民政府公报 2017年第9期')]);
    await accessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('main >> text=上海市危险化学品安全综合治理实施方案')]);
    assert.match(await page.textContent('h1') ?? '', /危险化学品安全综合治理实施方案/);
    await accessible(page);
    await page.close();
  });

  it('lands on a document from its number typed loosely', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await searchFromHeader(page, '沪府发2017 17号');
    assert.match(page.url(), /\/documents\/\d+$/);
    assert.match(await page.textContent('table.meta') ?? '', /沪府发〔2017〕17号/);
    await page.close();
  });

  it('shows facet counts that add up to the total, and a filter that keeps its count', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/search`);
    await accessible(page);
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
    await accessible(page);
    await page.close();
  });

  it('opens an interpretation and reaches its policy', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await searchFromHeader(page, '"政策解读"');
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('text=《长宁区公共数据管理办法》政策解读')]);
    await accessible(page);
    await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('p:has-text("解读的政策") a')]);
    assert.match(await page.textContent('h1') ?? '', /关于印发修订后的《长宁区公共数据管理办法》的通知/);
    assert.match(await page.textContent('body') ?? '', /政策解读:/);
    await accessible(page);
    await page.close();
  });

  it('is usable from the keyboard and offers a larger text size', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await Promise.all([page.waitForLoadState('load'), page.click('text=大字版')]);
    assert.equal(await page.evaluate(() => document.documentElement.className), 'large-text');
    await accessible(page);
    await page.close();
  });
});
