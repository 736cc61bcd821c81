import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';
import { dueDateOfText } from './supervision.rules.ts';

/** One row of a 任务分解表 as read, before its names are resolved. */
export interface SheetTask {
  row: number;
  text: string;
  lead: string[];
  responsible: string[];
  /** The due date the row gives, or null when its cell is empty or names no day. */
  dueOn: string | null;
  dueText: string;
}

const headers = {
  text: /任务|事项|内容|措施/,
  lead: /牵头/,
  responsible: /责任|配合|参加|负责/,
  due: /时限|期限|完成时间/,
};

const splitNames = (cell: string) => cell.split(/[、,,;;\s]+/).map((name) => name.trim()).filter(Boolean);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  return String(value).trim();
}

/**
 * The tasks of a spreadsheet in the usual 任务分解表 layout: a header row
 * naming the task, lead, responsible and due-date columns (found by their
 * words, in any order, within the first ten rows), one task a row.
 */
export async function readTaskSheet(bytes: Buffer): Promise<SheetTask[]> {
  // An XLSX file is a ZIP archive.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError('unsupported_media_type', '任务分解表应为 Excel(.xlsx)文件');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', '无法读取这个 Excel 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('validation_failed', '文件中没有工作表');
  let columns: Record<keyof typeof headers, number> | null = null;
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !columns; r++) {
    const cells = (sheet.getRow(r).values as ExcelJS.CellValue[]).map(cellText);
    const find = (pattern: RegExp, skip: number[] = []) => cells.findIndex((cell, index) => index > 0 && !skip.includes(index) && pattern.test(cell));
    const lead = find(headers.lead);
    const responsible = find(headers.responsible, [lead]);
    const due = find(headers.due, [lead, responsible]);
    const text = find(headers.text, [lead, responsible, due]);
    if (text > 0 && (lead > 0 || responsible > 0)) {
      columns = { text, lead, responsible, due };
      headerRow = r;
    }
  }
  if (!columns) throw new AppError('validation_failed', '没有找到表头:应有“任务”和“牵头单位”或“责任单位”列');
  const tasks: SheetTask[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as ExcelJS.CellValue[];
    const at = (index: number) => (index > 0 ? cellText(values[index]) : '');
    const text = at(columns.text);
    if (!text) continue;
    const dueText = at(columns.due);
    const dueOn = /^\d{4}-\d{2}-\d{2}$/.test(dueText) ? dueText : dueDateOfText(dueText);
    tasks.push({ row: r, text: text.slice(0, 2000), lead: splitNames(at(columns.lead)), responsible: splitNames(at(columns.responsible)), dueOn, dueText });
  }
  if (tasks.length === 0) throw new AppError('validation_failed', '表中没有任务');
  if (tasks.length > 2000) throw new AppError('validation_failed', '一次最多导入 2000 项任务');
  return tasks;
}
