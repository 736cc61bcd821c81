import { lateClocks } from '../../core/clock/clock.late.sql.ts';
import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';

/** What the assessment counts from assistance: requests the requested agency handled after its time limit, or has not yet. */
export const assistanceMeasures: Record<string, Measure> = {
  'assistance.late_handling': {
    label: '超过办理期限的行政协助请求',
    source: '沪府发〔2017〕17号《上海市行政协助管理办法(试行)》第十八条(003 L192-194)',
    occurrences: (db, year, today) =>
      db.query<MeasureOccurrence>(sql`
        select r.requested_agency_id::int as "agencyId", r.code || ' ' || r.subject as subject, '/console/assistance/requests/' || r.id as link,
          coalesce(l.finished_on, l.due_on)::text as on
        from ${lateClocks('assistance_request', ['handle'], year, today)} l join assistance_requests r on r.id = l.subject_id
        order by r.id`),
  },
};
