import type { Queryable } from '../../core/db/database.ts';
import { planOnce, sql } from '../../core/db/sql.ts';
import type { DocumentPanel } from '../../core/module.ts';
import type { TaskState } from './supervision.types.ts';

/** One task as the public sees it: who, by when, where it stands; no progress text, notice or reason. */
export interface PublishedTaskResult {
  seq: number | null;
  text: string;
  lead: string[];
  responsible: string[];
  dueOn: string;
  state: TaskState;
  closedOn: string | null;
  /** Still open after its due date. */
  overdue: boolean;
}

export interface PublishedDocumentResults {
  documentId: number;
  title: string;
  docNumber: string | null;
  publishedOn: string;
  tasks: PublishedTaskResult[];
}

const namesOf = (role: 'lead' | 'responsible') => sql`
  coalesce((select array_agg(a.name order by a.name) from supervision_task_agencies x join agencies a on a.id = x.agency_id
    where x.task_id = t.id and x.role = ${role}), '{}')`;

/** The documents whose supervision results are published, newest first (or one of them), each with its tasks as they stand. */
export async function findPublishedResults(db: Queryable, today: string, documentId: number | null = null): Promise<PublishedDocumentResults[]> {
  return db.query<PublishedDocumentResults>(sql`
    select d.id::int as "documentId", d.display_title as title, d.doc_number as "docNumber",
      to_char(p.published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "publishedOn",
      coalesce((
        select json_agg(json_build_object(
          'seq', t.document_seq, 'text', t.text, 'lead', ${namesOf('lead')}, 'responsible', ${namesOf('responsible')},
          'dueOn', t.due_on::text, 'state', t.state, 'closedOn', t.closed_on::text,
          'overdue', t.state in ('in_progress', 'awaiting_acceptance') and t.due_on < ${today}::date
        ) order by t.document_seq nulls last, t.id)
        from supervision_tasks t where t.document_id = d.id), '[]') as tasks
    from supervision_published_documents p join documents d on d.id = p.document_id
    where ${documentId}::bigint is null or p.document_id = ${documentId}
    order by p.published_at desc, d.id`);
}

/** When a document's results were published, or null. */
export async function readPublication(db: Queryable, documentId: number): Promise<{ publishedOn: string } | null> {
  const [row] = await db.query<{ publishedOn: string }>(sql`
    select to_char(published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "publishedOn" from supervision_published_documents where document_id = ${documentId}`);
  return row ?? null;
}

/** How many of the document's tasks are in the ledger. */
export async function ledgerTaskCount(db: Queryable, documentId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from supervision_tasks where document_id = ${documentId}`);
  return row!.n;
}

export async function insertPublication(tx: Queryable, documentId: number, by: string): Promise<boolean> {
  const rows = await tx.query(sql`insert into supervision_published_documents (document_id, published_by) values (${documentId}, ${by}) on conflict do nothing returning document_id`);
  return rows.length > 0;
}

export async function deletePublication(tx: Queryable, documentId: number): Promise<boolean> {
  const rows = await tx.query(sql`delete from supervision_published_documents where document_id = ${documentId} returning document_id`);
  return rows.length > 0;
}

/** On a document's public page, once its supervision results are published: how far its tasks have come. */
export async function supervisionPanel(db: Queryable, documentId: number): Promise<DocumentPanel | null> {
  const [row] = await db.query<{ total: number; done: number }>(
    planOnce(sql`
      select count(*)::int as total, count(*) filter (where t.state in ('completed', 'completed_late'))::int as done
      from supervision_tasks t
      where t.document_id = ${documentId} and exists (select 1 from supervision_published_documents p where p.document_id = ${documentId})`),
  );
  if (!row || row.total === 0) return null;
  return { heading: '督查落实情况', links: [{ href: `/supervision-results/${documentId}`, label: '查看本文件任务的落实情况', note: `共 ${row.total} 项,已完成 ${row.done} 项` }] };
}
