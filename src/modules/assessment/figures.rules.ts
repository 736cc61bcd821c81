import type { PublishedResults } from './assessment.repository.ts';
import type { AnnualReportView, ReportTable } from './report.types.ts';

/**
 * The figures of government openness (政务公开数据) as open data: every table
 * of every published annual report and every published assessment score, and
 * the series the public page charts. Only what was published is ever passed
 * here: a report is frozen when published, so these figures are the ones the
 * report printed, and they hold no case and no person.
 */

/** One table of a published report, named for a stable address: active-1 … (表二), requests (表三), review (表四). */
export interface OpenTable {
  key: string;
  title: string;
  table: ReportTable;
}

export function reportTablesOf(report: AnnualReportView): OpenTable[] {
  return [
    ...report.tables.active.map((table, i) => ({ key: `active-${i + 1}`, title: `二、主动公开政府信息情况:${table.caption}`, table })),
    { key: 'requests', title: '三、收到和处理政府信息公开申请情况', table: report.tables.requests },
    { key: 'review', title: '四、政府信息公开行政复议、行政诉讼情况', table: report.tables.review },
  ];
}

/** A table as printed: its heading row, then one line per row. */
export function tableLines(table: ReportTable): (string | number | null)[][] {
  return [[table.caption, ...table.columns], ...table.rows.map((row) => [row.label, ...row.cells])];
}

/** One figure of one report, the long form an analyst joins and filters (one line per cell). */
export interface FigureRecord {
  agencyId: number;
  agencyName: string;
  year: number;
  format: string;
  publishedOn: string | null;
  table: string;
  tableTitle: string;
  row: string;
  column: string;
  value: number | null;
}

export function figureRecords(reports: readonly AnnualReportView[]): FigureRecord[] {
  return reports.flatMap((report) =>
    reportTablesOf(report).flatMap(({ key, title, table }) =>
      table.rows.flatMap((row) =>
        row.cells.map((value, i) => ({
          agencyId: report.agency.id,
          agencyName: report.agency.name,
          year: report.year,
          format: report.format,
          publishedOn: report.publishedOn,
          table: key,
          tableTitle: title,
          row: row.label,
          column: table.columns[i] ?? '',
          value,
        })),
      ),
    ),
  );
}

/** One published score: a dimension's, or the total (item 总分). */
export interface ScoreRecord {
  year: number;
  rootAgencyId: number;
  rootAgencyName: string;
  publishedOn: string;
  agencyId: number;
  agencyName: string;
  kind: string;
  item: string;
  points: number | null;
  score: number;
  grade: string | null;
}

export function scoreRecords(results: readonly PublishedResults[]): ScoreRecord[] {
  return results.flatMap((result) =>
    result.results.flatMap((score) => {
      const common = {
        year: result.year,
        rootAgencyId: result.rootAgencyId,
        rootAgencyName: result.rootAgencyName,
        publishedOn: result.publishedOn,
        agencyId: score.agencyId,
        agencyName: score.agencyName,
        kind: score.kind === 'government' ? '政府' : '部门',
        grade: score.grade,
      };
      return [...score.dimensions.map((d) => ({ ...common, item: d.label, points: d.points, score: d.score })), { ...common, item: '总分', points: 100, score: score.total }];
    }),
  );
}

/** The columns of each long file, in order: the field, its heading in the CSV and what it means (the README and the JSON keys). */
export const figureFields: readonly (readonly [keyof FigureRecord, string, string])[] = [
  ['agencyId', '机关编号', '发布年度报告的机关在本平台机关名录中的编号,与年度报告页面地址 /annual-reports/机关编号/年度 中的一致'],
  ['agencyName', '机关', '发布年度报告的机关全称;政府的报告包括其所属部门的数字'],
  ['year', '年度', '报告所属年度(公历年)'],
  ['format', '格式', '报告采用的国家格式:2019 为国办公开办函〔2019〕60号(2019、2020年度),2021 为国办公开办函〔2021〕30号(2021年度起)'],
  ['publishedOn', '发布日期', '年度报告的发布日期(YYYY-MM-DD)'],
  ['table', '表', '表的代码:active-1 至 active-4 为第二部分「主动公开政府信息情况」的各表(按报告中的顺序),requests 为第三部分「收到和处理政府信息公开申请情况」,review 为第四部分「政府信息公开行政复议、行政诉讼情况」'],
  ['tableTitle', '表名', '表所在的部分及表头,如「二、主动公开政府信息情况:第二十条第(一)项」'],
  ['row', '行', '行的名称,与报告中印出的一致,如「一、本年新收政府信息公开申请数量」「(三)不予公开」「1.属于国家秘密」'],
  ['column', '列', '列的名称,与报告中印出的一致,如「自然人」「法人或其他组织:商业企业」「总计」「本年制发件数」「结果纠正」'],
  ['value', '数值', '报告中该格的数字;金额以万元计;空白表示报告中未填写'],
];

export const scoreFields: readonly (readonly [keyof ScoreRecord, string, string])[] = [
  ['year', '年度', '考核评估所属年度'],
  ['rootAgencyId', '考核范围编号', '组织考核评估的政府在机关名录中的编号'],
  ['rootAgencyName', '考核范围', '组织考核评估的政府(被考核的是它及其所属部门)'],
  ['publishedOn', '发布日期', '考核评估结果的发布日期(YYYY-MM-DD)'],
  ['agencyId', '机关编号', '被考核机关在机关名录中的编号'],
  ['agencyName', '机关', '被考核机关全称'],
  ['kind', '类别', '政府(有所属部门的机关)或部门'],
  ['item', '项目', '考核评估指标体系的一个方面(如「依申请公开办理」),或「总分」'],
  ['points', '分值', '该方面的满分;总分为 100(加分另计)'],
  ['score', '得分', '该机关在该方面的得分,或总分(含加分和调整)'],
  ['grade', '等次', '评定的等次(如「优秀」「良好」);空白表示未达到任何等次或被一票否决'],
];

/** The long records as CSV lines: the Chinese headings, then one line per record. */
export function recordLines<R>(fields: readonly (readonly [keyof R, string, string])[], records: readonly R[]): (string | number | null)[][] {
  return [fields.map(([, heading]) => heading), ...records.map((record) => fields.map(([key]) => record[key] as string | number | null))];
}

/** The total column of a row of table 三 or 四. */
const total = (cells: readonly (number | null)[]) => cells[cells.length - 1] ?? null;

/** A year of table 三 for the chart: received, carried over, each outcome, handled, carried forward (all applicants together). */
export interface RequestYear {
  year: number;
  received: number | null;
  carriedOver: number | null;
  /** (一) to (六) of 三、本年度办理结果, labelled without their numbering. */
  outcomes: { label: string; value: number | null }[];
  handled: number | null;
  carriedForward: number | null;
}

export function requestYears(reports: readonly AnnualReportView[]): RequestYear[] {
  return reports.map((report) => {
    const rows = report.tables.requests.rows;
    const row = (prefix: string) => rows.find((r) => r.label.startsWith(prefix));
    const at = (prefix: string) => {
      const found = row(prefix);
      return found ? total(found.cells) : null;
    };
    return {
      year: report.year,
      received: at('一、'),
      carriedOver: at('二、'),
      outcomes: rows.filter((r) => r.level === 1 && /^[((][一二三四五六][))]/.test(r.label)).map((r) => ({ label: r.label.replace(/^[((][一二三四五六][))]/, ''), value: total(r.cells) })),
      handled: at('三、'),
      carriedForward: at('四、'),
    };
  });
}

/** Reconsideration and litigation totals by year: one value per row of table 四. */
export function reviewYears(reports: readonly AnnualReportView[]): { labels: string[]; years: { year: number; totals: (number | null)[] }[] } {
  const labels = reports[0]?.tables.review.rows.map((row) => row.label) ?? [];
  return { labels, years: reports.map((report) => ({ year: report.year, totals: labels.map((label) => total(report.tables.review.rows.find((row) => row.label === label)?.cells ?? [])) })) };
}

/** 第二十条第(一)项 by year: rules and normative documents, each column as that year's format prints it. */
export function documentYears(reports: readonly AnnualReportView[]): { year: number; format: string; table: ReportTable }[] {
  return reports.flatMap((report) => (report.tables.active[0] ? [{ year: report.year, format: report.format, table: report.tables.active[0] }] : []));
}
