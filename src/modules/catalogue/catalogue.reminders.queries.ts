import { joinSql, sql } from '../../core/db/sql.ts';
import type { DueWork } from '../../core/module.ts';
import { allowedDays } from './catalogue.quality.ts';

/** The days an update frequency allows, as SQL, from the one table the quality score uses (不定期 never falls due). */
const allowedDaysSql = sql`case r.update_frequency ${joinSql(
  Object.entries(allowedDays)
    .filter(([, days]) => days !== null)
    .map(([frequency, days]) => sql`when ${frequency} then ${days}::int`),
  sql` `,
)} end`;

/**
 * Resources whose next update (Art. 15: by their declared frequency, counted
 * from the last update or, never updated, from registration) falls due by
 * `until`: the providing agency is reminded, and flagged once it is missed.
 */
export const resourcesFallingDue: DueWork = {
  label: '数据资源更新',
  due: (db, query) =>
    db.query(sql`
      select id, 'due' as purpose, due_on::text as "dueOn", "agencyIds", name, link from (
        select r.id::int as id, array[r.agency_id::int] as "agencyIds", r.name, '/catalogue/' || r.id as link,
          coalesce(r.data_updated_on, r.created_at::date) + ${allowedDaysSql} as due_on
        from catalogue_resources r
        where r.update_frequency <> 'irregular' and (${query.agencyId}::bigint is null or r.agency_id = ${query.agencyId})) resources
      where due_on <= ${query.until}::date and due_on >= ${query.from ?? '1949-01-01'}::date
      order by due_on, id limit ${query.limit}`),
};
