import { AppError } from '../../core/errors.ts';
import type { FieldDeclaration } from '../../core/forms/form.fields.ts';
import type { LibraryCounts } from './report.active.queries.ts';
import type { ReportFormat, ReportTable } from './report.types.ts';

/** The format of a year's report: the 2019 format for 2019 and 2020, the 2021 format from 2021. */
export function formatOfYear(year: number): ReportFormat {
  if (!Number.isInteger(year) || year < 2019 || year > 2100) {
    throw new AppError('validation_failed', `年份「${year}」无效:本平台按国家格式编制 2019 年及以后的年度报告`);
  }
  return year <= 2020 ? '2019' : '2021';
}

/**
 * A table of section 二 whose cells the agency enters: each cell is named
 * `<row>.<column>` in what is stored. Amounts are entered in yuan and printed
 * in 万元 as the format asks.
 */
export interface EnteredTable {
  caption: string;
  columns: { key: string; label: string; yuan?: boolean; signed?: boolean }[];
  rows: { key: string; label: string }[];
}

const decisionsOnly = [{ key: 'decisions', label: '本年处理决定数量' }];
const items2019 = [
  { key: 'lastYearItems', label: '上一年项目数量' },
  { key: 'change', label: '本年增/减', signed: true },
];

export const enteredTables: Record<ReportFormat, EnteredTable[]> = {
  '2021': [
    { caption: '第二十条第(五)项', columns: decisionsOnly, rows: [{ key: 'licensing', label: '行政许可' }] },
    { caption: '第二十条第(六)项', columns: decisionsOnly, rows: [{ key: 'penalties', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }] },
    { caption: '第二十条第(八)项', columns: [{ key: 'amount', label: '本年收费金额(单位:万元)', yuan: true }], rows: [{ key: 'fees', label: '行政事业性收费' }] },
  ],
  '2019': [
    {
      caption: '第二十条第(五)项',
      columns: [...items2019, { key: 'decisions', label: '处理决定数量' }],
      rows: [{ key: 'licensing', label: '行政许可' }, { key: 'otherServices', label: '其他对外管理服务事项' }],
    },
    {
      caption: '第二十条第(六)项',
      columns: [...items2019, { key: 'decisions', label: '处理决定数量' }],
      rows: [{ key: 'penalties', label: '行政处罚' }, { key: 'enforcement', label: '行政强制' }],
    },
    { caption: '第二十条第(八)项', columns: items2019, rows: [{ key: 'fees', label: '行政事业性收费' }] },
    {
      caption: '第二十条第(九)项',
      columns: [{ key: 'projects', label: '采购项目数量' }, { key: 'amount', label: '采购总金额(单位:万元)', yuan: true }],
      rows: [{ key: 'procurement', label: '政府集中采购' }],
    },
  ],
};

/** The entered cells of a format as a declared form: one number per cell, labelled as the table prints it. */
export function enteredForm(format: ReportFormat): Record<string, FieldDeclaration> {
  const form: Record<string, FieldDeclaration> = {};
  for (const table of enteredTables[format]) {
    for (const row of table.rows) {
      for (const column of table.columns) {
        const label = `${row.label}:${column.yuan ? column.label.replace('(单位:万元)', '(元)') : column.label}`;
        form[`${row.key}.${column.key}`] = { kind: 'number', label, min: column.signed ? -1_000_000 : 0, max: column.yuan ? 1_000_000_000_000 : 10_000_000, optional: true };
      }
    }
  }
  return form;
}

/** Yuan to 万元, to four decimal places as printed. */
const tenThousands = (yuan: number) => Math.round(yuan) / 10_000;

/** Section 二's tables: the documents counted from the library, the rest as entered (null where not yet entered). */
export function activeTables(format: ReportFormat, counts: LibraryCounts, entered: Record<string, number>): ReportTable[] {
  const documents: ReportTable =
    format === '2021'
      ? {
          caption: '第二十条第(一)项',
          columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
          rows: [
            { label: '规章', cells: [counts.rules.made, counts.rules.repealed, counts.rules.inForce], drill: { kind: 'rules', measures: ['made', 'repealed', 'inForce'] } },
            { label: '行政规范性文件', cells: [counts.normative.made, counts.normative.repealed, counts.normative.inForce], drill: { kind: 'normative', measures: ['made', 'repealed', 'inForce'] } },
          ],
        }
      : {
          caption: '第二十条第(一)项',
          columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
          rows: [
            { label: '规章', cells: [counts.rules.made, counts.rules.published, counts.rules.inForce], drill: { kind: 'rules', measures: ['made', 'published', 'inForce'] } },
            { label: '规范性文件', cells: [counts.normative.made, counts.normative.published, counts.normative.inForce], drill: { kind: 'normative', measures: ['made', 'published', 'inForce'] } },
          ],
        };
  const typed = enteredTables[format].map(
    (table): ReportTable => ({
      caption: table.caption,
      columns: table.columns.map((column) => column.label),
      rows: table.rows.map((row) => ({
        label: row.label,
        cells: table.columns.map((column) => {
          const value = entered[`${row.key}.${column.key}`];
          if (value === undefined) return null;
          return column.yuan ? tenThousands(value) : value;
        }),
      })),
    }),
  );
  return [documents, ...typed];
}
