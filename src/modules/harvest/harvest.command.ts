import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { unreadable } from '../../core/files.ts';
import type { ModuleCommand } from '../../core/module.ts';
import type { HarvestStart, HarvestSummary } from './harvest.types.ts';

const usage = `  harvest 网站地图或列表页网址 [--match 正则] [--pages N] [--rate 每秒请求数] [--json]
  harvest --urls 网址文件 [--rate 每秒请求数] [--json]
                                抓取机关网站的文件页面并入库(遵守 robots.txt、限速、条件请求);重复执行只抓取有变化的页面`;

/** Exit status when some pages failed while the others were stored (as `gongkai ingest`). */
const somePagesFailedExit = 1;

function positiveNumber(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(number) || number <= 0) throw new AppError('validation_failed', `${name} 应为正数,而不是「${String(value)}」`);
  return number;
}

function patternOf(value: unknown): RegExp | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new RegExp(value);
  } catch (error) {
    throw new AppError('validation_failed', `--match 不是有效的正则表达式「${value}」:${(error as Error).message}`);
  }
}

/** `gongkai harvest …`: a portal's document pages into the library, politely; progress on stderr, a summary at the end. */
export const harvestCommand: ModuleCommand<AppContext> = {
  usage,
  options: { urls: { type: 'string' }, match: { type: 'string' }, pages: { type: 'string' }, rate: { type: 'string' } },
  async run(args, options, context, io) {
    const json = options.json === true;
    let start: HarvestStart;
    if (typeof options.urls === 'string') {
      if (args.length > 0) throw new AppError('validation_failed', `--urls 与起始网址只能选一个\n用法:\n${usage}`);
      let text: string;
      try {
        text = await readFile(options.urls, 'utf8');
      } catch (error) {
        throw unreadable(options.urls, error);
      }
      start = { urlsFile: { name: options.urls, text } };
    } else if (args.length === 1 && /^https?:\/\//i.test(args[0]!)) {
      start = { url: args[0]! };
    } else {
      throw new AppError('validation_failed', `请给出一个 http(s) 网址(网站地图或列表页),或用 --urls 给出网址文件\n用法:\n${usage}`);
    }
    const pages = positiveNumber(options.pages, '--pages');
    const summary = await context.harvest.harvest({
      start,
      match: patternOf(options.match),
      listPages: pages === undefined ? undefined : Math.floor(pages),
      requestsPerSecond: positiveNumber(options.rate, '--rate'),
      onDiscovered: (count) => {
        if (!json) io.err(`找到网址 ${count} 个`);
      },
      onProgress: ({ done, total, url, pagesPerSecond }) => {
        if (!json && url) io.err(`进度 ${done + 1}/${total}(${pagesPerSecond.toFixed(2)} 页/秒)${url}`);
      },
    });
    if (json) io.out(JSON.stringify(summary, null, 2));
    else report(summary, io);
    return summary.failed > 0 ? somePagesFailedExit : 0;
  },
};

function report(summary: HarvestSummary, io: { out(line: string): void; err(line: string): void }): void {
  for (const outcome of summary.outcomes) {
    if (outcome.status === 'failed') io.err(`失败: ${outcome.error!.message} [${outcome.error!.code}]`);
    if (outcome.status === 'skipped') io.err(`跳过: ${outcome.error!.message}`);
  }
  io.out(
    `页面 ${summary.pages} 个:新增 ${summary.new}、更新 ${summary.changed}、未变 ${summary.unchanged}、失败 ${summary.failed}、跳过 ${summary.skipped};` +
      `公文 新增 ${summary.documentsAdded} 篇、更新 ${summary.documentsUpdated} 篇;用时 ${summary.seconds.toFixed(1)} 秒`,
  );
}
