import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { validityOn, type ValidityStatus } from '../documents/index.ts';
import type { NumberQuery, QueryLiterals } from '../textindex/index.ts';
import type { FacetValue, Facets, SearchFilters, SortOrder } from './search.types.ts';

/**
 * The search in SQL, in two tiers so that it scales: the documents that match
 * by number or have the words in their title (few, found through their own
 * indexes) come first, number matches before title matches; then everything
 * else that matches, newer first, which PostgreSQL can read from the date
 * index and stop after a page. Matching itself uses only operators the GIN
 * index answers exactly, so no row is re-read to confirm it.
 */

export interface SearchPlan {
  literals: QueryLiterals;
  numbers: NumberQuery[];
  filters: SearchFilters;
  on: string;
}

function numberCondition(number: NumberQuery): SqlFragment {
  const exact = sql`d.doc_number_prefix = ${number.prefix} and d.doc_number_year = ${number.year}`;
  return number.serial === null ? sql`(${exact})` : sql`(${exact} and d.doc_number_serial = ${number.serial})`;
}

/** What a document must satisfy to be found at all. */
function baseWhere(plan: SearchPlan): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (plan.literals.match) conditions.push(sql`d.search_vector @@ ${plan.literals.match}::tsquery`);
  // A document is found by its number, and by citing it.
  for (const number of plan.numbers) {
    const lexeme = number.serial === null ? null : `'文号:${number.prefix}${number.year}-${number.serial}'`;
    conditions.push(lexeme ? sql`(${numberCondition(number)} or d.search_vector @@ ${lexeme}::tsquery)` : numberCondition(number));
  }
  const { filters } = plan;
  if (filters.issuer !== undefined) conditions.push(sql`d.issuer = ${filters.issuer}`);
  if (filters.year !== undefined) conditions.push(sql`d.signed_on >= make_date(${filters.year}, 1, 1) and d.signed_on < make_date(${filters.year} + 1, 1, 1)`);
  if (filters.type !== undefined) conditions.push(sql`d.doc_type = ${filters.type}`);
  if (filters.normative !== undefined) conditions.push(sql`d.normative = ${filters.normative}`);
  if (filters.gazetteIssueId !== undefined) conditions.push(sql`d.gazette_issue_id = ${filters.gazetteIssueId}`);
  if (filters.validity !== undefined) conditions.push(sql`${validityOn(plan.on)} = ${filters.validity}`);
  return conditions.length > 0 ? joinSql(conditions, sql` and `) : sql`true`;
}

function numberHit(plan: SearchPlan): SqlFragment {
  return plan.numbers.length > 0 ? sql`(${joinSql(plan.numbers.map(numberCondition), sql` or `)})` : sql`false`;
}

function titleHit(plan: SearchPlan): SqlFragment {
  return plan.literals.inTitle ? sql`(d.title_vector @@ ${plan.literals.inTitle}::tsquery)` : sql`false`;
}

/** The first tier: found by number or in the title. */
function topTier(plan: SearchPlan): SqlFragment {
  return sql`(${numberHit(plan)} or ${titleHit(plan)})`;
}

export async function countMatches(db: Queryable, plan: SearchPlan): Promise<{ total: number; top: number }> {
  const [row] = await db.query<{ total: number; top: number }>(sql`
    select count(*)::int as total, count(*) filter (where ${topTier(plan)})::int as top
    from documents d where ${baseWhere(plan)}`);
  return row ?? { total: 0, top: 0 };
}

/** The ids for one page, in ranking (or date) order. */
export async function pageIds(
  db: Queryable,
  plan: SearchPlan,
  sort: SortOrder,
  window: { limit: number; offset: number },
  topCount: number,
): Promise<number[]> {
  const newestFirst = sql`d.signed_on desc nulls last, d.id desc`;
  if (sort === 'date' || topCount === 0) {
    const rows = await db.query<{ id: number }>(sql`
      select d.id from documents d where ${baseWhere(plan)} order by ${newestFirst} limit ${window.limit} offset ${window.offset}`);
    return rows.map((row) => row.id);
  }
  const ids: number[] = [];
  if (window.offset < topCount) {
    const rows = await db.query<{ id: number }>(sql`
      select d.id from documents d where ${baseWhere(plan)} and ${topTier(plan)}
      order by ${joinSql([...(plan.numbers.length > 0 ? [sql`${numberHit(plan)} desc`] : []), ...(plan.literals.inTitle ? [sql`${titleHit(plan)} desc`] : []), newestFirst], sql`, `)}
      limit ${window.limit} offset ${window.offset}`);
    ids.push(...rows.map((row) => row.id));
  }
  const remaining = window.limit - ids.length;
  if (remaining > 0) {
    const rows = await db.query<{ id: number }>(sql`
      select d.id from documents d where ${baseWhere(plan)} and not ${topTier(plan)}
      order by ${newestFirst} limit ${remaining} offset ${Math.max(0, window.offset - topCount)}`);
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

export async function facetCounts(db: Queryable, plan: SearchPlan): Promise<Facets> {
  const rows = await db.query<{ facet: keyof Facets; value: string | null; label: string | null; n: number }>(sql`
    with f as (
      select d.issuer, d.doc_type, d.normative, d.gazette_issue_id, extract(year from d.signed_on)::int as year,
        ${validityOn(plan.on)} as validity
      from documents d where ${baseWhere(plan)}
    )
    select 'issuer' as facet, issuer as value, issuer as label, count(*)::int as n from f group by issuer
    union all select 'year', year::text, year::text || '年', count(*)::int from f group by year
    union all select 'type', doc_type, doc_type, count(*)::int from f group by doc_type
    union all select 'validity', validity, validity, count(*)::int from f group by validity
    union all select 'normative', normative::text, case when normative then '规范性文件' else '其他文件' end, count(*)::int from f group by normative
    union all select 'gazette', f.gazette_issue_id::text, g.title || ' ' || coalesce(g.issue, ''), count(*)::int
      from f left join gazette_issues g on g.id = f.gazette_issue_id group by f.gazette_issue_id, g.title, g.issue`);
  const facets: Facets = { issuer: [], year: [], type: [], validity: [], normative: [], gazette: [] };
  for (const row of rows) {
    const value: FacetValue = { value: row.value ?? '', label: row.label ?? '未标注', count: row.n };
    facets[row.facet].push(value);
  }
  for (const list of Object.values(facets)) list.sort((a: FacetValue, b: FacetValue) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
  return facets;
}

export interface ResultRow {
  id: number;
  display_title: string;
  doc_number: string | null;
  issuer: string | null;
  signed_on: string | null;
  doc_type: string | null;
  validity: ValidityStatus;
  body_text: string;
}

export async function resultRows(db: Queryable, ids: number[], on: string): Promise<ResultRow[]> {
  if (ids.length === 0) return [];
  return db.query<ResultRow>(sql`
    select d.id, d.display_title, d.doc_number, d.issuer, d.signed_on, d.doc_type, ${validityOn(on)} as validity,
      left(d.body_text, 20000) as body_text
    from documents d where d.id = any(${ids}::bigint[])`);
}
