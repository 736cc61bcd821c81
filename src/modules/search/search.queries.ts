import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql, type SqlFragment } from '../../core/db/sql.ts';
import { subjectOf, validityOn, type ValidityStatus } from '../documents/index.ts';
import { numberQuery, quoteLexeme, type NumberQuery } from '../textindex/index.ts';
import type { FacetValue, Facets, SearchFilters, SortOrder } from './search.types.ts';

/**
 * The search in SQL, over the narrow search_entries table, in two tiers:
 * documents that match by number or have everything asked for in their title
 * come first (number matches first), then everything else that matches, newer
 * first. Matching uses only operators the GIN indexes answer exactly, so no
 * vector is read back to confirm a row, except for a quoted phrase's positions.
 * Each tier is read only as far as the page needs (see newestIds).
 */

export interface SearchPlan {
  /** The words and phrases (see matchQuery), or null for none. */
  match: string | null;
  numbers: NumberQuery[];
  filters: SearchFilters;
  on: string;
  /** Matches are counted exactly up to this many. */
  countLimit: number;
  /** How many of the newest documents a walk tests before it gives up and gathers (see newestIds). */
  walkRows: number;
  /** How many rows a sample of the library takes to estimate the share of a validity (see validityShare). */
  sampleRows: number;
}

function numberCondition(number: NumberQuery): SqlFragment {
  const exact = sql`e.doc_number_prefix = ${number.prefix} and e.doc_number_year = ${number.year}`;
  return number.serial === null ? sql`(${exact})` : sql`(${exact} and e.doc_number_serial = ${number.serial})`;
}

/** Everything search filters, sorts and counts on is in search_entries (validity dates included). */
const entries = sql`search_entries e`;

/**
 * The lexemes of search_entries.facets (migration 0046) that filters ask for.
 * With words, the filters that do not depend on the day are asked of the
 * facets, which share the words' GIN index: one scan intersects both, where a
 * btree on the filter column would have the words tested on each row it gave
 * (reading each row's large vector). Without words a btree is the right path,
 * so the columns are asked. Validity depends on the day, so it is always
 * asked of the columns; its facet, a date it needs recorded at all, narrows
 * the rows first.
 */
const validityNeeds: Partial<Record<ValidityStatus, string>> = { 已废止: '止:废止', 已失效: '止:期限', 已修改: '止:修改' };
const issuerFacetChars = 300;

function facetLexemes(plan: SearchPlan): string[] {
  const { filters } = plan;
  const lexemes: string[] = [];
  if (plan.match) {
    if (filters.type !== undefined) lexemes.push(`类型:${filters.type}`);
    if (filters.issuer !== undefined) lexemes.push(`机关:${[...filters.issuer].slice(0, issuerFacetChars).join('')}`);
    if (filters.year !== undefined) lexemes.push(`年:${filters.year}`);
    if (filters.normative === true) lexemes.push('规范性');
  }
  const needed = filters.validity === undefined ? undefined : validityNeeds[filters.validity];
  if (needed) lexemes.push(needed);
  return lexemes;
}

/** The filters alone (issuer, year, type, normative, gazette issue, validity on the plan's date). */
function filterConditions(plan: SearchPlan): SqlFragment[] {
  const { filters } = plan;
  const conditions: SqlFragment[] = [];
  const lexemes = facetLexemes(plan);
  if (lexemes.length > 0) conditions.push(sql`e.facets @@ ${lexemes.map(quoteLexeme).join(' & ')}::tsquery`);
  const byFacet = plan.match !== null;
  // An issuer longer than its facet's characters is compared whole as well.
  if (filters.issuer !== undefined && (!byFacet || [...filters.issuer].length > issuerFacetChars)) conditions.push(sql`e.issuer = ${filters.issuer}`);
  if (filters.year !== undefined && !byFacet) conditions.push(sql`e.signed_on >= make_date(${filters.year}, 1, 1) and e.signed_on < make_date(${filters.year} + 1, 1, 1)`);
  if (filters.type !== undefined && !byFacet) conditions.push(sql`e.doc_type = ${filters.type}`);
  if (filters.normative !== undefined && !(byFacet && filters.normative)) conditions.push(sql`e.normative = ${filters.normative}`);
  if (filters.gazetteIssueId !== undefined) conditions.push(sql`e.gazette_issue_id = ${filters.gazetteIssueId}`);
  if (filters.validity !== undefined) conditions.push(sql`${validityOn(plan.on, sql`e`)} = ${filters.validity}`);
  // The subject is worked out from the title, which only documents holds.
  if (filters.subject !== undefined) conditions.push(sql`exists (select 1 from documents d where d.id = e.document_id and ${subjectOf(sql`d`)} = ${filters.subject}::text)`);
  return conditions;
}

const all = (conditions: SqlFragment[]) => (conditions.length > 0 ? joinSql(conditions, sql` and `) : sql`true`);

/** What a document must satisfy to be found at all. */
function baseWhere(plan: SearchPlan): SqlFragment {
  const conditions: SqlFragment[] = [];
  if (plan.match) conditions.push(sql`e.search_vector @@ ${plan.match}::tsquery`);
  // A document is found by its number, and by citing it.
  for (const number of plan.numbers) {
    const lexeme = numberQuery(number);
    conditions.push(lexeme ? sql`(${numberCondition(number)} or e.search_vector @@ ${lexeme}::tsquery)` : numberCondition(number));
  }
  return all([...conditions, ...filterConditions(plan)]);
}

function numberHit(plan: SearchPlan): SqlFragment {
  return plan.numbers.length > 0 ? sql`(${joinSql(plan.numbers.map(numberCondition), sql` or `)})` : sql`false`;
}

const newestFirst = sql`e.signed_on desc nulls last, e.document_id desc`;

export interface MatchCount {
  total: number;
  exact: boolean;
}

/**
 * Counting is skipped when the engine's own estimate is this many times the
 * count limit: the count would say "more than" anyway, and gathering a
 * common word's posting list to count its first 10,000 matches is most of
 * such a search's time (about 30 ms at 200,000 documents, growing with the
 * library). The estimate of a word comes from the column's statistics of
 * common lexemes; it would have to be five times too high to hide a count.
 */
const surelyMoreFactor = 5;

async function estimatedMatches(db: Queryable, where: SqlFragment): Promise<number> {
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(sql`explain (format json) select 1 from ${entries} where ${where}`);
  const plan = row?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  return parsed[0].Plan['Plan Rows'];
}

/**
 * The share of the library that has this validity on the plan's day, from a
 * sample of about `plan.sampleRows` rows (the whole table when it is
 * smaller). The planner has no statistics for validity on a day (an
 * expression of four dates and the day) and guesses 0.5 %: for 现行有效, most
 * of the library, that hid a count of 221,000 rows at 1,000,000 documents.
 */
async function validityShare(db: Queryable, plan: SearchPlan, status: string): Promise<number | null> {
  const [size] = await db.query<{ rows: number }>(sql`select greatest(reltuples, 1)::float8 as rows from pg_class where oid = 'search_entries'::regclass`);
  const percent = Math.min(100, (100 * plan.sampleRows) / (size?.rows ?? 1));
  const [row] = await db.query<{ sampled: number; with_status: number }>(sql`
    select count(*)::int as sampled, count(*) filter (where ${validityOn(plan.on, sql`e`)} = ${status})::int as with_status
    from ${entries} tablesample system (${percent}) repeatable (17)`);
  if (!row || row.sampled === 0 || (percent < 100 && row.sampled < plan.sampleRows / 2)) return null;
  return row.with_status / row.sampled;
}

/**
 * Whether the plan surely matches more than five times its count limit, by
 * the engine's estimate: of the words and the filters the index answers,
 * times the sampled share of the validity asked for.
 */
async function surelyMoreThanLimit(db: Queryable, plan: SearchPlan): Promise<boolean> {
  if (!plan.match) return false;
  const enough = plan.countLimit * surelyMoreFactor;
  const validity = plan.filters.validity;
  if (validity === undefined) return (await estimatedMatches(db, baseWhere(plan))) > enough;
  const withoutValidity = await estimatedMatches(db, baseWhere({ ...plan, filters: { ...plan.filters, validity: undefined } }));
  if (withoutValidity <= enough) return false;
  const share = await validityShare(db, plan, validity);
  return share !== null && withoutValidity * share > enough;
}

/** Beyond the plan's count limit the count says "more than" (see search.service.ts). */
export async function countMatches(db: Queryable, plan: SearchPlan): Promise<MatchCount> {
  if (await surelyMoreThanLimit(db, plan)) return { total: plan.countLimit, exact: false };
  const counted = (total: number): MatchCount => (total > plan.countLimit ? { total: plan.countLimit, exact: false } : { total, exact: true });
  const walked = plan.match ? await countAmongNewest(db, plan) : null;
  if (walked !== null) return counted(walked);
  const [row] = await db.query<{ total: number }>(sql`
    select count(*)::int as total from (select 1 from ${entries} where ${baseWhere(plan)} limit ${plan.countLimit + 1}) m`);
  return counted(row?.total ?? 0);
}

/** The newest documents a count tests first (at most the plan's walk), to judge whether a walk would find more than the limit. */
const probeRows = 300;
/** A count's walk goes this many times further than a page's: it must find the limit, a page only ten. */
const countWalkFactor = 8;

/**
 * The count, when the newest documents answer it: the whole library if it
 * is no larger than the probe, or more than the limit found within the
 * plan's walk. Null otherwise. Counting through the index builds the
 * bitmap of every candidate first: at 1,000,000 documents a phrase of common
 * character pairs had 48,000 to 177,000 candidates (75 to 165 ms) when 200
 * matches were among the newest thousand documents. The probe (300 rows)
 * tells the density; the walk (eight times the plan's walk) is taken only
 * if at that density it would reach the limit.
 */
async function countAmongNewest(db: Queryable, plan: SearchPlan): Promise<number | null> {
  const newest = (rows: number) => sql`(select * from ${entries} order by ${newestFirst} limit ${rows}) e`;
  const probeSize = Math.min(probeRows, plan.walkRows);
  const [probe] = await db.query<{ scanned: number; found: number }>(sql`
    select count(*)::int as scanned, count(*) filter (where ${baseWhere(plan)})::int as found from ${newest(probeSize)}`);
  if (!probe) return null;
  if (probe.scanned < probeSize) return probe.found;
  const walkRows = plan.walkRows * countWalkFactor;
  if ((probe.found / probeSize) * walkRows <= plan.countLimit) return null;
  const [walk] = await db.query<{ found: number }>(sql`
    select count(*)::int as found from (select 1 from ${newest(walkRows)} where ${baseWhere(plan)} limit ${plan.countLimit + 1}) m`);
  return walk && walk.found > plan.countLimit ? walk.found : null;
}

/** Below this many matches, matches are gathered through the index and then sorted. */
const fewMatches = 5_000;

/** A walk over the newest documents, or none (gather at once). */
type Plan = 'gather' | { walkRows: number };

/** A title is in the row itself (its vector is short): testing it is about fifteen times cheaper than the words' vector out of line. */
const titleWalkFactor = 4;

/**
 * Ids in date order, by a plan the search chooses itself. "gather" collects
 * the matches through the GIN index and sorts them. "walk" tests the newest
 * documents one by one and stops when the page is full, which for a common
 * word is after a few dozen; after `walkRows` it gives up and gathers. The
 * planner cannot choose between them: it estimates a phrase or a pair of
 * common words at a few dozen rows when tens of thousands match, and would
 * gather them all and test each one's positions.
 */
async function newestIds(db: Queryable, search: SearchPlan, where: SqlFragment, limit: number, plan: Plan): Promise<number[]> {
  if (search.match === null && search.numbers.length === 0) {
    // Filters alone (browsing): the btree on the date, or on the filter's
    // column, answers in order, and the planner's estimates of columns are good.
    const rows = await db.query<{ id: number }>(sql`select e.document_id as id from ${entries} where ${where} order by ${newestFirst} limit ${limit}`);
    return rows.map((row) => row.id);
  }
  if (plan !== 'gather') {
    const walked = await db.query<{ id: number }>(sql`
      select e.document_id as id from (select * from ${entries} order by ${newestFirst} limit ${plan.walkRows}) e
      where ${where} order by ${newestFirst} limit ${limit}`);
    if (walked.length === limit) return walked.map((row) => row.id);
  }
  if (search.match !== null) return newestByYears(db, search, where, limit);
  return (await gathered(db, where, limit)).map((row) => row.id);
}

/** The matches of `where`, gathered through the index, then sorted: the newest `limit`. */
function gathered(db: Queryable, where: SqlFragment, limit: number): Promise<{ id: number }[]> {
  return db.query<{ id: number }>(sql`
    with m as materialized (select e.document_id, e.signed_on from ${entries} where ${where})
    select document_id as id from m order by signed_on desc nulls last, document_id desc limit ${limit}`);
}

/**
 * The newest matches of words, gathered a few years at a time, newest years
 * first: the latest year, the two before it, the four before those, and so
 * on, then the undated. Sorting needs each match's date, read from its row;
 * at 1,000,000 documents a common title word's 50,000 matches were 40,000
 * rows read (300 to 500 ms) to keep ten. Each slice asks the year facets in
 * the same GIN scan as the words, so only that slice's rows are read.
 */
async function newestByYears(db: Queryable, search: SearchPlan, where: SqlFragment, limit: number): Promise<number[]> {
  // A year asked for is the only slice there is (its facet is in `where` already): one gather.
  if (search.filters.year !== undefined) return (await gathered(db, where, limit)).map((row) => row.id);
  const [range] = await db.query<{ newest: number | null; oldest: number | null }>(sql`
    select extract(year from max(signed_on))::int as newest, extract(year from min(signed_on))::int as oldest from ${entries}`);
  const ids: number[] = [];
  let width = 1;
  for (let top = range?.newest ?? 0, oldest = range?.oldest ?? 1; ids.length < limit && top >= oldest; top -= width, width *= 2) {
    const years = Array.from({ length: Math.min(width, top - oldest + 1) }, (_, i) => quoteLexeme(`年:${top - i}`)).join(' | ');
    ids.push(...(await gathered(db, sql`${where} and e.facets @@ ${years}::tsquery`, limit - ids.length)).map((row) => row.id));
  }
  if (ids.length < limit) ids.push(...(await gathered(db, sql`${where} and e.signed_on is null`, limit - ids.length)).map((row) => row.id));
  return ids;
}

/**
 * The first tier, up to `limit`: documents found by number (those first), or
 * with everything asked for in the title. The title vector is the start of the
 * document's vector, so a title match needs no look at the large vector.
 */
async function firstTierIds(db: Queryable, plan: SearchPlan, limit: number): Promise<number[]> {
  const inTitle = plan.match ? sql`e.title_vector @@ ${plan.match}::tsquery` : null;
  if (plan.numbers.length === 0) return inTitle ? newestIds(db, plan, all([inTitle, ...filterConditions(plan)]), limit, { walkRows: plan.walkRows * titleWalkFactor }) : [];
  const top = inTitle ? sql`(${numberHit(plan)} or ${inTitle})` : numberHit(plan);
  const rows = await db.query<{ id: number }>(sql`
    select e.document_id as id from ${entries} where ${baseWhere(plan)} and ${top}
    order by ${numberHit(plan)} desc, ${newestFirst} limit ${limit}`);
  return rows.map((row) => row.id);
}

/** The ids for one page, in ranking (or date) order; `matches` is the (capped) count of all matches. */
export async function pageIds(
  db: Queryable,
  plan: SearchPlan,
  sort: SortOrder,
  window: { limit: number; offset: number },
  matches: MatchCount,
): Promise<number[]> {
  const everything: Plan = matches.exact && matches.total <= fewMatches ? 'gather' : { walkRows: plan.walkRows };
  const end = window.offset + window.limit;
  if (sort === 'date') return (await newestIds(db, plan, baseWhere(plan), end, everything)).slice(window.offset);
  const first = await firstTierIds(db, plan, end);
  const ids = first.slice(window.offset);
  if (ids.length === window.limit || first.length === end) return ids;
  // The whole first tier is known: the rest is everything else, newest first.
  const seen = new Set(first);
  const restOffset = Math.max(0, window.offset - first.length);
  const rest = (await newestIds(db, plan, baseWhere(plan), first.length + restOffset + window.limit, everything)).filter((id) => !seen.has(id));
  ids.push(...rest.slice(restOffset, restOffset + window.limit - ids.length));
  return ids;
}

export async function facetCounts(db: Queryable, plan: SearchPlan): Promise<Facets> {
  const rows = await db.query<{ facet: keyof Facets; value: string | null; label: string | null; n: number }>(sql`
    with f as (
      select e.issuer, e.doc_type, e.normative, e.gazette_issue_id, extract(year from e.signed_on)::int as year,
        ${validityOn(plan.on, sql`e`)} as validity, e.document_id
      from ${entries} where ${baseWhere(plan)}
      limit ${plan.countLimit}
    )
    select 'issuer' as facet, issuer as value, issuer as label, count(*)::int as n from f group by issuer
    union all select 'year', year::text, year::text || '年', count(*)::int from f group by year
    union all select 'type', doc_type, doc_type, count(*)::int from f group by doc_type
    union all select 'validity', validity, validity, count(*)::int from f group by validity
    union all select 'normative', normative::text, case when normative then '规范性文件' else '其他文件' end, count(*)::int from f group by normative
    union all select 'gazette', f.gazette_issue_id::text, g.title || ' ' || coalesce(g.issue, ''), count(*)::int
      from f left join gazette_issues g on g.id = f.gazette_issue_id group by f.gazette_issue_id, g.title, g.issue
    union all select 'subject', s.subject, s.subject, count(*)::int
      from (select ${subjectOf(sql`d`)} as subject from f join documents d on d.id = f.document_id) s group by s.subject`);
  const facets: Facets = { issuer: [], year: [], type: [], validity: [], normative: [], gazette: [], subject: [] };
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

/** Titles that match a regular expression (the near spellings of a word, see search.suggest.rules.ts). */
export async function titlesMatching(db: Queryable, pattern: string, limit: number): Promise<string[]> {
  const rows = await db.query<{ title: string }>(sql`select display_title as title from documents where display_title ~ ${pattern}::text limit ${limit}`);
  return rows.map((row) => row.title);
}

/** The words the segmenter is taught (the library's titles and numbers): how many, to know when to rebuild it. */
export async function countSearchTerms(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from search_terms`);
  return row!.n;
}

export async function readSearchTerms(db: Queryable): Promise<string[]> {
  return (await db.query<{ term: string }>(sql`select term from search_terms`)).map((t) => t.term);
}

/** The one document carrying this number, or null when none or several do. */
export async function onlyDocumentNumbered(db: Queryable, number: { prefix: string; year: number; serial: number | null }): Promise<number | null> {
  const rows = await db.query<{ id: number }>(sql`
    select id from documents
    where doc_number_prefix = ${number.prefix} and doc_number_year = ${number.year} and doc_number_serial = ${number.serial}
    limit 2`);
  return rows.length === 1 ? rows[0]!.id : null;
}
