/** The annual report on government information disclosure, in the national formats (../shared/docs/annual-report-formats.md). */

/** 国办公开办函〔2019〕60号 for the 2019 and 2020 reports; 国办公开办函〔2021〕30号 from 2021 on. */
export type ReportFormat = '2019' | '2021';

export const formatSources: Record<ReportFormat, string> = {
  '2019': '国办公开办函〔2019〕60号《政府信息公开工作年度报告格式(试行)》',
  '2021': '国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》',
};

/** One table of the report as printed: a heading row of columns, then labelled rows. */
export interface ReportTable {
  /** The heading of the first column, e.g. 第二十条第(一)项. */
  caption: string;
  columns: string[];
  rows: ReportTableRow[];
}

export interface ReportTableRow {
  label: string;
  /** 0: a heading row of the national table, 1: a category, 2: a sub-reason. */
  level?: 0 | 1 | 2;
  /** null: a cell the agency has not entered yet. */
  cells: (number | null)[];
  /** For a counted row: what each cell counts, so a reader can list the documents behind it. */
  drill?: { kind: string; measures: string[] };
}

/** A case behind a cell of table 三 or 四, as the drill-down lists it: no applicant's name or contact. */
export interface CountedCase {
  id: number;
  trackingCode: string;
  agency: string;
  applicant: string;
  receivedOn: string;
  finishedOn: string | null;
  outcome: string;
  /** Table 四: the review's outcome and the date it was decided. */
  review?: string;
  decidedOn?: string | null;
}

/** The figures charted beside the report: replies on time by month and by agency, documents published by month. */
export interface ReportTrends {
  /** Per month, January first: replies dated in the month, and the share on time in percent (null in a month with none). */
  repliedByMonth: number[];
  onTimeByMonth: (number | null)[];
  /** Each agency in scope with replies in the year, the agency first then by name. */
  onTimeByAgency: { agency: string; replied: number; onTime: number }[];
  publishedByMonth: number[];
}

/** A check of an identity the format implies, shown where it fails. */
export interface ReportCheck {
  name: string;
  ok: boolean;
  /** Where it fails, in Chinese (the column, the two sides). */
  detail?: string;
}

/** The texts the agency writes. */
export const reportTextSections = {
  overall: '一、总体情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;
export type ReportTextSection = keyof typeof reportTextSections;

export interface AnnualReportView {
  year: number;
  format: ReportFormat;
  formatSource: string;
  agency: { id: number; name: string };
  /** The agencies whose cases and documents it counts: the agency and every agency under it. */
  covers: string[];
  state: 'draft' | 'published';
  publishedOn: string | null;
  texts: Record<ReportTextSection, string>;
  /** Last year's texts, the starting point of this year's (and the comparison against copying). */
  lastYearTexts: Record<ReportTextSection, string> | null;
  entered: Record<string, number>;
  tables: {
    /** 二、主动公开政府信息情况 */
    active: ReportTable[];
    /** 三、收到和处理政府信息公开申请情况 */
    requests: ReportTable;
    /** 四、政府信息公开行政复议、行政诉讼情况 */
    review: ReportTable;
  };
  checks: ReportCheck[];
}
