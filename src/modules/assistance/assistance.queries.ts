import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import type { AssistanceForm, DisputeStage, RequestState } from './assistance.types.ts';

export interface RequestListFilter {
  /** in: asked of my agency; out: asked by it; all: both (or every agency's for an overseer). */
  direction: 'in' | 'out' | 'all';
  state?: RequestState;
}

export interface RequestListItem {
  id: number;
  code: string;
  subject: string;
  form: AssistanceForm;
  requestingAgencyName: string;
  requestedAgencyName: string;
  state: RequestState;
  emergency: boolean;
  requestedOn: string;
  acceptedOn: string | null;
  dueOn: string | null;
  disputeStage: DisputeStage | null;
}

const listColumns = sql`
  r.id::int as id, r.code, r.subject, r.form, ra.name as "requestingAgencyName", rd.name as "requestedAgencyName", r.state, r.emergency,
  r.requested_on::text as "requestedOn", r.accepted_on::text as "acceptedOn", c.due_on::text as "dueOn", r.dispute_stage as "disputeStage"`;
const listFrom = sql`
  assistance_requests r
  join agencies ra on ra.id = r.requesting_agency_id
  join agencies rd on rd.id = r.requested_agency_id
  left join clocks c on c.subject_type = 'assistance_request' and c.subject_id = r.id and c.purpose = 'handle' and c.status <> 'stopped'`;

/** An agency's requests in and out (every agency's for an overseer), those due soonest first; with `all`, also the disputes it settles as a superior. */
export async function findRequests(db: Queryable, filter: RequestListFilter, agencyId: number | null): Promise<RequestListItem[]> {
  const conditions = [sql`true`];
  if (agencyId !== null) {
    if (filter.direction === 'in') conditions.push(sql`r.requested_agency_id = ${agencyId}`);
    else if (filter.direction === 'out') conditions.push(sql`r.requesting_agency_id = ${agencyId}`);
    // Also the disputes it settles as the requested agency's superior (Art. 19).
    else conditions.push(sql`(r.requested_agency_id = ${agencyId} or r.requesting_agency_id = ${agencyId} or (r.state = 'disputed' and r.dispute_stage = 'superior' and rd.parent_id = ${agencyId}))`);
  }
  if (filter.state !== undefined) conditions.push(sql`r.state = ${filter.state}`);
  return db.query<RequestListItem>(sql`
    select ${listColumns} from ${listFrom}
    where ${joinSql(conditions, sql` and `)}
    order by c.due_on nulls last, r.id desc
    limit 500`);
}

export interface MonitorItem extends RequestListItem {
  warning: 'overdue' | 'due_soon' | 'normal' | null;
  /** An emergency request outside the catalogue, or a non-written one whose formalities are not completed yet. */
  unregistered: boolean;
  formalitiesPending: boolean;
}

/** Every open request with its clock (Art. 24 real-time monitoring), the overdue first, then those due soonest. */
export async function findOpenRequests(db: Queryable, today: string, warnUntil: string, agencyId: number | undefined, limit: number): Promise<{ items: MonitorItem[]; counts: { open: number; overdue: number; dueSoon: number } }> {
  const mine = agencyId === undefined ? sql`true` : sql`(r.requested_agency_id = ${agencyId} or r.requesting_agency_id = ${agencyId})`;
  const monitorColumns = sql`${listColumns},
      case when c.due_on is null then null when c.due_on < ${today}::date then 'overdue' when c.due_on <= ${warnUntil}::date then 'due_soon' else 'normal' end as warning,
      (r.matter_id is null) as unregistered, (r.formalities_completed_on is null) as "formalitiesPending"`;
  // A running handling clock is an accepted request's (accept and resolve_assist start it; complete and
  // withdraw, the only ways out of 'accepted', stop it): those are walked in the order of the open clocks'
  // due dates (clocks_assistance_handle_idx), then the other open ones (submitted, disputed), oldest first.
  const handleClock = sql`c.subject_type = 'assistance_request' and c.purpose = 'handle' and c.status <> 'stopped'`;
  // For one agency: its accepted requests in and out, as ids from their own indexes (migration 0040), matched
  // against the open clocks in one pass and cut to the soonest due (ties kept, for the full order below),
  // rather than walking every agency's clocks by due date and reading each request to find the agency's few.
  const agencyAccepted = sql`
    select id from assistance_requests where state = 'accepted' and requested_agency_id = ${agencyId ?? null}
    union all select id from assistance_requests where state = 'accepted' and requesting_agency_id = ${agencyId ?? null}`;
  const clocked = await db.query<MonitorItem>(
    agencyId === undefined
      ? sql`
        select ${monitorColumns}
        from ${listFrom}
        where c.id is not null and r.state = 'accepted'
        order by c.due_on, r.requested_on, r.id
        limit ${limit}`
      : sql`
        with mine as materialized (${agencyAccepted}),
        soonest as (
          select c.subject_id from clocks c where ${handleClock} and c.subject_id in (select id from mine)
          order by c.due_on fetch first ${limit} rows with ties)
        select ${monitorColumns}
        from ${listFrom}
        where r.id in (select subject_id from soonest) and c.id is not null and r.state = 'accepted'
        order by c.due_on, r.requested_on, r.id
        limit ${limit}`,
  );
  const unclocked = clocked.length >= limit ? [] : await db.query<MonitorItem>(sql`
    select ${monitorColumns}
    from ${listFrom}
    where r.state in ('submitted', 'disputed') and ${mine}
    order by r.requested_on, r.id
    limit ${limit - clocked.length}`);
  // An agency is never both parties (a check of the table), so its requests in and out count apart, each by its own index.
  const openIn = (side: SqlFragment) => sql`select count(*)::int as n from assistance_requests r where r.state in ('submitted', 'accepted', 'disputed') and ${side}`;
  const [open] = await db.query<{ n: number }>(
    agencyId === undefined ? openIn(sql`true`) : sql`select (${openIn(sql`r.requested_agency_id = ${agencyId}`)}) + (${openIn(sql`r.requesting_agency_id = ${agencyId}`)}) as n`,
  );
  const [clocks] = await db.query<{ overdue: number; dueSoon: number }>(
    agencyId === undefined
      ? sql`
        select count(*) filter (where c.due_on < ${today}::date)::int as overdue, count(*) filter (where c.due_on >= ${today}::date)::int as "dueSoon"
        from clocks c
        where ${handleClock} and c.due_on <= ${warnUntil}::date`
      : sql`
        select count(*) filter (where c.due_on < ${today}::date)::int as overdue, count(*) filter (where c.due_on >= ${today}::date)::int as "dueSoon"
        from clocks c
        where ${handleClock} and c.subject_id in (${agencyAccepted}) and c.due_on <= ${warnUntil}::date`,
  );
  return { items: [...clocked, ...unclocked], counts: { open: open!.n, overdue: clocks!.overdue, dueSoon: clocks!.dueSoon } };
}

export interface AgencyEfficiency {
  agencyId: number;
  agencyName: string;
  /** Requests received (as the requested agency) in the period. */
  received: number;
  accepted: number;
  refused: number;
  completed: number;
  completedOnTime: number;
  open: number;
  overdue: number;
  /** Medians in calendar days: from the request to its acceptance, from acceptance to completion. */
  medianDaysToAccept: number | null;
  medianDaysToComplete: number | null;
  rated: number;
  satisfied: number;
  fairlySatisfied: number;
  dissatisfied: number;
}

/** Efficiency and satisfaction by requested agency (Art. 24), over requests made in [from, to]. */
export async function efficiencyByAgency(db: Queryable, from: string, to: string, today: string): Promise<AgencyEfficiency[]> {
  return db.query<AgencyEfficiency>(sql`
    select a.id::int as "agencyId", a.name as "agencyName",
      count(*)::int as received,
      count(*) filter (where r.accepted_on is not null)::int as accepted,
      count(*) filter (where r.refused_on is not null)::int as refused,
      count(*) filter (where r.state = 'completed')::int as completed,
      count(*) filter (where r.state = 'completed' and (h.due_on is null or r.completed_on <= h.due_on))::int as "completedOnTime",
      count(*) filter (where r.state in ('submitted', 'accepted', 'disputed'))::int as open,
      count(*) filter (where r.state = 'accepted' and h.status <> 'stopped' and h.due_on < ${today}::date)::int as overdue,
      (percentile_cont(0.5) within group (order by (r.accepted_on - r.requested_on)) filter (where r.accepted_on is not null))::float8 as "medianDaysToAccept",
      (percentile_cont(0.5) within group (order by (r.completed_on - r.accepted_on)) filter (where r.completed_on is not null and r.accepted_on is not null))::float8 as "medianDaysToComplete",
      count(r.rating)::int as rated,
      count(*) filter (where r.rating = 'satisfied')::int as satisfied,
      count(*) filter (where r.rating = 'fairly_satisfied')::int as "fairlySatisfied",
      count(*) filter (where r.rating = 'dissatisfied')::int as dissatisfied
    from assistance_requests r
    join agencies a on a.id = r.requested_agency_id
    left join clocks h on h.subject_type = 'assistance_request' and h.subject_id = r.id and h.purpose = 'handle'
    where r.requested_on between ${from}::date and ${to}::date
    group by a.id, a.name
    order by received desc, a.name`);
}
