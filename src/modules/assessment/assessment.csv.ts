import type { PublishedResults } from './assessment.repository.ts';

export type CsvCell = string | number | null;

/**
 * One cell of CSV. Text opening with =, +, -, @, a tab or a return would be
 * read as a formula by spreadsheet programs (CSV injection): it is kept as
 * text with a leading apostrophe. Numbers (a negative change included) stay numbers.
 */
const quote = (value: CsvCell) => {
  const text = value === null ? '' : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
};

/** Lines as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), CRLF, every text cell neutralised. */
export function csvOf(lines: readonly (readonly CsvCell[])[]): string {
  return `\ufeff${lines.map((line) => line.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Published results as CSV: one row per agency. */
export function resultsCsv(results: PublishedResults): string {
  const dimensions = results.results[0]?.dimensions.map((d) => `${d.label}(${d.points}分)`) ?? [];
  return csvOf([
    ['机关', '类别', ...dimensions, '总分', '等次'],
    ...results.results.map((r) => [r.agencyName, r.kind === 'government' ? '政府' : '部门', ...r.dimensions.map((d) => d.score), r.total, r.grade ?? '']),
  ]);
}
