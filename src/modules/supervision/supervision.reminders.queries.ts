import { runningClocksDue } from '../../core/clock/index.ts';
import { sql } from '../../core/db/sql.ts';
import type { DueWork } from '../../core/module.ts';

/** What the reminders read of supervision: tasks by their own 完成时限, audit items and draft reports by their clocks. */

/** Open tasks due in the window, each answered by its lead and responsible agencies. */
export const tasksFallingDue: DueWork = {
  label: '督办任务',
  due: (db, query) =>
    db.query(sql`
      select t.id::int as id, 'due' as purpose, t.due_on::text as "dueOn", left(t.text, 40) as name, '/supervision/tasks/' || t.id as link,
        array(select a.agency_id::int from supervision_task_agencies a where a.task_id = t.id order by a.agency_id) as "agencyIds"
      from supervision_tasks t
      where t.state = 'in_progress' and t.due_on <= ${query.until}::date and t.due_on >= ${query.from ?? '1949-01-01'}::date
        and (${query.agencyId}::bigint is null or exists (select 1 from supervision_task_agencies a where a.task_id = t.id and a.agency_id = ${query.agencyId}))
      order by t.due_on, t.id limit ${query.limit}`),
};

/** Audit items still open: the audited unit rectifies them within the time the report set. */
export const auditItemsFallingDue: DueWork = {
  label: '审计整改事项',
  purposes: { rectification: '整改' },
  due: (db, query) =>
    db.query(sql`
      select i.id::int as id, c.purpose, c.due_on::text as "dueOn", array[i.agency_id::int] as "agencyIds", r.title || ' 第 ' || i.seq || ' 项' as name,
        '/audit-reports/' || r.id as link
      from ${runningClocksDue('audit_item', query)} c join supervision_audit_items i on i.id = c.subject_id join supervision_audit_reports r on r.id = i.report_id
      where i.state <> 'closed' and (${query.agencyId}::bigint is null or i.agency_id = ${query.agencyId})
      order by c.due_on, i.id limit ${query.limit}`),
};

/** Draft investment-audit reports awaiting the audited unit's comments (10 working days, 001 L1608-1702). */
export const auditReportsFallingDue: DueWork = {
  label: '审计报告征求意见稿',
  purposes: { draft_comment: '反馈意见' },
  due: (db, query) =>
    db.query(sql`
      select r.id::int as id, c.purpose, c.due_on::text as "dueOn", array[r.audited_agency_id::int] as "agencyIds", r.title as name, '/audit-reports/' || r.id as link
      from ${runningClocksDue('audit_report', query)} c join supervision_audit_reports r on r.id = c.subject_id
      where ${query.agencyId}::bigint is null or r.audited_agency_id = ${query.agencyId}
      order by c.due_on, r.id limit ${query.limit}`),
};
