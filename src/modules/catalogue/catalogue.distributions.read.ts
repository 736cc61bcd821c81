import ExcelJS from 'exceljs';
import { AppError } from '../../core/errors.ts';
import { isZip, openZip } from '../gazette/index.ts';
import { guessColumnType, maxDistributionUnzippedBytes, previewCellChars, previewColumnCount, previewRowCount } from './catalogue.distributions.rules.ts';
import { parseCsv } from './catalogue.template.ts';
import type { ColumnType, DistributionFormat } from './catalogue.types.ts';

/**
 * A data file as uploaded for a distribution, checked by its content (the
 * name only says what it claims to be): CSV must be text in UTF-8 (GB18030 is
 * converted to UTF-8, and the version says so); XLSX must be a real workbook,
 * read with exceljs, whose formulas are never evaluated (a formula cell is
 * shown as its formula); JSON must parse, and an array of objects gives rows.
 * The columns, their guessed types and the first rows are read here once.
 */
export interface DataFile {
  format: DistributionFormat;
  mediaType: string;
  /** The bytes to keep: as uploaded, or converted to UTF-8. */
  bytes: Uint8Array;
  conversion: string | null;
  rowCount: number | null;
  columns: { name: string; type: ColumnType }[];
  preview: string[][];
}

export const distributionMediaTypes: Record<DistributionFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JSON: 'application/json; charset=utf-8',
};

/** Values read per column for the type guess: enough to tell, without walking a whole large file twice. */
const guessedRows = 5000;

const clip = (text: string) => (text.length > previewCellChars ? `${text.slice(0, previewCellChars - 1)}…` : text);

function tableOf(format: DistributionFormat, header: string[], rows: string[][], extra: { bytes: Uint8Array; conversion: string | null; mediaType?: string }): DataFile {
  const width = Math.min(previewColumnCount, Math.max(header.length, ...rows.slice(0, guessedRows).map((row) => row.length)));
  const names = Array.from({ length: width }, (_, i) => header[i]?.trim() || `第${i + 1}列`);
  const sample = rows.slice(0, guessedRows);
  return {
    format,
    mediaType: extra.mediaType ?? distributionMediaTypes[format],
    bytes: extra.bytes,
    conversion: extra.conversion,
    rowCount: rows.length,
    columns: names.map((name, i) => ({ name: clip(name), type: guessColumnType(sample.map((row) => row[i] ?? '')) })),
    preview: rows.slice(0, previewRowCount).map((row) => names.map((_, i) => clip(row[i] ?? ''))),
  };
}

const blank = (row: string[]) => row.every((cell) => cell.trim() === '');

function readCsv(bytes: Uint8Array, name: string): DataFile {
  if (bytes.includes(0) || isZip(bytes)) throw new AppError('file_binary', `${name}:不是 CSV 文本文件(按文件内容识别)`, { file: name });
  let text: string;
  let stored = bytes;
  let conversion: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel in Chinese saves CSV in GB18030 unless told otherwise: kept as UTF-8 (with a BOM, which Excel reads), and said so.
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('encoding_invalid', `${name}:CSV 文件应为 UTF-8 编码(GB18030 编码的会自动转换)`, { file: name });
    }
    stored = new TextEncoder().encode(`\uFEFF${text}`);
    conversion = '上传的文件为 GB18030 编码,已转换为 UTF-8 保存';
  }
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => !blank(row));
  return tableOf('CSV', header, rows, { bytes: stored, conversion });
}

/** A cell as text: formulas are not evaluated (their cached results are not trusted either), dates as ISO dates. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0 ? 10 : 19).replace('T', ' ');
  if ('formula' in value && typeof value.formula === 'string') return `=${value.formula}`;
  if ('sharedFormula' in value) return `=${String(value.sharedFormula)}`;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return '';
}

async function readXlsx(bytes: Uint8Array, name: string): Promise<DataFile> {
  if (!isZip(bytes)) throw new AppError('file_format_unsupported', `${name}:不是 XLSX 文件(按文件内容识别)`, { file: name });
  // Every entry inflated under the limit first: a zip bomb stops here, before exceljs unpacks anything.
  const archive = openZip(bytes, name, maxDistributionUnzippedBytes);
  if (!archive.entries.some((entry) => entry.name === 'xl/workbook.xml')) throw new AppError('file_format_unsupported', `${name}:不是 XLSX 文件(压缩包中没有工作簿)`, { file: name });
  for (const entry of archive.entries) archive.read(entry.name);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new AppError('file_corrupt', `${name}:XLSX 文件无法读取`, { file: name });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('file_empty', `${name}:工作簿中没有工作表`, { file: name });
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    if (!blank(cells)) grid.push(cells);
  });
  const [header = [], ...rows] = grid;
  return tableOf('XLSX', header, rows, { bytes, conversion: null });
}

const jsonText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

function readJson(bytes: Uint8Array, name: string): DataFile {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('file_corrupt', `${name}:不是有效的 JSON 文件(应为 UTF-8 编码的 JSON)`, { file: name });
  }
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!Array.isArray(data) || !data.every(isRecord)) {
    return { format: 'JSON', mediaType: distributionMediaTypes.JSON, bytes, conversion: null, rowCount: null, columns: [], preview: [] };
  }
  const keys = new Set<string>();
  for (const record of data.slice(0, guessedRows)) for (const key of Object.keys(record)) if (keys.size < previewColumnCount) keys.add(key);
  const header = [...keys];
  return tableOf('JSON', header, data.map((record) => header.map((key) => jsonText(record[key]))), { bytes, conversion: null });
}

export async function readDataFile(bytes: Uint8Array, name: string, format: DistributionFormat): Promise<DataFile> {
  if (bytes.length === 0) throw new AppError('file_empty', `${name}:文件是空的`, { file: name });
  if (format === 'CSV') return readCsv(bytes, name);
  if (format === 'XLSX') return readXlsx(bytes, name);
  return readJson(bytes, name);
}
