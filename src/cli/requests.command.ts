import { writeFile } from 'node:fs/promises';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { reportCsv, type StaffActor } from '../modules/disclosure/index.ts';
import { noticePdf } from '../server/notice.render.ts';
import type { Output } from './output.ts';

export const requestsUsage = `用法:
  gongkai requests notices 申请编号                 列出该申请已形成的文书
  gongkai requests notice 申请编号 记录编号 [--pdf 文件]   输出一份文书(默认为文本;--pdf 写成 PDF)
  gongkai requests report --year 年份 [--agency 机关编号] [--json]   年度报告中依申请公开的表格(CSV)`;

/** The operator at the server's console reads as a supervisor does; each read of an applicant is audited. */
const operator = (): StaffActor => ({ id: `cli:${process.env.USER ?? 'unknown'}`, agencyId: null });

const id = (text: string | undefined, what: string) => {
  if (!text || !/^\d{1,15}$/.test(text)) throw new AppError('validation_failed', `${what}应为正整数\n${requestsUsage}`);
  return Number(text);
};

/** `gongkai requests …`: the notices of a disclosure request, for printing or sending. */
export async function requestsCommand(args: string[], options: { pdf?: string; year?: string; agency?: string; json: boolean }, context: AppContext, io: Output): Promise<number> {
  const [action, requestId, eventId] = args;
  if (action === 'notices') {
    const notices = await context.disclosure.notices(id(requestId, '申请编号'), operator());
    if (options.json) io.json(notices);
    else for (const notice of notices) io.out(`${notice.eventId}\t${notice.on}\t${notice.title}`);
    return 0;
  }
  if (action === 'notice') {
    const notice = await context.disclosure.notice(id(requestId, '申请编号'), id(eventId, '记录编号'), operator());
    if (options.pdf) {
      await writeFile(options.pdf, await noticePdf(notice, context.config.font));
      io.out(`已写入 ${options.pdf}`);
    } else if (options.json) io.json(notice);
    else io.out([notice.title, '', notice.addressee, ...notice.paragraphs.map((p) => `    ${p}`), '', notice.issuer, notice.date].join('\n'));
    return 0;
  }
  if (action === 'report') {
    const report = await context.disclosure.annualReport(id(options.year, '--year'), options.agency ? id(options.agency, '--agency') : undefined);
    if (options.json) io.json(report);
    else io.out(reportCsv(report).replace(/^\ufeff/, '').trimEnd());
    return 0;
  }
  throw new AppError('validation_failed', requestsUsage);
}
