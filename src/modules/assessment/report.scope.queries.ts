import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';

/** An agency and every agency under it in the register: what a government's report rolls up. */
export interface ReportScope {
  agencyIds: number[];
  /** Their names and aliases: how the library's documents name their issuer. */
  issuerNames: string[];
  /** The names of the agencies covered, the agency first. */
  covers: string[];
}

export async function scopeOf(db: Queryable, agencyId: number): Promise<ReportScope> {
  const rows = await db.query<{ id: number; name: string; aliases: string[] }>(sql`
    with recursive tree as (
      select id, name, 0 as depth from agencies where id = ${agencyId}
      union all select a.id, a.name, t.depth + 1 from agencies a join tree t on a.parent_id = t.id where t.depth < 20
    )
    select t.id::int as id, t.name, coalesce((select array_agg(x.alias) from agency_aliases x where x.agency_id = t.id), '{}') as aliases
    from tree t order by t.depth, t.name`);
  return {
    agencyIds: rows.map((row) => row.id),
    issuerNames: rows.flatMap((row) => [row.name, ...row.aliases]),
    covers: rows.map((row) => row.name),
  };
}
