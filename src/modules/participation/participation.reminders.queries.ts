import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { ClockSubjectCase, PendingWork } from '../../core/module.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { catalogueDueOn } from './decision.rules.ts';

/** What the reminders and the dashboard read of participation: cases on a clock, and what waits for moderation. */

export async function messagesToRemind(db: Queryable, ids: readonly number[]): Promise<ClockSubjectCase[]> {
  return db.query<ClockSubjectCase>(sql`
    select id::int as id, array[agency_id::int] as "agencyIds", tracking_code || ' ' || left(subject, 24) as name, '/messages/' || id as link
    from participation_messages where id = any(${ids}::bigint[]) and state in ('received', 'accepted')`);
}

export async function consultationsToRemind(db: Queryable, ids: readonly number[]): Promise<ClockSubjectCase[]> {
  return db.query<ClockSubjectCase>(sql`
    select id::int as id, array[agency_id::int] as "agencyIds", left(title, 40) as name, '/consultations/' || id as link
    from participation_consultations where id = any(${ids}::bigint[])`);
}


const agencyFilter = (column: ReturnType<typeof sql>, agencyId: number | null) => (agencyId === null ? sql`true` : sql`${column} = ${agencyId}`);

export const participationPendingWork: PendingWork[] = [
  {
    label: '答复后待审核公开的留言',
    link: '/messages',
    async count(db, agencyId) {
      const [row] = await db.query<{ n: number }>(sql`
        select count(*)::int as n from participation_messages where state = 'replied' and not keep_private and ${agencyFilter(sql`agency_id`, agencyId)}`);
      return row!.n;
    },
  },
  {
    // Published by 31 March each year (001 L388): a catalogue of this year still unpublished after that day.
    label: '逾期未公布的重大决策事项目录',
    link: '/decisions',
    async count(db, agencyId) {
      const today = todayInChina();
      const year = Number(today.slice(0, 4));
      if (today <= catalogueDueOn(year)) return 0;
      const [row] = await db.query<{ n: number }>(sql`
        select count(*)::int as n from participation_decision_catalogues where year = ${year} and published_on is null and ${agencyFilter(sql`agency_id`, agencyId)}`);
      return row!.n;
    },
  },
  {
    label: '待审核的征求意见',
    link: '/consultations',
    async count(db, agencyId) {
      const [row] = await db.query<{ n: number }>(sql`
        select count(*)::int as n from participation_comments c join participation_consultations k on k.id = c.consultation_id
        where c.state = 'pending' and ${agencyFilter(sql`k.agency_id`, agencyId)}`);
      return row!.n;
    },
  },
];
