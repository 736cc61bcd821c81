import type { Measure, MeasureOccurrence } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';
import { releasedOn } from './catalogue.sql.ts';

/** What the assessment counts from the library: normative documents made public in the year without an interpretation. */
export const documentsMeasures: Record<string, Measure> = {
  'documents.missing_interpretation': {
    label: '未同步发布政策解读的规范性文件',
    source: '“谁起草、谁解读”,政策文件与解读同步起草、审签、发布(001 L376, 002 L8-9)',
    occurrences: (db, year) =>
      db.query<MeasureOccurrence>(sql`
        select coalesce(a.id, x.agency_id)::int as "agencyId", d.display_title as subject, null as link, ${releasedOn()}::text as on
        from documents d
        join source_files s on s.id = d.source_file_id
        left join gazette_issues g on g.id = d.gazette_issue_id
        left join agencies a on a.name = d.issuer
        left join agency_aliases x on x.alias = d.issuer
        where d.normative and coalesce(a.id, x.agency_id) is not null
          and ${releasedOn()} >= ${`${year}-01-01`}::date and ${releasedOn()} <= ${`${year}-12-31`}::date
          and not exists (select 1 from document_relations r where r.target_document_id = d.id and r.kind = 'interprets')
        order by d.id`),
  },
};
