import type { Actor } from '../audit/audit.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { packagedCalendarYears } from './calendar.package.ts';
import { calendarVersion, listLoadedYears, readCalendarYears, replaceCalendarYear, type LoadedYear } from './calendar.repository.ts';
import { buildWorkingCalendar, type WorkingCalendar } from './calendar.rules.ts';
import type { CalendarYear } from './calendar.types.ts';

export interface CalendarService {
  /** The calendar as loaded now (rebuilt when another process loads a year). */
  current(): Promise<WorkingCalendar>;
  years(): Promise<LoadedYear[]>;
  /** One loaded year with its days, or null when that year's notice is not loaded. */
  year(year: number): Promise<CalendarYear | null>;
  /** Loads or corrects one year: its days are replaced, its source noted, the change audited. */
  loadYear(year: CalendarYear, actor: Actor): Promise<void>;
}

const seedActor = 'system:chinese-days';

/**
 * The calendar lives in the database, so an administrator's correction holds
 * for every process. Years the chinese-days package knows are added the first
 * time they are missing, never over a year already loaded.
 */
export function createCalendarService(db: Database): CalendarService {
  let cached: { version: string; calendar: WorkingCalendar } | null = null;
  let seeded = false;

  async function seedMissingYears(): Promise<void> {
    if (seeded) return;
    await db.transaction(async (tx) => {
      const known = new Set((await readCalendarYears(tx)).map((year) => year.year));
      for (const year of packagedCalendarYears().filter((y) => !known.has(y.year))) {
        await replaceCalendarYear(tx, year, seedActor);
        await recordAudit(tx, { id: seedActor }, { action: 'calendar.seed', subjectType: 'calendar_year', subjectId: String(year.year), after: { source: year.source, days: year.days.length } });
      }
    });
    seeded = true;
  }

  return {
    async current() {
      await seedMissingYears();
      const version = await calendarVersion(db);
      if (cached?.version !== version) cached = { version, calendar: buildWorkingCalendar(await readCalendarYears(db)) };
      return cached.calendar;
    },
    async years() {
      await seedMissingYears();
      return listLoadedYears(db);
    },
    async year(year) {
      await seedMissingYears();
      return (await readCalendarYears(db)).find((y) => y.year === year) ?? null;
    },
    async loadYear(year, actor) {
      await seedMissingYears();
      await db.transaction(async (tx) => {
        const before = (await readCalendarYears(tx)).find((y) => y.year === year.year);
        await replaceCalendarYear(tx, year, actor.id);
        await recordAudit(tx, actor, {
          action: before ? 'calendar.correct' : 'calendar.load',
          subjectType: 'calendar_year',
          subjectId: String(year.year),
          before: before ? { source: before.source, days: before.days } : undefined,
          after: { source: year.source, days: year.days },
        });
      });
    },
  };
}
