import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { AuditItemInput, AuditReportInput } from './supervision.actions.ts';
import type { AuditItemRow, EvidenceFile, AuditItemState, AuditReportRow, SupervisionEvent, TaskAgency, TaskRole, TaskRow, TaskState } from './supervision.types.ts';

const taskColumns = sql`
  t.id::int as id, t.document_id::int as "documentId", d.display_title as "documentTitle", d.doc_number as "documentNumber", t.anchor, t.text,
  t.assigned_on::text as "assignedOn", t.due_on::text as "dueOn", t.state, t.progress, t.last_report_on::text as "lastReportOn", t.notices,
  t.closed_on::text as "closedOn", t.close_reason as "closeReason", t.unresolved,
  coalesce((select json_agg(json_build_object('id', x.agency_id::int, 'name', a.name, 'role', x.role) order by x.role, a.name)
    from supervision_task_agencies x join agencies a on a.id = x.agency_id where x.task_id = t.id), '[]'::json) as agencies`;

export interface NewTask {
  documentId: number | null;
  documentSeq: number | null;
  anchor: string | null;
  text: string;
  assignedOn: string;
  dueOn: string;
  unresolved: string[];
  agencies: { id: number; role: TaskRole }[];
}

/** Inserts a task with its agencies; null when the document's task is in the ledger already. */
export async function insertTask(tx: Queryable, task: NewTask): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into supervision_tasks (document_id, document_seq, anchor, text, assigned_on, due_on, state, unresolved)
    values (${task.documentId}, ${task.documentSeq}, ${task.anchor}, ${task.text}, ${task.assignedOn}, ${task.dueOn}, 'in_progress', ${task.unresolved}::text[])
    on conflict (document_id, document_seq) do nothing
    returning id::int as id`);
  if (!row) return null;
  for (const agency of task.agencies) {
    await tx.query(sql`insert into supervision_task_agencies (task_id, agency_id, role) values (${row.id}, ${agency.id}, ${agency.role}) on conflict do nothing`);
  }
  return row.id;
}

export async function readTask(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<TaskRow | null> {
  if (options.lock) await db.query(sql`select id from supervision_tasks where id = ${id} for update`);
  const [row] = await db.query<TaskRow>(sql`select ${taskColumns} from supervision_tasks t left join documents d on d.id = t.document_id where t.id = ${id}`);
  return row ? { ...row, agencies: row.agencies as TaskAgency[] } : null;
}

export interface TaskChanges {
  state?: TaskState;
  progress?: number;
  lastReportOn?: string;
  notices?: number;
  closedOn?: string;
  closeReason?: string;
}

export async function updateTask(tx: Queryable, id: number, changes: TaskChanges): Promise<void> {
  await tx.query(sql`
    update supervision_tasks set
      state = coalesce(${changes.state ?? null}, state),
      progress = coalesce(${changes.progress ?? null}::int, progress),
      last_report_on = coalesce(${changes.lastReportOn ?? null}::date, last_report_on),
      notices = coalesce(${changes.notices ?? null}::int, notices),
      closed_on = coalesce(${changes.closedOn ?? null}::date, closed_on),
      close_reason = coalesce(${changes.closeReason ?? null}, close_reason)
    where id = ${id}`);
}

/** Remembers what agency a name in documents stands for (the latest mapping wins). */
export async function saveAgencyName(tx: Queryable, name: string, agencyId: number, by: string): Promise<void> {
  await tx.query(sql`
    insert into supervision_agency_names (name, agency_id, mapped_by) values (${name}, ${agencyId}, ${by})
    on conflict (name) do update set agency_id = excluded.agency_id, mapped_by = excluded.mapped_by, mapped_at = now()`);
}

/** The agency each name stands for: the register's names and aliases first, then the remembered mappings. */
export async function resolveAgencyNames(db: Queryable, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ name: string; id: number }>(sql`
    select n.name, coalesce(a.id, x.agency_id, m.agency_id)::int as id
    from unnest(${names}::text[]) as n(name)
    left join agencies a on a.name = n.name
    left join agency_aliases x on x.alias = n.name
    left join supervision_agency_names m on m.name = n.name
    where coalesce(a.id, x.agency_id, m.agency_id) is not null`);
  return new Map(rows.map((row) => [row.name, row.id]));
}

export async function importedSeqs(db: Queryable, documentId: number): Promise<Set<number>> {
  const rows = await db.query<{ seq: number }>(sql`select document_seq as seq from supervision_tasks where document_id = ${documentId} and document_seq is not null`);
  return new Set(rows.map((row) => row.seq));
}

export async function documentTaskRows(db: Queryable, documentId: number): Promise<{ seq: number; anchor: string | null; text: string; lead: string[]; responsible: string[]; due: string | null }[]> {
  return db.query(sql`
    select seq, anchor, text, lead_units as lead, responsible_units as responsible, due
    from document_tasks where document_id = ${documentId} order by seq`);
}

export async function insertEvent(tx: Queryable, subjectType: 'supervision_task' | 'audit_item', subjectId: number, event: SupervisionEvent): Promise<void> {
  await tx.query(sql`
    insert into supervision_events (subject_type, subject_id, on_date, actor, action, from_state, to_state, agency_id, note, details)
    values (${subjectType}, ${subjectId}, ${event.onDate}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.agencyId}, ${event.note}, ${JSON.stringify(event.details)}::jsonb)`);
}

export async function readEvents(db: Queryable, subjectType: 'supervision_task' | 'audit_item', subjectId: number): Promise<SupervisionEvent[]> {
  return db.query<SupervisionEvent>(sql`
    select e.on_date::text as "onDate", e.actor, e.action, e.from_state as "fromState", e.to_state as "toState", e.agency_id::int as "agencyId", a.name as "agencyName",
      e.note, e.details, e.at::text as at
    from supervision_events e left join agencies a on a.id = e.agency_id
    where e.subject_type = ${subjectType} and e.subject_id = ${subjectId} order by e.id`);
}

export async function insertAuditReport(tx: Queryable, input: AuditReportInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into supervision_audit_reports (title, report_number, audited_agency_id, effective_on, kind, notice_served_on, audit_starts_on)
    values (${input.title}, ${input.reportNumber ?? null}, ${input.auditedAgencyId}, ${input.effectiveOn}, ${input.kind ?? 'regular'},
      ${input.noticeServedOn ?? null}::date, ${input.auditStartsOn ?? null}::date) returning id::int as id`);
  return row!.id;
}

export async function readAuditReport(db: Queryable, id: number): Promise<AuditReportRow | null> {
  const [row] = await db.query<AuditReportRow>(sql`
    select r.id::int as id, r.title, r.report_number as "reportNumber", r.kind, r.audited_agency_id::int as "auditedAgencyId", a.name as "auditedAgencyName",
      r.effective_on::text as "effectiveOn", r.notice_served_on::text as "noticeServedOn", r.audit_starts_on::text as "auditStartsOn",
      r.draft_sent_on::text as "draftSentOn", c.due_on::text as "draftDueOn", r.draft_comment as "draftComment", r.draft_commented_on::text as "draftCommentedOn",
      r.published_at::text as "publishedAt"
    from supervision_audit_reports r join agencies a on a.id = r.audited_agency_id
    left join clocks c on c.subject_type = 'audit_report' and c.subject_id = r.id and c.purpose = 'draft_comment'
    where r.id = ${id}`);
  return row ?? null;
}

export async function recordDraft(tx: Queryable, id: number, change: { sentOn: string } | { comment: string; commentedOn: string }): Promise<void> {
  if ('sentOn' in change) await tx.query(sql`update supervision_audit_reports set draft_sent_on = ${change.sentOn} where id = ${id}`);
  else await tx.query(sql`update supervision_audit_reports set draft_comment = ${change.comment}, draft_commented_on = ${change.commentedOn} where id = ${id}`);
}

export async function markReportPublished(tx: Queryable, id: number): Promise<void> {
  await tx.query(sql`update supervision_audit_reports set published_at = now() where id = ${id}`);
}

export async function insertAuditItem(tx: Queryable, reportId: number, input: AuditItemInput & { agencyId: number }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into supervision_audit_items (report_id, seq, problem, responsibility, measure, agency_id, state)
    values (${reportId}, (select coalesce(max(seq), 0) + 1 from supervision_audit_items where report_id = ${reportId}),
      ${input.problem}, ${input.responsibility}, ${input.measure}, ${input.agencyId}, 'open')
    returning id::int as id`);
  return row!.id;
}

const itemColumns = sql`
  i.id::int as id, i.report_id::int as "reportId", i.seq, i.problem, i.responsibility, i.measure, i.agency_id::int as "agencyId", a.name as "agencyName",
  i.state, i.result, i.evidence, i.plan_reason as "planReason", i.plan, i.plan_due_on::text as "planDueOn", i.reported_on::text as "reportedOn",
  i.closed_on::text as "closedOn", c.due_on::text as "dueOn"`;
const itemsWithDue = sql`
  supervision_audit_items i
  join agencies a on a.id = i.agency_id
  left join clocks c on c.subject_type = 'audit_item' and c.subject_id = i.id and c.purpose = 'rectification'`;

export async function readAuditItem(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<AuditItemRow | null> {
  const [row] = await db.query<AuditItemRow>(sql`select ${itemColumns} from ${itemsWithDue} where i.id = ${id}${options.lock ? sql` for update of i` : sql``}`);
  return row ?? null;
}

export async function readAuditItems(db: Queryable, reportId: number): Promise<AuditItemRow[]> {
  return db.query<AuditItemRow>(sql`select ${itemColumns} from ${itemsWithDue} where i.report_id = ${reportId} order by i.seq`);
}

export interface AuditItemChanges {
  state?: AuditItemState;
  result?: string;
  evidence?: string;
  planReason?: string;
  plan?: string;
  planDueOn?: string;
  reportedOn?: string;
  closedOn?: string;
}

export async function updateAuditItem(tx: Queryable, id: number, changes: AuditItemChanges): Promise<void> {
  await tx.query(sql`
    update supervision_audit_items set
      state = coalesce(${changes.state ?? null}, state),
      result = coalesce(${changes.result ?? null}, result),
      evidence = coalesce(${changes.evidence ?? null}, evidence),
      plan_reason = coalesce(${changes.planReason ?? null}, plan_reason),
      plan = coalesce(${changes.plan ?? null}, plan),
      plan_due_on = coalesce(${changes.planDueOn ?? null}::date, plan_due_on),
      reported_on = coalesce(${changes.reportedOn ?? null}::date, reported_on),
      closed_on = coalesce(${changes.closedOn ?? null}::date, closed_on)
    where id = ${id}`);
}

/** Tasks and audit items by id as the audit log names them. */
export async function taskNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, left(text, 30) as name from supervision_tasks where id::text = any(${ids}::text[])`);
}
export async function auditReportNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, title as name from supervision_audit_reports where id::text = any(${ids}::text[])`);
}
export async function auditItemNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`
    select i.id::text as id, r.title || ' 第' || i.seq || '项' as name
    from supervision_audit_items i join supervision_audit_reports r on r.id = i.report_id where i.id::text = any(${ids}::text[])`);
}

export type EvidenceSubject = 'supervision_task' | 'audit_item';

export async function insertEvidence(tx: Queryable, subjectType: EvidenceSubject, subjectId: number, file: { name: string; sha256: string; mediaType: string; size: number; agencyId: number | null; addedBy: string }): Promise<number> {
  const [row] = await tx.query<{ position: number }>(sql`
    insert into supervision_evidence (subject_type, subject_id, position, name, sha256, media_type, size, agency_id, added_by)
    values (${subjectType}, ${subjectId}, (select coalesce(max(position), 0) + 1 from supervision_evidence where subject_type = ${subjectType} and subject_id = ${subjectId}),
      ${file.name}, ${file.sha256}, ${file.mediaType}, ${file.size}, ${file.agencyId}, ${file.addedBy})
    returning position::int as position`);
  return row!.position;
}

export async function readEvidenceList(db: Queryable, subjectType: EvidenceSubject, subjectId: number): Promise<EvidenceFile[]> {
  return db.query<EvidenceFile>(sql`
    select e.position::int as position, e.name, e.media_type as "mediaType", e.size::int as size, a.name as "agencyName", e.added_at::text as "addedAt"
    from supervision_evidence e left join agencies a on a.id = e.agency_id
    where e.subject_type = ${subjectType} and e.subject_id = ${subjectId} order by e.position`);
}

export async function readEvidence(db: Queryable, subjectType: EvidenceSubject, subjectId: number, position: number): Promise<{ name: string; mediaType: string; sha256: string } | null> {
  const [row] = await db.query<{ name: string; mediaType: string; sha256: string }>(sql`
    select name, media_type as "mediaType", sha256 from supervision_evidence
    where subject_type = ${subjectType} and subject_id = ${subjectId} and position = ${position}`);
  return row ?? null;
}
