import { AppError } from '../errors.ts';
import type { CalendarYear, DayInfo, DueDate } from './calendar.types.ts';

/**
 * The official working calendar (domain.md I): Monday to Friday are working
 * days, weekends are not, except that a year's holiday notice turns some
 * weekdays into holidays and some weekend days into make-up working days (调休).
 *
 * Conventions, the same for every clock: the day something is received is day
 * zero; counting starts on the next working day (so a clock started on a
 * holiday starts with the first working day after it); the deadline is the end
 * of the Nth working day.
 *
 * Years whose holiday notice has not been loaded are counted by weekends only,
 * and every answer that touches one says so (`estimated`, `unloadedYears`):
 * never a silent guess. Beyond two years after the last loaded year there is
 * no answer at all.
 *
 * Everything is precomputed into arrays indexed by day, so a due date is two
 * array reads: at least a million a second.
 */

const msPerDay = 86_400_000;
/** How far past the last loaded year dates may still be estimated by weekends alone. */
const estimateYears = 2;

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today in China (UTC+8): the date deadlines and validity are judged on. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A date the way Chinese official documents write it: 2024年3月1日. */
export function chineseDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Days since 1970-01-01 for a valid YYYY-MM-DD date, or null. */
export function dayNumberOf(iso: string): number | null {
  const match = isoPattern.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / msPerDay;
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 10);
}

/** The weekday of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
const weekdayOf = (dayNumber: number) => (((dayNumber + 4) % 7) + 7) % 7;

export interface WorkingCalendar {
  /** The first and last day it can answer for (the last ones estimated). */
  readonly range: { first: string; last: string };
  readonly loadedYears: readonly number[];
  describe(date: string): DayInfo;
  isWorkingDay(date: string): boolean;
  /** The end of the Nth working day after `from` (day zero). */
  addWorkingDays(from: string, workingDays: number): DueDate;
  /** Working days in (after, upTo]: after day zero, up to and including upTo; negative when upTo is before after. */
  countWorkingDays(after: string, upTo: string): number;
  /** The same on day numbers, for engines that keep them (the clock). */
  days: {
    of(date: string): number;
    iso(dayNumber: number): string;
    /** Working days on or before the day, counted from the start of the range. */
    rank(dayNumber: number): number;
    /** The nth working day of the range (0-based), the inverse of rank. */
    workingDay(index: number): number;
    isWorking(dayNumber: number): boolean;
    isLoaded(dayNumber: number): boolean;
    /** The loaded-or-not years of the days in (after, upTo]. */
    unloadedYearsBetween(after: number, upTo: number): number[];
  };
}

function invalidDate(date: string): AppError {
  return new AppError('validation_failed', `日期「${date}」无效,应为 YYYY-MM-DD`, { date });
}

/** Builds the calendar from the loaded years (at least one). */
export function buildWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  if (years.length === 0) throw new AppError('calendar_not_loaded', '尚未载入任何年度的节假日安排');
  const loaded = [...years].sort((a, b) => a.year - b.year);
  const firstYear = loaded[0]!.year;
  const lastYear = loaded.at(-1)!.year + estimateYears;
  const start = Date.UTC(firstYear, 0, 1) / msPerDay;
  const end = Date.UTC(lastYear, 11, 31) / msPerDay;
  const size = end - start + 1;

  const exceptions = new Map<number, { kind: 'holiday' | 'workday'; name: string }>();
  for (const year of loaded) for (const day of year.days) exceptions.set(dayNumberOf(day.date)!, { kind: day.kind, name: day.name });
  const loadedSet = new Set(loaded.map((year) => year.year));

  const working = new Uint8Array(size);
  const loadedDay = new Uint8Array(size);
  const yearOf = new Uint16Array(size);
  const rank = new Int32Array(size);
  const workingList: number[] = [];
  for (let i = 0; i < size; i++) {
    const day = start + i;
    const year = new Date(day * msPerDay).getUTCFullYear();
    yearOf[i] = year;
    loadedDay[i] = loadedSet.has(year) ? 1 : 0;
    const exception = exceptions.get(day);
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    working[i] = exception ? (exception.kind === 'workday' ? 1 : 0) : weekend ? 0 : 1;
    if (working[i]) workingList.push(day);
    rank[i] = workingList.length;
  }
  const workingDays = Int32Array.from(workingList);
  const isoCache = new Map<number, string>();

  const inRange = (day: number) => day >= start && day <= end;
  const outOfRange = (date: string) =>
    new AppError('calendar_not_loaded', `日期 ${date} 超出可计算范围(已载入 ${firstYear}—${loaded.at(-1)!.year} 年的节假日安排,最多向后估算 ${estimateYears} 年)`, {
      date,
      firstYear,
      lastLoadedYear: loaded.at(-1)!.year,
    });

  const days: WorkingCalendar['days'] = {
    of(date) {
      const day = dayNumberOf(date);
      if (day === null) throw invalidDate(date);
      if (!inRange(day)) throw outOfRange(date);
      return day;
    },
    iso(day) {
      let text = isoCache.get(day);
      if (text === undefined) {
        text = isoDateOf(day);
        isoCache.set(day, text);
      }
      return text;
    },
    rank(day) {
      if (!inRange(day)) throw outOfRange(isoDateOf(day));
      return rank[day - start]!;
    },
    workingDay(index) {
      const day = workingDays[index];
      if (index < 0 || day === undefined) throw outOfRange(isoDateOf(end + 1));
      return day;
    },
    isWorking(day) {
      if (!inRange(day)) throw outOfRange(isoDateOf(day));
      return working[day - start] === 1;
    },
    isLoaded(day) {
      return inRange(day) && loadedDay[day - start] === 1;
    },
    unloadedYearsBetween(after, upTo) {
      const out: number[] = [];
      for (let year = yearOf[Math.min(after + 1, upTo) - start]!; year <= yearOf[upTo - start]!; year++) {
        if (!loadedSet.has(year)) out.push(year);
      }
      return out;
    },
  };

  return {
    range: { first: isoDateOf(start), last: isoDateOf(end) },
    loadedYears: loaded.map((year) => year.year),
    days,
    describe(date) {
      const day = days.of(date);
      const exception = exceptions.get(day);
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
      const kind = exception ? exception.kind : weekend ? 'weekend' : 'weekday';
      return { date, working: working[day - start] === 1, kind, name: exception?.name ?? null, estimated: !days.isLoaded(day) };
    },
    isWorkingDay(date) {
      return days.isWorking(days.of(date));
    },
    addWorkingDays(from, workingDays) {
      if (!Number.isInteger(workingDays) || workingDays < 0) {
        throw new AppError('validation_failed', `工作日数「${workingDays}」无效,应为非负整数`, { workingDays });
      }
      const day = days.of(from);
      const due = workingDays === 0 ? day : days.workingDay(rank[day - start]! + workingDays - 1);
      const unloadedYears = due > day ? days.unloadedYearsBetween(day, due) : [];
      return { date: days.iso(due), estimated: unloadedYears.length > 0, unloadedYears };
    },
    countWorkingDays(after, upTo) {
      return rank[days.of(upTo) - start]! - rank[days.of(after) - start]!;
    },
  };
}
