import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';
import { resourceForm } from './catalogue.actions.ts';
import { inputOf } from './catalogue.rules.ts';
import { openAttributes, sharingAttributes, updateFrequencies, type ResourceRow } from './catalogue.types.ts';

/**
 * The catalogue's spreadsheet template (XLSX or CSV, UTF-8 or GB18030): one
 * header row of Chinese column names, one resource a row. The columns are the
 * entry form's labels, plus 提供单位 (which must be the importing agency), so
 * the template and the form cannot drift. Choices are written as their
 * Chinese labels; lists are separated by 、; the dictionary is one
 * `名称|类型|说明` a line (or separated by ;).
 */
export const providerHeader = '提供单位';
type FormField = keyof typeof resourceForm;
const formColumns = Object.keys(resourceForm) as FormField[];
/** Column order of the template: the provider after the summary, as agencies' sheets have it. */
export const templateColumns: { header: string; field: FormField | 'provider'; required: boolean }[] = [
  ...formColumns.slice(0, 2).map((field) => ({ header: resourceForm[field].label, field, required: !('optional' in resourceForm[field]) })),
  { header: providerHeader, field: 'provider' as const, required: true },
  ...formColumns.slice(2).map((field) => ({ header: resourceForm[field].label, field, required: !('optional' in resourceForm[field]) })),
];

/** What a column's cell may hold, for the README and the template's second sheet. */
export const templateNotes: Record<string, string> = {
  [resourceForm.sharing.label]: Object.values(sharingAttributes).join(' / '),
  [resourceForm.open.label]: Object.values(openAttributes).join(' / '),
  [resourceForm.updateFrequency.label]: Object.values(updateFrequencies).join(' / '),
  [resourceForm.formats.label]: '多个用顿号分隔,如 CSV、XLSX',
  [resourceForm.keywords.label]: '多个用顿号分隔',
  [resourceForm.fields.label]: '每行一项:名称|类型|说明(也可用分号分隔)',
  [resourceForm.sharingReason.label]: '授权共享、非共享的必填(第十四条)',
  [resourceForm.sharingBasis.label]: '授权共享、非共享的必填:法律、法规、规章依据',
  [resourceForm.openReason.label]: '非开放的必填(第十四条)',
  [resourceForm.openBasis.label]: '非开放的必填:法律、法规、规章依据',
};

export const maxTemplateRows = 5000;
export const maxTemplateBytes = 10 * 1024 * 1024;

export interface SheetRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  /** Cell text by template header. */
  cells: Record<string, string>;
}
export interface Sheet {
  /** The header row as written (a trailing * for required columns removed). */
  headers: string[];
  rows: SheetRow[];
  problems: SheetProblem[];
}
export interface SheetProblem {
  row: number;
  /** Column letter (A, B …) and its header, when the problem is in one cell. */
  column: string | null;
  header: string | null;
  message: string;
}

export const columnLetter = (index: number): string => (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
export const describeProblem = (p: SheetProblem) => `第 ${p.row} 行${p.column ? ` ${p.column} 列(${p.header})` : ''}:${p.message}`;

/** A spreadsheet's kind by its content, never its name: XLSX is a zip; anything else must be text. */
export function sheetKindOf(bytes: Uint8Array): 'xlsx' | 'csv' {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  return 'csv';
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new AppError('file_binary', '文件不是 CSV 或 XLSX 表格');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel in Chinese saves CSV in GB18030 unless told otherwise.
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('encoding_invalid', 'CSV 文件应为 UTF-8 或 GB18030 编码');
    }
  }
}

/** RFC 4180: quoted fields may hold commas, quotes doubled, new lines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** A cell as text, or a problem: formulas are never evaluated, and a cached result is not trusted either. */
function cellText(value: ExcelJS.CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('formula' in value || 'sharedFormula' in value) return { problem: '单元格含公式,请改为直接填写内容(导入不计算公式)' };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('text' in value && typeof value.text === 'string') return { text: value.text };
  if ('error' in value) return { problem: `单元格为错误值 ${String(value.error)}` };
  return { problem: '单元格内容无法识别' };
}

/** A neutralised cell read back: the apostrophe our export puts before =, +, -, @ is removed. */
const unneutralised = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** The rows of a template file with their problems (unknown or missing headers, unreadable cells). */
export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw new AppError('file_empty', '文件是空的');
  if (bytes.length > maxTemplateBytes) throw new AppError('file_too_large', `表格不能超过 ${maxTemplateBytes / 1024 / 1024} MB`);
  const problems: SheetProblem[] = [];
  let grid: ({ text: string } | { problem: string })[][];
  if (sheetKindOf(bytes) === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as never);
    } catch {
      throw new AppError('file_unreadable', 'XLSX 文件无法读取');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new AppError('file_empty', '表格中没有工作表');
    grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const values = row.values as ExcelJS.CellValue[];
      grid[number - 1] = values.slice(1).map(cellText);
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  } else {
    grid = parseCsv(decodeText(bytes).replace(/^\uFEFF/, '')).map((cells) => cells.map((text) => ({ text })));
  }
  const header = (grid[0] ?? []).map((cell) => ('text' in cell ? cell.text.trim() : ''));
  const known = new Map(templateColumns.map((column) => [column.header, column]));
  header.forEach((name, index) => {
    const bare = name.replace(/\*$/, '');
    if (name !== '' && !known.has(bare)) problems.push({ row: 1, column: columnLetter(index), header: name, message: `不是模板中的列“${name}”` });
  });
  const headers = header.map((name) => name.replace(/\*$/, ''));
  for (const column of templateColumns) {
    if (column.required && !headers.includes(column.header)) problems.push({ row: 1, column: null, header: null, message: `缺少必填列“${column.header}”` });
  }
  const rows: SheetRow[] = [];
  for (let index = 1; index < grid.length; index++) {
    const cells = grid[index]!;
    if (cells.every((cell) => 'text' in cell && cell.text.trim() === '')) continue;
    const record: Record<string, string> = {};
    cells.forEach((cell, column) => {
      const name = headers[column];
      if (!name || !known.has(name)) return;
      if ('problem' in cell) problems.push({ row: index + 1, column: columnLetter(column), header: name, message: cell.problem });
      else record[name] = unneutralised(cell.text.trim());
    });
    rows.push({ row: index + 1, cells: record });
  }
  if (rows.length > maxTemplateRows) throw new AppError('validation_failed', `一次最多导入 ${maxTemplateRows} 行,本文件有 ${rows.length} 行`);
  return { headers, rows, problems: problems.concat(rows.length === 0 && problems.length === 0 ? [{ row: 2, column: null, header: null, message: '表格中没有数据行' }] : []) };
}

/** Where a header is in the file's header row: its letter. */
export function columnOfHeader(headers: readonly string[], header: string): string | null {
  const index = headers.indexOf(header);
  return index < 0 ? null : columnLetter(index);
}

/** A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection, OWASP). */
export const neutralised = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function exportRows(resources: readonly ResourceRow[]): string[][] {
  return resources.map((resource) => {
    const input = inputOf(resource);
    return templateColumns.map((column) => {
      if (column.field === 'provider') return resource.agencyName;
      if (column.field === 'sharing') return sharingAttributes[resource.sharing];
      if (column.field === 'open') return openAttributes[resource.open];
      if (column.field === 'updateFrequency') return updateFrequencies[resource.updateFrequency];
      return input[column.field] ?? '';
    });
  });
}

/** The catalogue as a CSV (UTF-8 with a BOM, for Excel), every cell neutralised. */
export function writeCsv(resources: readonly ResourceRow[]): Buffer {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [templateColumns.map((c) => c.header), ...exportRows(resources)].map((cells) => cells.map((cell) => quote(neutralised(cell))).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The catalogue as XLSX: every cell a text cell (never a formula), with a second sheet explaining the columns. */
export async function writeXlsx(resources: readonly ResourceRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据资源目录');
  sheet.addRow(templateColumns.map((c) => c.header)).font = { bold: true };
  for (const cells of exportRows(resources)) sheet.addRow(cells.map(neutralised));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.addRow(['列', '是否必填', '说明']).font = { bold: true };
  for (const column of templateColumns) notes.addRow([column.header, column.required ? '必填' : '选填', templateNotes[column.header] ?? '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
