import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { ClockSubjectCase } from '../../core/module.ts';

/**
 * For the reminders: open assistance requests. The requested agency answers the
 * handling clock (Art. 18); the requesting agency its own time to ask.
 */
export async function requestsToRemind(db: Queryable, ids: readonly number[]): Promise<ClockSubjectCase[]> {
  const rows = await db.query<{ id: number; requesting: number; requested: number; name: string; link: string }>(sql`
    select id::int as id, requesting_agency_id::int as requesting, requested_agency_id::int as requested, code || ' ' || left(subject, 24) as name,
      '/assistance/requests/' || id as link
    from assistance_requests where id = any(${ids}::bigint[]) and state in ('submitted', 'accepted', 'disputed')`);
  return rows.map((row) => ({ id: row.id, agencyIds: [row.requested], agencyIdsByPurpose: { request: [row.requesting] }, name: row.name, link: row.link }));
}
