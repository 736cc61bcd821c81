import { recordAudit } from '../../core/audit/audit.ts';
import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';

export interface Agency {
  id: number;
  name: string;
  shortName: string | null;
  code: string | null;
}

export async function listAgencies(db: Queryable): Promise<Agency[]> {
  return db.query<Agency>(sql`select id, name, short_name as "shortName", code from agencies order by name`);
}

/** A name that can stand for one agency: not a list of joint issuers, not a fragment. */
const oneAgency = /^[\u4e00-\u9fff()()]{4,40}$/;

/**
 * Every issuer found in an ingested document becomes an agency, once: the
 * register starts from the library and an administrator refines it.
 */
export async function registerIssuingAgencies(tx: Queryable, issuers: (string | null)[]): Promise<void> {
  const names = [...new Set(issuers.filter((name): name is string => Boolean(name && oneAgency.test(name))))];
  if (names.length === 0) return;
  const added = await tx.query<{ id: number; name: string }>(sql`
    insert into agencies (name) select name from unnest(${names}::text[]) as n(name)
    on conflict (name) do nothing returning id, name`);
  for (const agency of added) {
    await recordAudit(tx, { id: 'system:ingest' }, { action: 'agency.create', subjectType: 'agency', subjectId: String(agency.id), after: { name: agency.name, from: 'issuer' } });
  }
}
