import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { DataRequestRow, RequestEvent, RequestState, ResourceEntry, ResourceRow, ResourceVersion, Restriction } from './catalogue.types.ts';

export const resourceColumns = sql`
  r.id::int as id, r.uuid, r.agency_id::int as "agencyId", a.name as "agencyName", r.name, r.description,
  r.classification_code as "classificationCode", r.domain, r.sharing, r.sharing_reason as "sharingReason", r.sharing_basis as "sharingBasis",
  r.open_attribute as open, r.open_reason as "openReason", r.open_basis as "openBasis", r.update_frequency as "updateFrequency",
  r.time_coverage as "timeCoverage", r.formats, r.keywords, r.contact, r.fields, r.version,
  r.created_at::text as "createdAt", r.updated_at::text as "updatedAt", r.data_updated_on::text as "dataUpdatedOn"`;

export async function insertResource(tx: Queryable, resource: { uuid: string; agencyId: number; entry: ResourceEntry }): Promise<number> {
  const e = resource.entry;
  const [row] = await tx.query<{ id: number }>(sql`
    insert into catalogue_resources (uuid, agency_id, name, description, classification_code, domain, sharing, sharing_reason, sharing_basis,
      open_attribute, open_reason, open_basis, update_frequency, time_coverage, formats, keywords, contact, fields)
    values (${resource.uuid}, ${resource.agencyId}, ${e.name}, ${e.description}, ${e.classificationCode}, ${e.domain}, ${e.sharing}, ${e.sharingReason}, ${e.sharingBasis},
      ${e.open}, ${e.openReason}, ${e.openBasis}, ${e.updateFrequency}, ${e.timeCoverage}, ${e.formats}::text[], ${e.keywords}::text[], ${e.contact}, ${JSON.stringify(e.fields)}::jsonb)
    returning id::int as id`);
  return row!.id;
}

/** Writes a new version of the entry; returns its number. */
export async function updateResource(tx: Queryable, id: number, e: ResourceEntry): Promise<number> {
  const [row] = await tx.query<{ version: number }>(sql`
    update catalogue_resources set name = ${e.name}, description = ${e.description}, classification_code = ${e.classificationCode}, domain = ${e.domain},
      sharing = ${e.sharing}, sharing_reason = ${e.sharingReason}, sharing_basis = ${e.sharingBasis},
      open_attribute = ${e.open}, open_reason = ${e.openReason}, open_basis = ${e.openBasis}, update_frequency = ${e.updateFrequency},
      time_coverage = ${e.timeCoverage}, formats = ${e.formats}::text[], keywords = ${e.keywords}::text[], contact = ${e.contact},
      fields = ${JSON.stringify(e.fields)}::jsonb, version = version + 1, updated_at = now()
    where id = ${id} returning version`);
  return row!.version;
}

export async function markDataUpdated(tx: Queryable, id: number, on: string): Promise<void> {
  await tx.query(sql`update catalogue_resources set data_updated_on = ${on} where id = ${id}`);
}

export async function readResource(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<ResourceRow | null> {
  const [row] = await db.query<ResourceRow>(sql`
    select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id where r.id = ${id}${options.lock ? sql` for update of r` : sql``}`);
  return row ?? null;
}

/** An agency's resources by name (the import matches rows to them). */
export async function readResourcesOfAgency(db: Queryable, agencyId: number, options: { lock?: boolean } = {}): Promise<ResourceRow[]> {
  return db.query<ResourceRow>(sql`
    select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id
    where r.agency_id = ${agencyId} order by r.name${options.lock ? sql` for update of r` : sql``}`);
}

export async function insertVersion(tx: Queryable, resourceId: number, version: { version: number; actor: string; changes: Record<string, [unknown, unknown]>; snapshot: ResourceEntry }): Promise<void> {
  await tx.query(sql`
    insert into catalogue_resource_versions (resource_id, version, actor, changes, snapshot)
    values (${resourceId}, ${version.version}, ${version.actor}, ${JSON.stringify(version.changes)}::jsonb, ${JSON.stringify(version.snapshot)}::jsonb)`);
}

export async function readVersions(db: Queryable, resourceId: number): Promise<ResourceVersion[]> {
  return db.query<ResourceVersion>(sql`
    select version, actor, at::text as at, changes from catalogue_resource_versions where resource_id = ${resourceId} order by version desc`);
}

const restrictionColumns = sql`
  x.id::int as id, x.resource_id::int as "resourceId", r.name as "resourceName", r.agency_id::int as "agencyId", x.proposed, x.base_version as "baseVersion", x.reason,
  x.proposed_by::int as "proposedBy", u.display_name as "proposedByName", x.proposed_at::text as "proposedAt", x.state,
  x.decided_by::int as "decidedBy", x.decision_note as "decisionNote"`;
const restrictionsJoined = sql`catalogue_restrictions x join catalogue_resources r on r.id = x.resource_id join users u on u.id = x.proposed_by`;

export async function insertRestriction(tx: Queryable, restriction: { resourceId: number; proposed: ResourceEntry; baseVersion: number; reason: string; proposedBy: number }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into catalogue_restrictions (resource_id, proposed, base_version, reason, proposed_by)
    values (${restriction.resourceId}, ${JSON.stringify(restriction.proposed)}::jsonb, ${restriction.baseVersion}, ${restriction.reason}, ${restriction.proposedBy})
    returning id::int as id`);
  return row!.id;
}

export async function readRestriction(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<Restriction | null> {
  const [row] = await db.query<Restriction>(sql`select ${restrictionColumns} from ${restrictionsJoined} where x.id = ${id}${options.lock ? sql` for update of x` : sql``}`);
  return row ?? null;
}

export async function pendingRestrictionOf(db: Queryable, resourceId: number): Promise<Restriction | null> {
  const [row] = await db.query<Restriction>(sql`select ${restrictionColumns} from ${restrictionsJoined} where x.resource_id = ${resourceId} and x.state = 'pending'`);
  return row ?? null;
}

/** Pending restrictions of an agency (every agency's when null). */
export async function pendingRestrictions(db: Queryable, agencyId: number | null): Promise<Restriction[]> {
  return db.query<Restriction>(sql`
    select ${restrictionColumns} from ${restrictionsJoined}
    where x.state = 'pending' and (${agencyId}::bigint is null or r.agency_id = ${agencyId}) order by x.proposed_at`);
}

export async function decideRestriction(tx: Queryable, id: number, decision: { state: 'approved' | 'refused'; by: number; note: string | null }): Promise<void> {
  await tx.query(sql`
    update catalogue_restrictions set state = ${decision.state}, decided_by = ${decision.by}, decided_at = now(), decision_note = ${decision.note}
    where id = ${id}`);
}

const requestColumns = sql`
  q.id::int as id, q.tracking_code as "trackingCode", q.resource_id::int as "resourceId", r.name as "resourceName",
  r.agency_id::int as "agencyId", a.name as "agencyName", q.requester_kind as "requesterKind", q.requester_name as "requesterName",
  q.requester_contact as "requesterContact", q.requester_agency_id::int as "requesterAgencyId", q.purpose, q.scenario, q.state,
  q.centre_approved as "centreApproved", q.agency_approved as "agencyApproved", q.conditions, q.refusal_reason as "refusalReason",
  q.dispute, q.dispute_conclusion as "disputeConclusion", q.received_on::text as "receivedOn", q.decided_on::text as "decidedOn"`;
const requestsJoined = sql`catalogue_requests q join catalogue_resources r on r.id = q.resource_id join agencies a on a.id = r.agency_id`;

export interface NewRequest {
  trackingCode: string;
  resourceId: number;
  requesterKind: string;
  requesterName: string;
  requesterContact: string;
  requesterAgencyId: number | null;
  purpose: string;
  scenario: string;
  state: RequestState;
  receivedOn: string;
}

export async function insertRequest(tx: Queryable, request: NewRequest): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into catalogue_requests (tracking_code, resource_id, requester_kind, requester_name, requester_contact, requester_agency_id, purpose, scenario, state, received_on, decided_on)
    values (${request.trackingCode}, ${request.resourceId}, ${request.requesterKind}, ${request.requesterName}, ${request.requesterContact}, ${request.requesterAgencyId},
      ${request.purpose}, ${request.scenario}, ${request.state}, ${request.receivedOn}, ${request.state === 'granted' ? request.receivedOn : null})
    returning id::int as id`);
  return row!.id;
}

export async function readRequest(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<DataRequestRow | null> {
  const [row] = await db.query<DataRequestRow>(sql`select ${requestColumns} from ${requestsJoined} where q.id = ${id}${options.lock ? sql` for update of q` : sql``}`);
  return row ?? null;
}

export async function findRequestIdByCode(db: Queryable, code: string): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(sql`select id::int as id from catalogue_requests where tracking_code = ${code}`);
  return row?.id ?? null;
}

/** Requests staff see: their agency's resources (and, for the big-data centre or a supervisor, every agency's). */
export async function findRequests(db: Queryable, filter: { agencyId: number | null; state?: RequestState }): Promise<DataRequestRow[]> {
  return db.query<DataRequestRow>(sql`
    select ${requestColumns} from ${requestsJoined}
    where (${filter.agencyId}::bigint is null or r.agency_id = ${filter.agencyId} or q.requester_agency_id = ${filter.agencyId})
      and (${filter.state ?? null}::text is null or q.state = ${filter.state ?? null})
    order by q.received_on desc, q.id desc limit 500`);
}

export interface RequestChanges {
  state?: RequestState;
  centreApproved?: boolean;
  agencyApproved?: boolean;
  conditions?: string;
  refusalReason?: string;
  dispute?: string;
  disputeConclusion?: string;
  decidedOn?: string;
}

export async function updateRequest(tx: Queryable, id: number, changes: RequestChanges): Promise<void> {
  await tx.query(sql`
    update catalogue_requests set
      state = coalesce(${changes.state ?? null}, state),
      centre_approved = coalesce(${changes.centreApproved ?? null}::boolean, centre_approved),
      agency_approved = coalesce(${changes.agencyApproved ?? null}::boolean, agency_approved),
      conditions = coalesce(${changes.conditions ?? null}, conditions),
      refusal_reason = coalesce(${changes.refusalReason ?? null}, refusal_reason),
      dispute = coalesce(${changes.dispute ?? null}, dispute),
      dispute_conclusion = coalesce(${changes.disputeConclusion ?? null}, dispute_conclusion),
      decided_on = coalesce(${changes.decidedOn ?? null}::date, decided_on)
    where id = ${id}`);
}

export async function insertRequestEvent(tx: Queryable, requestId: number, event: RequestEvent & { details?: Record<string, unknown> }): Promise<void> {
  await tx.query(sql`
    insert into catalogue_request_events (request_id, on_date, actor, action, from_state, to_state, public_note, details)
    values (${requestId}, ${event.onDate}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.publicNote}, ${JSON.stringify(event.details ?? {})}::jsonb)`);
}

export async function readRequestEvents(db: Queryable, requestId: number): Promise<RequestEvent[]> {
  return db.query<RequestEvent>(sql`
    select on_date::text as "onDate", actor, action, from_state as "fromState", to_state as "toState", public_note as "publicNote", at::text as at
    from catalogue_request_events where request_id = ${requestId} order by id`);
}

/** Names for the audit log's readers. */
export async function resourceNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, name from catalogue_resources where id::text = any(${ids}::text[])`);
}
export async function requestCodesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, tracking_code as name from catalogue_requests where id::text = any(${ids}::text[])`);
}
