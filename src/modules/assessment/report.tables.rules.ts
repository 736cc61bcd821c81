import { reportColumnLabels, type AnnualReport } from '../disclosure/index.ts';
import type { ReportFormat, ReportTable } from './report.types.ts';

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
    rows.push({ label: row.label, level: row.level, cells: row.cells });
  }
  return { caption: '申请人情况', columns: reportColumnLabels, rows };
}

/** Table 四: reconsideration, and litigation directly or after reconsideration, each 维持 / 纠正 / 其他 / 尚未审结 / 总计. */
export function reviewTable(report: AnnualReport): ReportTable {
  return { caption: '行政复议、行政诉讼', columns: report.reviews.columns, rows: report.reviews.rows.map((row) => ({ label: row.label, cells: row.cells })) };
}
