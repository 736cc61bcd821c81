import { readFile } from 'node:fs/promises';
import type { AppContext } from '../app.ts';
import { parseCalendarFile, type DueDate } from '../core/calendar/index.ts';
import { AppError } from '../core/errors.ts';
import { unreadable } from '../core/files.ts';
import type { Output } from './output.ts';

export interface CalendarOptions {
  from?: string;
  workingDays?: string;
  year?: string;
  source?: string;
  estimate: boolean;
  json: boolean;
}

export const calendarUsage = `用法:
  gongkai calendar due --from 日期 --working-days N [--estimate]   输出期限日 YYYY-MM-DD
  gongkai calendar is-working-day 日期 [--estimate]                输出 true 或 false
  gongkai calendar years                                          已载入的年度及来源
  gongkai calendar load 文件 --source 来源 [--year 年份]            载入或更正一年的节假日安排`;

/** A date in a year whose holiday notice is not loaded is refused, unless an estimate was asked for. */
function refuseEstimate(unloadedYears: number[], estimate: boolean, io: Output): void {
  if (unloadedYears.length === 0) return;
  const years = unloadedYears.map((year) => `${year} 年`).join('、');
  if (!estimate) {
    throw new AppError('calendar_not_loaded', `${years}的节假日安排尚未载入,无法准确计算;请先用 gongkai calendar load 载入,或加 --estimate 仅按周末估算`, { unloadedYears });
  }
  io.err(`注意:${years}的节假日安排尚未载入,结果仅按周末估算`);
}

function positiveInteger(text: string | undefined, name: string): number {
  if (text === undefined || !/^\d{1,4}$/.test(text)) throw new AppError('validation_failed', `${name} 应为 0 到 9999 之间的整数`);
  return Number(text);
}

/** `gongkai calendar …`: the official working calendar. */
export async function calendarCommand(args: string[], options: CalendarOptions, context: AppContext, io: Output): Promise<number> {
  const [action, argument] = args;
  switch (action) {
    case 'due': {
      if (!options.from) throw new AppError('validation_failed', `缺少 --from\n${calendarUsage}`);
      const calendar = await context.calendar.current();
      const due: DueDate = calendar.addWorkingDays(options.from, positiveInteger(options.workingDays, '--working-days'));
      refuseEstimate(due.unloadedYears, options.estimate, io);
      if (options.json) io.json(due);
      else io.out(due.date);
      return 0;
    }
    case 'is-working-day': {
      if (!argument) throw new AppError('validation_failed', `缺少日期\n${calendarUsage}`);
      const day = (await context.calendar.current()).describe(argument);
      refuseEstimate(day.estimated ? [Number(argument.slice(0, 4))] : [], options.estimate, io);
      if (options.json) io.json(day);
      else io.out(String(day.working));
      return 0;
    }
    case 'years': {
      const years = await context.calendar.years();
      if (options.json) io.json(years);
      else for (const year of years) io.out(`${year.year}  休 ${year.holidays} 天  班 ${year.workdays} 天  来源: ${year.source}  (${year.loadedBy}, ${year.loadedAt})`);
      return 0;
    }
    case 'load': {
      if (!argument) throw new AppError('validation_failed', `缺少文件\n${calendarUsage}`);
      const text = await readFile(argument, 'utf8').catch((error: unknown) => {
        throw unreadable(argument, error);
      });
      const year = parseCalendarFile(text, { year: options.year ? positiveInteger(options.year, '--year') : undefined, source: options.source ?? '' });
      const { clocksRefreshed } = await context.loadCalendarYear(year, { id: `cli:${process.env.USER ?? 'unknown'}` });
      io.out(`已载入 ${year.year} 年节假日安排:休 ${year.days.filter((d) => d.kind === 'holiday').length} 天,调休上班 ${year.days.filter((d) => d.kind === 'workday').length} 天(来源:${year.source});重新计算期限 ${clocksRefreshed} 个`);
      return 0;
    }
    default:
      throw new AppError('validation_failed', calendarUsage);
  }
}
