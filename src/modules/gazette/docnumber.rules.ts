/**
 * Document numbers (发文字号, 文号): agency prefix, year in 〔〕, serial, 号.
 * The printed forms vary — 〔〕﹝﹞[]()【】, spaces inside, no brackets at all in
 * PDF text — and all normalise to 沪府发〔2017〕17号 (GB/T 9704-2012 §7.2.4).
 */

export interface DocNumber {
  /** Normalised: 沪府发〔2017〕17号. */
  normalised: string;
  printed: string;
  prefix: string;
  year: number;
  serial: number;
}

import { foldText } from './fold.rules.ts';

const open = '[〔﹝\\[(（【〖]';
const close = '[〕﹞\\])）】〗]';
const cjkRun = '[\\u4e00-\\u9fff]';

const bracketed = new RegExp(`(${cjkRun}{1,16})\\s*${open}\\s*((?:19|20)\\d{2})\\s*${close}\\s*第?\\s*(\\d{1,5})\\s*号`, 'g');
const bare = new RegExp(`(${cjkRun}{1,16})\\s*((?:19|20)\\d{2})\\s+(\\d{1,5})\\s*号`, 'g');

/**
 * Patterns run on the folded (simplified) view, which has the same length as
 * the text, so the printed form is sliced from the original.
 */
function build(prefixRun: string, year: string, serial: string, printed: string): DocNumber | null {
  // A red-header file prints "上海市工商行政管理局文件沪工商办2017 107 号": the prefix follows 文件.
  const afterHeader = prefixRun.includes('文件') ? prefixRun.slice(prefixRun.lastIndexOf('文件') + 2) : prefixRun;
  const prefix = afterHeader.length > 8 ? afterHeader.slice(-8) : afterHeader;
  if (prefix.length === 0) return null;
  const serialNumber = Number(serial);
  if (serialNumber === 0) return null;
  return {
    normalised: `${prefix}〔${year}〕${serialNumber}号`,
    printed: printed.trim(),
    prefix,
    year: Number(year),
    serial: serialNumber,
  };
}

/** Every bracketed document number in running text, in order. */
export function findDocNumbers(text: string): DocNumber[] {
  const found: DocNumber[] = [];
  for (const match of foldText(text).matchAll(bracketed)) {
    const number = build(match[1]!, match[2]!, match[3]!, text.slice(match.index, match.index + match[0].length));
    if (number) found.push(number);
  }
  return found;
}

/** A line that is only a document number (the 文号 line under a title), bracketed or not. */
export function docNumberLine(text: string): DocNumber | null {
  const trimmed = text.trim().replace(/^[((]|[))]$/g, '');
  if (trimmed.length > 30) return null;
  const folded = foldText(trimmed);
  for (const pattern of [bracketed, bare]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(folded);
    if (match && match.index === 0 && match[0].length === trimmed.length) {
      return build(match[1]!, match[2]!, match[3]!, trimmed);
    }
  }
  return null;
}

/** The first document number in a header region, bracketed or bare (PDF text loses brackets). */
export function findHeaderDocNumber(text: string): DocNumber | null {
  const folded = foldText(text);
  for (const pattern of [bracketed, bare]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(folded);
    if (match) return build(match[1]!, match[2]!, match[3]!, text.slice(match.index, match.index + match[0].length));
  }
  return null;
}

/** Normalises any printed number; null if the text holds none. */
export function normaliseDocNumber(text: string): string | null {
  return docNumberLine(text)?.normalised ?? findHeaderDocNumber(text)?.normalised ?? null;
}
