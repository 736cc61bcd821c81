import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { MeetingRow } from './decision.types.ts';

/** Meetings with stakeholders attending in a year, per agency (every agency listed, those with none too). */
export async function countMeetings(db: Queryable, year: number, agencyId: number | null): Promise<{ agencyId: number; agencyName: string; count: number }[]> {
  return db.query(sql`
    select a.id::int as "agencyId", a.name as "agencyName", count(m.id)::int as count
    from agencies a
    left join participation_meetings m on m.agency_id = a.id and m.held_on >= ${`${year}-01-01`}::date and m.held_on < ${`${year + 1}-01-01`}::date
    where ${agencyId === null ? sql`true` : sql`a.id = ${agencyId}`}
    group by a.id, a.name
    order by count(m.id), a.name`);
}

export async function findMeetings(db: Queryable, year: number, agencyId: number | null): Promise<MeetingRow[]> {
  return db.query<MeetingRow>(sql`
    select m.id::int as id, a.name as "agencyName", m.held_on::text as "heldOn", m.title, m.attendees
    from participation_meetings m join agencies a on a.id = m.agency_id
    where m.held_on >= ${`${year}-01-01`}::date and m.held_on < ${`${year + 1}-01-01`}::date
      and ${agencyId === null ? sql`true` : sql`m.agency_id = ${agencyId}`}
    order by m.held_on desc, m.id desc`);
}
