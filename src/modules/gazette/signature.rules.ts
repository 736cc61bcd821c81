import type { SourceLine } from './gazette.types.ts';
import { foldText } from './fold.rules.ts';
import { documentType } from './fields.rules.ts';
import { dateOnlyLine, endsSentence, squashSpaces } from './text.rules.ts';

/**
 * The signature of a standalone document: the issuing body's name on one line
 * (or one line per body for a joint document) and the 成文日期 on the next,
 * e.g. "国务院办公厅 / 二〇〇四年四月二十七日". A promulgating order is signed by
 * a person ("总理　李克强"): its date counts, its name is not an issuer.
 */
export interface Signature {
  issuer: string | null;
  /** Null when the date's digits under the organ read two ways (年月日 lost: "2023117"). */
  date: string | null;
}

const organ = /(国务院|中央军委|人民政府|政府|办公厅|办公室|委员会|常委会|委|局|厅|部|署|院|办|中心|协会|联合会|管委会|公司|大学)$/;
// The head's title with the name, or alone when the name is not printed ("市 长"); a joint order's
// ministers name their ministry first ("卫生部部长 某某"). A region's head signs as 自治区主席, and a head not yet
// elected as acting (代省长, 代理市长, 自治区代主席).
export const signer =
  /^(?:[\u4e00-\u9fff]{1,10}?(?:部|委|局|署|院|行|府)|自治区)?(?:代理?)?(总理|省长|市长|县长|区长|主席|局长|部长|署长|行长|主任)(?:[\s\u3000:：]*[\u4e00-\u9fff]{2,4})?$/;

/** One organ's name on its own ("平潭县人事局"), not a portal's ("中国平潭") nor a title's first line. */
export function isOrganName(text: string): boolean {
  const name = text.trim();
  // A line that says 关于 is a title's first half ("…人民政府关于同意举办"), never a name.
  return name.length >= 3 && name.length <= 25 && /^[\u4e00-\u9fff]+$/.test(name) && !foldText(name).includes('关于') && organ.test(foldText(name));
}

function organNames(text: string): string[] | null {
  const names = text.trim().split(/[\s\u3000]+/).filter(Boolean);
  if (names.length === 0 || text.length > 40 || endsSentence(text)) return null;
  // Matched on the folded view (辦公廳 like 办公厅); the name is kept as printed.
  return names.every((name) => organ.test(foldText(name)) && name.length <= 25) ? names : null;
}

/**
 * A signature date whose 年, 月 and 日 were lost when the page was stored (printed as images or odd glyphs):
 * the digits alone ("2018525", "202091", "20151214"). Read only when month and day split one way alone
 * ("2022128" may be 1月28日 or 12月8日: null).
 */
export function bareDigitsDate(text: string): string | null {
  const match = /^((?:19|20)\d{2})(\d{2,4})$/.exec(text.trim());
  if (!match) return null;
  const rest = match[2]!;
  const readings: string[] = [];
  for (let cut = 1; cut <= 2 && cut < rest.length; cut++) {
    const month = rest.slice(0, cut);
    const day = rest.slice(cut);
    const [m, d] = [Number(month), Number(day)];
    if (day.length <= 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31) readings.push(`${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return readings.length === 1 ? readings[0]! : null;
}

/** The first organ-line(s)-then-date pair in the body: the signature of the document itself, not of what it forwards. */
export function readSignature(lines: SourceLine[]): Signature | null {
  for (let index = 1; index < lines.length; index++) {
    // Bare digits count only right under an organ's name; when they read two ways the organ still signs.
    const digits = organNames(lines[index - 1]!.text) !== null && /^(?:19|20)\d{4,6}$/.test(lines[index]!.text.trim());
    const date = dateOnlyLine(lines[index]!.text) ?? (digits ? bareDigitsDate(lines[index]!.text) : null);
    if (!date && !digits) continue;
    const above = lines[index - 1]!.text.trim();
    if (date && signer.test(above.replace(/[\s\u3000]+/g, ''))) return { issuer: null, date };
    const names: string[] = [];
    for (let at = index - 1; at >= 0 && index - at <= 4; at--) {
      const found = organNames(lines[at]!.text);
      if (!found) break;
      names.unshift(...found);
    }
    if (names.length > 0) return { issuer: names.join('、'), date };
  }
  return null;
}

// What may follow the date at the foot of a document: "(此件公开发布)", the 抄送/分送 lines, the 印发 line, and a
// reprint's source line ("来源：某市人民政府办公厅").
const footNote = /^(?:[(（][^()（）]{1,20}[)）]|(?:抄送|分送)[:：].*|.{0,40}印发|[来來]源[:：].{0,40})$/;

/**
 * A date line closing the text with no issuer line above it (an unsigned notice,
 * a reprint that drops the issuer: "特此通告。 / 二〇一二年二月六日"): the 成文日期 all the same. The lines end where
 * the text a notice issues begins when `beforeIssuedText`.
 */
export function closingDate(lines: SourceLine[], beforeIssuedText = false): string | null {
  for (let index = lines.length - 1; index >= 0; index--) {
    const text = lines[index]!.text.trim();
    // Right above the text a notice issues, bare digits (年月日 lost) are the notice's date too.
    const date = dateOnlyLine(text) ?? (beforeIssuedText && index === lines.length - 1 ? bareDigitsDate(text) : null);
    if (date) return date;
    if (!footNote.test(text)) return null;
  }
  return null;
}

const closingFormula = /(?:特此[\u4e00-\u9fff]{2}|此复|此函|此令)[。.]?$/;
// What follows the date that closes a 公文: an annex, its publication note "(此件主动公开)", or (in the format used
// before 2012) the 主题词 line that heads its foot.
const attachmentStart = /^(?:附\s*件|附\s*表|附[:：]|[(（]此件[^()（）]{0,12}[)）]$|主\s*题\s*词\s*[:：])/;

/**
 * A date line that closes the text though more follows it (an attached list, 附件, 附表, the issued text):
 * the first date line right after a closing formula (特此批复。) or right before 附件/附表, the "(此件…公开)" note or
 * the 主题词 line.
 */
export function dateBeforeAttachment(lines: SourceLine[]): string | null {
  for (let index = 1; index < lines.length; index++) {
    const date = dateOnlyLine(lines[index]!.text);
    if (!date) continue;
    if (closingFormula.test(lines[index - 1]!.text.trim()) || attachmentStart.test(lines[index + 1]?.text.trim() ?? '')) return date;
  }
  return null;
}

/**
 * In a notice that issues a text (印发/转发…), the text follows the notice's date under its own heading; a reprint may
 * print that heading differently from the title's 《…》, or wrap it. The first date line followed by a heading — one
 * or two short lines, no sentence, ending in a 文种 or a rule's name (办法, 规定, 细则…) — is the 成文日期.
 */
export function dateBeforeIssuedText(lines: SourceLine[]): string | null {
  for (let index = 1; index + 1 < lines.length; index++) {
    const date = dateOnlyLine(lines[index]!.text);
    if (!date) continue;
    const first = squashSpaces(lines[index + 1]!.text);
    const second = squashSpaces(lines[index + 2]?.text ?? '');
    const heading = [first, first + second].some((text) => text.length <= 60 && !endsSentence(text) && !/[:：]$/.test(text) && documentType(text) !== null);
    return heading ? date : null;
  }
  return null;
}
