import type { Queryable } from '../../core/db/database.ts';
import { planOnce, sql } from '../../core/db/sql.ts';
import type { Block } from '../gazette/index.ts';
import type { DocumentListItem, StoreStats } from './documents.types.ts';
import { interpretedIssuerOf, platformAgencyOf, releasedOn, sourceOf, subjectOf } from './catalogue.sql.ts';
import { validityOn, type ValidityStatus } from './validity.sql.ts';
import { documentFiles, type DocumentFiles } from './documents.files.sql.ts';

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
           d.normative, ${sourceOf()} as source
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    order by d.signed_on desc nulls last, d.id
    limit ${page.limit} offset ${page.offset}`);
  return { total: count?.n ?? 0, items: rows.map(toItem) };
}

export interface RelationView {
  kind: string;
  docNumber: string | null;
  title: string | null;
  targetId: number | null;
  targetTitle: string | null;
}

export interface DocumentDetail extends DocumentListItem, DocumentFiles {
  validity: ValidityStatus;
  /** 主题分类: the one chosen when it was published on the platform, else computed from the title (subjectOf). */
  subject: string;
  addressees: string | null;
  attachment: string | null;
  validityBasis: string | null;
  section: string | null;
  meeting: { name: string; date: string | null } | null;
  annexes: string[];
  /** The gazette issue's date, for a document read from a gazette. */
  publishedOn: string | null;
  /** 发布日期: the day the document went public (see releasedOn in catalogue.sql.ts). */
  releasedOn: string | null;
  /** The agency that published the document on this platform; null when it came from elsewhere. */
  platformAgency: string | null;
  /** The name of the file the document was read from (internal: never shown to the public). */
  sourceFile: string;
  /** The portal page the document was harvested from (gongkai harvest); null for a file ingested from disk or published here. */
  sourceUrl: string | null;
  /** 索引号's parts, given once when the document was first written: the issuer and year it was counted under, its serial. */
  indexNumber: { issuer: string; year: number; serial: number } | null;
  extendedTo: string | null;
  repealedOn: string | null;
  repealedBy: { id: number; title: string } | null;
  amendedOn: string | null;
  gazette: { id: number; title: string; issue: string | null } | null;
  blocks: Block[];
  /** What this document says about others. */
  relations: RelationView[];
  /** What other documents say about this one. */
  inbound: { kind: string; id: number; title: string; docNumber: string | null }[];
  appointments: { person: string; post: string; action: 'appoint' | 'remove'; notes: string[] }[];
  tasks: { anchor: string | null; text: string; lead: string[]; responsible: string[]; due: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export async function getDocument(db: Queryable, id: number, on: string): Promise<DocumentDetail | null> {
  // One statement for the document and its lists (a page's round trips were most of its time), the files apart.
  const [rows, files] = await Promise.all([db.query<ListRow & {
    validity: ValidityStatus; addressees: string | null; attachment_title: string | null; validity_basis: string | null; section: string | null;
    meeting: DocumentDetail['meeting']; annexes: string[]; published_on: string | null; released_on: string | null;
    platform_agency: string | null; file_name: string; source_url: string | null; subject: string; index_issuer: string | null; index_year: number | null; index_serial: number | null; extended_to: string | null; repealed_on: string | null;
    repealed_by: number | null; repealer_title: string | null; amended_on: string | null; gazette_issue_id: number | null;
    gazette_title: string | null; gazette_issue: string | null; body: Block[]; created_at: Date; updated_at: Date;
    relations: { kind: string; target_doc_number: string | null; target_title: string | null; target_document_id: number | null; resolved_title: string | null }[];
    inbound: { kind: string; id: number; display_title: string; doc_number: string | null }[];
    appointments: { person: string; post: string; action: 'appoint' | 'remove'; notes: string[] }[];
    tasks: { anchor: string | null; text: string; lead_units: string[]; responsible_units: string[]; due: string | null }[];
  }>(planOnce(sql`
    select d.id, d.display_title, d.doc_number, coalesce(d.issuer, ${interpretedIssuerOf()}) as issuer, d.signed_on, d.doc_type, d.effective_from, d.effective_to,
           d.normative, ${sourceOf()} as source, ${validityOn(on)} as validity, ${subjectOf()} as subject,
           d.addressees, d.attachment_title, d.validity_basis, d.section, d.meeting, d.annexes, g.published_on,
           ${releasedOn()} as released_on, ${platformAgencyOf()} as platform_agency, s.file_name, s.source_url, d.index_issuer, d.index_year, d.index_serial,
           d.extended_to, d.repealed_on, d.repealed_by, rb.display_title as repealer_title, d.amended_on,
           d.gazette_issue_id, g.title as gazette_title, g.issue as gazette_issue, d.body, d.created_at, d.updated_at,
           (select coalesce(json_agg(json_build_object('kind', r.kind, 'target_doc_number', r.target_doc_number, 'target_title', r.target_title,
                     'target_document_id', r.target_document_id, 'resolved_title', t.display_title) order by r.id), '[]')
              from document_relations r left join documents t on t.id = r.target_document_id where r.document_id = d.id) as relations,
           (select coalesce(json_agg(json_build_object('kind', r.kind, 'id', o.id, 'display_title', o.display_title, 'doc_number', o.doc_number)
                     order by o.signed_on desc nulls last, o.id), '[]')
              from document_relations r join documents o on o.id = r.document_id where r.target_document_id = d.id) as inbound,
           (select coalesce(json_agg(json_build_object('person', a.person, 'post', a.post, 'action', a.action, 'notes', a.notes) order by a.seq), '[]')
              from appointments a where a.document_id = d.id) as appointments,
           (select coalesce(json_agg(json_build_object('anchor', k.anchor, 'text', k.text, 'lead_units', k.lead_units, 'responsible_units', k.responsible_units,
                     'due', k.due) order by k.seq), '[]')
              from document_tasks k where k.document_id = d.id) as tasks
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    left join documents rb on rb.id = d.repealed_by
    where d.id = ${id}`)), documentFiles(db, id)]);
  const row = rows[0];
  if (!row) return null;
  const { relations, inbound, appointments, tasks } = row;
  return {
    ...toItem(row),
    validity: row.validity,
    subject: row.subject,
    ...files,
    addressees: row.addressees,
    attachment: row.attachment_title,
    validityBasis: row.validity_basis,
    section: row.section,
    meeting: row.meeting,
    annexes: row.annexes,
    publishedOn: row.published_on,
    releasedOn: row.released_on,
    platformAgency: row.platform_agency,
    sourceFile: row.file_name,
    sourceUrl: row.source_url,
    indexNumber: row.index_serial !== null && row.index_year !== null ? { issuer: row.index_issuer ?? '', year: row.index_year, serial: row.index_serial } : null,
    extendedTo: row.extended_to,
    repealedOn: row.repealed_on,
    repealedBy: row.repealed_by ? { id: row.repealed_by, title: row.repealer_title ?? '' } : null,
    amendedOn: row.amended_on,
    gazette: row.gazette_issue_id ? { id: row.gazette_issue_id, title: row.gazette_title ?? '', issue: row.gazette_issue } : null,
    blocks: row.body,
    relations: relations.map((r) => ({ kind: r.kind, docNumber: r.target_doc_number, title: r.target_title, targetId: r.target_document_id, targetTitle: r.resolved_title })),
    inbound: inbound.map((r) => ({ kind: r.kind, id: r.id, title: r.display_title, docNumber: r.doc_number })),
    appointments,
    tasks: tasks.map((t) => ({ anchor: t.anchor, text: t.text, lead: t.lead_units, responsible: t.responsible_units, due: t.due })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface CountedValue {
  value: string;
  count: number;
}

/** What the home page offers to browse: issuers, subject categories, types and years with their counts. */
export async function browseCounts(db: Queryable): Promise<{ issuers: CountedValue[]; subjects: CountedValue[]; types: CountedValue[]; years: CountedValue[] }> {
  const rows = await db.query<{ facet: string; value: string; n: number }>(sql`
    select 'issuer' as facet, issuer as value, count(*)::int as n from documents where issuer is not null group by issuer
    union all select 'type', doc_type, count(*)::int from documents where doc_type is not null group by doc_type
    union all select 'year', extract(year from signed_on)::int::text, count(*)::int from documents where signed_on is not null group by 2
    union all select 'subject', subject, count(*)::int from (select ${subjectOf(sql`d`)} as subject from documents d) s group by subject`);
  const pick = (facet: string) =>
    rows.filter((row) => row.facet === facet).map((row) => ({ value: row.value, count: row.n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN'));
  return { issuers: pick('issuer'), subjects: pick('subject'), types: pick('type'), years: pick('year').sort((a, b) => b.value.localeCompare(a.value)) };
}

export interface GazetteIssueView {
  id: number;
  title: string;
  issue: string | null;
  year: number | null;
  publishedOn: string | null;
  docNumber: string | null;
  documentCount: number;
}

export async function listGazetteIssues(db: Queryable): Promise<GazetteIssueView[]> {
  const rows = await db.query<{ id: number; title: string; issue: string | null; year: number | null; published_on: string | null; doc_number: string | null; n: number }>(sql`
    select g.id, g.title, g.issue, g.year, g.published_on, g.doc_number, count(d.id)::int as n
    from gazette_issues g left join documents d on d.gazette_issue_id = g.id
    group by g.id order by g.published_on desc nulls last, g.year desc nulls last, g.id desc`);
  return rows.map((r) => ({ id: r.id, title: r.title, issue: r.issue, year: r.year, publishedOn: r.published_on, docNumber: r.doc_number, documentCount: r.n }));
}

export interface GazetteIssueDetail extends GazetteIssueView {
  contents: { section: string | null; title: string; page: number | null; documentId: number | null }[];
  documents: { id: number; title: string; docNumber: string | null; section: string | null }[];
}

export async function getGazetteIssue(db: Queryable, id: number): Promise<GazetteIssueDetail | null> {
  const [issue] = (await listGazetteIssues(db)).filter((g) => g.id === id);
  if (!issue) return null;
  const [tocRow] = await db.query<{ toc: { section: string | null; title: string; page: number | null }[] }>(sql`select toc from gazette_issues where id = ${id}`);
  const documents = await db.query<{ id: number; display_title: string; doc_number: string | null; section: string | null; attachment_title: string | null }>(sql`
    select id, display_title, doc_number, section, attachment_title from documents where gazette_issue_id = ${id} order by seq`);
  const key = (text: string) => text.replace(/[\s、,,《》〈〉“”"()()]/g, '');
  const contents = (tocRow?.toc ?? []).map((entry) => {
    const wanted = key(entry.title);
    const match = documents.find((d) => {
      const candidates = [d.display_title, d.attachment_title ?? ''].map(key).filter((c) => c.length >= 4);
      return candidates.some((c) => c.startsWith(wanted) || wanted.startsWith(c));
    });
    return { ...entry, documentId: match?.id ?? null };
  });
  return {
    ...issue,
    contents,
    documents: documents.map((d) => ({ id: d.id, title: d.display_title, docNumber: d.doc_number, section: d.section })),
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

/** The documents a (non-gazette) source file holds, in order; such a file is known by its name without extension (see sourceKeyOf). */
export async function documentIdsOfFile(db: Queryable, baseName: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`
    select d.id from documents d join source_files f on f.id = d.source_file_id where f.source_key = ${`file:${baseName}`} order by d.seq`);
  return rows.map((row) => row.id);
}

/** Every document's id and last change, for the sitemap (at most the 50,000 a sitemap file may list). */
export async function documentsForSitemap(db: Queryable): Promise<{ id: number; updated_at: Date }[]> {
  return db.query<{ id: number; updated_at: Date }>(sql`select id, updated_at from documents order by id limit 50000`);
}

/**
 * The documents read from a file with these bytes, its own (by source key)
 * first: a page fetched again, or fetched once more from another address,
 * finds the documents it produced.
 */
export async function documentIdsOfContent(db: Queryable, sha256: string, sourceKey: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`
    select d.id from documents d join source_files s on s.id = d.source_file_id
    where s.sha256 = ${sha256} or s.source_key = ${sourceKey}
    order by (s.source_key = ${sourceKey}) desc, d.seq, d.id`);
  return rows.map((row) => Number(row.id));
}
