import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { Submission } from './disclosure.input.ts';
import type { Channel, RequestState } from './disclosure.types.ts';

/** The request as staff of its agency see it, without the applicant (see readApplicant). */
export interface RequestRow {
  id: number;
  trackingCode: string;
  agencyId: number;
  agencyName: string;
  state: RequestState;
  channel: Channel;
  submittedOn: string;
  receivedOn: string;
  registeredLate: boolean;
  applicantType: string;
  description: string;
  deliveryForm: string;
  deliveryWay: string;
  dueOn: string | null;
  replyCategory: string | null;
  replyReason: string | null;
  replyBasis: string | null;
  repliedOn: string | null;
  deliveredOn: string | null;
  closedOn: string | null;
  feeAmount: number | null;
  correctionDueOn: string | null;
  extended: boolean;
}

const requestColumns = sql`
  r.id, r.tracking_code as "trackingCode", r.agency_id as "agencyId", a.name as "agencyName", r.state, r.channel,
  r.submitted_on as "submittedOn", r.received_on as "receivedOn", r.registered_late as "registeredLate",
  r.applicant_type as "applicantType", r.description, r.delivery_form as "deliveryForm", r.delivery_way as "deliveryWay",
  c.due_on as "dueOn", r.reply_category as "replyCategory", r.reply_reason as "replyReason", r.reply_basis as "replyBasis",
  r.replied_on as "repliedOn", r.delivered_on as "deliveredOn", r.closed_on as "closedOn", r.fee_amount as "feeAmount",
  r.correction_due_on as "correctionDueOn", r.extended`;

/** Requests with their agency and their reply clock's due date (the clock keeps it; see clocks.due_on). */
const requestsWithDue = sql`disclosure_requests r join agencies a on a.id = r.agency_id
  left join clocks c on c.subject_type = 'disclosure_request' and c.subject_id = r.id and c.purpose = 'reply'`;

export interface NewRequest {
  trackingCode: string;
  submission: Submission;
  applicantKey: string;
  channel: Channel;
  submittedOn: string;
  receivedOn: string;
  registeredLate: boolean;
  createdBy: string;
}

export async function insertRequest(tx: Queryable, request: NewRequest): Promise<number> {
  const { submission } = request;
  const [row] = await tx.query<{ id: number }>(sql`
    insert into disclosure_requests (tracking_code, agency_id, state, channel, submitted_on, received_on, registered_late,
      applicant_type, description, delivery_form, delivery_way, created_by)
    values (${request.trackingCode}, ${submission.agencyId}, 'received', ${request.channel}, ${request.submittedOn}, ${request.receivedOn},
      ${request.registeredLate}, ${submission.applicant.type}, ${submission.description}, ${submission.deliveryForm}, ${submission.deliveryWay}, ${request.createdBy})
    returning id`);
  const a = submission.applicant;
  await tx.query(sql`
    insert into disclosure_applicants (request_id, name, id_type, id_number, organisation_code, legal_representative, contact_person, phone, email, address, applicant_key, notify_by_email)
    values (${row!.id}, ${a.name}, ${a.idType ?? null}, ${a.idNumber ?? null}, ${a.organisationCode ?? null}, ${a.legalRepresentative ?? null},
      ${a.contactPerson ?? null}, ${a.phone ?? null}, ${a.email ?? null}, ${a.address ?? null}, ${request.applicantKey}, ${submission.notifyByEmail ?? false})`);
  return row!.id;
}

export async function lockRequest(tx: Queryable, id: number): Promise<RequestRow | null> {
  const [row] = await tx.query<RequestRow>(sql`
    select ${requestColumns} from ${requestsWithDue} where r.id = ${id} for update of r`);
  return row ?? null;
}

export async function readRequest(db: Queryable, id: number): Promise<RequestRow | null> {
  const [row] = await db.query<RequestRow>(sql`select ${requestColumns} from ${requestsWithDue} where r.id = ${id}`);
  return row ?? null;
}

export async function findRequestIdByCode(db: Queryable, trackingCode: string): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(sql`select id from disclosure_requests where tracking_code = ${trackingCode}`);
  return row?.id ?? null;
}

/** Updates the columns a step changed; the state always. */
export type RequestChanges = Partial<Pick<RequestRow, 'state' | 'replyCategory' | 'replyReason' | 'replyBasis' | 'repliedOn' | 'deliveredOn' | 'closedOn' | 'feeAmount' | 'correctionDueOn' | 'extended'>>;

/** Writes a step's changes over the row as it was locked (see lockRequest) in the same transaction. */
export async function updateRequest(tx: Queryable, locked: RequestRow, changes: RequestChanges): Promise<void> {
  const next = { ...locked, ...changes };
  await tx.query(sql`
    update disclosure_requests set state = ${next.state}, reply_category = ${next.replyCategory}, reply_reason = ${next.replyReason},
      reply_basis = ${next.replyBasis}, replied_on = ${next.repliedOn}, delivered_on = ${next.deliveredOn}, closed_on = ${next.closedOn},
      fee_amount = ${next.feeAmount}, correction_due_on = ${next.correctionDueOn}, extended = ${next.extended}
    where id = ${locked.id}`);
}

export interface RequestEvent {
  onDate: string;
  actor: string;
  action: string;
  fromState: RequestState | null;
  toState: RequestState;
  publicNote: string | null;
  details: Record<string, unknown>;
}

export async function insertEvent(tx: Queryable, requestId: number, event: RequestEvent): Promise<void> {
  await tx.query(sql`
    insert into disclosure_events (request_id, on_date, actor, action, from_state, to_state, public_note, details)
    values (${requestId}, ${event.onDate}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.publicNote}, ${JSON.stringify(event.details)}::jsonb)`);
}

export async function readEvents(db: Queryable, requestId: number): Promise<(RequestEvent & { at: string })[]> {
  return db.query(sql`
    select on_date as "onDate", actor, action, from_state as "fromState", to_state as "toState", public_note as "publicNote", details,
      to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at
    from disclosure_events where request_id = ${requestId} order by id`);
}

/** Requests by one applicant received in the same calendar month, up to and including this one (the per-item fee). */
export async function countApplicantRequestsInMonth(db: Queryable, requestId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`
    select count(*)::int as n
    from disclosure_requests r join disclosure_applicants p on p.request_id = r.id,
      (select r0.received_on, r0.id, p0.applicant_key from disclosure_requests r0 join disclosure_applicants p0 on p0.request_id = r0.id where r0.id = ${requestId}) me
    where p.applicant_key = me.applicant_key
      and date_trunc('month', r.received_on) = date_trunc('month', me.received_on)
      and (r.received_on, r.id) <= (me.received_on, me.id)`);
  return row!.n;
}

export async function insertConsultation(tx: Queryable, requestId: number, c: { kind: string; party: string; sentOn: string; dueOn: string }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into disclosure_consultations (request_id, kind, party, sent_on, due_on) values (${requestId}, ${c.kind}, ${c.party}, ${c.sentOn}, ${c.dueOn}) returning id`);
  return row!.id;
}

export interface ConsultationRow {
  id: number;
  kind: 'third_party' | 'co_producer';
  party: string;
  sentOn: string;
  dueOn: string;
  answeredOn: string | null;
  answer: string | null;
}

export async function readConsultations(db: Queryable, requestId: number): Promise<ConsultationRow[]> {
  return db.query<ConsultationRow>(sql`
    select id, kind, party, sent_on as "sentOn", due_on as "dueOn", answered_on as "answeredOn", answer
    from disclosure_consultations where request_id = ${requestId} order by id`);
}

export async function answerConsultation(tx: Queryable, id: number, answeredOn: string, answer: string): Promise<void> {
  await tx.query(sql`update disclosure_consultations set answered_on = ${answeredOn}, answer = ${answer} where id = ${id}`);
}

export async function insertReview(tx: Queryable, requestId: number, review: { kind: string; outcome: string; decidedOn: string | null; note: string | null }): Promise<void> {
  await tx.query(sql`
    insert into disclosure_reviews (request_id, kind, outcome, decided_on, note) values (${requestId}, ${review.kind}, ${review.outcome}, ${review.decidedOn}, ${review.note})`);
}


export interface Applicant {
  name: string;
  idType: string | null;
  idNumber: string | null;
  organisationCode: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** The applicant's identity and contact: for the handling agency's staff only, and every read is audited by the caller. */
export async function readApplicant(db: Queryable, requestId: number): Promise<Applicant | null> {
  const [row] = await db.query<Applicant>(sql`
    select name, id_type as "idType", id_number as "idNumber", organisation_code as "organisationCode", legal_representative as "legalRepresentative",
      contact_person as "contactPerson", phone, email, address
    from disclosure_applicants where request_id = ${requestId}`);
  return row ?? null;
}

export async function readEvent(db: Queryable, requestId: number, eventId: number): Promise<(RequestEvent & { id: number }) | null> {
  const [row] = await db.query<RequestEvent & { id: number }>(sql`
    select id, on_date as "onDate", actor, action, from_state as "fromState", to_state as "toState", public_note as "publicNote", details
    from disclosure_events where request_id = ${requestId} and id = ${eventId}`);
  return row ?? null;
}

export async function readEventIds(db: Queryable, requestId: number): Promise<{ id: number; action: string; onDate: string }[]> {
  return db.query(sql`select id, action, on_date as "onDate" from disclosure_events where request_id = ${requestId} order by id`);
}

/** The applicant's other requests, to any agency, newest first. */
/** The same applicant's other requests to the same agency (never another agency's: that is their business). */
export async function otherRequestsOfApplicant(db: Queryable, requestId: number): Promise<{ id: number; trackingCode: string; agencyName: string; receivedOn: string; state: RequestState }[]> {
  return db.query(sql`
    select r.id, r.tracking_code as "trackingCode", a.name as "agencyName", r.received_on as "receivedOn", r.state
    from disclosure_applicants me
    join disclosure_applicants p on p.applicant_key = me.applicant_key and p.request_id <> me.request_id
    join disclosure_requests mine on mine.id = me.request_id
    join disclosure_requests r on r.id = p.request_id and r.agency_id = mine.agency_id
    join agencies a on a.id = r.agency_id
    where me.request_id = ${requestId}
    order by r.received_on desc, r.id desc limit 100`);
}

/** Where progress mail goes: the applicant's address, only if they asked to be told by e-mail. */
export async function readProgressMailAddress(db: Queryable, requestId: number): Promise<string | null> {
  const [row] = await db.query<{ email: string }>(sql`
    select email from disclosure_applicants where request_id = ${requestId} and notify_by_email and email is not null`);
  return row?.email ?? null;
}

/** Requests by id as the audit log names them: their tracking codes. */
export async function trackingCodesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, tracking_code as name from disclosure_requests where id::text = any(${ids}::text[])`);
}
