import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { resourceColumns } from './catalogue.repository.ts';
import type { OpenAttribute, ResourceRow } from './catalogue.types.ts';

/**
 * The public side reads only open resources: 非开放 never leaves the database
 * through these (pages, CKAN API, DCAT). Every query here starts from `openOnly`.
 */
const openOnly = sql`r.open_attribute <> 'closed'`;

export interface CatalogueFilter {
  /** Words, each found in the name, summary, domain, keywords, agency or dictionary. */
  words?: string[];
  agencyIds?: number[];
  domains?: string[];
  open?: OpenAttribute[];
  formats?: string[];
  keywords?: string[];
  sort?: 'updated' | 'name';
  offset: number;
  limit: number;
}

function conditionsOf(filter: CatalogueFilter): SqlFragment {
  const conditions = [openOnly];
  for (const word of filter.words ?? []) {
    conditions.push(sql`strpos(lower(r.name || ' ' || r.description || ' ' || r.domain || ' ' || array_to_string(r.keywords, ' ') || ' ' || a.name || ' ' || r.fields::text), lower(${word})) > 0`);
  }
  if (filter.agencyIds?.length) conditions.push(sql`r.agency_id = any(${filter.agencyIds}::bigint[])`);
  if (filter.domains?.length) conditions.push(sql`r.domain = any(${filter.domains}::text[])`);
  if (filter.open?.length) conditions.push(sql`r.open_attribute = any(${filter.open}::text[])`);
  if (filter.formats?.length) conditions.push(sql`r.formats && ${filter.formats.map((f) => f.toUpperCase())}::text[]`);
  if (filter.keywords?.length) conditions.push(sql`r.keywords && ${filter.keywords}::text[]`);
  return joinSql(conditions, sql` and `);
}

export interface Facets {
  agency: { id: number; name: string; count: number }[];
  domain: { name: string; count: number }[];
  open: { name: OpenAttribute; count: number }[];
  format: { name: string; count: number }[];
  keyword: { name: string; count: number }[];
}

export async function searchOpenResources(db: Queryable, filter: CatalogueFilter): Promise<{ items: ResourceRow[]; total: number; facets: Facets }> {
  const where = conditionsOf(filter);
  const from = sql`catalogue_resources r join agencies a on a.id = r.agency_id`;
  const order = filter.sort === 'name' ? sql`r.name, r.id` : sql`r.updated_at desc, r.id desc`;
  const [count] = await db.query<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`);
  const items = await db.query<ResourceRow>(sql`select ${resourceColumns} from ${from} where ${where} order by ${order} limit ${filter.limit} offset ${filter.offset}`);
  const agency = await db.query<Facets['agency'][number]>(sql`
    select a.id::int as id, a.name, count(*)::int as count from ${from} where ${where} group by a.id, a.name order by count(*) desc, a.name`);
  const domain = await db.query<Facets['domain'][number]>(sql`select r.domain as name, count(*)::int as count from ${from} where ${where} group by r.domain order by count(*) desc, r.domain`);
  const open = await db.query<Facets['open'][number]>(sql`select r.open_attribute as name, count(*)::int as count from ${from} where ${where} group by r.open_attribute order by r.open_attribute desc`);
  const format = await db.query<Facets['format'][number]>(sql`
    select f as name, count(*)::int as count from ${from}, unnest(r.formats) f where ${where} group by f order by count(*) desc, f`);
  const keyword = await db.query<Facets['keyword'][number]>(sql`
    select k as name, count(*)::int as count from ${from}, unnest(r.keywords) k where ${where} group by k order by count(*) desc, k limit 50`);
  return { items, total: count!.n, facets: { agency, domain, open, format, keyword } };
}

/** One open resource by its id or uuid; null for a 非开放 one, as for one that does not exist. */
export async function readOpenResource(db: Queryable, key: { id?: number; uuid?: string }): Promise<ResourceRow | null> {
  const match = key.id !== undefined ? sql`r.id = ${key.id}` : sql`r.uuid = ${key.uuid ?? ''}`;
  const [row] = await db.query<ResourceRow>(sql`select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id where ${match} and ${openOnly}`);
  return row ?? null;
}

/** Every open resource's public name (CKAN package_list) and the agencies that publish one (organization_list). */
export async function listOpenResourceKeys(db: Queryable): Promise<{ id: number; uuid: string }[]> {
  return db.query(sql`select r.id::int as id, r.uuid from catalogue_resources r where ${openOnly} order by r.id`);
}

export async function listPublishingAgencies(db: Queryable): Promise<{ id: number; name: string; count: number }[]> {
  return db.query(sql`select a.id::int as id, a.name, count(*)::int as count from catalogue_resources r join agencies a on a.id = r.agency_id where ${openOnly} group by a.id, a.name order by a.name`);
}

export async function listOpenKeywords(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ k: string }>(sql`select distinct k from catalogue_resources r, unnest(r.keywords) k where ${openOnly} order by k`);
  return rows.map((row) => row.k);
}

/** Staff: an agency's whole catalogue (every agency's for readers without one). */
export async function findAgencyResources(db: Queryable, agencyId: number | null): Promise<ResourceRow[]> {
  return db.query<ResourceRow>(sql`
    select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id
    where ${agencyId}::bigint is null or r.agency_id = ${agencyId} order by a.name, r.name limit 2000`);
}

/** Other agencies' resources an agency may ask to share (Art. 16): 无条件共享 and 授权共享, never 非共享. */
export async function findShareableResources(db: Queryable, agencyId: number): Promise<ResourceRow[]> {
  return db.query<ResourceRow>(sql`
    select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id
    where r.sharing <> 'none' and r.agency_id <> ${agencyId} order by a.name, r.name limit 2000`);
}
