import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { ParsedFile } from '../gazette/index.ts';
import { documentRecordColumns, type SourceFileRow } from './documents.repository.ts';
import { indexVersion } from './documents.rules.ts';

/**
 * SQL for the bulk load: the rows of a whole batch of new files (hundreds of
 * files, thousands of documents) in one statement per table, joined to their
 * ids by key, so that a batch costs a fixed number of round trips however
 * many files it holds and however large the store has grown.
 */

/** Of these hashes, those a committed ingest already stored (the files a re-run skips), with their document counts. */
export async function findStoredHashes(db: Queryable, hashes: string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const rows = await db.query<{ sha256: string; document_count: number }>(sql`
    select distinct on (sha256) sha256, document_count from source_files
    where sha256 = any(${hashes}::text[]) and index_version = ${indexVersion}`);
  return new Map(rows.map((row) => [row.sha256, row.document_count]));
}

/** Of these source keys and document keys, those already in the store (their files update rather than insert). */
export async function findKnownKeys(db: Queryable, sourceKeys: string[], docKeys: string[]): Promise<{ sourceKeys: Set<string>; docKeys: Set<string> }> {
  const sources = await db.query<{ key: string }>(sql`select source_key as key from source_files where source_key = any(${sourceKeys}::text[])`);
  const documents = await db.query<{ key: string }>(sql`select doc_key as key from documents where doc_key = any(${docKeys}::text[])`);
  return { sourceKeys: new Set(sources.map((row) => row.key)), docKeys: new Set(documents.map((row) => row.key)) };
}

export type NewSourceFile = SourceFileRow & { sourceKey: string; gazette: ParsedFile['gazette'] };

/** Source files none of which is stored yet, and their gazette issues; returns the ids by source key. */
export async function insertSourceFiles(tx: Queryable, files: NewSourceFile[]): Promise<Map<string, { sourceFileId: number; gazetteIssueId: number | null }>> {
  const rows = files.map((file) => ({
    source_key: file.sourceKey, file_name: file.fileName, path: file.path, source_url: file.sourceUrl, sha256: file.sha256,
    size_bytes: file.sizeBytes, encoding: file.encoding, kind: file.kind, document_count: file.documentCount, warnings: file.warnings,
  }));
  const sources = await tx.query<{ id: number; source_key: string }>(sql`
    insert into source_files (source_key, file_name, path, source_url, sha256, size_bytes, encoding, kind, document_count, warnings, index_version)
    select source_key, file_name, path, source_url, sha256, size_bytes, encoding, kind, document_count, coalesce(warnings, '[]'), ${indexVersion}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(source_key text, file_name text, path text, source_url text, sha256 text,
      size_bytes bigint, encoding text, kind text, document_count integer, warnings jsonb)
    returning id, source_key`);
  const ids = new Map(sources.map((row) => [row.source_key, { sourceFileId: row.id, gazetteIssueId: null as number | null }]));
  const issues = files.flatMap((file) => {
    const g = file.gazette;
    return g
      ? [{ source_file_id: ids.get(file.sourceKey)!.sourceFileId, title: g.title, issue: g.issue, year: g.year, issue_number: g.issueNumber, issue_total: g.issueTotal, doc_number: g.docNumber, published_on: g.published, toc: g.toc }]
      : [];
  });
  if (issues.length > 0) {
    const written = await tx.query<{ id: number; source_file_id: number }>(sql`
      insert into gazette_issues (source_file_id, title, issue, year, issue_number, issue_total, doc_number, published_on, toc)
      select source_file_id, title, issue, year, issue_number, issue_total, doc_number, published_on, coalesce(toc, '[]')
      from jsonb_to_recordset(${JSON.stringify(issues)}::jsonb) as r(source_file_id bigint, title text, issue text, year integer,
        issue_number integer, issue_total integer, doc_number text, published_on date, toc jsonb)
      returning id, source_file_id`);
    const bySource = new Map(written.map((row) => [row.source_file_id, row.id]));
    for (const entry of ids.values()) entry.gazetteIssueId = bySource.get(entry.sourceFileId) ?? null;
  }
  return ids;
}

/**
 * The documents of a batch (`payload`: one JSON array of document records,
 * `owners`: each document key's source file and gazette issue) with their
 * search entries, in two statements; returns the new ids.
 */
export async function insertBatchDocuments(
  tx: Queryable,
  payload: string,
  owners: { doc_key: string; source_file_id: number; gazette_issue_id: number | null }[],
): Promise<number[]> {
  if (owners.length === 0) return [];
  const rows = await tx.query<{ id: number }>(sql`
    with o as (
      select * from json_to_recordset(${JSON.stringify(owners)}::json) as o(doc_key text, source_file_id bigint, gazette_issue_id bigint)
    ),
    r as materialized (
      select r.*, o.source_file_id, o.gazette_issue_id
      from json_to_recordset(${payload}::json) as r(${documentRecordColumns}) join o on o.doc_key = r.doc_key
    ),
    written as (
      insert into documents (doc_key, source_file_id, gazette_issue_id, seq, title, display_title, doc_number,
        doc_number_printed, doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section,
        addressees, meeting, attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text,
        annexes, line_start, line_end, content_hash)
      select doc_key, source_file_id, gazette_issue_id, seq, title, display_title, doc_number, doc_number_printed,
        doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section, addressees, meeting,
        attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text, annexes, line_start,
        line_end, content_hash
      from r
      returning id, doc_key
    ),
    entries as (
      insert into search_entries (document_id, signed_on, issuer, doc_type, normative, gazette_issue_id,
        doc_number_prefix, doc_number_year, doc_number_serial, search_vector, title_vector, effective_from, effective_to)
      select w.id, r.signed_on, r.issuer, r.doc_type, r.normative, r.gazette_issue_id,
        r.doc_number_prefix, r.doc_number_year, r.doc_number_serial, r.search_vector, r.title_vector, r.effective_from, r.effective_to
      from written w join r on r.doc_key = w.doc_key
    )
    select id from written`);
  return rows.map((row) => row.id);
}

/** Relations, appointments and task tags of a batch's new documents (every row of the payloads is theirs). */
export async function insertBatchChildren(tx: Queryable, payload: { relations: string; appointments: string; tasks: string }): Promise<void> {
  await tx.query(sql`
    insert into document_relations (document_id, kind, target_doc_number, target_title, effective_to)
    select d.id, r.kind, r.target_doc_number, r.target_title, r.effective_to
    from json_to_recordset(${payload.relations}::json)
      as r(doc_key text, kind text, target_doc_number text, target_title text, effective_to date)
    join documents d on d.doc_key = r.doc_key`);
  await tx.query(sql`
    insert into appointments (document_id, seq, person, post, action, notes, secondment_from, secondment_to)
    select d.id, r.seq, r.person, r.post, r.action, r.notes, r.secondment_from, r.secondment_to
    from json_to_recordset(${payload.appointments}::json)
      as r(doc_key text, seq integer, person text, post text, action text, notes jsonb, secondment_from text, secondment_to text)
    join documents d on d.doc_key = r.doc_key`);
  await tx.query(sql`
    insert into document_tasks (document_id, seq, anchor, text, lead_units, responsible_units, due)
    select d.id, r.seq, r.anchor, r.text,
      array(select json_array_elements_text(r.lead_units)), array(select json_array_elements_text(r.responsible_units)), r.due
    from json_to_recordset(${payload.tasks}::json)
      as r(doc_key text, seq integer, anchor text, text text, lead_units json, responsible_units json, due text)
    join documents d on d.doc_key = r.doc_key`);
}

/** Words for the segmenter, each with the first file it came from. */
export async function addSearchTermsOf(tx: Queryable, terms: string[], sources: string[]): Promise<void> {
  if (terms.length === 0) return;
  await tx.query(sql`
    insert into search_terms (term, source)
    select distinct on (term) term, source from unnest(${terms}::text[], ${sources}::text[]) with ordinality as t(term, source, n)
    order by term, n
    on conflict (term) do nothing`);
}

/**
 * Points relations at the documents they name, for a whole batch in two
 * statements (by 文号, then by title for references without one), in both
 * directions: from the batch's documents to anything in the library, and
 * from anything waiting to the batch's documents. Where several documents
 * match, the earliest written is taken, as the per-file ingest does when the
 * documents arrive one file at a time.
 */
export async function resolveBatchRelations(tx: Queryable, documentIds: number[]): Promise<void> {
  if (documentIds.length === 0) return;
  await tx.query(sql`
    with candidates as (
      select r.id as relation_id, d.id as target_id
      from document_relations r join documents d on d.doc_number = r.target_doc_number and d.id <> r.document_id
      where r.document_id = any(${documentIds}::bigint[]) and r.target_document_id is null and r.kind <> 'issues'
      union all
      select r.id, d.id
      from documents d join document_relations r on r.target_doc_number = d.doc_number and d.id <> r.document_id
      where d.id = any(${documentIds}::bigint[]) and r.target_document_id is null and r.kind <> 'issues'
    )
    update document_relations r set target_document_id = c.target_id
    from (select relation_id, min(target_id) as target_id from candidates group by relation_id) c
    where r.id = c.relation_id`);
  await tx.query(sql`
    with candidates as (
      select r.id as relation_id, d.id as target_id
      from document_relations r join documents d on d.attachment_title = r.target_title and d.id <> r.document_id
      where r.document_id = any(${documentIds}::bigint[]) and r.target_document_id is null and r.target_doc_number is null
        and r.kind <> 'issues'
      union all
      select r.id, d.id
      from documents d join document_relations r on r.target_title = d.attachment_title and d.id <> r.document_id
      where d.id = any(${documentIds}::bigint[]) and r.target_document_id is null and r.target_doc_number is null
        and r.kind <> 'issues'
    )
    update document_relations r set target_document_id = c.target_id
    from (select relation_id, min(target_id) as target_id from candidates group by relation_id) c
    where r.id = c.relation_id`);
}
