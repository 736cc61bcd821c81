import { AppError } from '../errors.ts';
import { dayNumberOf, isoDateOf } from './calendar.rules.ts';
import type { CalendarException, CalendarYear } from './calendar.types.ts';

/**
 * A year's holiday notice as an administrator writes it down, one line per day
 * or range of days:
 *
 *     # 国务院办公厅关于2027年部分节假日安排的通知
 *     2027-01-01 休 元旦
 *     2027-02-06~2027-02-12 休 春节
 *     2027-02-14 班 春节
 *
 * 休 is a day off, 班 a make-up working day. The year's JSON file from the
 * chinese-days package ({"holidays": {...}, "workdays": {...}}) is read too.
 * Every problem is reported with its line; nothing is loaded if there is one.
 */

const line = /^(\d{4}-\d{2}-\d{2})(?:\s*[~～至]\s*(\d{4}-\d{2}-\d{2}))?\s+(休|班)\s*(.*)$/;
const maxRangeDays = 31;

function fromPackageJson(text: string): CalendarException[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || !('holidays' in data)) return null;
  const { holidays = {}, workdays = {} } = data as { holidays?: Record<string, string>; workdays?: Record<string, string> };
  const name = (entry: unknown) => (typeof entry === 'string' ? (entry.split(',')[1] ?? entry) : '');
  return [
    ...Object.entries(holidays).map(([date, entry]) => ({ date, kind: 'holiday' as const, name: name(entry) })),
    ...Object.entries(workdays).map(([date, entry]) => ({ date, kind: 'workday' as const, name: name(entry) })),
  ];
}

function fromLines(text: string, problems: string[]): CalendarException[] {
  const days: CalendarException[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) return;
    const match = line.exec(content);
    if (!match) {
      problems.push(`第 ${index + 1} 行无法识别:「${content.slice(0, 40)}」(应为「日期 休|班 名称」)`);
      return;
    }
    const [, from, to, kind, name] = match;
    const first = dayNumberOf(from!);
    const last = to ? dayNumberOf(to) : first;
    if (first === null || last === null || last < first || last - first >= maxRangeDays) {
      problems.push(`第 ${index + 1} 行的日期无效:「${content.slice(0, 40)}」`);
      return;
    }
    for (let day = first; day <= last; day++) days.push({ date: isoDateOf(day), kind: kind === '班' ? 'workday' : 'holiday', name: name!.trim() || (kind === '班' ? '调休上班' : '休息') });
  });
  return days;
}

export function parseCalendarFile(text: string, options: { year?: number; source: string }): CalendarYear {
  const problems: string[] = [];
  const days = fromPackageJson(text) ?? fromLines(text, problems);
  if (problems.length === 0 && days.length === 0) problems.push('文件中没有任何日期');
  const years = new Set(days.map((day) => Number(day.date.slice(0, 4))));
  const year = options.year ?? (years.size === 1 ? [...years][0]! : undefined);
  if (year === undefined && problems.length === 0) problems.push(`文件含多个年份(${[...years].sort().join('、')}),请用 --year 指定`);
  const seen = new Set<string>();
  for (const day of days) {
    const number = dayNumberOf(day.date);
    if (number === null) problems.push(`日期无效:${day.date}`);
    else if (year !== undefined && Number(day.date.slice(0, 4)) !== year) problems.push(`${day.date} 不属于 ${year} 年`);
    else if (seen.has(day.date)) problems.push(`${day.date} 出现了两次`);
    else if (day.kind === 'workday' && ![0, 6].includes(new Date(number * 86_400_000).getUTCDay())) problems.push(`${day.date} 本是工作日,不能再标为调休上班(班)`);
    seen.add(day.date);
  }
  if (!options.source.trim()) problems.push('请注明来源(如国务院办公厅通知的文号)');
  if (problems.length > 0) throw new AppError('validation_failed', `节假日安排有误:\n${problems.slice(0, 20).join('\n')}`, { problems });
  return { year: year!, source: options.source.trim(), days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}
