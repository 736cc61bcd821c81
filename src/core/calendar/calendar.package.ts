import { createRequire } from 'node:module';
import type { CalendarException, CalendarYear } from './calendar.types.ts';

/**
 * The years the chinese-days package knows (2004 onward), taken from the
 * State Council's annual holiday notices: the calendar a new installation
 * starts with. Entries read "English name,中文名,length".
 */
interface PackageCalendar {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);

export function packagedCalendarYears(): CalendarYear[] {
  const data = require('chinese-days/dist/chinese-days.json') as PackageCalendar;
  const { version } = require('chinese-days/package.json') as { version: string };
  const byYear = new Map<number, CalendarException[]>();
  const add = (date: string, kind: CalendarException['kind'], entry: string) => {
    const year = Number(date.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push({ date, kind, name: entry.split(',')[1] ?? entry });
    byYear.set(year, list);
  };
  for (const [date, entry] of Object.entries(data.holidays)) add(date, 'holiday', entry);
  for (const [date, entry] of Object.entries(data.workdays)) add(date, 'workday', entry);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({ year, source: `chinese-days ${version}(国务院办公厅节假日安排通知)`, days: days.sort((a, b) => a.date.localeCompare(b.date)) }));
}
