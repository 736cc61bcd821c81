import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { lateClocks } from '../../core/clock/clock.late.sql.ts';
import { sql, type SqlFragment } from '../../core/db/sql.ts';
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
  /** What the row counts, for listing the requests behind a cell (see `isReportBucket`). */
  bucket: ReportBucket;
}

export interface ReviewRow {
  label: string;
  cells: number[];
  /** The kind of review the row counts: reconsideration, litigation or litigation_after. */
  kind: string;
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

/** `and r.agency_id in (...)` for one agency's scope; nothing for all agencies. */
function agencyScope(agency: ReportAgencies | null): SqlFragment {
  return agency ? sql`and r.agency_id = any(${[...agency.agencyIds]}::bigint[])` : sql``;
}

/** The requests relevant to a year in scope: received before its end and not finished before its start. */
function requestsOfYear(year: number, agency: ReportAgencies | null) {
  const inScope = agencyScope(agency);
  return sql`
    select r.id, r.tracking_code, r.agency_id, r.applicant_type, r.received_on, coalesce(r.replied_on, r.closed_on) as finished_on, r.reply_category, r.reply_reason
    from disclosure_requests r
    where r.received_on < ${`${year + 1}-01-01`}::date
      and (coalesce(r.replied_on, r.closed_on) is null or coalesce(r.replied_on, r.closed_on) >= ${`${year}-01-01`}::date) ${inScope}`;
}

/** The conditions of each bucket over `requestsOfYear`: what a row of table 三 counts. */
function bucketCondition(year: number, bucket: ReportBucket) {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  if (bucket === 'new') return sql`received_on >= ${start}::date`;
  if (bucket === 'carried_over') return sql`received_on < ${start}::date`;
  if (bucket === 'carried_forward') return sql`(finished_on is null or finished_on >= ${end}::date)`;
  const [, category, reason] = bucket.split(':');
  const handled = sql`finished_on < ${end}::date`;
  if (category === undefined) return handled;
  if (reason === undefined) return sql`${handled} and reply_category = ${category}`;
  return sql`${handled} and reply_category = ${category} and coalesce(reply_reason, '') = ${reason}`;
}

/**
 * What a row of table 三 counts: `new`, `carried_over`, `carried_forward`,
 * `handled`, `handled:<category>` or `handled:<category>:<reason>` (the
 * reason empty for a category without sub-reasons).
 */
export type ReportBucket = string;

/** Whether a bucket names a row of the table (so a drill-down asks only for what the report prints). */
export function isReportBucket(bucket: string): boolean {
  if (bucket === 'new' || bucket === 'carried_over' || bucket === 'carried_forward' || bucket === 'handled') return true;
  const [head, category, reason, ...rest] = bucket.split(':');
  if (head !== 'handled' || rest.length > 0 || !(category! in replyCategories)) return false;
  const reasons = replyCategories[category as ReplyCategory].reasons as Record<string, string>;
  if (reason === undefined) return true;
  return Object.keys(reasons).length === 0 ? reason === '' : reason in reasons;
}

export async function annualReport(db: Queryable, year: number, agency: ReportAgencies | null): Promise<AnnualReport> {
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  const inScope = agencyScope(agency);
  // One pass: each request relevant to the year lands in its bucket(s).
  // The reviews are counted beside the requests (on PostgreSQL, on another connection at the same time).
  const [reviews, rows] = await Promise.all([
    reviewTable(db, start, end, inScope),
    db.query<CountRow>(sql`
    with r as (${requestsOfYear(year, agency)})
    select applicant_type, 'new' as bucket, count(*)::int as n from r where ${bucketCondition(year, 'new')} group by applicant_type
    union all select applicant_type, 'carried_over', count(*)::int from r where ${bucketCondition(year, 'carried_over')} group by applicant_type
    union all select applicant_type, 'handled:' || reply_category || ':' || coalesce(reply_reason, ''), count(*)::int
      from r where ${bucketCondition(year, 'handled')} group by applicant_type, reply_category, reply_reason
    union all select applicant_type, 'carried_forward', count(*)::int from r where ${bucketCondition(year, 'carried_forward')} group by applicant_type`),
  ]);

  const outcomeRows: ReportRow[] = [];
  const categoryTotals: number[][] = [];
  const numerals = ['一', '二', '三', '四', '五', '六'];
  (Object.keys(replyCategories) as ReplyCategory[]).forEach((category, index) => {
    const { label, reasons } = replyCategories[category];
    const reasonEntries = Object.entries(reasons as Record<string, string>);
    const reasonRows = reasonEntries.map(([code, reasonLabel], i) => ({ label: `${i + 1}.${reasonLabel}`, level: 2 as const, cells: byColumn(rows, `handled:${category}:${code}`), bucket: `handled:${category}:${code}` }));
    const total = reasonEntries.length > 0 ? sum(reasonRows.map((row) => row.cells)) : byColumn(rows, `handled:${category}:`);
    categoryTotals.push(total);
    const bucket = reasonEntries.length > 0 ? `handled:${category}` : `handled:${category}:`;
    outcomeRows.push({ label: `(${numerals[index]})${label}`, level: 1, cells: total, bucket }, ...reasonRows);
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
      { label: '一、本年新收政府信息公开申请数量', level: 0, cells: fresh, bucket: 'new' },
      { label: '二、上年结转政府信息公开申请数量', level: 0, cells: carriedOver, bucket: 'carried_over' },
      { label: '三、本年度办理结果', level: 0, cells: handled, bucket: 'handled' },
      ...outcomeRows,
      { label: '(七)总计', level: 1, cells: handled, bucket: 'handled' },
      { label: '四、结转下年度继续办理', level: 0, cells: carriedForward, bucket: 'carried_forward' },
    ],
    reviews,
  };
}

/** Reviews decided in the year or still pending, with a lawsuit after a reconsideration of the same request as "复议后起诉". */
function reviewsOfYear(start: string, end: string, inScope: SqlFragment) {
  return sql`
    select v.id as review_id, v.outcome, v.decided_on, r.id, r.tracking_code, r.agency_id, r.applicant_type, r.received_on,
      coalesce(r.replied_on, r.closed_on) as finished_on, r.reply_category, r.reply_reason,
      case when v.kind = 'litigation' and exists (
          select 1 from disclosure_reviews p where p.request_id = v.request_id and p.kind = 'reconsideration' and p.id < v.id)
        then 'litigation_after' else v.kind end as kind
    from disclosure_reviews v join disclosure_requests r on r.id = v.request_id
    where ((v.decided_on >= ${start}::date and v.decided_on < ${end}::date) or v.outcome = 'pending') ${inScope}`;
}

export const reviewRowKinds = { reconsideration: '行政复议', litigation: '行政诉讼:未经复议直接起诉', litigation_after: '行政诉讼:复议后起诉' } as const;

/** Reconsideration and litigation decided (or still pending) in the year. */
async function reviewTable(db: Queryable, start: string, end: string, inScope: SqlFragment) {
  const rows = await db.query<{ kind: string; outcome: string; n: number }>(sql`
    select kind, outcome, count(*)::int as n from (${reviewsOfYear(start, end, inScope)}) v group by 1, 2`);
  const outcomes = Object.keys(reviewOutcomes);
  const line = (kind: keyof typeof reviewRowKinds): ReviewRow => {
    const cells = outcomes.map((outcome) => rows.find((row) => row.kind === kind && row.outcome === outcome)?.n ?? 0);
    return { label: reviewRowKinds[kind], cells: [...cells, cells.reduce((a, b) => a + b, 0)], kind };
  };
  return {
    columns: [...Object.values(reviewOutcomes), '总计'],
    rows: [line('reconsideration'), line('litigation'), line('litigation_after')],
  };
}

/** One case behind a cell of table 三 or 四: no applicant's name or contact, only what the staff list shows. */
export interface CountedRequest {
  id: number;
  trackingCode: string;
  agencyId: number;
  applicantType: ApplicantType;
  receivedOn: string;
  finishedOn: string | null;
  replyCategory: string | null;
  replyReason: string | null;
  /** For table 四: the review's outcome and date. */
  reviewOutcome?: string;
  decidedOn?: string | null;
}

/** A cell of table 三 (`requests`: a bucket and an applicant type) or 四 (`review`: a row kind and an outcome); `all` for the total column. */
export interface ReportCell {
  table: 'requests' | 'review';
  row: string;
  column: string;
}

const cellLimit = 500;

/** The columns of a counted case, over `requestsOfYear` or `reviewsOfYear`. */
const countedColumns = sql`id::int as id, tracking_code as "trackingCode", agency_id::int as "agencyId", applicant_type as "applicantType",
  to_char(received_on, 'YYYY-MM-DD') as "receivedOn", to_char(finished_on, 'YYYY-MM-DD') as "finishedOn",
  reply_category as "replyCategory", reply_reason as "replyReason"`;

/** The requests a cell of table 三 counts: one bucket, one applicant type or all (null), oldest received first, at most 500. */
export async function requestsInCell(db: Queryable, year: number, agency: ReportAgencies | null, bucket: ReportBucket, applicantType: ApplicantType | null): Promise<CountedRequest[]> {
  const ofType = applicantType ? sql`and applicant_type = ${applicantType}` : sql``;
  return db.query<CountedRequest>(sql`
    select ${countedColumns}
    from (${requestsOfYear(year, agency)}) r
    where ${bucketCondition(year, bucket)} ${ofType}
    order by received_on, id
    limit ${cellLimit}`);
}

/** The reviews a cell of table 四 counts: one row kind, one outcome or all (null). */
export async function reviewsInCell(db: Queryable, year: number, agency: ReportAgencies | null, kind: keyof typeof reviewRowKinds, outcome: string | null): Promise<CountedRequest[]> {
  const inScope = agencyScope(agency);
  const ofOutcome = outcome ? sql`and outcome = ${outcome}` : sql``;
  return db.query<CountedRequest>(sql`
    select ${countedColumns}, outcome as "reviewOutcome", to_char(decided_on, 'YYYY-MM-DD') as "decidedOn"
    from (${reviewsOfYear(`${year}-01-01`, `${year + 1}-01-01`, inScope)}) v
    where kind = ${kind} ${ofOutcome}
    order by decided_on nulls last, review_id
    limit ${cellLimit}`);
}

/** Replies of a month by an agency, and how many of them came after their due date (the clock's, with its pauses and extensions). */
export interface MonthlyReplies {
  agencyId: number;
  /** 1 to 12. */
  month: number;
  replied: number;
  late: number;
}

/** The replies dated in the year by the agencies in scope, by agency and month, with the late ones counted. */
export async function repliesByMonth(db: Queryable, year: number, agency: ReportAgencies, today: string): Promise<MonthlyReplies[]> {
  return db.query<MonthlyReplies>(sql`
    select r.agency_id::int as "agencyId", extract(month from r.replied_on)::int as month, count(*)::int as replied, count(l.subject_id)::int as late
    from disclosure_requests r
    left join ${lateClocks('disclosure_request', ['reply'], year, today)} l on l.subject_id = r.id and l.finished_on is not null
    where r.replied_on >= ${`${year}-01-01`}::date and r.replied_on < ${`${year + 1}-01-01`}::date ${agencyScope(agency)}
    group by 1, 2
    order by 1, 2`);
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
