import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { ParsedDocument, ParsedFile } from '../gazette/index.ts';
import { bodyTextOf } from './documents.rules.ts';

/** SQL for writes. Rows cross as JSON so that a file's documents go in a few statements, on both engines. */

export interface SourceFileRow {
  path: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  encoding: string;
  kind: string;
  documentCount: number;
  warnings: unknown[];
}

export async function findSourceBySha(db: Queryable, hash: string): Promise<{ id: number; documentCount: number } | null> {
  const rows = await db.query<{ id: number; document_count: number }>(
    sql`select id, document_count from source_files where sha256 = ${hash} limit 1`,
  );
  return rows[0] ? { id: rows[0].id, documentCount: rows[0].document_count } : null;
}

export async function upsertSourceFile(db: Queryable, sourceKey: string, row: SourceFileRow): Promise<number> {
  const rows = await db.query<{ id: number }>(sql`
    insert into source_files (source_key, file_name, path, sha256, size_bytes, encoding, kind, document_count, warnings)
    values (${sourceKey}, ${row.fileName}, ${row.path}, ${row.sha256}, ${row.sizeBytes}, ${row.encoding}, ${row.kind},
            ${row.documentCount}, ${JSON.stringify(row.warnings)}::jsonb)
    on conflict (source_key) do update set
      file_name = excluded.file_name, path = excluded.path, sha256 = excluded.sha256,
      size_bytes = excluded.size_bytes, encoding = excluded.encoding, kind = excluded.kind,
      document_count = excluded.document_count, warnings = excluded.warnings, last_ingested_at = now()
    returning id`);
  return rows[0]!.id;
}

export async function replaceGazetteIssue(db: Queryable, sourceFileId: number, gazette: ParsedFile['gazette']): Promise<number | null> {
  if (!gazette) {
    await db.query(sql`delete from gazette_issues where source_file_id = ${sourceFileId}`);
    return null;
  }
  const rows = await db.query<{ id: number }>(sql`
    insert into gazette_issues (source_file_id, title, issue, year, issue_number, issue_total, doc_number, published_on, toc)
    values (${sourceFileId}, ${gazette.title}, ${gazette.issue}, ${gazette.year}, ${gazette.issueNumber}, ${gazette.issueTotal},
            ${gazette.docNumber}, ${gazette.published}, ${JSON.stringify(gazette.toc)}::jsonb)
    on conflict (source_file_id) do update set
      title = excluded.title, issue = excluded.issue, year = excluded.year, issue_number = excluded.issue_number,
      issue_total = excluded.issue_total, doc_number = excluded.doc_number, published_on = excluded.published_on,
      toc = excluded.toc
    returning id`);
  return rows[0]!.id;
}

export interface ExistingDocument {
  id: number;
  docKey: string;
  contentHash: string;
  sourceFileId: number;
}

export async function findExistingDocuments(db: Queryable, keys: string[], sourceFileId: number): Promise<ExistingDocument[]> {
  const rows = await db.query<{ id: number; doc_key: string; content_hash: string; source_file_id: number }>(sql`
    select id, doc_key, content_hash, source_file_id from documents
    where doc_key = any(${keys}::text[]) or source_file_id = ${sourceFileId}`);
  return rows.map((row) => ({ id: row.id, docKey: row.doc_key, contentHash: row.content_hash, sourceFileId: row.source_file_id }));
}

export interface DocumentWrite {
  key: string;
  seq: number;
  hash: string;
  document: ParsedDocument;
}

function documentRecord(write: DocumentWrite, sourceFileId: number, gazetteIssueId: number | null) {
  const { document } = write;
  const number = document.docNumber ? /^(.*)〔(\d{4})〕(\d+)号$/.exec(document.docNumber) : null;
  return {
    doc_key: write.key,
    source_file_id: sourceFileId,
    gazette_issue_id: gazetteIssueId,
    seq: write.seq,
    title: document.title,
    display_title: document.displayTitle,
    doc_number: document.docNumber,
    doc_number_printed: document.docNumberPrinted,
    doc_number_prefix: number?.[1] ?? null,
    doc_number_year: number ? Number(number[2]) : null,
    doc_number_serial: number ? Number(number[3]) : null,
    issuer: document.issuer,
    signed_on: document.date,
    doc_type: document.type,
    section: document.section,
    addressees: document.addressees,
    meeting: document.meeting,
    attachment_title: document.attachment,
    effective_from: document.effectiveFrom,
    effective_to: document.effectiveTo,
    validity_basis: document.validityBasis,
    normative: document.normative,
    body: document.blocks,
    body_text: bodyTextOf(document),
    annexes: document.annexes,
    line_start: document.lineStart,
    line_end: document.lineEnd,
    content_hash: write.hash,
  };
}

const recordColumns = sql`
  doc_key text, source_file_id bigint, gazette_issue_id bigint, seq integer, title text, display_title text,
  doc_number text, doc_number_printed text, doc_number_prefix text, doc_number_year integer, doc_number_serial integer,
  issuer text, signed_on date, doc_type text, section text, addressees text, meeting jsonb, attachment_title text,
  effective_from date, effective_to date, validity_basis text, normative boolean, body jsonb, body_text text,
  annexes jsonb, line_start integer, line_end integer, content_hash text`;

export async function insertDocuments(
  db: Queryable,
  writes: DocumentWrite[],
  sourceFileId: number,
  gazetteIssueId: number | null,
): Promise<Map<string, number>> {
  if (writes.length === 0) return new Map();
  const records = writes.map((write) => documentRecord(write, sourceFileId, gazetteIssueId));
  const rows = await db.query<{ id: number; doc_key: string }>(sql`
    insert into documents (doc_key, source_file_id, gazette_issue_id, seq, title, display_title, doc_number,
      doc_number_printed, doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section,
      addressees, meeting, attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text,
      annexes, line_start, line_end, content_hash)
    select doc_key, source_file_id, gazette_issue_id, seq, title, display_title, doc_number, doc_number_printed,
      doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section, addressees, meeting,
      attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text, annexes, line_start,
      line_end, content_hash
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${recordColumns})
    returning id, doc_key`);
  return new Map(rows.map((row) => [row.doc_key, row.id]));
}

export async function updateDocuments(db: Queryable, writes: { id: number; write: DocumentWrite }[], sourceFileId: number, gazetteIssueId: number | null): Promise<void> {
  if (writes.length === 0) return;
  const records = writes.map(({ id, write }) => ({ id, ...documentRecord(write, sourceFileId, gazetteIssueId) }));
  await db.query(sql`
    update documents d set
      source_file_id = r.source_file_id, gazette_issue_id = r.gazette_issue_id, seq = r.seq, title = r.title,
      display_title = r.display_title, doc_number = r.doc_number, doc_number_printed = r.doc_number_printed,
      doc_number_prefix = r.doc_number_prefix, doc_number_year = r.doc_number_year, doc_number_serial = r.doc_number_serial,
      issuer = r.issuer, signed_on = r.signed_on, doc_type = r.doc_type, section = r.section, addressees = r.addressees,
      meeting = r.meeting, attachment_title = r.attachment_title, effective_from = r.effective_from,
      effective_to = r.effective_to, validity_basis = r.validity_basis, normative = r.normative, body = r.body,
      body_text = r.body_text, annexes = r.annexes, line_start = r.line_start, line_end = r.line_end,
      content_hash = r.content_hash, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(id bigint, ${recordColumns})
    where d.id = r.id`);
  await db.query(sql`delete from document_relations where document_id = any(${writes.map((w) => w.id)}::bigint[])`);
  await db.query(sql`delete from appointments where document_id = any(${writes.map((w) => w.id)}::bigint[])`);
  await db.query(sql`delete from document_tasks where document_id = any(${writes.map((w) => w.id)}::bigint[])`);
}

/** Moves documents that are unchanged in content but now belong to this file (seq, gazette issue). */
export async function relinkDocuments(db: Queryable, links: { id: number; seq: number }[], sourceFileId: number, gazetteIssueId: number | null): Promise<void> {
  if (links.length === 0) return;
  await db.query(sql`
    update documents d set source_file_id = ${sourceFileId}, gazette_issue_id = ${gazetteIssueId}, seq = r.seq
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as r(id bigint, seq integer)
    where d.id = r.id and (d.source_file_id is distinct from ${sourceFileId} or d.seq <> r.seq or d.gazette_issue_id is distinct from ${gazetteIssueId})`);
}

export async function deleteDocuments(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(sql`delete from documents where id = any(${ids}::bigint[])`);
}

export async function insertChildren(db: Queryable, written: { id: number; document: ParsedDocument }[]): Promise<void> {
  const relations = written.flatMap(({ id, document }) => [
    ...document.repeals.map((r) => ({ document_id: id, kind: 'repeals', target_doc_number: r.docNumber, target_title: r.title, effective_to: null })),
    ...document.extends.map((r) => ({ document_id: id, kind: 'extends', target_doc_number: r.docNumber, target_title: r.title, effective_to: r.effectiveTo })),
    ...document.cites.map((r) => ({ document_id: id, kind: 'cites', target_doc_number: r.docNumber, target_title: r.title, effective_to: null })),
    ...(document.interprets
      ? [{ document_id: id, kind: 'interprets', target_doc_number: document.interprets.docNumber, target_title: document.interprets.title, effective_to: null }]
      : []),
    ...(document.attachment
      ? [{ document_id: id, kind: 'issues', target_doc_number: null, target_title: document.attachment, effective_to: null }]
      : []),
  ]);
  if (relations.length > 0) {
    await db.query(sql`
      insert into document_relations (document_id, kind, target_doc_number, target_title, effective_to)
      select document_id, kind, target_doc_number, target_title, effective_to
      from jsonb_to_recordset(${JSON.stringify(relations)}::jsonb)
        as r(document_id bigint, kind text, target_doc_number text, target_title text, effective_to date)`);
  }
  const appointments = written.flatMap(({ id, document }) =>
    document.appointments.map((a, seq) => ({
      document_id: id, seq, person: a.person, post: a.post, action: a.action, notes: a.notes,
      secondment_from: a.secondment?.from ?? null, secondment_to: a.secondment?.to ?? null,
    })),
  );
  if (appointments.length > 0) {
    await db.query(sql`
      insert into appointments (document_id, seq, person, post, action, notes, secondment_from, secondment_to)
      select document_id, seq, person, post, action, notes, secondment_from, secondment_to
      from jsonb_to_recordset(${JSON.stringify(appointments)}::jsonb)
        as r(document_id bigint, seq integer, person text, post text, action text, notes jsonb, secondment_from text, secondment_to text)`);
  }
  const tasks = written.flatMap(({ id, document }) =>
    document.tasks.map((t, seq) => ({ document_id: id, seq, anchor: t.anchor, text: t.text, lead_units: t.lead, responsible_units: t.responsible, due: t.due })),
  );
  if (tasks.length > 0) {
    await db.query(sql`
      insert into document_tasks (document_id, seq, anchor, text, lead_units, responsible_units, due)
      select document_id, seq, anchor, text,
        array(select jsonb_array_elements_text(lead_units)), array(select jsonb_array_elements_text(responsible_units)), due
      from jsonb_to_recordset(${JSON.stringify(tasks)}::jsonb)
        as r(document_id bigint, seq integer, anchor text, text text, lead_units jsonb, responsible_units jsonb, due text)`);
  }
}

/**
 * Points relations at the documents they name, in both directions: from the
 * documents just written to anything in the library, and from anything that
 * was waiting for one of them. A reference to a document not yet ingested
 * stays unresolved until that document arrives.
 */
export async function resolveRelations(db: Queryable, documentIds: number[]): Promise<void> {
  if (documentIds.length === 0) return;
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where r.target_document_id is null and r.kind <> 'issues'
      and r.target_doc_number is not null and d.doc_number = r.target_doc_number and d.id <> r.document_id
      and (r.document_id = any(${documentIds}::bigint[]) or d.id = any(${documentIds}::bigint[]))`);
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where r.target_document_id is null and r.kind = 'interprets' and r.target_doc_number is null
      and d.attachment_title = r.target_title and d.id <> r.document_id
      and (r.document_id = any(${documentIds}::bigint[]) or d.id = any(${documentIds}::bigint[]))`);
}

export async function startRun(db: Queryable): Promise<number> {
  const rows = await db.query<{ id: number }>(sql`insert into ingest_runs default values returning id`);
  return rows[0]!.id;
}

export async function finishRun(
  db: Queryable,
  id: number,
  totals: { files: number; failed: number; added: number; updated: number; unchanged: number; removed: number },
): Promise<void> {
  await db.query(sql`
    update ingest_runs set finished_at = now(), files_total = ${totals.files}, files_failed = ${totals.failed},
      documents_added = ${totals.added}, documents_updated = ${totals.updated},
      documents_unchanged = ${totals.unchanged}, documents_removed = ${totals.removed}
    where id = ${id}`);
}
