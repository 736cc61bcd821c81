import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import { aliasesOf, parentNameOf } from './agencies.rules.ts';

export interface Agency {
  id: number;
  name: string;
  shortName: string | null;
  code: string | null;
  parentId: number | null;
  aliases: string[];
}

const agencyColumns = sql`a.id, a.name, a.short_name as "shortName", a.code, a.parent_id as "parentId",
  coalesce((select array_agg(x.alias order by x.alias) from agency_aliases x where x.agency_id = a.id), '{}') as aliases`;

export async function listAgencies(db: Queryable): Promise<Agency[]> {
  return db.query<Agency>(sql`select ${agencyColumns} from agencies a order by a.name`);
}

export async function readAgency(db: Queryable, id: number): Promise<Agency | null> {
  const [row] = await db.query<Agency>(sql`select ${agencyColumns} from agencies a where a.id = ${id}`);
  return row ?? null;
}

/** The agency a name stands for, by its name or one of its aliases. */
export async function findAgencyByName(db: Queryable, name: string): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(sql`
    select id from agencies where name = ${name} union all select agency_id from agency_aliases where alias = ${name} limit 1`);
  return row?.id ?? null;
}

/** Each alias in the register, to the name of its agency: documents key their numbers by that name. */
export async function agencyNamesByAlias(db: Queryable): Promise<Record<string, string>> {
  const rows = await db.query<{ alias: string; name: string }>(sql`select x.alias, a.name from agency_aliases x join agencies a on a.id = x.agency_id`);
  return Object.fromEntries(rows.map((row) => [row.alias, row.name]));
}

/** Every name and alias of an agency that has a code, with that code (for 索引号). */
export async function agencyCodesByName(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ name: string; code: string }>(sql`
    select name, code from agencies where code is not null
    union all select x.alias, a.code from agency_aliases x join agencies a on a.id = x.agency_id where a.code is not null`);
  return new Map(rows.map((row) => [row.name, row.code]));
}

/** A name that can stand for one agency: not a list of joint issuers, not a fragment. */
const oneAgency = /^[\u4e00-\u9fff()()]{4,40}$/;

const system: Actor = { id: 'system:ingest' };

/**
 * Every issuer found in an ingested document becomes an agency, once, with the
 * governments above it and the other names documents use for it: the register
 * starts from the library, and an administrator refines it.
 */
export async function registerIssuingAgencies(tx: Queryable, issuers: (string | null)[]): Promise<void> {
  const wanted = new Set<string>();
  for (const issuer of issuers) {
    for (let name: string | null = issuer; name && oneAgency.test(name) && !wanted.has(name); name = parentNameOf(name)) wanted.add(name);
  }
  const created: { id: number; name: string }[] = [];
  for (const name of wanted) {
    if ((await findAgencyByName(tx, name)) !== null) continue;
    const [row] = await tx.query<{ id: number; name: string }>(sql`insert into agencies (name) values (${name}) on conflict (name) do nothing returning id, name`);
    if (!row) continue;
    created.push(row);
    for (const alias of aliasesOf(name)) {
      await tx.query(sql`insert into agency_aliases (alias, agency_id) select ${alias}, ${row.id} where not exists (select 1 from agencies where name = ${alias}) on conflict (alias) do nothing`);
    }
    await recordAudit(tx, system, { action: 'agency.create', subjectType: 'agency', subjectId: String(row.id), after: { name, from: 'issuer' } });
  }
  if (created.length > 0) await attachParents(tx);
}

/** Links each agency without a parent to the government its name says it answers to, where that agency exists. */
async function attachParents(tx: Queryable): Promise<void> {
  const orphans = await tx.query<{ id: number; name: string }>(sql`select id, name from agencies where parent_id is null`);
  for (const orphan of orphans) {
    const parentName = parentNameOf(orphan.name);
    const parent = parentName ? await findAgencyByName(tx, parentName) : null;
    if (parent !== null && parent !== orphan.id) await tx.query(sql`update agencies set parent_id = ${parent} where id = ${orphan.id}`);
  }
}

export async function insertAgency(tx: Queryable, name: string, parentId: number | null): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`insert into agencies (name, parent_id) values (${name}, ${parentId}) returning id`);
  for (const alias of aliasesOf(name)) {
    await tx.query(sql`insert into agency_aliases (alias, agency_id) select ${alias}, ${row!.id} where not exists (select 1 from agencies where name = ${alias}) on conflict (alias) do nothing`);
  }
  return row!.id;
}

export interface AgencyChange {
  code?: string | null;
  shortName?: string | null;
  parentId?: number | null;
  aliases?: string[];
}

export async function updateAgency(tx: Queryable, id: number, change: AgencyChange): Promise<void> {
  if (change.code !== undefined) await tx.query(sql`update agencies set code = ${change.code} where id = ${id}`);
  if (change.shortName !== undefined) await tx.query(sql`update agencies set short_name = ${change.shortName} where id = ${id}`);
  if (change.parentId !== undefined) await tx.query(sql`update agencies set parent_id = ${change.parentId} where id = ${id}`);
  if (change.aliases !== undefined) {
    await tx.query(sql`delete from agency_aliases where agency_id = ${id}`);
    for (const alias of change.aliases) await tx.query(sql`insert into agency_aliases (alias, agency_id) values (${alias}, ${id})`);
  }
}

/** The ids above an agency, up to the top: a new parent may not be among the agency's own descendants. */
export async function ancestorsOf(db: Queryable, id: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from agencies where id = ${id}
      union all select a.id, a.parent_id, up.depth + 1 from agencies a join up on a.id = up.parent_id where up.depth < 50
    ) select id from up where depth > 0`);
  return rows.map((row) => row.id);
}

/** Another agency already using this code, name or alias. */
export async function nameOrCodeTaken(db: Queryable, id: number, code: string | null, aliases: string[]): Promise<string | null> {
  if (code) {
    const [row] = await db.query<{ name: string }>(sql`select name from agencies where code = ${code} and id <> ${id}`);
    if (row) return `代码 ${code} 已被「${row.name}」使用`;
  }
  for (const alias of aliases) {
    const [row] = await db.query<{ name: string }>(sql`
      select name from agencies where name = ${alias} and id <> ${id}
      union all select a.name from agency_aliases x join agencies a on a.id = x.agency_id where x.alias = ${alias} and x.agency_id <> ${id} limit 1`);
    if (row) return `「${alias}」已是「${row.name}」的名称`;
  }
  return null;
}

/** Agencies by id as the audit log names them. */
export async function agencyNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, name from agencies where id::text = any(${ids}::text[])`);
}
