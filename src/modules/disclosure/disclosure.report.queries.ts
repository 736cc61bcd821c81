import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { sql } from '../../core/db/sql.ts';
import { applicantTypes, replyCategories, reviewOutcomes, type ApplicantType, type ReplyCategory } from './disclosure.types.ts';

/**
 * The tables of the annual report on government information disclosure
 * (政府信息公开工作年度报告) that count requests: received this year and
 * carried over, by applicant type; outcomes by category and sub-reason;
 * carried forward; and administrative reconsideration and litigation.
 *
 * A request is handled in the year its reply (or its closing, when the
 * applicant let it lapse) is dated; until then it is carried forward. The
 * identity new + carried over = handled + carried forward is checked on every
 * report, per column.
 */

export const reportColumns: ApplicantType[] = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_organisation'];
export const reportColumnLabels = [
  '自然人',
  ...reportColumns.slice(1).map((type) => `法人或其他组织:${type === 'other_organisation' ? '其他' : applicantTypes[type]}`),
  '总计',
];

export interface ReportRow {
  label: string;
  /** 0: a heading row of the national table, 1: a category, 2: a sub-reason. */
  level: 0 | 1 | 2;
  /** One count per applicant type, then the total. */
  cells: number[];
}

export interface ReviewRow {
  label: string;
  cells: number[];
}

export interface AnnualReport {
  year: number;
  scope: string;
  requests: ReportRow[];
  reviews: { columns: string[]; rows: ReviewRow[] };
}

interface CountRow {
  applicant_type: ApplicantType;
  bucket: string;
  n: number;
}

function byColumn(rows: CountRow[], bucket: string): number[] {
  const cells = reportColumns.map((type) => rows.filter((row) => row.bucket === bucket && row.applicant_type === type).reduce((sum, row) => sum + row.n, 0));
  return [...cells, cells.reduce((a, b) => a + b, 0)];
}

const sum = (rows: number[][]) => rows.reduce((total, cells) => total.map((value, i) => value + cells[i]!), reportColumnLabels.map(() => 0));

/** The agencies counted: one, or a government with the agencies under it; null for all. */
export interface ReportAgencies {
  agencyIds: readonly number[];
  name: string;
}

export async function annualReport(db: Queryable, year: number, agency: ReportAgencies | null): Promise<AnnualReport> {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const inScope = agency ? sql`and r.agency_id = any(${[...agency.agencyIds]}::bigint[])` : sql``;
  // One pass: each request relevant to the year lands in its bucket(s).
  const rows = await db.query<CountRow>(sql`
    with r as (
      select r.applicant_type, r.received_on, coalesce(r.replied_on, r.closed_on) as finished_on, r.reply_category, r.reply_reason
      from disclosure_requests r
      where r.received_on < ${end}::date and (coalesce(r.replied_on, r.closed_on) is null or coalesce(r.replied_on, r.closed_on) >= ${start}::date) ${inScope}
    )
    select applicant_type, 'new' as bucket, count(*)::int as n from r where received_on >= ${start}::date group by applicant_type
    union all select applicant_type, 'carried_over', count(*)::int from r where received_on < ${start}::date group by applicant_type
    union all select applicant_type, 'handled:' || reply_category || ':' || coalesce(reply_reason, ''), count(*)::int
      from r where finished_on < ${end}::date group by applicant_type, reply_category, reply_reason
    union all select applicant_type, 'carried_forward', count(*)::int from r where finished_on is null or finished_on >= ${end}::date group by applicant_type`);

  const outcomeRows: ReportRow[] = [];
  const categoryTotals: number[][] = [];
  const numerals = ['一', '二', '三', '四', '五', '六'];
  (Object.keys(replyCategories) as ReplyCategory[]).forEach((category, index) => {
    const { label, reasons } = replyCategories[category];
    const reasonEntries = Object.entries(reasons as Record<string, string>);
    const reasonRows = reasonEntries.map(([code, reasonLabel], i) => ({ label: `${i + 1}.${reasonLabel}`, level: 2 as const, cells: byColumn(rows, `handled:${category}:${code}`) }));
    const total = reasonEntries.length > 0 ? sum(reasonRows.map((row) => row.cells)) : byColumn(rows, `handled:${category}:`);
    categoryTotals.push(total);
    outcomeRows.push({ label: `(${numerals[index]})${label}`, level: 1, cells: total }, ...reasonRows);
  });
  const handled = sum(categoryTotals);
  const fresh = byColumn(rows, 'new');
  const carriedOver = byColumn(rows, 'carried_over');
  const carriedForward = byColumn(rows, 'carried_forward');
  const unbalanced = handled.findIndex((value, i) => fresh[i]! + carriedOver[i]! !== value + carriedForward[i]!);
  if (unbalanced >= 0) {
    throw new AppError('internal', `年度报告不平衡:${reportColumnLabels[unbalanced]}一栏 新收+上年结转 ≠ 办理+结转下年`, { year, column: reportColumnLabels[unbalanced] });
  }
  return {
    year,
    scope: agency?.name ?? '全部机关',
    requests: [
      { label: '一、本年新收政府信息公开申请数量', level: 0, cells: fresh },
      { label: '二、上年结转政府信息公开申请数量', level: 0, cells: carriedOver },
      { label: '三、本年度办理结果', level: 0, cells: handled },
      ...outcomeRows,
      { label: '(七)总计', level: 1, cells: handled },
      { label: '四、结转下年度继续办理', level: 0, cells: carriedForward },
    ],
    reviews: await reviewTable(db, start, end, inScope),
  };
}

/**
 * Reconsideration and litigation decided (or still pending) in the year. A
 * lawsuit after a reconsideration of the same request is "复议后起诉".
 */
async function reviewTable(db: Queryable, start: string, end: string, inScope: ReturnType<typeof sql>) {
  const rows = await db.query<{ kind: string; outcome: string; n: number }>(sql`
    select case when v.kind = 'litigation' and exists (
        select 1 from disclosure_reviews p where p.request_id = v.request_id and p.kind = 'reconsideration' and p.id < v.id)
      then 'litigation_after' else v.kind end as kind,
      v.outcome, count(*)::int as n
    from disclosure_reviews v join disclosure_requests r on r.id = v.request_id
    where ((v.decided_on >= ${start}::date and v.decided_on < ${end}::date) or v.outcome = 'pending') ${inScope}
    group by 1, 2`);
  const outcomes = Object.keys(reviewOutcomes);
  const line = (kind: string, label: string): ReviewRow => {
    const cells = outcomes.map((outcome) => rows.find((row) => row.kind === kind && row.outcome === outcome)?.n ?? 0);
    return { label, cells: [...cells, cells.reduce((a, b) => a + b, 0)] };
  };
  return {
    columns: [...Object.values(reviewOutcomes), '总计'],
    rows: [line('reconsideration', '行政复议'), line('litigation', '行政诉讼:未经复议直接起诉'), line('litigation_after', '行政诉讼:复议后起诉')],
  };
}

/** The report as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese). */
export function reportCsv(report: AnnualReport): string {
  const quote = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  const lines = [
    [`${report.scope} ${report.year}年 收到和处理政府信息公开申请情况`],
    ['', ...reportColumnLabels],
    ...report.requests.map((row) => [row.label, ...row.cells]),
    [],
    [`${report.scope} ${report.year}年 政府信息公开行政复议、行政诉讼情况`],
    ['', ...report.reviews.columns],
    ...report.reviews.rows.map((row) => [row.label, ...row.cells]),
  ];
  return `\ufeff${lines.map((line) => line.map(quote).join(',')).join('\r\n')}\r\n`;
}
