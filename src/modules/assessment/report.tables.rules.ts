import { replyCategories, reportColumnLabels, reportColumns, reviewOutcomes, type AnnualReport, type MonthlyReplies } from '../disclosure/index.ts';
import type { ReportFormat, ReportTable, ReportTrends } from './report.types.ts';

/** What each column of tables 三 and 四 counts: an applicant type or an outcome, then `all` for the total. */
const requestMeasures = [...reportColumns, 'all'];
const reviewMeasures = [...Object.keys(reviewOutcomes), 'all'];

/**
 * Table 三 as the format prints it. The 2021 format splits (六)其他处理 into
 * three rows; the 2019 format has it as one, so its sub-rows are dropped.
 */
export function requestsTable(format: ReportFormat, report: AnnualReport): ReportTable {
  const rows: ReportTable['rows'] = [];
  let inOther = false;
  for (const row of report.requests) {
    if (row.level === 1) inOther = row.label.startsWith('(六)');
    if (format === '2019' && inOther && row.level === 2) continue;
    rows.push({ label: row.label, level: row.level, cells: row.cells, drill: { kind: `requests:${row.bucket}`, measures: requestMeasures } });
  }
  return { caption: '申请人情况', columns: reportColumnLabels, rows };
}

/** Table 四: reconsideration, and litigation directly or after reconsideration, each 维持 / 纠正 / 其他 / 尚未审结 / 总计. */
export function reviewTable(report: AnnualReport): ReportTable {
  return { caption: '行政复议、行政诉讼', columns: report.reviews.columns, rows: report.reviews.rows.map((row) => ({ label: row.label, cells: row.cells, drill: { kind: `review:${row.kind}`, measures: reviewMeasures } })) };
}

/** A case's outcome as table 三 names it: the category, then the sub-reason where it has one. */
export function outcomeLabel(category: string | null, reason: string | null): string {
  const entry = category ? replyCategories[category as keyof typeof replyCategories] : undefined;
  if (!entry) return category ?? '';
  const reasonText = reason ? (entry.reasons as Record<string, string>)[reason] : undefined;
  return reasonText ? `${entry.label}:${reasonText}` : entry.label;
}

/** Percent on time, to one decimal; null when nothing was replied. */
const percentOnTime = (replied: number, late: number) => (replied === 0 ? null : Math.round(((replied - late) / replied) * 1000) / 10);

/** On-time rates by month and by agency from the replies counted per agency and month; agencies listed as the scope lists them. */
export function replyRates(replies: MonthlyReplies[], scope: { agencyIds: number[]; covers: string[] }): Pick<ReportTrends, 'repliedByMonth' | 'onTimeByMonth' | 'onTimeByAgency'> {
  const months = Array.from({ length: 12 }, (_, i) => replies.filter((row) => row.month === i + 1));
  const total = (rows: MonthlyReplies[], key: 'replied' | 'late') => rows.reduce((sum, row) => sum + row[key], 0);
  const onTimeByAgency = scope.agencyIds.flatMap((id, i) => {
    const rows = replies.filter((row) => row.agencyId === id);
    const replied = total(rows, 'replied');
    return replied === 0 ? [] : [{ agency: scope.covers[i]!, replied, onTime: percentOnTime(replied, total(rows, 'late'))! }];
  });
  return {
    repliedByMonth: months.map((rows) => total(rows, 'replied')),
    onTimeByMonth: months.map((rows) => percentOnTime(total(rows, 'replied'), total(rows, 'late'))),
    onTimeByAgency,
  };
}
