import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { reportCsv } from '../modules/disclosure/index.ts';
import type { Output } from './output.ts';

export const requestsUsage = `用法:
  gongkai requests report --year 年份 [--agency 机关编号] [--json]   年度报告中依申请公开的表格(CSV)`;

const id = (text: string | undefined, what: string) => {
  if (!text || !/^\d{1,15}$/.test(text)) throw new AppError('validation_failed', `${what}应为正整数\n${requestsUsage}`);
  return Number(text);
};

/**
 * `gongkai requests report`: the annual report's request tables. (Notices carry the
 * applicant's name, so they are printed from the staff pages by the handling agency.)
 */
export async function requestsCommand(args: string[], options: { year?: string; agency?: string; json: boolean }, context: AppContext, io: Output): Promise<number> {
  const [action] = args;
  if (action === 'report') {
    const report = await context.disclosure.annualReport(id(options.year, '--year'), options.agency ? id(options.agency, '--agency') : undefined);
    if (options.json) io.json(report);
    else io.out(reportCsv(report).replace(/^\ufeff/, '').trimEnd());
    return 0;
  }
  throw new AppError('validation_failed', requestsUsage);
}
