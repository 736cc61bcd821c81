import { lateClocks } from '../../core/clock/clock.late.sql.ts';
import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';

/** What the assessment counts from requests: late replies, and reviews that corrected the agency. */
export const disclosureMeasures: Record<string, Measure> = {
  'disclosure.late_replies': {
    label: '超期答复或逾期未答复的依申请公开申请',
    source: '《中华人民共和国政府信息公开条例》第三十三条',
    occurrences: (db, year, today) =>
      db.query<MeasureOccurrence>(sql`
        select r.agency_id::int as "agencyId", r.tracking_code as subject, '/console/requests/' || r.id as link,
          coalesce(l.finished_on, l.due_on)::text as on
        from ${lateClocks('disclosure_request', ['reply'], year, today)} l join disclosure_requests r on r.id = l.subject_id
        order by r.id`),
  },
  'disclosure.corrected_reviews': {
    label: '行政复议、行政诉讼结果纠正的申请',
    source: '《中华人民共和国政府信息公开条例》第五十一条',
    occurrences: (db, year) =>
      db.query<MeasureOccurrence>(sql`
        select r.agency_id::int as "agencyId", r.tracking_code as subject, '/console/requests/' || r.id as link, v.decided_on::text as on
        from disclosure_reviews v join disclosure_requests r on r.id = v.request_id
        where v.outcome = 'corrected' and v.decided_on >= ${`${year}-01-01`}::date and v.decided_on <= ${`${year}-12-31`}::date
        order by v.id`),
  },
};
