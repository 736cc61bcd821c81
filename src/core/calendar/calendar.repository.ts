import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { CalendarYear } from './calendar.types.ts';

export interface LoadedYear {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string;
  holidays: number;
  workdays: number;
}

export async function readCalendarYears(db: Queryable): Promise<CalendarYear[]> {
  const years = await db.query<{ year: number; source: string }>(sql`select year, source from calendar_years order by year`);
  const days = await db.query<{ day: string; year: number; kind: 'holiday' | 'workday'; name: string }>(sql`
    select day, year, kind, name from calendar_days order by day`);
  const byYear = new Map(years.map((row) => [row.year, { year: row.year, source: row.source, days: [] } as CalendarYear]));
  for (const day of days) byYear.get(day.year)?.days.push({ date: day.day, kind: day.kind, name: day.name });
  return [...byYear.values()];
}

export async function listLoadedYears(db: Queryable): Promise<LoadedYear[]> {
  return db.query<LoadedYear>(sql`
    select y.year, y.source, to_char(y.loaded_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "loadedAt", y.loaded_by as "loadedBy",
      count(*) filter (where d.kind = 'holiday')::int as holidays, count(*) filter (where d.kind = 'workday')::int as workdays
    from calendar_years y left join calendar_days d on d.year = y.year
    group by y.year order by y.year`);
}

/** A fingerprint that changes whenever any year is loaded or replaced. */
export async function calendarVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(sql`select count(*)::text || '/' || coalesce(max(loaded_at)::text, '') as version from calendar_years`);
  return row!.version;
}

/** Replaces one year's days (and its source) with these. */
export async function replaceCalendarYear(tx: Queryable, year: CalendarYear, loadedBy: string): Promise<void> {
  await tx.query(sql`delete from calendar_years where year = ${year.year}`);
  await tx.query(sql`insert into calendar_years (year, source, loaded_by) values (${year.year}, ${year.source}, ${loadedBy})`);
  if (year.days.length === 0) return;
  await tx.query(sql`
    insert into calendar_days (day, year, kind, name)
    select d.day::date, ${year.year}, d.kind, d.name
    from unnest(${year.days.map((d) => d.date)}::text[], ${year.days.map((d) => d.kind)}::text[], ${year.days.map((d) => d.name)}::text[]) as d(day, kind, name)`);
}
