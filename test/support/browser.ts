import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { Database } from '../../src/core/db/database.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from './corpus.ts';
import { openTestDatabase } from './db.ts';
import { tempDir } from './files.ts';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical WCAG 2.1 A/AA violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await animationsSettled(page);
  // Evaluated through the DevTools protocol, not as a <script>: pages with a Content-Security-Policy allow no inline script.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: (n as { failureSummary?: string }).failureSummary })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * Waits for the page's finite animations (a message fading in, a drawer
 * sliding) to end: axe measures contrast on what is painted, and a notice half
 * faded in reads as too light. Endless ones (a spinner) are not waited for.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY);
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    await Promise.race([Promise.allSettled(finite.map((animation) => animation.finished)), timeout]);
  });
}

/** Fails with the violations listed if axe finds a serious or critical one on the page. */
export async function assertAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`), [], `on ${page.url()}`);
}

/** Signs in to the console as a member of staff and waits for the dashboard. */
export async function signInToConsole(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

export interface Site {
  context: AppContext;
  db: Database;
  /** http://127.0.0.1:PORT */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What every browser test visits: the whole application on a fresh embedded
 * database loaded with the seed corpus (published texts in a temporary
 * directory), served on a free port, and Chromium to visit it.
 */
export async function openSite(options: { env?: Record<string, string>; seeds?: boolean } = {}): Promise<Site> {
  const files = tempDir();
  const database = await openTestDatabase('pglite');
  const context = await createContext(loadConfig({ FILES_DIR: files.path, ...options.env }), { db: database.db, migrate: false });
  if (options.seeds ?? true) await context.ingest.ingest([seedsDir]);
  const server = buildServer(context);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  return {
    context,
    db: database.db,
    base: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await database.close();
      files.remove();
    },
  };
}

/** Waits until no select list is shown, those still in their closing animation included. */
export async function selectListsClosed(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) return;
    // Under load a click can land while the list is still opening and be taken as a click on the select.
    if (attempt === 40) await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
  const open = await page.locator('.ant-select-dropdown:visible').evaluateAll((nodes) => nodes.map((node) => `[${node.textContent?.slice(0, 60)}]`));
  throw new Error(`a select list stayed open: ${open.join(' | ')}`);
}

/** The select's input (role combobox): a locator or an element handle. */
export interface Combobox {
  click(): Promise<void>;
  focus(): Promise<void>;
  getAttribute(name: string): Promise<string | null>;
}

/**
 * Opens a select (an Ant Design one) and returns the option titled `option`
 * once it is drawn in this select's own list (the one its input names in
 * aria-controls), scrolling a long (virtual) list until it is. Under load a
 * click can land while a list is still opening or closing, so every other
 * attempt opens it from the keyboard (focus, ArrowDown), with longer waits.
 */
export async function openSelectAt(page: Page, combobox: Combobox, option: string): Promise<Locator> {
  for (let attempt = 1; ; attempt++) {
    if (attempt % 2 === 1) await combobox.click();
    else {
      await combobox.focus();
      await page.keyboard.press('ArrowDown');
    }
    const shown = page.locator('.ant-select-dropdown:visible');
    if (await shown.first().waitFor({ timeout: 3000 * attempt }).then(() => true, () => false)) {
      const list = await ownList(page, combobox, shown);
      const item = list.locator(`.ant-select-item-option[title="${option}"]`);
      // The options are drawn a moment after the list: wait for any, then scroll a long list until ours is drawn.
      await list.first().locator('.ant-select-item-option').first().waitFor({ timeout: 2000 * attempt }).catch(() => undefined);
      for (let scroll = 0; scroll < 200 && (await item.count()) === 0; scroll++) {
        const moved = await list.first().locator('.ant-select-dropdown-list-holder, .rc-virtual-list-holder').first().evaluate((holder) => {
          const before = holder.scrollTop;
          holder.scrollTop += 120;
          return holder.scrollTop !== before;
        }).catch(() => false);
        if (!moved) break;
        await page.waitForTimeout(20);
      }
      if ((await item.count()) > 0) return item.first();
    }
    if (attempt === 4) {
      const lists = await page.locator('.ant-select-dropdown').evaluateAll((nodes) =>
        nodes.map((node) => `[${node.checkVisibility() ? 'shown' : 'hidden'} ${node.querySelector('[role=listbox]')?.id ?? '-'}: ${node.textContent?.slice(0, 60)}]`),
      );
      throw new Error(`the list with 「${option}」 did not open (select controls ${await combobox.getAttribute('aria-controls')}); lists: ${lists.join(' | ') || 'none'}`);
    }
    await page.keyboard.press('Escape');
    await selectListsClosed(page);
  }
}

/**
 * The shown list that belongs to this select: the one holding the listbox its
 * input names in aria-controls (set only once the select is open, so read
 * after a list is shown), or any shown list when that cannot be told; a wrong
 * pick is caught by `choose`, which checks what the select then shows.
 */
async function ownList(page: Page, combobox: Combobox, shown: Locator): Promise<Locator> {
  const listId = await combobox.getAttribute('aria-controls');
  if (!listId) return shown;
  const own = shown.filter({ has: page.locator(`[id="${listId}"]`) });
  return (await own.count()) > 0 ? own : shown;
}

/**
 * Chooses an option of the select labelled `label` and waits for its list to
 * close; a choice the select does not then show (a click taken while the list
 * was still moving) is made again, and a third miss fails.
 */
export async function choose(page: Page, label: string | RegExp, option: string, options: { exact?: boolean } = {}): Promise<void> {
  const input = page.getByLabel(label, { exact: options.exact ?? false });
  let shown = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await (await openSelectAt(page, input, option)).click();
    await selectListsClosed(page);
    // A single select shows the chosen label in its content; a multiple one as one tag among others.
    shown = await input.evaluate((element) => element.closest('.ant-select')?.querySelector('.ant-select-content')?.textContent ?? '');
    if (shown.includes(option)) return;
  }
  assert.fail(`${String(label)}: chose 「${option}」 three times but the select shows 「${shown}」`);
}

/** Closes a dialog with one of its buttons, clicking again if the click was lost while it zoomed in, and waits until it is gone. */
export async function closeDialog(dialog: Locator, button: RegExp | 'last'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await (button === 'last' ? dialog.getByRole('button').last() : dialog.getByRole('button', { name: button })).click();
    if (await dialog.waitFor({ state: 'hidden', timeout: 3000 * attempt }).then(() => true, () => false)) return;
    if (attempt === 3) throw new Error(`the dialog did not close on ${button}`);
  }
}
