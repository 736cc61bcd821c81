import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { ClockSubjectCase, DatedWork } from '../../core/module.ts';

/** What the reminders read of supervision: tasks by their own 完成时限, audit items and reports by their clocks. */

/** Open tasks due by `until`, each answered by its lead and responsible agencies. */
export const tasksFallingDue: DatedWork = {
  label: '督办任务',
  due: (db, until) =>
    db.query(sql`
      select t.id::int as id, t.due_on::text as "dueOn", left(t.text, 40) as name, '/supervision/tasks/' || t.id as link,
        array(select a.agency_id::int from supervision_task_agencies a where a.task_id = t.id order by a.agency_id) as "agencyIds"
      from supervision_tasks t
      where t.state = 'in_progress' and t.due_on <= ${until}::date
      order by t.due_on, t.id`),
};

/** Audit items still open: the audited unit rectifies them. */
export async function auditItemsToRemind(db: Queryable, ids: readonly number[]): Promise<ClockSubjectCase[]> {
  return db.query<ClockSubjectCase>(sql`
    select i.id::int as id, array[i.agency_id::int] as "agencyIds", r.title || ' 第 ' || i.seq || ' 项' as name, '/audit-reports/' || r.id as link
    from supervision_audit_items i join supervision_audit_reports r on r.id = i.report_id
    where i.id = any(${ids}::bigint[]) and i.state <> 'closed'`);
}

/** Draft audit reports awaiting the audited unit's comments. */
export async function auditReportsToRemind(db: Queryable, ids: readonly number[]): Promise<ClockSubjectCase[]> {
  return db.query<ClockSubjectCase>(sql`
    select id::int as id, array[audited_agency_id::int] as "agencyIds", title as name, '/audit-reports/' || id as link
    from supervision_audit_reports where id = any(${ids}::bigint[])`);
}
