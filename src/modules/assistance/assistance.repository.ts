import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { MatterInput, RequestInput } from './assistance.actions.ts';
import type { AssistanceForm, AssistanceRequest, Attachment, DisputeStage, Matter, RefusalGround, RequestEvent, RequestState, Satisfaction } from './assistance.types.ts';

const matterColumns = sql`
  m.id::int as id, m.title, m.requesting_agency_id::int as "requestingAgencyId", ra.name as "requestingAgencyName",
  m.requested_agency_id::int as "requestedAgencyId", rd.name as "requestedAgencyName", m.form, m.legal_basis as "legalBasis",
  m.registered_on::text as "registeredOn", m.state, m.cancelled_on::text as "cancelledOn", m.cancel_reason as "cancelReason"`;
const mattersJoined = sql`assistance_matters m join agencies ra on ra.id = m.requesting_agency_id join agencies rd on rd.id = m.requested_agency_id`;

export async function insertMatter(tx: Queryable, input: MatterInput): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into assistance_matters (title, requesting_agency_id, requested_agency_id, form, legal_basis, registered_on)
    values (${input.title}, ${input.requestingAgencyId}, ${input.requestedAgencyId}, ${input.form}, ${input.legalBasis}, ${input.registeredOn})
    returning id::int as id`);
  return row!.id;
}

export async function readMatter(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<Matter | null> {
  const [row] = await db.query<Matter>(sql`select ${matterColumns} from ${mattersJoined} where m.id = ${id}${options.lock ? sql` for update of m` : sql``}`);
  return row ?? null;
}

/** The catalogue: every matter, or those an agency is party to; active ones first. */
export async function listMatters(db: Queryable, agencyId: number | null): Promise<Matter[]> {
  const where = agencyId === null ? sql`true` : sql`(m.requesting_agency_id = ${agencyId} or m.requested_agency_id = ${agencyId})`;
  return db.query<Matter>(sql`select ${matterColumns} from ${mattersJoined} where ${where} order by m.state, m.id limit 1000`);
}

export async function adjustMatter(tx: Queryable, id: number, change: { title: string; legalBasis: string }): Promise<void> {
  await tx.query(sql`update assistance_matters set title = ${change.title}, legal_basis = ${change.legalBasis} where id = ${id}`);
}

export async function cancelMatter(tx: Queryable, id: number, on: string, reason: string): Promise<void> {
  await tx.query(sql`update assistance_matters set state = 'cancelled', cancelled_on = ${on}, cancel_reason = ${reason} where id = ${id}`);
}

export async function openRequestsOfMatter(db: Queryable, matterId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from assistance_requests where matter_id = ${matterId} and state in ('submitted', 'accepted', 'disputed')`);
  return row!.n;
}

/** Whether one agency is above the other in the agency tree (a subordination relationship, Art. 13). */
export async function inSubordination(db: Queryable, a: number, b: number): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>(sql`
    with recursive up_a(id, parent_id) as (
      select id, parent_id from agencies where id = ${a}
      union all select g.id, g.parent_id from agencies g join up_a u on g.id = u.parent_id
    ), up_b(id, parent_id) as (
      select id, parent_id from agencies where id = ${b}
      union all select g.id, g.parent_id from agencies g join up_b u on g.id = u.parent_id
    )
    select (exists (select 1 from up_a where id = ${b}) or exists (select 1 from up_b where id = ${a})) as found`);
  return row!.found;
}

export async function parentOf(db: Queryable, agencyId: number): Promise<number | null> {
  const [row] = await db.query<{ parentId: number | null }>(sql`select parent_id::int as "parentId" from agencies where id = ${agencyId}`);
  return row?.parentId ?? null;
}

const requestColumns = sql`
  r.id::int as id, r.code, r.matter_id::int as "matterId", m.title as "matterTitle",
  r.requesting_agency_id::int as "requestingAgencyId", ra.name as "requestingAgencyName",
  r.requested_agency_id::int as "requestedAgencyId", rd.name as "requestedAgencyName", r.first_requested_agency_id::int as "firstRequestedAgencyId",
  r.form, r.subject, r.body, r.legal_basis as "legalBasis", r.channel, r.emergency, r.formalities_completed_on::text as "formalitiesCompletedOn",
  r.entrusted_by::int as "entrustedBy", r.obstacle_on::text as "obstacleOn", r.requested_on::text as "requestedOn", r.late_request as "lateRequest",
  r.state, r.accepted_on::text as "acceptedOn", r.completed_on::text as "completedOn", r.on_the_spot as "onTheSpot", r.partial, r.result,
  r.refused_on::text as "refusedOn", r.refusal_ground as "refusalGround", r.refusal_reason as "refusalReason", r.dispute_stage as "disputeStage",
  r.rating, r.rating_note as "ratingNote", c.due_on::text as "dueOn"`;
export const requestsJoined = sql`
  assistance_requests r
  join agencies ra on ra.id = r.requesting_agency_id
  join agencies rd on rd.id = r.requested_agency_id
  left join assistance_matters m on m.id = r.matter_id
  left join clocks c on c.subject_type = 'assistance_request' and c.subject_id = r.id and c.purpose = 'handle' and c.status <> 'stopped'`;

export interface NewRequest {
  code: string;
  input: RequestInput;
  matterId: number | null;
  requestingAgencyId: number;
  form: AssistanceForm;
}

export async function insertRequest(tx: Queryable, request: NewRequest): Promise<number> {
  const { input } = request;
  const [row] = await tx.query<{ id: number }>(sql`
    insert into assistance_requests (code, matter_id, requesting_agency_id, requested_agency_id, first_requested_agency_id, form, subject, body, legal_basis,
      channel, emergency, formalities_completed_on, entrusted_by, obstacle_on, requested_on, state)
    values (${request.code}, ${request.matterId}, ${request.requestingAgencyId}, ${input.requestedAgencyId}, ${input.requestedAgencyId}, ${request.form},
      ${input.subject}, ${input.body}, ${input.legalBasis}, ${input.channel}, ${input.emergency ?? false},
      ${input.channel === 'written' ? input.requestedOn : null}, ${input.entrustedBy ?? null}, ${input.obstacleOn}, ${input.requestedOn}, 'submitted')
    returning id::int as id`);
  return row!.id;
}

export async function readRequest(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<AssistanceRequest | null> {
  const [row] = await db.query<AssistanceRequest>(sql`select ${requestColumns} from ${requestsJoined} where r.id = ${id}${options.lock ? sql` for update of r` : sql``}`);
  return row ?? null;
}

export interface RequestChanges {
  state?: RequestState;
  requestedAgencyId?: number;
  lateRequest?: boolean;
  formalitiesCompletedOn?: string;
  acceptedOn?: string;
  completedOn?: string;
  onTheSpot?: boolean;
  partial?: boolean;
  result?: string;
  refusedOn?: string;
  refusalGround?: RefusalGround;
  refusalReason?: string;
  disputeStage?: DisputeStage;
  rating?: Satisfaction;
  ratingNote?: string | null;
  ratedOn?: string;
}

export async function updateRequest(tx: Queryable, id: number, changes: RequestChanges): Promise<void> {
  await tx.query(sql`
    update assistance_requests set
      state = coalesce(${changes.state ?? null}, state),
      requested_agency_id = coalesce(${changes.requestedAgencyId ?? null}::bigint, requested_agency_id),
      late_request = coalesce(${changes.lateRequest ?? null}::boolean, late_request),
      formalities_completed_on = coalesce(${changes.formalitiesCompletedOn ?? null}::date, formalities_completed_on),
      accepted_on = coalesce(${changes.acceptedOn ?? null}::date, accepted_on),
      completed_on = coalesce(${changes.completedOn ?? null}::date, completed_on),
      on_the_spot = coalesce(${changes.onTheSpot ?? null}::boolean, on_the_spot),
      partial = coalesce(${changes.partial ?? null}::boolean, partial),
      result = coalesce(${changes.result ?? null}, result),
      refused_on = coalesce(${changes.refusedOn ?? null}::date, refused_on),
      refusal_ground = coalesce(${changes.refusalGround ?? null}, refusal_ground),
      refusal_reason = coalesce(${changes.refusalReason ?? null}, refusal_reason),
      dispute_stage = coalesce(${changes.disputeStage ?? null}, dispute_stage),
      rating = coalesce(${changes.rating ?? null}, rating),
      rating_note = coalesce(${changes.ratingNote ?? null}, rating_note),
      rated_on = coalesce(${changes.ratedOn ?? null}::date, rated_on)
    where id = ${id}`);
}

export async function insertRequestEvent(tx: Queryable, requestId: number, event: RequestEvent): Promise<void> {
  await tx.query(sql`
    insert into assistance_request_events (request_id, on_date, actor, action, from_state, to_state, note, details)
    values (${requestId}, ${event.onDate}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.note}, ${JSON.stringify(event.details)}::jsonb)`);
}

export async function readRequestEvents(db: Queryable, requestId: number): Promise<RequestEvent[]> {
  return db.query<RequestEvent>(sql`
    select on_date::text as "onDate", actor, action, from_state as "fromState", to_state as "toState", note, details, at::text as at
    from assistance_request_events where request_id = ${requestId} order by id`);
}

export async function insertAttachment(tx: Queryable, requestId: number, file: { name: string; sha256: string; mediaType: string; size: number; addedBy: string }): Promise<number> {
  const [row] = await tx.query<{ position: number }>(sql`
    insert into assistance_attachments (request_id, position, name, sha256, media_type, size, added_by)
    values (${requestId}, (select coalesce(max(position), 0) + 1 from assistance_attachments where request_id = ${requestId}),
      ${file.name}, ${file.sha256}, ${file.mediaType}, ${file.size}, ${file.addedBy})
    returning position::int as position`);
  return row!.position;
}

export async function readAttachments(db: Queryable, requestId: number): Promise<Attachment[]> {
  return db.query<Attachment>(sql`
    select position::int as position, name, media_type as "mediaType", size::int as size from assistance_attachments where request_id = ${requestId} order by position`);
}

export async function readAttachment(db: Queryable, requestId: number, position: number): Promise<(Attachment & { sha256: string }) | null> {
  const [row] = await db.query<Attachment & { sha256: string }>(sql`
    select position::int as position, name, media_type as "mediaType", size::int as size, sha256 from assistance_attachments
    where request_id = ${requestId} and position = ${position}`);
  return row ?? null;
}

/** Requests by id as the audit log names them: their codes. */
export async function requestCodesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, code as name from assistance_requests where id::text = any(${ids}::text[])`);
}

export async function matterTitlesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, title as name from assistance_matters where id::text = any(${ids}::text[])`);
}
