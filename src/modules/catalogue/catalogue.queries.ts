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
  /** Count each facet's values too (the portal's list, CKAN's facet.field); without, the page is read through its index. */
  facets?: boolean;
  offset: number;
  limit: number;
}

function conditionsOf(filter: CatalogueFilter): SqlFragment {
  const conditions = [openOnly];
  for (const word of filter.words ?? []) {
    // search_text: the same fields, lower-cased and kept with the row (migration 0029); its character
    // pairs find the candidates through an index (migration 0041). A word of one or two characters is
    // found exactly so; a longer one is confirmed as a substring, since its pairs may lie apart.
    const pairs = sql`r.search_grams @@ catalogue_word_grams(lower(${word}))`;
    conditions.push([...word].length <= 2 ? pairs : sql`${pairs} and strpos(r.search_text, lower(${word})) > 0`);
  }
  // One agency (CKAN's usual fq) as an equality, so its page is read in order from its own index.
  if (filter.agencyIds?.length === 1) conditions.push(sql`r.agency_id = ${filter.agencyIds[0]!}`);
  else if (filter.agencyIds?.length) conditions.push(sql`r.agency_id = any(${filter.agencyIds}::bigint[])`);
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

/** Each facet's values and counts over the matches `m`, as JSON lists. */
const facetColumns = sql`
      coalesce((select json_agg(x order by x.count desc, x.name) from (select agency_id::int as id, agency_name as name, count(*)::int as count from m group by agency_id, agency_name) x), '[]') as agency,
      coalesce((select json_agg(x order by x.count desc, x.name) from (select domain as name, count(*)::int as count from m group by domain) x), '[]') as domain,
      coalesce((select json_agg(x order by x.name desc) from (select open_attribute as name, count(*)::int as count from m group by open_attribute) x), '[]') as open,
      coalesce((select json_agg(x order by x.count desc, x.name) from (select f as name, count(*)::int as count from m, unnest(m.formats) f group by f) x), '[]') as format,
      coalesce((select json_agg(x order by x.count desc, x.name) from (
        select k as name, count(*)::int as count from m, unnest(m.keywords) k group by k order by count(*) desc, k limit 50) x), '[]') as keyword`;

const noFacets: Facets = { agency: [], domain: [], open: [], format: [], keyword: [] };

/**
 * With facets, one pass over the matches: the filter (with its word scans)
 * runs once into `m`, and the count, the facets and the page's ids are read
 * from it, then the page's rows by id (seven separate scans cost seven times
 * as much). Without, the count and the page, the page walking its index.
 */
export async function searchOpenResources(db: Queryable, filter: CatalogueFilter): Promise<{ items: ResourceRow[]; total: number; facets: Facets }> {
  const where = conditionsOf(filter);
  if (!filter.facets) {
    const [count] = await db.query<{ n: number }>(sql`select count(*)::int as n from catalogue_resources r where ${where}`);
    const order = filter.sort === 'name' ? sql`r.name, r.id` : sql`r.updated_at desc, r.id desc`;
    const items = await db.query<ResourceRow>(sql`
      select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id
      where ${where} order by ${order} limit ${filter.limit} offset ${filter.offset}`);
    return { items, total: count!.n, facets: noFacets };
  }
  const order = filter.sort === 'name' ? sql`m.name, m.id` : sql`m.updated_at desc, m.id desc`;
  const [found] = await db.query<Facets & { total: number; ids: number[] }>(sql`
    with m as materialized (
      select r.id, r.agency_id, a.name as agency_name, r.name, r.domain, r.open_attribute, r.formats, r.keywords, r.updated_at
      from catalogue_resources r join agencies a on a.id = r.agency_id where ${where})
    select (select count(*)::int from m) as total,
      array(select m.id::int from m order by ${order} limit ${filter.limit} offset ${filter.offset}) as ids,
      ${facetColumns}`);
  const { total, ids, ...facets } = found!;
  const rows = ids.length === 0 ? [] : await db.query<ResourceRow>(sql`
    select ${resourceColumns} from catalogue_resources r join agencies a on a.id = r.agency_id where r.id = any(${ids}::bigint[])`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { items: ids.flatMap((id) => byId.get(id) ?? []), total, facets };
}

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
