import { lateClocks } from '../../core/clock/clock.late.sql.ts';
import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';

/**
 * What the assessment counts from participation: messages answered after 5
 * working days (1 for a simple question) or not yet, and consultations whose
 * feedback report came after its 10 working days or not yet.
 */
export const participationMeasures: Record<string, Measure> = {
  'participation.late_replies': {
    label: '超期答复或逾期未答复的网上留言、咨询',
    source: '2021年长宁区政务公开工作要点(001 L384)',
    occurrences: (db, year, today) =>
      db.query<MeasureOccurrence>(sql`
        select m.agency_id::int as "agencyId", m.tracking_code as subject, '/console/messages/' || m.id as link, coalesce(l.finished_on, l.due_on)::text as on
        from ${lateClocks('participation_message', ['reply', 'simple_reply'], year, today)} l join participation_messages m on m.id = l.subject_id
        where m.state <> 'merged'
        order by m.id`),
  },
  'participation.late_feedback': {
    label: '决策文件印发后超过10个工作日才公开(或仍未公开)意见采纳情况的征求意见',
    source: '2021年长宁区政务公开工作要点(001 L392);002 L10-11',
    occurrences: (db, year, today) =>
      db.query<MeasureOccurrence>(sql`
        select c.agency_id::int as "agencyId", c.title as subject, '/console/consultations/' || c.id as link, coalesce(l.finished_on, l.due_on)::text as on
        from ${lateClocks('participation_consultation', ['feedback'], year, today)} l join participation_consultations c on c.id = l.subject_id
        order by c.id`),
  },
};
