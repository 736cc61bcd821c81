import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import { releasedOn, validityOn } from '../documents/index.ts';

const issuedBy = (names: readonly string[] | null) => (names === null ? sql`true` : sql`d.issuer = any(${[...names]}::text[])`);

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
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const lastDay = `${year}-12-31`;
  const rows = await db.query<{ kind: 'rules' | 'normative'; made: number; published: number; repealed: number; in_force: number }>(sql`
    with d as (
      select case when d.doc_type = '令' or d.doc_number like '%令%' then 'rules' else 'normative' end as kind,
        d.signed_on, ${releasedOn()} as released_on, d.repealed_on, ${validityOn(lastDay)} as validity
      from documents d
      join source_files s on s.id = d.source_file_id
      left join gazette_issues g on g.id = d.gazette_issue_id
      where ${issuedBy(issuerNames)} and (d.normative or d.doc_type = '令' or d.doc_number like '%令%')
    )
    select kind,
      count(*) filter (where signed_on >= ${start}::date and signed_on < ${end}::date)::int as made,
      count(*) filter (where released_on >= ${start}::date and released_on < ${end}::date)::int as published,
      count(*) filter (where repealed_on >= ${start}::date and repealed_on < ${end}::date)::int as repealed,
      count(*) filter (where validity in ('现行有效', '已修改') and released_on <= ${lastDay}::date)::int as in_force
    from d group by kind`);
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
    published: sql`${releasedOn()} >= ${start}::date and ${releasedOn()} < ${end}::date`,
    repealed: sql`d.repealed_on >= ${start}::date and d.repealed_on < ${end}::date`,
    inForce: sql`${validityOn(lastDay)} in ('现行有效', '已修改') and ${releasedOn()} <= ${lastDay}::date`,
  }[measure];
  return db.query<{ id: number; title: string; docNumber: string | null; signedOn: string | null }>(sql`
    select d.id::int as id, d.display_title as title, d.doc_number_printed as "docNumber", d.signed_on::text as "signedOn"
    from documents d
    join source_files s on s.id = d.source_file_id
    left join gazette_issues g on g.id = d.gazette_issue_id
    where ${issuedBy(issuerNames)} and ${ofKind} and ${inMeasure}
    order by d.signed_on, d.id limit 500`);
}
