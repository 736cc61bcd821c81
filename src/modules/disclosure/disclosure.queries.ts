import type { Queryable } from '../../core/db/database.ts';
import { runningClocksDue } from '../../core/clock/index.ts';
import type { DueWork } from '../../core/module.ts';
import { sql } from '../../core/db/sql.ts';
import type { RequestState } from './disclosure.types.ts';

/** The states in which a request still waits on the agency or the applicant. */
export const openStates: RequestState[] = ['received', 'correction_requested', 'awaiting_fee'];

export interface DeadlineCounts {
  open: number;
  overdue: number;
  /** Due today or within the next 3 working days. */
  dueSoon: number;
  paused: number;
  registeredLate: number;
}

export interface DeadlineItem {
  id: number;
  trackingCode: string;
  agencyName: string;
  state: RequestState;
  receivedOn: string;
  dueOn: string | null;
  clockStatus: 'running' | 'paused' | 'stopped';
  estimated: boolean;
  registeredLate: boolean;
}

const withClock = sql`disclosure_requests r join clocks c on c.subject_type = 'disclosure_request' and c.subject_id = r.id and c.purpose = 'reply'`;
// An open request's reply clock is never stopped; saying so lets the partial index on open clocks' due dates serve the order.
const stillOpen = (agencyId: number | null) =>
  sql`r.state = any(${openStates}::text[]) and c.status <> 'stopped' ${agencyId === null ? sql`` : sql`and r.agency_id = ${agencyId}`}`;

/** Counts for one agency's dashboard (or every agency's, for a supervisor). */
export async function deadlineCounts(db: Queryable, agencyId: number | null, today: string, soon: string): Promise<DeadlineCounts> {
  const [row] = await db.query<DeadlineCounts>(sql`
    select count(*)::int as open,
      count(*) filter (where c.status = 'running' and c.due_on < ${today}::date)::int as overdue,
      count(*) filter (where c.status = 'running' and c.due_on >= ${today}::date and c.due_on <= ${soon}::date)::int as "dueSoon",
      count(*) filter (where c.status = 'paused')::int as paused,
      count(*) filter (where r.registered_late)::int as "registeredLate"
    from ${withClock} where ${stillOpen(agencyId)}`);
  return row!;
}

/** The open requests, most urgent first: overdue, then by due date; paused ones last. */
export async function mostUrgent(db: Queryable, agencyId: number | null, limit: number): Promise<DeadlineItem[]> {
  return db.query<DeadlineItem>(sql`
    select r.id, r.tracking_code as "trackingCode", a.name as "agencyName", r.state, r.received_on as "receivedOn",
      c.due_on as "dueOn", c.status as "clockStatus", c.estimated, r.registered_late as "registeredLate"
    from ${withClock} join agencies a on a.id = r.agency_id
    where ${stillOpen(agencyId)}
    order by c.due_on asc nulls last, r.id
    limit ${limit}`);
}

export interface AgencyDeadlines {
  agencyId: number;
  agencyName: string;
  open: number;
  overdue: number;
  dueSoon: number;
}

/** An agency's counts with what the supervisor's totals also need. */
export type AgencyCounts = AgencyDeadlines & Pick<DeadlineCounts, 'paused' | 'registeredLate'>;

/**
 * Every agency's open requests, for the supervisor: the ones with overdue
 * requests first. One pass over the open reply clocks, which carry their
 * agency (a covering index holds all the pass reads), grouped by agency before
 * the agencies' names are joined; the whole government's counts are their sums.
 * A reply clock runs or pauses exactly while its request is open: every way
 * out of an open state (reply, lapse_correction, lapse_fee) stops it. Requests
 * registered late are few and counted apart.
 */
export async function deadlinesByAgency(db: Queryable, today: string, soon: string): Promise<AgencyCounts[]> {
  return db.query<AgencyCounts>(sql`
    with per_agency as (
      select c.agency_id, count(*)::int as open,
        count(*) filter (where c.status = 'running' and c.due_on < ${today}::date)::int as overdue,
        count(*) filter (where c.status = 'running' and c.due_on >= ${today}::date and c.due_on <= ${soon}::date)::int as due_soon,
        count(*) filter (where c.status = 'paused')::int as paused
      from clocks c
      where c.subject_type = 'disclosure_request' and c.purpose = 'reply' and c.status <> 'stopped'
      group by c.agency_id
    ),
    late as (
      select r.agency_id, count(*)::int as registered_late
      from disclosure_requests r
      where r.registered_late and r.state = any(${openStates}::text[])
      group by r.agency_id
    )
    select a.id as "agencyId", a.name as "agencyName", p.open, p.overdue, p.due_soon as "dueSoon", p.paused,
      coalesce(l.registered_late, 0) as "registeredLate"
    from per_agency p join agencies a on a.id = p.agency_id left join late l on l.agency_id = p.agency_id
    order by p.overdue desc, p.due_soon desc, a.name`);
}

export interface RequestFilter {
  /** A tracking code or its beginning, as typed (case and spaces ignored). */
  code?: string;
  state?: RequestState;
  /** Received on or after / on or before. */
  from?: string;
  to?: string;
  /** Paging: requests older (by id) than this one. */
  beforeId?: number;
}

export interface ListedRequest extends DeadlineItem {
  replyCategory: string | null;
  closedOn: string | null;
}

/** Every request of an agency (or all, for a supervisor), open or closed, newest first: to find a case again. */
export async function findRequests(db: Queryable, agencyId: number | null, filter: RequestFilter, limit: number): Promise<ListedRequest[]> {
  const code = filter.code?.toUpperCase().replace(/[^0-9A-Z]/g, '') ?? '';
  return db.query<ListedRequest>(sql`
    select r.id, r.tracking_code as "trackingCode", a.name as "agencyName", r.state, r.received_on as "receivedOn",
      c.due_on as "dueOn", c.status as "clockStatus", c.estimated, r.registered_late as "registeredLate",
      r.reply_category as "replyCategory", r.closed_on as "closedOn"
    from ${withClock} join agencies a on a.id = r.agency_id
    where true
      ${agencyId === null ? sql`` : sql`and r.agency_id = ${agencyId}`}
      ${code ? sql`and r.tracking_code like ${`${code}%`}` : sql``}
      ${filter.state ? sql`and r.state = ${filter.state}` : sql``}
      ${filter.from ? sql`and r.received_on >= ${filter.from}::date` : sql``}
      ${filter.to ? sql`and r.received_on <= ${filter.to}::date` : sql``}
      ${filter.beforeId ? sql`and r.id < ${filter.beforeId}` : sql``}
    order by r.id desc
    limit ${limit}`);
}

/** For the reminders: requests whose reply or correction-notice clock ends in the window, with the handling agency. */
export const requestsFallingDue: DueWork = {
  label: '依申请公开申请',
  purposes: { reply: '答复', correction_notice: '补正告知' },
  due: (db, query) =>
    db.query(sql`
      select r.id::int as id, c.purpose, c.due_on::text as "dueOn", array[r.agency_id::int] as "agencyIds",
        r.tracking_code || ' ' || left(r.description, 24) as name, '/requests/' || r.id as link
      from ${runningClocksDue('disclosure_request', query)} c join disclosure_requests r on r.id = c.subject_id
      where ${query.agencyId}::bigint is null or r.agency_id = ${query.agencyId}
      order by c.due_on, r.id limit ${query.limit}`),
};
