import { findHeaderDocNumber, type DocNumber } from './docnumber.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { dateFromParts, datePattern } from './text.rules.ts';

/**
 * The header of a document whose line structure was lost (PDF extraction,
 * 002): "上海市工商行政管理局文件沪工商办2017 107 号<title>的通知<addressees>:现将…
 * 特此通知。<issuer><date> …". Read in reading order from the run-on text.
 */

export interface FlatHeader {
  number: DocNumber;
  title: string;
  addressees: string | null;
  date: string | null;
  /** Offset in the first line where the body text (after the addressee colon) starts. */
  bodyOffset: number;
}

const titleEnd = /(?:的通知|的决定|的意见|的报告|的批复|的函|的通告|的公告)/g;
const signatureDate = new RegExp(`(?:特此通知。|此复。|特此报告。)?[\\u4e00-\\u9fff]{0,30}?${datePattern}`);

export function readFlatHeader(lines: SourceLine[]): FlatHeader | null {
  const first = lines[0]?.text ?? '';
  const head = first.slice(0, 800);
  const number = findHeaderDocNumber(head);
  if (!number) return null;
  const afterNumber = head.indexOf(number.printed) + number.printed.length;
  titleEnd.lastIndex = afterNumber;
  const end = titleEnd.exec(head);
  if (!end || end.index - afterNumber > 120) return null;
  const title = head.slice(afterNumber, end.index + end[0].length).trim();
  const rest = head.slice(end.index + end[0].length);
  const colon = /^([^:：。]{2,120})[:：]/.exec(rest);
  const addressees = colon ? colon[1]!.trim() : null;
  const bodyOffset = end.index + end[0].length + (colon ? colon[0].length : 0);
  // The signature date follows 特此通知。, which PDF text may have moved to the next line.
  const opening = first.slice(bodyOffset) + lines.slice(1, 3).map((line) => line.text).join('');
  const signed = signatureDate.exec(opening);
  return {
    number,
    title,
    addressees,
    date: signed ? dateFromParts(signed[1]!, signed[2]!, signed[3]!) : null,
    bodyOffset,
  };
}
