import type { SourceLine } from './gazette.types.ts';
import { isOrganName } from './signature.rules.ts';
import { squashSpaces } from './text.rules.ts';

/**
 * The red header (版头) above a document's number: the organ's name and 文件, printed
 * as one line ("XX人民政府文件"), as "XX人民政府" over "文件", split anywhere
 * ("XX人民" over "政府文件"), one line per body for a joint document — or only the
 * organ's name over the red rule (a line of dashes). It is never the title; it names
 * the issuer when the title does not.
 */

export interface Masthead {
  /** Index of the masthead's first line. */
  start: number;
  /** The organ(s) the masthead names, joined by 、. */
  issuer: string | null;
}

const mastheadLine = /^(?:[\u4e00-\u9fff]{2,40})?文件$/;
const maxMastheadLines = 4;

/** A line that is only a rule (the red line under a masthead, a separator): ——————, -----, ━━━, ＿＿＿, ——★—— */
export function ruleLine(text: string): boolean {
  const line = squashSpaces(text);
  return /^[-—–－─━═_＿=＝~～★☆·*]+$/.test(line) && (line.match(/[-—–－─━═_＿=＝~～]/g)?.length ?? 0) >= 3;
}

/** The organ(s) named by the masthead lines (文件 dropped): one name split over lines, or one per line. */
function mastheadIssuer(texts: string[]): string | null {
  const names = texts.map((text) => squashSpaces(text).replace(/文件$/, '').replace(/、$/, '')).filter(Boolean);
  if (names.length > 1 && names.every(isOrganName)) return names.join('、');
  const joined = names.join('');
  if (isOrganName(joined)) return joined;
  const organs = names.flatMap((name) => name.split('、')).filter(isOrganName);
  return organs.length > 0 ? organs.join('、') : null;
}

/**
 * The masthead ending at line `end` (the last line above the number, rules skipped), or null.
 * `ruled` says a rule line stood between it and the number: then an organ line alone is a masthead.
 * `short` says whether a line is short enough to be part of a header at all.
 */
export function findMasthead(lines: SourceLine[], end: number, floor: number, ruled: boolean, short: (line: SourceLine) => boolean): Masthead | null {
  let start: number | null = null;
  for (let at = end; at > floor && end - at < maxMastheadLines && short(lines[at]!); at--) {
    if (mastheadLine.test(squashSpaces(lines[at]!.text))) start = at;
  }
  if (start === null && ruled && end > floor && isOrganName(squashSpaces(lines[end]!.text))) start = end;
  if (start === null) return null;
  // "文件" alone, "政府文件" or a rule: the organ's name (or the joint bodies' names) stands above.
  const head = squashSpaces(lines[start]!.text).replace(/文件$/, '');
  // A joint masthead lists its bodies: a line above ending in 、 goes on the list.
  while (start - 1 > floor && end - (start - 1) < maxMastheadLines && /^[\u4e00-\u9fff、]{3,40}、$/.test(squashSpaces(lines[start - 1]!.text))) start--;
  if (!isOrganName(head) || ruled) {
    while (start - 1 > floor && end - (start - 1) < maxMastheadLines && extendsMasthead(lines, start - 1)) start--;
  }
  return { start, issuer: mastheadIssuer(lines.slice(start, end + 1).map((line) => line.text)) };
}

function extendsMasthead(lines: SourceLine[], at: number): boolean {
  const text = squashSpaces(lines[at]!.text);
  if (isOrganName(text)) return true;
  // The first half of a name split over two lines ("新疆维吾尔自治区人民" over "政府文件").
  const below = squashSpaces(lines[at + 1]!.text).replace(/文件$/, '');
  return /^[\u4e00-\u9fff]{2,20}$/.test(text) && !isOrganName(below) && isOrganName(text + below);
}
