import { findHeaderDocNumber } from './docnumber.rules.ts';
import { foldText } from './fold.rules.ts';
import type { ParsedGazette, SourceLine, TocEntry } from './gazette.types.ts';
import { chineseNumberValue, cleanTitle, collapseCjkSpaces, dateFromParts, findDate } from './text.rules.ts';

/**
 * A gazette issue: masthead (title, issue, number, date), table of contents
 * with sections and pages, then the documents, then a colophon that repeats the
 * title. This finds those parts; the documents are segmented elsewhere.
 */

export interface GazetteFrame {
  gazette: ParsedGazette;
  bodyStart: number;
  bodyEnd: number;
}

const compact = (text: string) => foldText(collapseCjkSpaces(text)).replace(/\s+/g, '');
/** For matching titles that differ only in spacing, list commas, quotes and brackets. */
export const looseTitleKey = (text: string) => compact(text).replace(/[、,，《》〈〉“”"()（）]/g, '');

export function isGazette(lines: SourceLine[]): boolean {
  const head = lines.slice(0, 60);
  return head.some((line) => foldText(line.text).includes('公报')) && head.some((line) => compact(line.text) === '目录');
}

const issuePattern = /((?:19|20)\d{2})\s*年?\s*第\s*([0-9一二三四五六七八九十〇○零]{1,4})\s*期(?:\s*[(（]\s*总\s*第\s*(\d{1,5})\s*期\s*[)）])?/;

function readIssue(text: string): Pick<ParsedGazette, 'issue' | 'year' | 'issueNumber' | 'issueTotal'> | null {
  const match = issuePattern.exec(text);
  if (!match) return null;
  const [, year, number, total] = match;
  return {
    issue: `${year}年第${number}期${total ? `(总第${total}期)` : ''}`,
    year: Number(year),
    issueNumber: chineseNumberValue(number!),
    issueTotal: total ? Number(total) : null,
  };
}

function readPublished(lines: SourceLine[], year: number | null): string | null {
  for (const line of lines) {
    const stated = /发布日期[:：]\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(line.text);
    if (stated) return findDate(stated[1]!);
  }
  for (const line of lines) {
    const text = collapseCjkSpaces(line.text);
    if (!text.includes('出版')) continue;
    const full = findDate(text);
    if (full) return full;
    const monthDay = /([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日出版/.exec(text);
    if (monthDay && year) return dateFromParts(String(year), monthDay[1]!, monthDay[2]!);
  }
  return null;
}

const sectionHeader = /^【\s*(.{1,20}?)\s*】$/;
const plainSection = /^[\u4e00-\u9fff]{2,12}(文件|规范性文件|解读|任免|规章|公告|通告)$/;
const leaderPage = /[…．.·]{2,}\s*[(（]?\s*(\d{1,4})\s*[)）]?\s*$/;
const tabPage = /\t+\s*[(（]?\s*(\d{1,4})\s*[)）]?\s*$/;
const leaderOnly = /^[…．.·]{2,}\s*[(（]?\s*(\d{1,4})\s*[)）]?\s*$/;
const entryNumber = /^\d{1,3}\s*[、.]\s*/;

function sectionName(text: string): string | null {
  const bracketed = sectionHeader.exec(text.trim());
  if (bracketed) return bracketed[1]!.replace(/\s+/g, '');
  const plain = text.replace(/\s+/g, '');
  return plainSection.test(plain) ? plain : null;
}

export function readGazetteFrame(lines: SourceLine[]): GazetteFrame {
  const tocIndex = lines.findIndex((line, index) => index < 60 && compact(line.text) === '目录');
  const header = lines.slice(0, tocIndex);
  // The masthead line starts with the gazette's name; other header lines only mention it (长宁公报〔2021〕2号).
  const titleLine =
    header.find((line) => /^[\u4e00-\u9fff]{2,30}公报/.test(foldText(collapseCjkSpaces(line.text)))) ??
    header.find((line) => foldText(line.text).includes('公报')) ??
    lines[0]!;
  const title = /^(.*?公报)/.exec(cleanTitle(titleLine.text).replace(/\s+/g, ''))?.[1] ?? cleanTitle(titleLine.text);
  const headerText = header.map((line) => collapseCjkSpaces(line.text)).join('');

  const toc: TocEntry[] = [];
  const tocSections = new Set<string>();
  let section: string | null = null;
  let index = tocIndex + 1;
  for (; index < lines.length && index < tocIndex + 300; index++) {
    const text = lines[index]!.text;
    const name = sectionName(text);
    if (name !== null) {
      if (tocSections.has(name) && toc.length > 0) break; // the body repeats the first section header
      tocSections.add(name);
      section = name;
      continue;
    }
    const onlyLeader = leaderOnly.exec(text);
    if (onlyLeader) {
      const last = toc[toc.length - 1];
      if (last) last.page = Number(onlyLeader[1]);
      continue;
    }
    const entryTitle = cleanTitle(text.replace(leaderPage, '').replace(tabPage, '').replace(entryNumber, '').replace(/[…．.·]+$/, ''));
    if (toc.length > 0 && startsFirstEntry(entryTitle, toc[0]!.title)) break;
    const page = leaderPage.exec(text) ?? tabPage.exec(text);
    toc.push({ section, title: entryTitle, page: page ? Number(page[1]) : null });
  }
  const bodyStart = index;
  // The colophon repeats the gazette's title: the documents end before it.
  const titleKey = compact(title);
  let bodyEnd = lines.length;
  for (let i = bodyStart + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (text.length <= titleKey.length * 2 + 8 && /公[报報]/.test(text) && compact(text) === titleKey) {
      bodyEnd = i;
      break;
    }
  }
  const issue = readIssue(headerText) ?? readIssue(lines.slice(bodyEnd).map((line) => line.text).join(''));
  const ownNumber = header.map((line) => findHeaderDocNumber(line.text)).find((number) => number?.prefix.endsWith('公报'));
  return {
    gazette: {
      title,
      issue: issue?.issue ?? null,
      year: issue?.year ?? null,
      issueNumber: issue?.issueNumber ?? null,
      issueTotal: issue?.issueTotal ?? null,
      docNumber: ownNumber?.normalised ?? null,
      published: readPublished([...header, ...lines.slice(bodyEnd)], issue?.year ?? null),
      toc,
    },
    bodyStart,
    bodyEnd,
  };
}

/** The body's first line begins the first entry of the contents (its title may wrap). */
function startsFirstEntry(line: string, firstTitle: string): boolean {
  const a = compact(line);
  const b = compact(firstTitle);
  return a.length >= 6 && (b.startsWith(a) || a === b);
}

/** Does a contents entry name this title? Entries may be cut ("…的通") or differ in spacing. */
export function tocMatches(entry: string, title: string): boolean {
  const a = looseTitleKey(entry);
  const b = looseTitleKey(title);
  if (a.length === 0 || b.length === 0) return false;
  const shorter = Math.min(a.length, b.length);
  return shorter >= Math.min(8, Math.max(a.length, b.length)) && (a.startsWith(b) || b.startsWith(a));
}
