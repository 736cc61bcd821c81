import { findDocNumbers, normaliseDocNumber } from './docnumber.rules.ts';
import { foldText } from './fold.rules.ts';
import type { DocumentReference, Extension, Meeting, SourceLine } from './gazette.types.ts';
import { addDays, cleanTitle, collapseCjkSpaces, dateFromParts, dateOnlyLine, datePattern } from './text.rules.ts';

/** Facts read from a document's title and text: 文种, issuer, addressees, meeting, validity, relations. */

// Longest first, so 实施意见 wins over 意见 and 任免事项 over 事项.
const documentTypes = [
  '政策解读', '任免事项', '实施细则', '实施意见', '实施方案', '工作要点', '指导意见', '管理办法',
  '通知', '通告', '公告', '通报', '报告', '请示', '批复', '意见', '决定', '决议', '规定', '办法', '细则',
  '方案', '要点', '规划', '计划', '纪要', '规则', '公示', '命令', '议案', '公报', '函', '令',
];

/** 文种 from the title's ending: a notice that issues measures is still a 通知. */
export function documentType(title: string | null): string | null {
  if (!title) return null;
  const folded = foldText(title).replace(/[)）]\s*$/, '');
  if (/任免(事项|名单)?$/.test(folded)) return '任免';
  if (/解读$/.test(folded)) return '解读';
  // "《…(征求意见稿)》公开征求意见": a consultation's heading, not an 意见 (no statutory 文种).
  if (/》(?:公开)?征求意见$/.test(folded)) return '征求意见';
  for (const type of documentTypes) {
    if (folded.endsWith(type)) {
      if (type.length === 4 && type !== '政策解读' && type !== '任免事项') return type.slice(2);
      return type;
    }
  }
  return null;
}

// The 15 文种 of the 党政机关公文处理工作条例 (2012, art. 8), and the two forms this project reads without a title's 文种.
const statutoryTypes = new Set(['决议', '决定', '命令', '令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要', '解读', '任免']);

/**
 * A document's 文种 as a field: only a statutory one. A title that ends in 办法, 规定 or 方案 names what it issues
 * (a rule, a plan), not a 文种 (documentType still reads those endings to find where titles end).
 */
export function statutoryType(title: string | null): string | null {
  const type = documentType(title);
  return type !== null && statutoryTypes.has(type) ? type : null;
}

// Up to 90 characters: a joint title names several bodies before 关于 (four bureaus make 45); as short as 市人民政府,
// 省人民政府 when a title names its own government by level only.
// A joint title may name its first body and count the rest ("某委员会等10部门关于…").
const issuerEnd = /^(.{1,90}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理局|[局厅委办院部署会]|中心)(?:等\d{1,2}个?部门)?)(?=关于|印发|转发|批转|决定|的|对)/;

/**
 * The issuing body: the title's opening up to 关于 / 印发 / 转发 (never a phrase that itself says 关于, and never a
 * name in book-title marks: "《A部关于…的决定》的意见" is the tail of a title whose issuer is on the line above).
 */
export function issuerFromTitle(title: string | null): string | null {
  if (!title) return null;
  const match = issuerEnd.exec(foldText(title));
  if (!match || match[1]!.includes('关于') || match[1]!.includes('《')) return null;
  return title.slice(0, match[1]!.length);
}

const organEnd = /(?:人民政府|政府|办公厅|办公室|委员会|管委会|[局厅委办院部署会]|中心|指挥部)$/;

/**
 * A joint title prints its bodies apart ("A市人民政府 A市中级人民法院印发…", "A局 中共A市委B部 C局 关于…"):
 * the issuer is those bodies joined with 、 (as a joint signature is read). Null when the title's issuer is one body.
 */
export function jointIssuerFromTitle(printed: string | null): string | null {
  if (!printed) return null;
  const issuer = issuerFromTitle(printed.replace(/[\s\u3000]+/g, ''));
  if (!issuer) return null;
  let end = 0;
  for (let count = 0; end < printed.length && count < issuer.length; end++) if (!/[\s\u3000]/.test(printed[end]!)) count++;
  const parts = printed.slice(0, end).trim().split(/[\s\u3000]+/);
  return parts.length > 1 && parts.every((part) => part.length >= 3 && /^[\u4e00-\u9fff]+$/.test(part) && organEnd.test(foldText(part))) ? parts.join('、') : null;
}

/** The addressee line ("区政府各委、办、局,各街道办事处:") that opens a body. */
export function addresseeLine(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 120 || !/[:：]$/.test(trimmed) || /^(附件|[一二三四五六七八九十]+、|[(（])/.test(trimmed)) return null;
  if (/(如下|为|是|包括|下列)[:：]$/.test(trimmed)) return null;
  return trimmed.slice(0, -1).trim();
}

const meetingPattern = new RegExp(
  `(?:${datePattern}\\s*)?((?:区|市|县|州|省)?(?:人民)?政府(?:第\\s*\\d+\\s*次)?常务会议|[\\u4e00-\\u9fff]{2,10}?(?:第\\s*\\d+\\s*次)?(?:党组会议?|局长办公会议?|主任办公会议?))`,
  'g',
);

/** The meeting that approved the text: "已经2021年4月13日区政府第166次常务会议讨论通过". */
export function findMeeting(lines: SourceLine[]): Meeting | null {
  for (const line of lines.slice(0, 8)) {
    const text = collapseCjkSpaces(line.text);
    if (!/(经|通过|审议|明确|讨论)/.test(text)) continue;
    const meetings = [...text.matchAll(meetingPattern)]
      .map((match) => ({
        name: match[4]!.replace(/\s+/g, '').replace(/^.*?(?:已经|并经|并报|经|报|将)(?=[区市县省州]|$)/, ''),
        date: match[1] ? dateFromParts(match[1], match[2]!, match[3]!) : null,
      }))
      .filter((meeting) => /第\d+次|党组会|办公会/.test(meeting.name));
    // The government's executive meeting is the decision that counts; a bureau's own meeting precedes it.
    const chosen = meetings.find((meeting) => meeting.name.includes('政府')) ?? meetings[0];
    if (chosen) return chosen;
  }
  return null;
}

/** What a 印发/转发 notice issues: the 《title》, or the words between 印发 and 的通知. */
export function issuedTitle(title: string | null): string | null {
  if (!title) return null;
  const folded = foldText(title);
  if (!/(印发|转发|批转|发布)/.test(folded)) return null;
  // A 函 may issue a text too ("关于印发《…指引》的函").
  const quoted = /(?:印发|转发|批转|发布)[^《]{0,30}《(.+)》[^《》]{0,12}的?(通知|决定|函)$/.exec(title);
  if (quoted) return quoted[1]!.replace(/〈/g, '《').replace(/〉/g, '》');
  const bare = /(?:印发|转发|批转|发布)(?:修订后的)?(.+?)的(?:通知|决定|函)$/.exec(title);
  return bare ? bare[1]!.trim() : null;
}

const looseKey = (text: string) =>
  foldText(cleanTitle(text))
    .replace(/[\s、,，《》〈〉“”"()（）]/g, '');

/**
 * The names a document goes by in its own text: its title, the document it
 * issues (印发《X》的通知 carries X), and the subject of a bare "关于X的通知".
 * A 《…》 in the body with one of these names is the document itself, not a
 * citation of another one.
 */
function ownNames(title: string | null, issued: string | null): Set<string> {
  const names = [title, issued, issuedTitle(title)];
  const bare = title ? /^(?:.{0,30}?)关于(.+)的(?:通知|决定)$/.exec(foldText(title)) : null;
  if (bare && !bare[1]!.includes('《')) names.push(bare[1]!);
  return new Set(names.filter((name): name is string => !!name).map(looseKey).filter((key) => key.length > 0));
}

/** Citations without those of the document itself or of the document it issues. */
export function withoutSelfCitations(cites: DocumentReference[], title: string | null, issued: string | null): DocumentReference[] {
  const own = ownNames(title, issued);
  return cites.filter((reference) => reference.docNumber !== null || reference.title === null || !own.has(looseKey(reference.title)));
}

/**
 * Where, in the body, the issued document's own title line stands. Its text
 * is the attachment's title as printed; a title after a 附件 label is an annex.
 */
export function locateIssued(lines: SourceLine[], wanted: string): { index: number; span: number; title: string } | null {
  const key = looseKey(wanted);
  if (key.length < 4) return null;
  // What a notice issues is printed after the notice's date: a match before the first date line
  // (a sentence opening with 《X》) counts only when none follows it.
  const dated = lines.findIndex((line) => dateOnlyLine(line.text) !== null);
  if (dated >= 0) return matchIssued(lines, key, dated + 1) ?? matchIssued(lines, key, 0);
  return matchIssued(lines, key, 0);
}

function matchIssued(lines: SourceLine[], key: string, from: number): { index: number; span: number; title: string } | null {
  for (let i = from; i < lines.length; i++) {
    for (let span = 1; span <= 3 && i + span <= lines.length; span++) {
      const text = lines.slice(i, i + span).map((line) => line.text).join('');
      if (text.length > 100 || text.length > key.length * 2 + 12) break;
      if (text.length < key.length / 2) continue;
      if (looseKey(text) === key) {
        if (/^附\s*件\s*\d*$/.test(lines[i - 1]?.text.trim() ?? '')) return null;
        return { index: i, span, title: cleanTitle(text) };
      }
    }
  }
  return null;
}

const ownClause = /本(?:[^,，。;；]{0,14}?)(?:自|从)/;
const fromPattern = new RegExp(`(?:自|从)\\s*${datePattern}\\s*起\\s*(?:施行|实施|执行|生效)`);
const toPattern = new RegExp(`有效期(?:至|到)\\s*${datePattern}`);
const afterPublication = /自(?:发布|印发|公布)之日起\s*(\d{1,3})\s*日(?:以)?后\s*(?:施行|实施|生效)/;
const onPublication = /自(?:发布|印发|公布)之日起\s*(?:施行|实施|执行|生效)/;

export interface Validity {
  effectiveFrom: string | null;
  effectiveTo: string | null;
  basis: string | null;
}

/** "本办法自2017年4月1日起施行,有效期至2019年3月31日" and its variants; relative dates resolve from the signing date. */
export function findValidity(paragraphs: string[], signed: string | null): Validity {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const text = collapseCjkSpaces(paragraphs[i]!);
    if (!ownClause.test(text) || text.includes('延长至')) continue;
    const from = fromPattern.exec(text);
    const to = toPattern.exec(text);
    const after = afterPublication.exec(text);
    const sentence = /本[^。]*?(?:施行|实施|执行|生效)[^。]*。?/.exec(text)?.[0] ?? null;
    if (from) {
      return {
        effectiveFrom: dateFromParts(from[1]!, from[2]!, from[3]!),
        effectiveTo: to ? dateFromParts(to[1]!, to[2]!, to[3]!) : null,
        basis: sentence,
      };
    }
    if (after && signed) return { effectiveFrom: addDays(signed, Number(after[1])), effectiveTo: null, basis: sentence };
    if (onPublication.test(text) && signed) {
      return { effectiveFrom: signed, effectiveTo: to ? dateFromParts(to[1]!, to[2]!, to[3]!) : null, basis: sentence };
    }
  }
  return { effectiveFrom: null, effectiveTo: null, basis: null };
}

const numberInParens = '[(（]\\s*([^()（）]{2,24}?[〔﹝\\[(（【][^()（）]{0,12}号)\\s*[)）]';
// Anchored on the verb: what is repealed is read backwards from 废止, within the clause before it.
const repealVerb = /(?:同时|一并)?(?:废止|停止执行|不再执行)/g;
const repealedBefore = new RegExp(`(?:《([^》]{2,80})》)?\\s*(?:${numberInParens})?\\s*$`);
const extensionPattern = new RegExp(`《([^》]{2,80})》\\s*${numberInParens}[^。]{0,40}?有效期延长至\\s*${datePattern}`, 'g');
const citePattern = new RegExp(`《([^》]{2,80})》\\s*(?:${numberInParens})?`, 'g');
const citableTitle = /(办法|规定|条例|意见|通知|决定|细则|方案|规划|纲要|要点|法|规则|制度|标准|批复|指南|目录|清单)$/;

export interface Relations {
  repeals: DocumentReference[];
  extends: Extension[];
  amends: DocumentReference[];
  cites: DocumentReference[];
}

const amendedInTitle = /关于修改《([^》]{2,80})》(?:等[^的]{0,10})?的决定$/;
const amendmentPattern = new RegExp(`《([^》]{2,80})》\\s*(?:${numberInParens})?\\s*(?:作如下修改|修改如下|作出如下修改)`, 'g');

/** "关于修改《X》的决定" in a title, or "对《X》(NUM)作如下修改" in the text. */
export function findAmendments(title: string | null, paragraphs: string[]): DocumentReference[] {
  const found: DocumentReference[] = [];
  const inTitle = amendedInTitle.exec(title ?? '');
  if (inTitle) found.push({ docNumber: null, title: inTitle[1]! });
  for (const match of paragraphs.join('\n').matchAll(amendmentPattern)) {
    const number = match[2] ? normaliseDocNumber(match[2]) : null;
    if (!found.some((reference) => reference.title === match[1] && (reference.docNumber === number || reference.docNumber === null))) {
      found.push({ docNumber: number, title: match[1]! });
    } else if (number) {
      found.find((reference) => reference.title === match[1])!.docNumber = number;
    }
  }
  return found;
}

export function findRelations(paragraphs: string[], ownNumber: string | null): Relations {
  const repeals: DocumentReference[] = [];
  const extensions: Extension[] = [];
  const cites: DocumentReference[] = [];
  const seen = new Set<string>(ownNumber ? [ownNumber] : []);
  const text = paragraphs.map((p) => collapseCjkSpaces(p)).join('\n');
  for (const verb of text.matchAll(repealVerb)) {
    const match = repealedBefore.exec(text.slice(Math.max(0, verb.index - 140), verb.index))!;
    const title = match[1] ?? null;
    const number = match[2] ? normaliseDocNumber(match[2]) : null;
    if (!title && !number) continue;
    repeals.push({ docNumber: number, title });
    seen.add(number ?? `title:${title}`);
  }
  for (const match of text.matchAll(extensionPattern)) {
    const number = normaliseDocNumber(match[2]!);
    extensions.push({ docNumber: number, title: match[1]!, effectiveTo: dateFromParts(match[3]!, match[4]!, match[5]!) });
    seen.add(number ?? `title:${match[1]}`);
  }
  for (const match of text.matchAll(citePattern)) {
    // A title nested in another is printed with 〈〉; the document it names writes 《》 (see issuedTitle).
    const title = match[1]!.replace(/〈/g, '《').replace(/〉/g, '》');
    const number = match[2] ? normaliseDocNumber(match[2]) : null;
    const key = number ?? `title:${title}`;
    if (seen.has(key) || (!number && !citableTitle.test(title))) continue;
    seen.add(key);
    cites.push({ docNumber: number, title });
  }
  for (const number of findDocNumbers(text)) {
    if (seen.has(number.normalised)) continue;
    seen.add(number.normalised);
    cites.push({ docNumber: number.normalised, title: null });
  }
  return { repeals, extends: extensions, amends: [], cites };
}
