import type { PublishedResults } from './assessment.repository.ts';

const quote = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would be read as a formula by spreadsheet programs.
  const inert = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
};

/** Published results as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese): one row per agency. */
export function resultsCsv(results: PublishedResults): string {
  const dimensions = results.results[0]?.dimensions.map((d) => `${d.label}(${d.points}分)`) ?? [];
  const lines = [
    ['机关', '类别', ...dimensions, '总分', '等次'],
    ...results.results.map((r) => [r.agencyName, r.kind === 'government' ? '政府' : '部门', ...r.dimensions.map((d) => d.score), r.total, r.grade ?? '']),
  ];
  return `\ufeff${lines.map((line) => line.map(quote).join(',')).join('\r\n')}\r\n`;
}
