import { reportTextSections, type AnnualReportView, type ReportTable } from './report.types.ts';

/** One section of the report as printed: a text the agency wrote, or tables. */
export type ReportSection = { heading: string; text: string } | { heading: string; tables: ReportTable[] };

/** The six sections in the national order, the one list every rendering (page, PDF, Word, workbook) walks. */
export function reportSections(report: AnnualReportView): ReportSection[] {
  return [
    { heading: reportTextSections.overall, text: report.texts.overall },
    { heading: '二、主动公开政府信息情况', tables: report.tables.active },
    { heading: '三、收到和处理政府信息公开申请情况', tables: [report.tables.requests] },
    { heading: '四、政府信息公开行政复议、行政诉讼情况', tables: [report.tables.review] },
    { heading: reportTextSections.problems, text: report.texts.problems },
    { heading: reportTextSections.other, text: report.texts.other },
  ];
}

/** A written section's paragraphs (blank lines dropped). */
export const paragraphsOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** The report's title as printed. */
export const reportTitle = (report: AnnualReportView) => `${report.agency.name}${report.year}年政府信息公开工作年度报告`;

/** A cell as printed: a dash for one not filled in. */
export const cellText = (cell: number | null) => (cell === null ? '—' : String(cell));
