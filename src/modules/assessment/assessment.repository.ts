import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { Scheme } from './assessment.scheme.ts';
import type { AgencyScore, Judgement } from './assessment.scoring.rules.ts';

export interface StoredScheme {
  version: number;
  definition: Scheme;
  reason: string;
  changedBy: string;
  changedAt: string;
}

export async function latestScheme(db: Queryable, year: number): Promise<StoredScheme | null> {
  const [row] = await db.query<StoredScheme>(sql`
    select version, definition, reason, changed_by as "changedBy", changed_at::text as "changedAt"
    from assessment_schemes where year = ${year} order by version desc limit 1`);
  return row ?? null;
}

export async function schemeVersions(db: Queryable, year: number): Promise<Omit<StoredScheme, 'definition'>[]> {
  return db.query(sql`
    select version, reason, changed_by as "changedBy", changed_at::text as "changedAt" from assessment_schemes where year = ${year} order by version desc`);
}

export async function insertScheme(tx: Queryable, year: number, definition: Scheme, reason: string, by: string): Promise<number> {
  const [row] = await tx.query<{ version: number }>(sql`
    insert into assessment_schemes (year, version, definition, reason, changed_by)
    select ${year}, coalesce(max(version), 0) + 1, ${JSON.stringify(definition)}::jsonb, ${reason}, ${by} from assessment_schemes where year = ${year}
    returning version`);
  return row!.version;
}

/** The agencies assessed: a government and every agency under it, each marked government (has agencies under it) or department. */
export async function assessedAgencies(db: Queryable, rootAgencyId: number): Promise<{ id: number; name: string; kind: 'government' | 'department' }[]> {
  return db.query(sql`
    with recursive tree as (
      select id, name, 0 as depth from agencies where id = ${rootAgencyId}
      union all select a.id, a.name, t.depth + 1 from agencies a join tree t on a.parent_id = t.id where t.depth < 20
    )
    select t.id::int as id, t.name,
      case when exists (select 1 from agencies c where c.parent_id = t.id) then 'government' else 'department' end as kind
    from tree t order by t.depth, t.name`);
}

export async function judgementsOf(db: Queryable, year: number): Promise<(Judgement & { agencyId: number })[]> {
  return db.query(sql`
    select agency_id::int as "agencyId", indicator, points::float8 as points, evidence from assessment_judgements where year = ${year}`);
}

export async function upsertJudgement(tx: Queryable, year: number, agencyId: number, judgement: Judgement, by: string): Promise<Judgement | null> {
  const [before] = await tx.query<Judgement>(sql`
    select indicator, points::float8 as points, evidence from assessment_judgements where year = ${year} and agency_id = ${agencyId} and indicator = ${judgement.indicator} for update`);
  await tx.query(sql`
    insert into assessment_judgements (year, agency_id, indicator, points, evidence, judged_by)
    values (${year}, ${agencyId}, ${judgement.indicator}, ${judgement.points}, ${judgement.evidence}, ${by})
    on conflict (year, agency_id, indicator) do update set points = excluded.points, evidence = excluded.evidence, judged_by = excluded.judged_by, judged_at = now()`);
  return before ?? null;
}

export async function adjustmentsOf(db: Queryable, year: number): Promise<{ agencyId: number; points: number; reason: string }[]> {
  return db.query(sql`
    select agency_id::int as "agencyId", points::float8 as points, reason from assessment_adjustments where year = ${year} order by id`);
}

export async function insertAdjustment(tx: Queryable, year: number, agencyId: number, points: number, reason: string, by: string): Promise<void> {
  await tx.query(sql`insert into assessment_adjustments (year, agency_id, points, reason, adjusted_by) values (${year}, ${agencyId}, ${points}, ${reason}, ${by})`);
}

/** What the public reads of a result: no case, no evidence, no internal note. */
export interface PublishedScore {
  agencyId: number;
  agencyName: string;
  kind: AgencyScore['kind'];
  dimensions: { label: string; points: number; score: number }[];
  total: number;
  grade: string | null;
}

export interface PublishedResults {
  year: number;
  rootAgencyId: number;
  rootAgencyName: string;
  publishedOn: string;
  results: PublishedScore[];
}

export async function readResults(db: Queryable, year: number, rootAgencyId: number): Promise<PublishedResults | null> {
  const [row] = await db.query<PublishedResults>(sql`
    select r.year, r.root_agency_id::int as "rootAgencyId", a.name as "rootAgencyName", r.published_on::text as "publishedOn", r.results
    from assessment_results r join agencies a on a.id = r.root_agency_id where r.year = ${year} and r.root_agency_id = ${rootAgencyId}`);
  return row ?? null;
}

export async function listResults(db: Queryable): Promise<Omit<PublishedResults, 'results'>[]> {
  return db.query(sql`
    select r.year, r.root_agency_id::int as "rootAgencyId", a.name as "rootAgencyName", r.published_on::text as "publishedOn"
    from assessment_results r join agencies a on a.id = r.root_agency_id order by r.year desc, a.name`);
}

/** Every published result with its scores, oldest year first. */
export async function readAllResults(db: Queryable): Promise<PublishedResults[]> {
  return db.query<PublishedResults>(sql`
    select r.year, r.root_agency_id::int as "rootAgencyId", a.name as "rootAgencyName", r.published_on::text as "publishedOn", r.results
    from assessment_results r join agencies a on a.id = r.root_agency_id order by r.year, a.name`);
}

export async function insertResults(tx: Queryable, year: number, rootAgencyId: number, on: string, by: string, results: PublishedScore[]): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into assessment_results (year, root_agency_id, published_on, published_by, results)
    values (${year}, ${rootAgencyId}, ${on}::date, ${by}, ${JSON.stringify(results)}::jsonb)
    on conflict (year, root_agency_id) do nothing returning id::int as id`);
  return row?.id ?? null;
}

export async function resultNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`
    select r.id::text as id, a.name || ' ' || r.year || ' 年度考核评估结果' as name
    from assessment_results r join agencies a on a.id = r.root_agency_id where r.id::text = any(${[...ids]}::text[])`);
}
