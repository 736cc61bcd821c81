import type { Queryable } from '../../core/db/database.ts';
import { sql, type SqlFragment } from '../../core/db/sql.ts';
import type { ParsedFile } from '../gazette/index.ts';
import { indexVersion } from './documents.rules.ts';

/** SQL for writes. Rows cross as JSON so that a file's documents go in a few statements, on both engines. */

export interface SourceFileRow {
  path: string;
  /** The page's address, for a file fetched from a portal. */
  sourceUrl: string | null;
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
    sql`select id, document_count from source_files where sha256 = ${hash} and index_version = ${indexVersion} limit 1`,
  );
  return rows[0] ? { id: rows[0].id, documentCount: rows[0].document_count } : null;
}

export async function upsertSourceFile(db: Queryable, sourceKey: string, row: SourceFileRow): Promise<number> {
  const rows = await db.query<{ id: number }>(sql`
    insert into source_files (source_key, file_name, path, source_url, sha256, size_bytes, encoding, kind, document_count, warnings, index_version)
    values (${sourceKey}, ${row.fileName}, ${row.path}, ${row.sourceUrl}, ${row.sha256}, ${row.sizeBytes}, ${row.encoding}, ${row.kind},
            ${row.documentCount}, ${JSON.stringify(row.warnings)}::jsonb, ${indexVersion})
    on conflict (source_key) do update set
      file_name = excluded.file_name, path = excluded.path, source_url = excluded.source_url, sha256 = excluded.sha256,
      size_bytes = excluded.size_bytes, encoding = excluded.encoding, kind = excluded.kind,
      document_count = excluded.document_count, warnings = excluded.warnings, index_version = excluded.index_version,
      last_ingested_at = now()
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
  sourceKey: string;
}

export async function findExistingDocuments(db: Queryable, keys: string[], sourceFileId: number): Promise<ExistingDocument[]> {
  const rows = await db.query<{ id: number; doc_key: string; content_hash: string; source_file_id: number; source_key: string }>(sql`
    select d.id, d.doc_key, d.content_hash, d.source_file_id, s.source_key from documents d join source_files s on s.id = d.source_file_id
    where d.doc_key = any(${keys}::text[]) or d.source_file_id = ${sourceFileId}`);
  return rows.map((row) => ({ id: row.id, docKey: row.doc_key, contentHash: row.content_hash, sourceFileId: row.source_file_id, sourceKey: row.source_key }));
}

/** Keeps the texts about to be replaced by another source's, as open conflicts; returns them. */
export async function recordConflicts(db: Queryable, documentIds: number[], laterSourceKey: string): Promise<{ id: number; documentId: number; docNumber: string | null; title: string; earlierSourceKey: string }[]> {
  if (documentIds.length === 0) return [];
  return db.query(sql`
    insert into document_conflicts (document_id, doc_number, earlier_source_key, earlier_title, earlier_issuer, earlier_body_text, later_source_key)
    select d.id, d.doc_number, s.source_key, d.display_title, d.issuer, d.body_text, ${laterSourceKey}
    from documents d join source_files s on s.id = d.source_file_id
    where d.id = any(${documentIds}::bigint[])
    returning id, document_id as "documentId", doc_number as "docNumber", earlier_title as title, earlier_source_key as "earlierSourceKey"`);
}

/** The columns of a document record in a payload (documents.prepare.ts), for json_to_recordset. */
export const documentRecordColumns = sql`
  doc_key text, seq integer, title text, display_title text, doc_number text, doc_number_printed text,
  doc_number_prefix text, doc_number_year integer, doc_number_serial integer, issuer text, signed_on date,
  doc_type text, section text, addressees text, meeting jsonb, attachment_title text, effective_from date,
  effective_to date, validity_basis text, normative boolean, body jsonb, body_text text, annexes jsonb,
  line_start integer, line_end integer, content_hash text, search_vector tsvector, title_vector tsvector`;

/** The search entry of each listed document, from the same payload row (search reads these, not documents). */
function searchEntriesFrom(rows: SqlFragment, gazetteIssueId: number | null): SqlFragment {
  return sql`
    insert into search_entries (document_id, signed_on, issuer, doc_type, normative, gazette_issue_id,
      doc_number_prefix, doc_number_year, doc_number_serial, search_vector, title_vector, effective_from, effective_to)
    select w.id, r.signed_on, r.issuer, r.doc_type, r.normative, ${gazetteIssueId}::bigint,
      r.doc_number_prefix, r.doc_number_year, r.doc_number_serial, r.search_vector, r.title_vector, r.effective_from, r.effective_to
    from ${rows} w join r on r.doc_key = w.doc_key
    on conflict (document_id) do update set
      signed_on = excluded.signed_on, issuer = excluded.issuer, doc_type = excluded.doc_type,
      normative = excluded.normative, gazette_issue_id = excluded.gazette_issue_id,
      doc_number_prefix = excluded.doc_number_prefix, doc_number_year = excluded.doc_number_year,
      doc_number_serial = excluded.doc_number_serial, search_vector = excluded.search_vector,
      title_vector = excluded.title_vector, effective_from = excluded.effective_from, effective_to = excluded.effective_to`;
}

/** Inserts the documents of `payload` whose keys are listed, with their search entries; returns their ids. */
export async function insertDocuments(
  db: Queryable,
  payload: string,
  keys: string[],
  sourceFileId: number,
  gazetteIssueId: number | null,
): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    with r as materialized (
      select * from json_to_recordset(${payload}::json) as r(${documentRecordColumns}) where r.doc_key = any(${keys}::text[])
    ),
    written as (
      insert into documents (doc_key, source_file_id, gazette_issue_id, seq, title, display_title, doc_number,
        doc_number_printed, doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section,
        addressees, meeting, attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text,
        annexes, line_start, line_end, content_hash)
      select doc_key, ${sourceFileId}, ${gazetteIssueId}::bigint, seq, title, display_title, doc_number, doc_number_printed,
        doc_number_prefix, doc_number_year, doc_number_serial, issuer, signed_on, doc_type, section, addressees, meeting,
        attachment_title, effective_from, effective_to, validity_basis, normative, body, body_text, annexes, line_start,
        line_end, content_hash
      from r
      returning id, doc_key
    ),
    entries as (${searchEntriesFrom(sql`written`, gazetteIssueId)})
    select id from written`);
  return rows.map((row) => row.id);
}

/** Rewrites changed documents in place (their ids stay), renews their search entries, clears their child rows. */
export async function updateDocuments(db: Queryable, payload: string, keys: string[], sourceFileId: number, gazetteIssueId: number | null): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    with r as materialized (
      select * from json_to_recordset(${payload}::json) as r(${documentRecordColumns}) where r.doc_key = any(${keys}::text[])
    ),
    written as (
      update documents d set
        source_file_id = ${sourceFileId}, gazette_issue_id = ${gazetteIssueId}::bigint, seq = r.seq, title = r.title,
        display_title = r.display_title, doc_number = r.doc_number, doc_number_printed = r.doc_number_printed,
        doc_number_prefix = r.doc_number_prefix, doc_number_year = r.doc_number_year, doc_number_serial = r.doc_number_serial,
        issuer = r.issuer, signed_on = r.signed_on, doc_type = r.doc_type, section = r.section, addressees = r.addressees,
        meeting = r.meeting, attachment_title = r.attachment_title, effective_from = r.effective_from,
        effective_to = r.effective_to, validity_basis = r.validity_basis, normative = r.normative, body = r.body,
        body_text = r.body_text, annexes = r.annexes, line_start = r.line_start, line_end = r.line_end,
        content_hash = r.content_hash, updated_at = now()
      from r
      where d.doc_key = r.doc_key
      returning d.id, d.doc_key
    ),
    entries as (${searchEntriesFrom(sql`written`, gazetteIssueId)})
    select id from written`);
  const ids = rows.map((row) => row.id);
  await db.query(sql`delete from document_relations where document_id = any(${ids}::bigint[])`);
  await db.query(sql`delete from appointments where document_id = any(${ids}::bigint[])`);
  await db.query(sql`delete from document_tasks where document_id = any(${ids}::bigint[])`);
  return ids;
}

/** Documents unchanged in content that now sit elsewhere in this file, or came from another file. */
export async function relinkDocuments(db: Queryable, payload: string, keys: string[], sourceFileId: number, gazetteIssueId: number | null): Promise<void> {
  if (keys.length === 0) return;
  await db.query(sql`
    update documents d set source_file_id = ${sourceFileId}, gazette_issue_id = ${gazetteIssueId}::bigint, seq = r.seq
    from json_to_recordset(${payload}::json) as r(doc_key text, seq integer)
    where d.doc_key = r.doc_key and r.doc_key = any(${keys}::text[])
      and (d.source_file_id <> ${sourceFileId} or d.seq <> r.seq or d.gazette_issue_id is distinct from ${gazetteIssueId}::bigint)`);
  await db.query(sql`
    update search_entries e set gazette_issue_id = ${gazetteIssueId}::bigint
    from documents d where d.id = e.document_id and d.doc_key = any(${keys}::text[])
      and e.gazette_issue_id is distinct from ${gazetteIssueId}::bigint`);
}

export async function deleteDocuments(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(sql`delete from documents where id = any(${ids}::bigint[])`);
}

/** Relations, appointments and task tags of the listed documents, joined to their ids by key. */
export async function insertChildren(
  db: Queryable,
  payload: { relations: string; appointments: string; tasks: string },
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return;
  await db.query(sql`
    insert into document_relations (document_id, kind, target_doc_number, target_title, effective_to)
    select d.id, r.kind, r.target_doc_number, r.target_title, r.effective_to
    from json_to_recordset(${payload.relations}::json)
      as r(doc_key text, kind text, target_doc_number text, target_title text, effective_to date)
    join documents d on d.doc_key = r.doc_key
    where r.doc_key = any(${keys}::text[])`);
  await db.query(sql`
    insert into appointments (document_id, seq, person, post, action, notes, secondment_from, secondment_to)
    select d.id, r.seq, r.person, r.post, r.action, r.notes, r.secondment_from, r.secondment_to
    from json_to_recordset(${payload.appointments}::json)
      as r(doc_key text, seq integer, person text, post text, action text, notes jsonb, secondment_from text, secondment_to text)
    join documents d on d.doc_key = r.doc_key
    where r.doc_key = any(${keys}::text[])`);
  await db.query(sql`
    insert into document_tasks (document_id, seq, anchor, text, lead_units, responsible_units, due)
    select d.id, r.seq, r.anchor, r.text,
      array(select json_array_elements_text(r.lead_units)), array(select json_array_elements_text(r.responsible_units)), r.due
    from json_to_recordset(${payload.tasks}::json)
      as r(doc_key text, seq integer, anchor text, text text, lead_units json, responsible_units json, due text)
    join documents d on d.doc_key = r.doc_key
    where r.doc_key = any(${keys}::text[])`);
}

/**
 * Points relations at the documents they name, in both directions: from the
 * documents just written to anything in the library, and from anything that
 * was waiting for one of them. A reference to a document not yet ingested
 * stays unresolved until that document arrives. Four statements, each driven
 * by an index from the few documents just written, so resolving costs the
 * same however large the library grows.
 */
export async function resolveRelations(db: Queryable, documentIds: number[]): Promise<void> {
  if (documentIds.length === 0) return;
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where r.document_id = any(${documentIds}::bigint[]) and r.target_document_id is null and r.kind <> 'issues'
      and d.doc_number = r.target_doc_number and d.id <> r.document_id`);
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where d.id = any(${documentIds}::bigint[]) and r.target_doc_number = d.doc_number
      and r.target_document_id is null and r.kind <> 'issues' and d.id <> r.document_id`);
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where r.document_id = any(${documentIds}::bigint[]) and r.kind <> 'issues' and r.target_document_id is null
      and r.target_doc_number is null and d.attachment_title = r.target_title and d.id <> r.document_id`);
  await db.query(sql`
    update document_relations r set target_document_id = d.id
    from documents d
    where d.id = any(${documentIds}::bigint[]) and r.kind <> 'issues' and r.target_document_id is null
      and r.target_doc_number is null and r.target_title = d.attachment_title and d.id <> r.document_id`);
}

/** The documents that relations from these documents point at (before those relations are replaced). */
export async function relationTargets(db: Queryable, documentIds: number[]): Promise<number[]> {
  if (documentIds.length === 0) return [];
  const rows = await db.query<{ id: number }>(sql`
    select distinct target_document_id as id from document_relations
    where document_id = any(${documentIds}::bigint[]) and target_document_id is not null`);
  return rows.map((row) => row.id);
}

/**
 * What later documents did to these documents, and to those they point at:
 * repealed (from the day the repealing document takes effect), extended (to
 * the latest date an extension gives), amended. Kept on the document so that
 * its validity on any date is a comparison of dates.
 */
export async function refreshValidity(db: Queryable, documentIds: number[]): Promise<void> {
  if (documentIds.length === 0) return;
  await db.query(sql`
    with affected as (
      select id from documents where id = any(${documentIds}::bigint[])
      union
      select target_document_id from document_relations
      where document_id = any(${documentIds}::bigint[]) and target_document_id is not null
    ),
    repeal as (
      select distinct on (r.target_document_id) r.target_document_id as id, s.id as by_id,
             coalesce(s.effective_from, s.signed_on) as on_date
      from document_relations r join documents s on s.id = r.document_id
      where r.kind = 'repeals' and r.target_document_id in (select id from affected)
      order by r.target_document_id, coalesce(s.effective_from, s.signed_on)
    ),
    extension as (
      select r.target_document_id as id, max(r.effective_to) as to_date
      from document_relations r
      where r.kind = 'extends' and r.target_document_id in (select id from affected)
      group by r.target_document_id
    ),
    amendment as (
      select r.target_document_id as id, min(coalesce(s.effective_from, s.signed_on)) as on_date
      from document_relations r join documents s on s.id = r.document_id
      where r.kind = 'amends' and r.target_document_id in (select id from affected)
      group by r.target_document_id
    ),
    -- A mark by the issuing agency counts like a repealing document (the earlier wins), and an
    -- expiry mark ends the document the day before it (extended_to is the end that validity reads).
    computed as (
      select t.id, repeal.by_id as repealed_by, least(repeal.on_date, t.marked_repealed_on) as repealed_on,
        case when t.marked_expired_on is null then extension.to_date
             else least(coalesce(extension.to_date, t.effective_to), t.marked_expired_on - 1) end as extended_to,
        amendment.on_date as amended_on
      from documents t
      join affected on affected.id = t.id
      left join repeal on repeal.id = affected.id
      left join extension on extension.id = affected.id
      left join amendment on amendment.id = affected.id
    )
    -- Only rows whose dates change are rewritten: most new documents are neither repealed nor extended,
    -- and rewriting a row costs as much as writing it.
    update documents t set repealed_by = c.repealed_by, repealed_on = c.repealed_on, extended_to = c.extended_to, amended_on = c.amended_on
    from computed c
    where t.id = c.id
      and (t.repealed_by, t.repealed_on, t.extended_to, t.amended_on) is distinct from (c.repealed_by, c.repealed_on, c.extended_to, c.amended_on)`);
  // Search filters on validity from its own copy of the dates. The ids as one set (not `a or b`), so that
  // both tables are reached by their keys rather than by a scan of the store filtered with `or`.
  await db.query(sql`
    update search_entries e set repealed_on = d.repealed_on, extended_to = d.extended_to, amended_on = d.amended_on
    from documents d
    where d.id = e.document_id
      and (e.repealed_on, e.extended_to, e.amended_on) is distinct from (d.repealed_on, d.extended_to, d.amended_on)
      and d.id in (
      select unnest(${documentIds}::bigint[])
      union
      select target_document_id from document_relations where document_id = any(${documentIds}::bigint[]) and target_document_id is not null)`);
}

/**
 * Refreshes the planner's statistics. A bulk load outgrows the statistics of
 * the first files faster than autovacuum catches up, and the plans made from
 * them (scans instead of index lookups) slow every later file.
 */
export async function analyzeStore(db: Queryable): Promise<void> {
  await db.execScript('analyze documents; analyze search_entries; analyze document_relations; analyze source_files');
}

/**
 * Moves the entries a bulk load left in the search indexes' pending lists
 * into the indexes proper. A bulk batch lets each GIN index collect up to
 * 64 MB of new entries unsorted (gin_pending_list_limit, see bulk.ingest.ts),
 * which is fast to write but read whole by every search until vacuum merges
 * it: at 1,000,000 documents the 10,000 pages left added 30 to 50 ms to each
 * search statement. Returns the pages merged.
 */
export async function mergePendingIndexEntries(db: Queryable): Promise<number> {
  const [row] = await db.query<{ pages: number }>(sql`
    select coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::int as pages
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
    where i.indrelid = 'search_entries'::regclass and a.amname = 'gin'`);
  return row?.pages ?? 0;
}

export async function loadSearchTerms(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ term: string }>(sql`select term from search_terms order by term`);
  return rows.map((row) => row.term);
}

export async function addSearchTerms(db: Queryable, terms: string[], source: string): Promise<void> {
  if (terms.length === 0) return;
  await db.query(sql`
    insert into search_terms (term, source) select term, ${source} from unnest(${terms}::text[]) as t(term)
    on conflict (term) do nothing`);
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

/** The issuing agency marks a document repealed or expired from a date; validity is recomputed. */
export async function markDocumentInvalid(tx: Queryable, documentId: number, kind: 'repealed' | 'expired', on: string): Promise<void> {
  if (kind === 'repealed') await tx.query(sql`update documents set marked_repealed_on = ${on} where id = ${documentId}`);
  else await tx.query(sql`update documents set marked_expired_on = ${on} where id = ${documentId}`);
  await refreshValidity(tx, [documentId]);
}

/**
 * What the publishing agency declared for its text, over what was read from
 * it: the subject category (all of the publication's documents) and the
 * period of effect (the text itself, not its interpretation). Validity and
 * the search entries follow.
 */
export async function applyDeclaredFields(tx: Queryable, documentIds: number[], declared: { subject: string | null; effectiveFrom: string | null; effectiveTo: string | null }): Promise<void> {
  if (documentIds.length === 0) return;
  await tx.query(sql`update documents set subject = ${declared.subject} where id = any(${documentIds}::bigint[])`);
  const [main] = documentIds;
  if (declared.effectiveFrom === null && declared.effectiveTo === null) return;
  await tx.query(sql`
    update documents set effective_from = coalesce(${declared.effectiveFrom}::date, effective_from), effective_to = coalesce(${declared.effectiveTo}::date, effective_to)
    where id = ${main!}`);
  await tx.query(sql`
    update search_entries e set effective_from = d.effective_from, effective_to = d.effective_to from documents d where d.id = e.document_id and d.id = ${main!}`);
  await refreshValidity(tx, [main!]);
}
