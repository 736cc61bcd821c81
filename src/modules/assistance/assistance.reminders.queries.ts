import { runningClocksDue } from '../../core/clock/index.ts';
import { sql } from '../../core/db/sql.ts';
import type { DueWork } from '../../core/module.ts';

/**
 * For the reminders: open assistance requests by their Art. 18 clocks. The
 * requested agency answers the handling clock; the requesting agency its own
 * time to ask.
 */
export const assistanceFallingDue: DueWork = {
  label: '行政协助',
  purposes: { handle: '协助办理', request: '提出协助请求' },
  due: (db, query) =>
    db.query(sql`
      select r.id::int as id, c.purpose, c.due_on::text as "dueOn", array[a.agency_id] as "agencyIds", r.code || ' ' || left(r.subject, 24) as name,
        '/assistance/requests/' || r.id as link
      from ${runningClocksDue('assistance_request', query)} c
      join assistance_requests r on r.id = c.subject_id
      cross join lateral (select (case when c.purpose = 'request' then r.requesting_agency_id else r.requested_agency_id end)::int as agency_id) a
      where r.state in ('submitted', 'accepted', 'disputed') and (${query.agencyId}::bigint is null or a.agency_id = ${query.agencyId})
      order by c.due_on, r.id limit ${query.limit}`),
};
