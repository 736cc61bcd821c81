import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { Block } from '../gazette/index.ts';
import type { DocumentListItem, StoreStats } from './documents.types.ts';

/** Reads for listings and reports. */

interface ListRow {
  id: number;
  display_title: string;
  doc_number: string | null;
  issuer: string | null;
  signed_on: string | null;
  doc_type: string | null;
  effective_from: string | null;
  effective_to: string | null;
  normative: boolean;
  source: string;
}

const toItem = (row: ListRow): DocumentListItem => ({
  id: row.id,
  title: row.display_title,
  docNumber: row.doc_number,
  issuer: row.issuer,
  date: row.signed_on,
  type: row.doc_type,
  effectiveFrom: row.effective_from,
  effectiveTo: row.effective_to,
  normative: row.normative,
  source: row.source,
});

export async function listDocuments(db: Queryable, page: { limit: number; offset: number }): Promise<{ total: number; items: DocumentListItem[] }> {
  const [count] = await db.query<{ n: number }>(sql`select count(*)::int as n from documents`);
  const rows = await db.query<ListRow>(sql`
    select d.id, d.display_title, d.doc_number, d.issuer, d.signed_on, d.doc_type, d.effective_from, d.effective_to,
           d.normative, coalesce(g.title || ' ' || g.issue, s.file_name) as source
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    order by d.signed_on desc nulls last, d.id
    limit ${page.limit} offset ${page.offset}`);
  return { total: count?.n ?? 0, items: rows.map(toItem) };
}

export interface DocumentDetail extends DocumentListItem {
  addressees: string | null;
  attachment: string | null;
  validityBasis: string | null;
  blocks: Block[];
  relations: { kind: string; docNumber: string | null; title: string | null; targetId: number | null; targetTitle: string | null }[];
}

export async function getDocument(db: Queryable, id: number): Promise<DocumentDetail | null> {
  const rows = await db.query<ListRow & { addressees: string | null; attachment_title: string | null; validity_basis: string | null; body: Block[] }>(sql`
    select d.id, d.display_title, d.doc_number, d.issuer, d.signed_on, d.doc_type, d.effective_from, d.effective_to,
           d.normative, coalesce(g.title || ' ' || g.issue, s.file_name) as source,
           d.addressees, d.attachment_title, d.validity_basis, d.body
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    where d.id = ${id}`);
  const row = rows[0];
  if (!row) return null;
  const relations = await db.query<{ kind: string; target_doc_number: string | null; target_title: string | null; target_document_id: number | null; resolved_title: string | null }>(sql`
    select r.kind, r.target_doc_number, r.target_title, r.target_document_id, t.display_title as resolved_title
    from document_relations r left join documents t on t.id = r.target_document_id
    where r.document_id = ${id} order by r.id`);
  return {
    ...toItem(row),
    addressees: row.addressees,
    attachment: row.attachment_title,
    validityBasis: row.validity_basis,
    blocks: row.body,
    relations: relations.map((r) => ({ kind: r.kind, docNumber: r.target_doc_number, title: r.target_title, targetId: r.target_document_id, targetTitle: r.resolved_title })),
  };
}

export async function storeStats(db: Queryable): Promise<StoreStats> {
  const [totals] = await db.query<Record<string, number>>(sql`
    select (select count(*)::int from source_files) as files,
           (select count(*)::int from gazette_issues) as gazette_issues,
           (select count(*)::int from documents) as documents,
           (select count(*)::int from documents where doc_number is not null) as with_number,
           (select count(*)::int from documents where normative) as normative,
           (select count(*)::int from document_relations) as relations,
           (select count(*)::int from document_relations where target_document_id is not null) as relations_resolved,
           (select count(*)::int from appointments) as appointments,
           (select count(*)::int from document_tasks) as tasks`);
  const byType = await db.query<{ doc_type: string | null; n: number }>(sql`
    select doc_type, count(*)::int as n from documents group by doc_type order by n desc, doc_type`);
  const [run] = await db.query<{ started_at: Date; finished_at: Date | null; files_total: number; files_failed: number }>(sql`
    select started_at, finished_at, files_total, files_failed from ingest_runs order by id desc limit 1`);
  return {
    files: totals!.files!,
    gazetteIssues: totals!.gazette_issues!,
    documents: totals!.documents!,
    withNumber: totals!.with_number!,
    normative: totals!.normative!,
    relations: totals!.relations!,
    relationsResolved: totals!.relations_resolved!,
    appointments: totals!.appointments!,
    tasks: totals!.tasks!,
    byType: byType.map((row) => ({ type: row.doc_type, count: row.n })),
    lastRun: run
      ? { startedAt: run.started_at.toISOString(), finishedAt: run.finished_at?.toISOString() ?? null, files: run.files_total, failed: run.files_failed }
      : null,
  };
}
