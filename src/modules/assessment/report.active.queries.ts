import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import { releasedOn, validityOn } from '../documents/index.ts';

/**
 * The documents issued under any of the names (all when null), each with the
 * day it went public: the platform's day is computed once per source file,
 * not once per document ('offset 0' keeps the planner from pulling the
 * subquery up and evaluating it per document again), and the names are joined as a set (a hash join)
 * rather than compared one by one — at 200,000 documents and a government's
 * hundred agencies, 2 s → well under a second.
 */
function issuedDocuments(names: readonly string[] | null) {
  const byName = names === null ? sql`` : sql`join (select distinct unnest(${[...names]}::text[]) as name) n on n.name = d.issuer`;
  return sql`documents d
      ${byName}
      join (select s.id, ${releasedOn(sql`z`, sql`s`, sql`z`)} as platform_on
        from source_files s, (select null::date as signed_on, null::date as published_on) z offset 0) f on f.id = d.source_file_id
      left join gazette_issues g on g.id = d.gazette_issue_id`;
}
/** 发布日期 as releasedOn() reads it (platform, gazette issue, signature), from issuedDocuments(). */
const released = sql`coalesce(f.platform_on, g.published_on, d.signed_on)`;

/** Counts of one kind of document for table 二's 第二十条第(一)项. */
export interface DocumentCounts {
  /** Signed (制发) in the year. */
  made: number;
  /** Went public in the year. */
  published: number;
  /** Repealed (by a later document or marked by its agency) in the year. */
  repealed: number;
  /** In force on 31 December and public. */
  inForce: number;
}

export interface LibraryCounts {
  /** 规章: government orders (令). */
  rules: DocumentCounts;
  /** 行政规范性文件 other than rules. */
  normative: DocumentCounts;
}

/**
 * The rules (规章) and normative documents (规范性文件) issued under any of the
 * names given (an agency's names and aliases, with those of the agencies
 * under it), counted from the library for the year. A rule is a government
 * order: its type is 令 or its number is an order's (…令第N号).
 */
/** `issuerNames` null: every issuer. */
export async function libraryCounts(db: Queryable, year: number, issuerNames: readonly string[] | null): Promise<LibraryCounts> {
  const lastDay = `${year}-12-31`;
  const rows = await db.query<{ kind: 'rules' | 'normative'; made: number; published: number; repealed: number; in_force: number }>(sql`
    with d as (
      select case when d.doc_type = '令' or d.doc_number like '%令%' then 'rules' else 'normative' end as kind,
        d.signed_on, ${released} as released_on, d.repealed_on, ${validityOn(lastDay)} as validity
      from ${issuedDocuments(issuerNames)}
      where (d.normative or d.doc_type = '令' or d.doc_number like '%令%')
    )
    select kind,
      count(*) filter (where signed_on >= b.start and signed_on < b.next)::int as made,
      count(*) filter (where released_on >= b.start and released_on < b.next)::int as published,
      count(*) filter (where repealed_on >= b.start and repealed_on < b.next)::int as repealed,
      count(*) filter (where validity in ('现行有效', '已修改') and released_on < b.next)::int as in_force
    -- make_date is immutable, so the bounds are folded once; a text parameter cast to date would be parsed again on every row.
    from d, (select make_date(${year}::int, 1, 1) as start, make_date(${year}::int + 1, 1, 1) as next) b group by kind`);
  const of = (kind: 'rules' | 'normative'): DocumentCounts => {
    const row = rows.find((r) => r.kind === kind);
    return { made: row?.made ?? 0, published: row?.published ?? 0, repealed: row?.repealed ?? 0, inForce: row?.in_force ?? 0 };
  };
  return { rules: of('rules'), normative: of('normative') };
}

/** The documents one cell counts, for drilling down from the report: id, title, 文号 and the date that placed it there. */
export async function documentsCounted(db: Queryable, year: number, issuerNames: readonly string[] | null, kind: 'rules' | 'normative', measure: keyof DocumentCounts) {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const lastDay = `${year}-12-31`;
  const isRule = sql`(d.doc_type = '令' or d.doc_number like '%令%')`;
  const ofKind = kind === 'rules' ? isRule : sql`(d.normative and not ${isRule})`;
  const inMeasure = {
    made: sql`d.signed_on >= ${start}::date and d.signed_on < ${end}::date`,
    published: sql`${released} >= ${start}::date and ${released} < ${end}::date`,
    repealed: sql`d.repealed_on >= ${start}::date and d.repealed_on < ${end}::date`,
    inForce: sql`${validityOn(lastDay)} in ('现行有效', '已修改') and ${released} <= ${lastDay}::date`,
  }[measure];
  return db.query<{ id: number; title: string; docNumber: string | null; signedOn: string | null }>(sql`
    select d.id::int as id, d.display_title as title, d.doc_number_printed as "docNumber", d.signed_on::text as "signedOn"
    from ${issuedDocuments(issuerNames)}
    where ${ofKind} and ${inMeasure}
    order by d.signed_on, d.id limit 500`);
}

/** Documents that went public in each month of the year (index 0 is January), issued under any of the names. */
export async function publicationsByMonth(db: Queryable, year: number, issuerNames: readonly string[]): Promise<number[]> {
  const rows = await db.query<{ month: number; n: number }>(sql`
    select extract(month from ${released})::int as month, count(*)::int as n
    from ${issuedDocuments(issuerNames)}
    where ${released} >= make_date(${year}::int, 1, 1) and ${released} < make_date(${year}::int + 1, 1, 1)
    group by 1`);
  return Array.from({ length: 12 }, (_, i) => rows.find((row) => row.month === i + 1)?.n ?? 0);
}
