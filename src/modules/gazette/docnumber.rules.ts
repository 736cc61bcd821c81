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
import { dateFromParts, datePattern } from './text.rules.ts';
import { annotation } from './annotation.rules.ts';

const open = '[〔﹝\\[(（【〖]';
const close = '[〕﹞\\])）】〗]';

// Anchored on the year, not on the agency prefix: scanning from every Chinese
// character for a prefix is what made number search slow on long texts.
const bracketed = new RegExp(`${open}\\s*((?:19|20)\\d{2})\\s*${close}\\s*第?\\s*(\\d{1,5})\\s*号`, 'g');
const barePattern = new RegExp(`((?:19|20)\\d{2})\\s+(\\d{1,5})\\s*号`, 'g');
// A site that annotates characters with their pinyin prints "發(fā)", "號(hào)": the annotation is part of the
// number as printed, but never of its structure (annotation.rules.ts).
const annotationAtEnd = new RegExp(`${annotation.source}$`);
const annotationOnly = new RegExp(`^${annotation.source}$`);
const annotations = new RegExp(annotation.source, 'g');
const haoAtEnd = new RegExp(`[号號](?:${annotation.source})?$`);
/** The 号 as printed: a traditional text keeps its 號, an annotated one its "號(hào)". */
const hao = (printed: string) => haoAtEnd.exec(printed.trimEnd())?.[0] ?? '号';
const maxPrefix = 16;

/** The run of Chinese characters (spaces and pinyin annotations allowed) that ends just before `index`. */
function prefixBefore(text: string, index: number): { prefix: string; start: number } {
  let start = index;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  let chars = 0;
  while (start > 0 && chars < maxPrefix) {
    const annotated = annotationAtEnd.exec(text.slice(Math.max(0, start - 8), start));
    if (annotated && start - annotated[0].length > 0) {
      start -= annotated[0].length;
      continue;
    }
    const code = text.charCodeAt(start - 1);
    if (code < 0x4e00 || code > 0x9fff) break;
    start--;
    chars++;
  }
  return { prefix: text.slice(start, index).replace(/\s+/g, ''), start };
}

/** The last `count` characters of a prefix, annotations not counted but kept with their character. */
function lastChars(prefix: string, count: number): string {
  if (prefix.replace(annotations, '').length <= count) return prefix;
  let start = prefix.length;
  for (let kept = 0; kept < count && start > 0; kept++) {
    const annotated = annotationAtEnd.exec(prefix.slice(0, start));
    start -= annotated ? annotated[0].length + 1 : 1;
  }
  return prefix.slice(start);
}

interface NumberMatch {
  prefix: string;
  year: string;
  serial: string;
  start: number;
  end: number;
}

/** Matches on the folded view; the prefix is taken from the text as printed (same offsets). */
function* matches(folded: string, pattern: RegExp, printed: string): Generator<NumberMatch> {
  pattern.lastIndex = 0;
  for (const match of folded.matchAll(pattern)) {
    const { start } = prefixBefore(folded, match.index);
    const prefix = printed.slice(start, match.index).replace(/\s+/g, '');
    if (prefix.length === 0) continue;
    yield { prefix, year: match[1]!, serial: match[2]!, start, end: match.index + match[0].length };
  }
}

/**
 * Patterns run on the folded (simplified) view, which has the same length as
 * the text, so the printed form is sliced from the original.
 */
function build(prefixRun: string, year: string, serial: string, printed: string): DocNumber | null {
  // A red-header file prints "上海市工商行政管理局文件沪工商办2017 107 号": the prefix follows 文件.
  const afterHeader = prefixRun.includes('文件') ? prefixRun.slice(prefixRun.lastIndexOf('文件') + 2) : prefixRun;
  const prefix = lastChars(afterHeader, 8);
  if (prefix.length === 0) return null;
  const serialNumber = Number(serial);
  if (serialNumber === 0) return null;
  return {
    normalised: `${prefix}〔${year}〕${serialNumber}${hao(printed)}`,
    printed: printed.trim(),
    prefix,
    year: Number(year),
    serial: serialNumber,
  };
}

/** Every bracketed document number in running text, in order. */
export function findDocNumbers(text: string): DocNumber[] {
  const found: DocNumber[] = [];
  if (!text.includes('号') && !text.includes('號')) return found;
  for (const match of matches(foldText(text), bracketed, text)) {
    const number = build(match.prefix, match.year, match.serial, text.slice(match.start, match.end));
    if (number) found.push(number);
  }
  return found;
}

/** A line that is only a document number (the 文号 line under a title), bracketed or not. */
export function docNumberLine(text: string): DocNumber | null {
  const unannotated = text.trim().replace(annotationAtEnd, '');
  if (unannotated.length > 40 || !/[号號]\s*[)）]?\s*$/.test(unannotated)) return null;
  const line = text.trim();
  // A law database prints spaces inside the brackets: "( 吉府发〔2003〕37号 )".
  const trimmed = (annotationAtEnd.test(line) ? line.replace(/^[(（]/, '') : line.replace(/^[(（]|[)）]$/g, '')).trim();
  if (trimmed.replace(annotations, '').length > 30) return null;
  const folded = foldText(trimmed);
  for (const pattern of [bracketed, barePattern]) {
    for (const match of matches(folded, pattern, trimmed)) {
      const rest = trimmed.slice(match.end);
      if (match.start === 0 && (rest === '' || annotationOnly.test(rest))) {
        return build(match.prefix, match.year, match.serial, trimmed);
      }
    }
  }
  return null;
}

/** The first document number in a header region, bracketed or bare (PDF text loses brackets). */
export function findHeaderDocNumber(text: string): DocNumber | null {
  const folded = foldText(text);
  for (const pattern of [bracketed, barePattern]) {
    for (const match of matches(folded, pattern, text)) {
      const number = build(match.prefix, match.year, match.serial, text.slice(match.start, match.end));
      if (number) return number;
    }
  }
  return null;
}

/** Normalises any printed number; null if the text holds none. */
export function normaliseDocNumber(text: string): string | null {
  return docNumberLine(text)?.normalised ?? findHeaderDocNumber(text)?.normalised ?? null;
}

// A 公告 numbered in its organ's own series ("国家税务总局公告 2013年第8号") and an order's
// number ("鞍山市人民政府令第16号", "政府令〔2010〕第15号", a ministry's "交通部令2006年第8号", a joint
// order "卫生部令 交通部令 2004年第2号"): printed without the 〔year〕N号 form.
const noticeSeries = /([\u4e00-\u9fff]{2,20}?公告)\s*((?:19|20)\d{2})\s*年\s*第\s*(\d{1,4})\s*号/;
const orderNumber =
  /([\u4e00-\u9fff]{0,20}?令(?:\s*[\u4e00-\u9fff]{2,20}?令)?)\s*(?:[〔\[(（【]\s*((?:19|20)\d{2})\s*[〕\])）】]|((?:19|20)\d{2})\s*年)?\s*第\s*([0-9一二三四五六七八九十百〇零]{1,6})\s*号/;

/**
 * A 公告's or a 令's own numbering, kept as printed (spaces removed); the year is 0 when none is printed.
 * Matched on the folded view (a traditional text's 號), the printed form sliced from the text.
 */
export function findNoticeNumber(text: string): DocNumber | null {
  const folded = foldText(text);
  const notice = noticeSeries.exec(folded);
  if (notice) {
    const printed = text.slice(notice.index, notice.index + notice[0].length);
    return { normalised: printed.replace(/\s+/g, ''), printed: printed.trim(), prefix: text.slice(notice.index, notice.index + notice[1]!.length), year: Number(notice[2]), serial: Number(notice[3]) };
  }
  const order = orderNumber.exec(folded);
  if (order && order[1]!.length >= 2) {
    const printed = text.slice(order.index, order.index + order[0].length);
    const serial = /^\d+$/.test(order[4]!) ? Number(order[4]) : Number.NaN;
    return {
      normalised: printed.replace(/\s+/g, '').replace(/[\[(（【]/, '〔').replace(/[\])）】]/, '〕'),
      printed: printed.trim(),
      prefix: text.slice(order.index, order.index + order[1]!.length).replace(/\s+/g, ''),
      year: Number(order[2] ?? order[3] ?? 0),
      serial: Number.isNaN(serial) ? 0 : serial,
    };
  }
  return null;
}

// "(赣府字〔2010〕37号 2010年3月22日)": a gazette prints the number and the date in brackets under the title.
const numberAndDate = new RegExp(`^[(（]\\s*([^()（）\\s]{2,30}?[号號])[\\s,，]*${datePattern}\\s*[)）]$`);

// "(1985年5月4日皖政〔1985〕38号)": a provincial compilation prints the date first.
const dateAndNumber = new RegExp(`^[(（]\\s*${datePattern}[\\s,，]*([^()（）\\s]{2,30}?[号號])\\s*[)）]$`);

/** A bracketed line under a title holding the 发文字号 and the 成文日期, in either order. */
export function numberAndDateLine(text: string): { number: DocNumber; date: string | null } | null {
  const trimmed = text.trim();
  if (trimmed.length > 60) return null;
  const match = numberAndDate.exec(trimmed);
  if (match) {
    const number = docNumberLine(match[1]!);
    return number ? { number, date: dateFromParts(match[2]!, match[3]!, match[4]!) } : null;
  }
  const reversed = dateAndNumber.exec(trimmed);
  const number = reversed ? docNumberLine(reversed[4]!) : null;
  return number ? { number, date: dateFromParts(reversed![1]!, reversed![2]!, reversed![3]!) } : null;
}

/**
 * A database that saved the bracketed number and date on the first line of the body ("(1985年5月4日皖政〔1985〕38号)  根据…"):
 * the bracket and the text after it, as two lines; null when the line does not open so.
 */
export function splitNumberAndDate(text: string): [string, string] | null {
  const trimmed = text.trim();
  if (!/^[(（]/.test(trimmed)) return null;
  const close = trimmed.slice(0, 61).search(/[)）]/);
  if (close < 0) return null;
  const rest = trimmed.slice(close + 1).trim();
  return rest.length > 0 && numberAndDateLine(trimmed.slice(0, close + 1)) ? [trimmed.slice(0, close + 1), rest] : null;
}

const trailingBracket = /^(.{4,}?)\s*[(（]\s*([^()（）]{2,30}?[号號])\s*[)）]$/;

// "盘政发〔2010〕22号 盘锦市人民政府关于…的决定": a database's heading puts the number before the title, a space between.
const leadingNumber = /^([^\s()（）《]{2,30}?[号號])\s+(\S.{3,})$/;

/**
 * A title line that carries its 发文字号: in brackets at the end ("…的通知(岳办发〔2017〕2号)", a portal's heading)
 * or before it, a space between ("岳办发〔2017〕2号 关于…的通知", a database's heading).
 */
export function titleWithNumber(text: string): { title: string; number: DocNumber } | null {
  const trimmed = text.trim();
  const trailing = trailingBracket.exec(trimmed);
  const number = trailing ? docNumberLine(trailing[2]!) : null;
  if (number) return { title: trailing![1]!, number };
  const leading = leadingNumber.exec(trimmed);
  const first = leading ? docNumberLine(leading[1]!) : null;
  return first ? { title: leading![2]!, number: first } : null;
}
