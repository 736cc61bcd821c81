import type { Queryable } from '../../core/db/database.ts';
import { planOnce, sql } from '../../core/db/sql.ts';
import type { CommentInput, ConsultationInput } from './consultation.actions.ts';
import type { Adoption, CommentRow, CommentState, ConsultationRow } from './consultation.types.ts';

const consultationColumns = sql`
  c.id::int as id, c.agency_id::int as "agencyId", a.name as "agencyName", c.title, c.draft_text as "draftText", c.draft_version as "draftVersion",
  c.draft_document_id::int as "draftDocumentId", dd.display_title as "draftDocumentTitle", c.explanation, c.how_to_comment as "howToComment",
  c.opens_on::text as "opensOn", c.closes_on::text as "closesOn", c.short_window_reason as "shortWindowReason", c.decision_document_id::int as "decisionDocumentId",
  de.display_title as "decisionDocumentTitle", c.decision_issued_on::text as "decisionIssuedOn",
  case when c.report_published_on is null then null else json_build_object('summary', c.report_summary, 'adopted', c.report_adopted,
    'notAdopted', c.report_not_adopted, 'publishedOn', c.report_published_on::text) end as report,
  k.due_on::text as "reportDueOn"`;
const consultationsJoined = sql`
  participation_consultations c
  join agencies a on a.id = c.agency_id
  left join documents dd on dd.id = c.draft_document_id
  left join documents de on de.id = c.decision_document_id
  left join clocks k on k.subject_type = 'participation_consultation' and k.subject_id = c.id and k.purpose = 'feedback'`;

export async function insertConsultation(tx: Queryable, agencyId: number, input: ConsultationInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into participation_consultations (agency_id, title, draft_text, draft_document_id, explanation, how_to_comment, opens_on, closes_on, short_window_reason)
    values (${agencyId}, ${input.title}, ${input.draftText ?? null}, ${input.draftDocumentId ?? null}, ${input.explanation}, ${input.howToComment}, ${input.opensOn}, ${input.closesOn},
      ${input.shortWindowReason ?? null})
    returning id::int as id`);
  return row!.id;
}

export async function readConsultation(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<ConsultationRow | null> {
  const [row] = await db.query<ConsultationRow>(planOnce(sql`select ${consultationColumns} from ${consultationsJoined} where c.id = ${id}${options.lock ? sql` for update of c` : sql``}`));
  return row ?? null;
}

export async function recordDecision(tx: Queryable, id: number, documentId: number, issuedOn: string): Promise<void> {
  await tx.query(sql`update participation_consultations set decision_document_id = ${documentId}, decision_issued_on = ${issuedOn} where id = ${id}`);
}

export async function recordReport(tx: Queryable, id: number, report: { summary: string; adopted: string; notAdopted: string }, on: string): Promise<void> {
  await tx.query(sql`
    update participation_consultations set report_summary = ${report.summary}, report_adopted = ${report.adopted},
      report_not_adopted = ${report.notAdopted}, report_published_on = ${on}
    where id = ${id}`);
}

export async function insertComment(tx: Queryable, consultationId: number, input: CommentInput, receivedOn: string): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    planOnce(sql`
      insert into participation_comments (consultation_id, article, body, sender_name, sender_contact, state, received_on, draft_version)
      values (${consultationId}, ${input.article ?? null}, ${input.body}, ${input.name}, ${input.contact}, 'pending', ${receivedOn},
        (select draft_version from participation_consultations where id = ${consultationId}))
      returning id::int as id`),
  );
  return row!.id;
}

const commentColumns = sql`
  id::int as id, article, body, sender_name as "senderName", sender_contact as "senderContact", state, adoption,
  adoption_reason as "adoptionReason", theme, received_on::text as "receivedOn"`;

export async function readComment(db: Queryable, consultationId: number, commentId: number, options: { lock?: boolean } = {}): Promise<CommentRow | null> {
  const [row] = await db.query<CommentRow>(sql`
    select ${commentColumns} from participation_comments where id = ${commentId} and consultation_id = ${consultationId}${options.lock ? sql` for update` : sql``}`);
  return row ?? null;
}

export async function readComments(db: Queryable, consultationId: number): Promise<CommentRow[]> {
  return db.query<CommentRow>(sql`select ${commentColumns} from participation_comments where consultation_id = ${consultationId} order by id`);
}

export interface CommentChanges {
  state?: CommentState;
  publishedBody?: string;
  adoption?: { adoption: Adoption; reason: string | null; theme: string | null };
}

export async function updateComment(tx: Queryable, id: number, changes: CommentChanges): Promise<void> {
  await tx.query(sql`
    update participation_comments set
      state = coalesce(${changes.state ?? null}, state),
      published_body = coalesce(${changes.publishedBody ?? null}, published_body),
      adoption = coalesce(${changes.adoption?.adoption ?? null}, adoption),
      adoption_reason = case when ${changes.adoption ? 1 : 0} = 1 then ${changes.adoption?.reason ?? null}::text else adoption_reason end,
      theme = case when ${changes.adoption ? 1 : 0} = 1 then ${changes.adoption?.theme ?? null}::text else theme end
    where id = ${id}`);
}

/** Consultations by id as the audit log names them: their titles. */
export async function consultationTitlesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, title as name from participation_consultations where id::text = any(${ids}::text[])`);
}

/** The first version of a new consultation's draft, as opened. */
export async function insertFirstDraft(tx: Queryable, id: number, draftText: string | null, opensOn: string): Promise<void> {
  await tx.query(sql`insert into participation_draft_versions (consultation_id, version, draft_text, reason, revised_on) values (${id}, 1, ${draftText}, '首次公开', ${opensOn})`);
}

/** A new version of the draft (the consultation row is locked by the caller); returns its number. */
export async function reviseDraft(tx: Queryable, id: number, draftText: string, reason: string, on: string): Promise<number> {
  const [row] = await tx.query<{ version: number }>(sql`
    update participation_consultations set draft_text = ${draftText}, draft_version = draft_version + 1 where id = ${id} returning draft_version as version`);
  await tx.query(sql`insert into participation_draft_versions (consultation_id, version, draft_text, reason, revised_on) values (${id}, ${row!.version}, ${draftText}, ${reason}, ${on})`);
  return row!.version;
}

export interface DraftVersion {
  version: number;
  draftText: string | null;
  reason: string;
  revisedOn: string;
}

export async function draftVersions(db: Queryable, id: number): Promise<DraftVersion[]> {
  return db.query<DraftVersion>(sql`
    select version, draft_text as "draftText", reason, revised_on::text as "revisedOn" from participation_draft_versions where consultation_id = ${id} order by version`);
}
