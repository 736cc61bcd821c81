import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { validityOn, type ValidityStatus } from '../documents/index.ts';
import type { NumberQuery, QueryLiterals } from '../textindex/index.ts';
import type { FacetValue, Facets, SearchFilters, SortOrder } from './search.types.ts';

/**
 * The search in SQL. Candidates come from the GIN index (words) or the number
 * columns (document numbers); ranking puts a number match first, then a title
 * phrase, then a phrase anywhere, then whole words, then ts_rank_cd, and among
 * equals the newer document.
 */

export interface SearchPlan {
  literals: QueryLiterals;
  numbers: NumberQuery[];
  filters: SearchFilters;
  on: string;
}

const rankWeights = '{0.1, 0.2, 0.4, 1.0}';

function numberCondition(number: NumberQuery): SqlFragment {
  const exact = sql`d.doc_number_prefix = ${number.prefix} and d.doc_number_year = ${number.year}`;
  return number.serial === null ? sql`(${exact})` : sql`(${exact} and d.doc_number_serial = ${number.serial})`;
}

function tsquery(literal: string | null): SqlFragment {
  return literal === null ? sql`null::tsquery` : sql`${literal}::tsquery`;
}

/** Matched and filtered documents with their ranking signals, as a CTE body. */
function filtered(plan: SearchPlan): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (plan.literals.match) conditions.push(sql`d.search_vector @@ ${plan.literals.match}::tsquery`);
  // A document is found by its number, and by citing it.
  for (const number of plan.numbers) {
    const lexeme = number.serial === null ? null : `'文号:${number.prefix}${number.year}-${number.serial}'`;
    conditions.push(lexeme ? sql`(${numberCondition(number)} or d.search_vector @@ ${lexeme}::tsquery)` : numberCondition(number));
  }
  const { filters } = plan;
  if (filters.issuer !== undefined) conditions.push(sql`d.issuer = ${filters.issuer}`);
  if (filters.year !== undefined) conditions.push(sql`extract(year from d.signed_on) = ${filters.year}`);
  if (filters.type !== undefined) conditions.push(sql`d.doc_type = ${filters.type}`);
  if (filters.normative !== undefined) conditions.push(sql`d.normative = ${filters.normative}`);
  if (filters.gazetteIssueId !== undefined) conditions.push(sql`d.gazette_issue_id = ${filters.gazetteIssueId}`);
  const where = conditions.length > 0 ? joinSql(conditions, sql` and `) : sql`true`;
  const numberHit = plan.numbers.length > 0 ? joinSql(plan.numbers.map(numberCondition), sql` or `) : sql`false`;
  const inner = sql`
    select d.id, d.signed_on, d.issuer, d.doc_type, d.normative, d.gazette_issue_id,
      extract(year from d.signed_on)::int as year,
      ${validityOn(plan.on)} as validity,
      (${numberHit}) as number_hit,
      coalesce(d.search_vector @@ ${tsquery(plan.literals.inTitle)}, false) as title_hit,
      coalesce(d.search_vector @@ ${tsquery(plan.literals.asPhrases)}, false) as phrase_hit,
      coalesce(d.search_vector @@ ${tsquery(plan.literals.wholeWords)}, false) as word_hit,
      coalesce(ts_rank_cd(${rankWeights}::float4[], d.search_vector, ${tsquery(plan.literals.match)}), 0) as rank
    from documents d
    where ${where}`;
  return filters.validity !== undefined ? sql`select * from (${inner}) m where m.validity = ${filters.validity}` : inner;
}

export interface RankedRow {
  id: number;
  total: number;
}

export async function searchPage(db: Queryable, plan: SearchPlan, sort: SortOrder, page: { limit: number; offset: number }): Promise<RankedRow[]> {
  const order =
    sort === 'date'
      ? sql`signed_on desc nulls last, id desc`
      : sql`number_hit desc, title_hit desc, phrase_hit desc, word_hit desc, rank desc, signed_on desc nulls last, id desc`;
  return db.query<RankedRow>(sql`
    with f as (${filtered(plan)})
    select id, count(*) over ()::int as total from f
    order by ${order}
    limit ${page.limit} offset ${page.offset}`);
}

export async function countMatches(db: Queryable, plan: SearchPlan): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`with f as (${filtered(plan)}) select count(*)::int as n from f`);
  return row?.n ?? 0;
}

export async function facetCounts(db: Queryable, plan: SearchPlan): Promise<Facets> {
  const rows = await db.query<{ facet: keyof Facets; value: string | null; label: string | null; n: number }>(sql`
    with f as (${filtered(plan)})
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
