import { sql } from '../../core/db/sql.ts';
import { runningClocksDue } from '../../core/clock/index.ts';
import type { DueWork, PendingWork } from '../../core/module.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { catalogueDueOn } from './decision.rules.ts';

/** What the reminders and the dashboard read of participation: cases on a clock, and what waits for moderation. */

export const messagesFallingDue: DueWork = {
  label: '留言',
  purposes: { reply: '答复', simple_reply: '答复(简单咨询)' },
  due: (db, query) =>
    db.query(sql`
      select m.id::int as id, c.purpose, c.due_on::text as "dueOn", array[m.agency_id::int] as "agencyIds", m.tracking_code || ' ' || left(m.subject, 24) as name,
        '/messages/' || m.id as link
      from ${runningClocksDue('participation_message', query)} c join participation_messages m on m.id = c.subject_id
      where m.state in ('received', 'accepted') and (${query.agencyId}::bigint is null or m.agency_id = ${query.agencyId})
      order by c.due_on, m.id limit ${query.limit}`),
};

/** The feedback report owed within 10 working days of the decision document (002 L10-11). */
export const consultationsFallingDue: DueWork = {
  label: '征求意见',
  purposes: { feedback: '意见采纳情况反馈' },
  due: (db, query) =>
    db.query(sql`
      select k.id::int as id, c.purpose, c.due_on::text as "dueOn", array[k.agency_id::int] as "agencyIds", left(k.title, 40) as name, '/consultations/' || k.id as link
      from ${runningClocksDue('participation_consultation', query)} c join participation_consultations k on k.id = c.subject_id
      where ${query.agencyId}::bigint is null or k.agency_id = ${query.agencyId}
      order by c.due_on, k.id limit ${query.limit}`),
};

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
