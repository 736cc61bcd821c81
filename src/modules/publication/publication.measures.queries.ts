import { lateClocks } from '../../core/clock/clock.late.sql.ts';
import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';

const lateOf = (purpose: string, year: number, today: string) => sql`
  select p.agency_id::int as "agencyId", p.title as subject, '/console/publications/' || p.id as link, coalesce(l.finished_on, l.due_on)::text as on
  from ${lateClocks('publication', [purpose], year, today)} l join publications p on p.id = l.subject_id
  order by p.id`;

/** What the assessment counts from proactive disclosure: documents published, or marked repealed, after their 20 working days. */
export const publicationMeasures: Record<string, Measure> = {
  'publication.late_publish': {
    label: '签发后超过20个工作日才公开(或仍未公开)的文件',
    source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)',
    occurrences: (db, year, today) => db.query<MeasureOccurrence>(lateOf('publish', year, today)),
  },
  'publication.late_mark': {
    label: '废止、失效后超过20个工作日才标注的文件',
    source: '沪工商办〔2017〕107号,2017年上海市工商局政务公开工作要点(002 L8)',
    occurrences: (db, year, today) => db.query<MeasureOccurrence>(lateOf('mark_invalid', year, today)),
  },
};
