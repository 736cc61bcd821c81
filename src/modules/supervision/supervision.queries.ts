import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql } from '../../core/db/sql.ts';
import type { AuditItemState, PublishedAuditReport, TaskSignal, TaskState } from './supervision.types.ts';

/** The open states, as SQL sees them (openTaskStates). */
const open = sql`t.state in ('in_progress', 'awaiting_acceptance')`;
/** The same, on a task's agency link (which copies its task's state). */
const openLink = sql`x.task_state in ('in_progress', 'awaiting_acceptance')`;
/** The signal of an open task in SQL, the same as taskSignalOf. */
const signalOf = (today: string, soon: string) =>
  sql`case when not ${open} then null when t.due_on < ${today}::date then 'overdue' when t.due_on <= ${soon}::date then 'due_soon' else 'normal' end`;

export interface TaskListFilter {
  state?: TaskState;
  signal?: TaskSignal;
  documentId?: number;
}

export interface TaskListItem {
  id: number;
  text: string;
  documentId: number | null;
  documentTitle: string | null;
  anchor: string | null;
  lead: string[];
  responsible: string[];
  unresolved: string[];
  dueOn: string;
  state: TaskState;
  progress: number;
  notices: number;
  signal: TaskSignal | null;
}

/** The ledger: an agency's tasks (every agency's for a supervisor), the reddest and soonest due first. */
export async function findTasks(db: Queryable, filter: TaskListFilter, agencyId: number | null, today: string, soon: string): Promise<TaskListItem[]> {
  const conditions = [sql`true`];
  if (agencyId !== null) conditions.push(sql`exists (select 1 from supervision_task_agencies x where x.task_id = t.id and x.agency_id = ${agencyId})`);
  if (filter.state !== undefined) conditions.push(sql`t.state = ${filter.state}`);
  if (filter.documentId !== undefined) conditions.push(sql`t.document_id = ${filter.documentId}`);
  // The signals as ranges of the due date, so that the open tasks' index by due date serves them.
  const signalRanges: Record<TaskSignal, ReturnType<typeof sql>> = {
    overdue: sql`t.due_on < ${today}::date`,
    due_soon: sql`t.due_on >= ${today}::date and t.due_on <= ${soon}::date`,
    normal: sql`t.due_on > ${soon}::date`,
  };
  if (filter.signal !== undefined) conditions.push(sql`${open} and ${signalRanges[filter.signal]}`);
  return db.query<TaskListItem>(sql`
    select t.id::int as id, t.text, t.document_id::int as "documentId", d.display_title as "documentTitle", t.anchor,
      coalesce((select array_agg(a.name order by a.name) from supervision_task_agencies x join agencies a on a.id = x.agency_id where x.task_id = t.id and x.role = 'lead'), '{}') as lead,
      coalesce((select array_agg(a.name order by a.name) from supervision_task_agencies x join agencies a on a.id = x.agency_id where x.task_id = t.id and x.role = 'responsible'), '{}') as responsible,
      t.unresolved, t.due_on::text as "dueOn", t.state, t.progress, t.notices, ${signalOf(today, soon)} as signal
    from supervision_tasks t left join documents d on d.id = t.document_id
    where ${joinSql(conditions, sql` and `)}
    order by ${filter.signal === undefined ? sql`(not ${open}), ` : sql``}t.due_on, t.document_id nulls last, t.document_seq nulls last, t.id
    limit 500`);
}

export interface AgencyFigures {
  agencyId: number;
  agencyName: string;
  tasksOpen: number;
  tasksDueSoon: number;
  tasksOverdue: number;
  tasksCompleted: number;
  tasksCompletedLate: number;
  itemsOpen: number;
  itemsOverdue: number;
  itemsClosed: number;
}

export interface Dashboard {
  tasksByState: Record<string, number>;
  tasksBySignal: Record<TaskSignal, number>;
  itemsByState: Record<string, number>;
  itemsOverdue: number;
  agencies: AgencyFigures[];
}

/** The supervisor's view across agencies: counts by state and by signal, and each agency's row (an agency counts every task it is party to). */
export async function readDashboard(db: Queryable, today: string, soon: string): Promise<Dashboard> {
  const byState = await db.query<{ state: string; n: number }>(sql`select state, count(*)::int as n from supervision_tasks group by state`);
  const [signals] = await db.query<Record<TaskSignal, number>>(sql`
    select count(*) filter (where t.due_on < ${today}::date)::int as overdue,
      count(*) filter (where t.due_on >= ${today}::date and t.due_on <= ${soon}::date)::int as due_soon,
      count(*) filter (where t.due_on > ${soon}::date)::int as normal
    from supervision_tasks t where ${open}`);
  const items = await db.query<{ state: string; n: number; overdue: number }>(sql`
    select i.state, count(*)::int as n, count(*) filter (where i.state <> 'closed' and c.due_on < ${today}::date)::int as overdue
    from supervision_audit_items i left join clocks c on c.subject_type = 'audit_item' and c.subject_id = i.id and c.purpose = 'rectification'
    group by i.state`);
  const agencies = await db.query<AgencyFigures>(sql`
    with task_figures as (
      -- Each link carries its task's state and due date (migration 0040): one index, no join.
      select x.agency_id,
        count(*) filter (where ${openLink})::int as open,
        count(*) filter (where ${openLink} and x.task_due_on >= ${today}::date and x.task_due_on <= ${soon}::date)::int as due_soon,
        count(*) filter (where ${openLink} and x.task_due_on < ${today}::date)::int as overdue,
        count(*) filter (where x.task_state = 'completed')::int as completed,
        count(*) filter (where x.task_state = 'completed_late')::int as completed_late
      from supervision_task_agencies x group by x.agency_id
    ), item_figures as (
      select i.agency_id,
        count(*) filter (where i.state <> 'closed')::int as open,
        count(*) filter (where i.state <> 'closed' and c.due_on < ${today}::date)::int as overdue,
        count(*) filter (where i.state = 'closed')::int as closed
      from supervision_audit_items i left join clocks c on c.subject_type = 'audit_item' and c.subject_id = i.id and c.purpose = 'rectification'
      group by i.agency_id
    )
    select a.id::int as "agencyId", a.name as "agencyName",
      coalesce(tf.open, 0) as "tasksOpen", coalesce(tf.due_soon, 0) as "tasksDueSoon", coalesce(tf.overdue, 0) as "tasksOverdue",
      coalesce(tf.completed, 0) as "tasksCompleted", coalesce(tf.completed_late, 0) as "tasksCompletedLate",
      coalesce(itf.open, 0) as "itemsOpen", coalesce(itf.overdue, 0) as "itemsOverdue", coalesce(itf.closed, 0) as "itemsClosed"
    from agencies a
    left join task_figures tf on tf.agency_id = a.id
    left join item_figures itf on itf.agency_id = a.id
    where tf.agency_id is not null or itf.agency_id is not null
    order by coalesce(tf.overdue, 0) + coalesce(itf.overdue, 0) desc, a.name`);
  return {
    tasksByState: Object.fromEntries(byState.map((row) => [row.state, row.n])),
    tasksBySignal: signals!,
    itemsByState: Object.fromEntries(items.map((row) => [row.state, row.n])),
    itemsOverdue: items.reduce((sum, row) => sum + row.overdue, 0),
    agencies,
  };
}

export interface AuditReportItem {
  id: number;
  title: string;
  reportNumber: string | null;
  auditedAgencyName: string;
  effectiveOn: string;
  published: boolean;
  items: number;
  closed: number;
  overdue: number;
}

/** Audit reports with their items' progress: an audited unit sees the reports with an item of its own. */
export async function findAuditReports(db: Queryable, agencyId: number | null, today: string): Promise<AuditReportItem[]> {
  const mine = agencyId === null ? sql`true` : sql`(r.audited_agency_id = ${agencyId} or exists (select 1 from supervision_audit_items j where j.report_id = r.id and j.agency_id = ${agencyId}))`;
  return db.query<AuditReportItem>(sql`
    select r.id::int as id, r.title, r.report_number as "reportNumber", a.name as "auditedAgencyName", r.effective_on::text as "effectiveOn",
      r.published_at is not null as published,
      (select count(*)::int from supervision_audit_items i where i.report_id = r.id) as items,
      (select count(*)::int from supervision_audit_items i where i.report_id = r.id and i.state = 'closed') as closed,
      (select count(*)::int from supervision_audit_items i join clocks c on c.subject_type = 'audit_item' and c.subject_id = i.id and c.purpose = 'rectification'
        where i.report_id = r.id and i.state <> 'closed' and c.due_on < ${today}::date) as overdue
    from supervision_audit_reports r join agencies a on a.id = r.audited_agency_id
    where ${mine}
    order by r.effective_on desc, r.id desc
    limit 200`);
}

/** Published audit reports with each problem and whether it is rectified (000 L233: 整改结果予以公开), newest first. */
export async function findPublishedAuditReports(db: Queryable): Promise<PublishedAuditReport[]> {
  const reports = await db.query<Omit<PublishedAuditReport, 'items'>>(sql`
    select r.id::int as id, r.title, r.report_number as "reportNumber", a.name as "auditedAgencyName", r.effective_on::text as "effectiveOn"
    from supervision_audit_reports r join agencies a on a.id = r.audited_agency_id
    where r.published_at is not null order by r.published_at desc, r.id desc limit 100`);
  if (reports.length === 0) return [];
  const items = await db.query<{ reportId: number; seq: number; problem: string; measure: string; state: AuditItemState; closedOn: string | null }>(sql`
    select report_id::int as "reportId", seq, problem, measure, state, closed_on::text as "closedOn"
    from supervision_audit_items where report_id = any(${reports.map((r) => r.id)}::bigint[]) order by report_id, seq`);
  return reports.map((report) => ({ ...report, items: items.filter((item) => item.reportId === report.id).map(({ reportId: _r, state, ...rest }) => ({ ...rest, state })) }));
}

export interface DocumentHeading {
  id: number;
  title: string;
  docNumber: string | null;
  tasks: number;
}

export async function readDocumentHeading(db: Queryable, id: number): Promise<DocumentHeading | null> {
  const [row] = await db.query<DocumentHeading>(sql`
    select d.id::int as id, d.display_title as title, d.doc_number as "docNumber", (select count(*)::int from document_tasks k where k.document_id = d.id) as tasks
    from documents d where d.id = ${id}`);
  return row ?? null;
}

/** The library's document with this number (文号); the one with the most tasks when a number is printed twice. */
export async function findDocumentByNumber(db: Queryable, docNumber: string): Promise<DocumentHeading | null> {
  const [row] = await db.query<DocumentHeading>(sql`
    select d.id::int as id, d.display_title as title, d.doc_number as "docNumber", (select count(*)::int from document_tasks k where k.document_id = d.id) as tasks
    from documents d where d.doc_number = ${docNumber} order by 4 desc, d.id limit 1`);
  return row ?? null;
}

/** Documents of the library that carry tasks, for the supervisor to pick from. */
export async function findDocumentsWithTasks(db: Queryable): Promise<DocumentHeading[]> {
  return db.query<DocumentHeading>(sql`
    select d.id::int as id, d.display_title as title, d.doc_number as "docNumber", count(k.id)::int as tasks
    from documents d join document_tasks k on k.document_id = d.id
    group by d.id order by d.signed_on desc nulls last, d.id limit 500`);
}
