import type { Queryable } from '../../core/db/database.ts';
import { runningClocksDue } from '../../core/clock/index.ts';
import type { DueWork } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';
import type { Publication } from './publication.types.ts';

const columns = sql`id, agency_id as "agencyId", state, title, doc_number as "docNumber", signed_on as "signedOn", addressees,
  body_text as "bodyText", normative, policy, attribute, not_public_reason as "notPublicReason", interpretation_text as "interpretationText",
  returned_reasons as "returnedReasons", version, document_ids as "documentIds", invalid_kind as "invalidKind", invalid_on as "invalidOn",
  invalid_marked_on as "invalidMarkedOn", reviewed_on as "reviewedOn", review_note as "reviewNote",
  subject, effective_on as "effectiveOn", expires_on as "expiresOn",
  (select coalesce(json_agg(json_build_object('position', a.position, 'name', a.name, 'size', f.size_bytes, 'mediaType', f.media_type) order by a.position), '[]'::json)
   from publication_annexes a join stored_files f on f.sha256 = a.sha256 where a.publication_id = publications.id) as annexes`;

export type DraftFields = Pick<Publication, 'title' | 'docNumber' | 'signedOn' | 'addressees' | 'bodyText' | 'normative' | 'policy' | 'attribute' | 'notPublicReason' | 'interpretationText' | 'subject' | 'effectiveOn' | 'expiresOn'>;

export async function insertPublication(tx: Queryable, agencyId: number, fields: DraftFields, by: string): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into publications (agency_id, state, title, doc_number, signed_on, addressees, body_text, normative, policy, attribute, not_public_reason, interpretation_text,
      subject, effective_on, expires_on, created_by)
    values (${agencyId}, 'draft', ${fields.title}, ${fields.docNumber}, ${fields.signedOn}, ${fields.addressees}, ${fields.bodyText}, ${fields.normative}, ${fields.policy},
      ${fields.attribute}, ${fields.notPublicReason}, ${fields.interpretationText}, ${fields.subject}, ${fields.effectiveOn}::date, ${fields.expiresOn}::date, ${by})
    returning id`);
  return row!.id;
}

export async function updateDraft(tx: Queryable, id: number, fields: DraftFields): Promise<void> {
  await tx.query(sql`
    update publications set title = ${fields.title}, doc_number = ${fields.docNumber}, signed_on = ${fields.signedOn}, addressees = ${fields.addressees},
      body_text = ${fields.bodyText}, normative = ${fields.normative}, policy = ${fields.policy}, attribute = ${fields.attribute},
      not_public_reason = ${fields.notPublicReason}, interpretation_text = ${fields.interpretationText},
      subject = ${fields.subject}, effective_on = ${fields.effectiveOn}::date, expires_on = ${fields.expiresOn}::date
    where id = ${id}`);
}

export async function readPublication(db: Queryable, id: number, lock = false): Promise<Publication | null> {
  const [row] = await db.query<Publication>(sql`select ${columns} from publications where id = ${id} ${lock ? sql`for update` : sql``}`);
  return row ?? null;
}

export async function listPublications(db: Queryable, agencyId: number | null): Promise<Publication[]> {
  return db.query<Publication>(sql`select ${columns} from publications ${agencyId === null ? sql`` : sql`where agency_id = ${agencyId}`} order by id desc limit 500`);
}

export async function setState(tx: Queryable, id: number, change: { state: Publication['state']; returnedReasons?: string[]; version?: number; documentIds?: number[] }): Promise<void> {
  await tx.query(sql`
    update publications set state = ${change.state},
      returned_reasons = coalesce(${change.returnedReasons ? JSON.stringify(change.returnedReasons) : null}::jsonb, returned_reasons),
      version = coalesce(${change.version ?? null}::int, version),
      document_ids = coalesce(${change.documentIds ?? null}::bigint[], document_ids)
    where id = ${id}`);
}

export async function insertVersion(tx: Queryable, id: number, version: { version: number; title: string; bodyText: string; reason: string; publishedOn: string; by: string }): Promise<void> {
  await tx.query(sql`
    insert into publication_versions (publication_id, version, title, body_text, reason, published_on, published_by)
    values (${id}, ${version.version}, ${version.title}, ${version.bodyText}, ${version.reason}, ${version.publishedOn}, ${version.by})`);
}

export interface VersionRow {
  version: number;
  title: string;
  reason: string;
  publishedOn: string;
}

/** The versions of the publication a library document came from: the history its public page shows. */
export async function versionsOfDocument(db: Queryable, documentId: number): Promise<VersionRow[]> {
  return db.query<VersionRow>(sql`
    select v.version, v.title, v.reason, v.published_on as "publishedOn"
    from publications p join publication_versions v on v.publication_id = p.id
    where p.document_ids @> array[${documentId}]::bigint[] order by v.version`);
}

export async function setInvalid(tx: Queryable, id: number, mark: { kind: 'repealed' | 'expired'; on: string; markedOn: string }): Promise<void> {
  await tx.query(sql`update publications set invalid_kind = ${mark.kind}, invalid_on = ${mark.on}, invalid_marked_on = ${mark.markedOn} where id = ${id}`);
}

export async function setReviewed(tx: Queryable, id: number, on: string, note: string): Promise<void> {
  await tx.query(sql`update publications set reviewed_on = ${on}, review_note = ${note} where id = ${id}`);
}

export async function setAttribute(tx: Queryable, id: number, attribute: Publication['attribute']): Promise<void> {
  await tx.query(sql`update publications set attribute = ${attribute}, not_public_reason = null where id = ${id}`);
}

/** Waits for any other transaction publishing the same number (both engines have advisory locks). */
export async function lockNumber(tx: Queryable, docNumber: string): Promise<void> {
  await tx.query(sql`select pg_advisory_xact_lock(hashtext(${`doc_number:${docNumber}`}))`);
}

/** A library document that carries this number and did not come from the given file. */
export async function holderOfNumber(db: Queryable, docNumber: string, exceptSourceKey: string): Promise<{ documentId: number; title: string; issuer: string | null; agency: string | null } | null> {
  const [row] = await db.query<{ documentId: number; title: string; issuer: string | null; agency: string | null }>(sql`
    select d.id as "documentId", d.display_title as title, d.issuer,
      (select a.name from publications p join agencies a on a.id = p.agency_id where s.source_key = 'file:publication-' || p.id) as agency
    from documents d join source_files s on s.id = d.source_file_id
    where d.doc_number = ${docNumber} and s.source_key <> ${exceptSourceKey}
    order by d.id limit 1`);
  return row ?? null;
}

/** The annexes in the order given, renumbered from 1 (positions are the 附件 numbers the public sees). */
export async function replaceAnnexes(tx: Queryable, id: number, annexes: { name: string; sha256: string }[]): Promise<void> {
  await tx.query(sql`delete from publication_annexes where publication_id = ${id}`);
  if (annexes.length === 0) return;
  await tx.query(sql`
    insert into publication_annexes (publication_id, position, name, sha256)
    select ${id}, a.position, a.name, a.sha256 from unnest(${annexes.map((a) => a.name)}::text[], ${annexes.map((a) => a.sha256)}::text[]) with ordinality as a(name, sha256, position)`);
}

export async function annexHashes(tx: Queryable, id: number): Promise<{ name: string; sha256: string }[]> {
  return tx.query<{ name: string; sha256: string }>(sql`select name, sha256 from publication_annexes where publication_id = ${id} order by position`);
}

/** Publications by id as the audit log names them: their titles. */
export async function publicationTitlesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, title as name from publications where id::text = any(${ids}::text[])`);
}

/** For the reminders: publications to publish, or to mark repealed, within their 20 working days; the queue page is where staff act. */
export const publicationsFallingDue: DueWork = {
  label: '主动公开文件',
  purposes: { publish: '公开', mark_invalid: '废止失效标注' },
  due: (db, query) =>
    db.query(sql`
      select p.id::int as id, c.purpose, c.due_on::text as "dueOn", array[p.agency_id::int] as "agencyIds", left(p.title, 40) as name, '/publications' as link
      from ${runningClocksDue('publication', query)} c join publications p on p.id = c.subject_id
      where ${query.agencyId}::bigint is null or p.agency_id = ${query.agencyId}
      order by c.due_on, p.id limit ${query.limit}`),
};
