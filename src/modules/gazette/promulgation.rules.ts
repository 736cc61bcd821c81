import { findNoticeNumber, type DocNumber } from './docnumber.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { isOrganName, signer } from './signature.rules.ts';
import { foldText } from './fold.rules.ts';
import { dateFromParts, dateOnlyLine, datePattern, endsSentence, squashSpaces } from './text.rules.ts';

const headLines = 25;

/**
 * The 令 frame: "XX人民政府令 第N号" (or 政府令〔year〕第N号; any organ's: 卫生部令, 国务院令…), the order's one sentence
 * (《regulation》已经…通过，现予公布/发布), the head of government (市长 alone when no name is printed), and the date;
 * also an abbreviated order (`X府令第N号`, the issuer then the organ line above it) and a people's congress
 * standing committee's `…常务委员会公告` over `第N号`, signed by the committee.
 * The document is the regulation: its title, type 令 (公告 for the committee's), the number as printed,
 * the issuer the order names (or the signing body), the date under the signer.
 */
export interface OrderFrame {
  title: string;
  /** 令, or 公告 for a standing committee's 公告. */
  type: string;
  number: DocNumber;
  issuer: string | null;
  date: string | null;
  bodyStart: number;
}

// The order's sentence: 《regulation》已经…通过，现予公布; "现发布《…条例》，自发布之日起施行" (no meeting named);
// or "…常务会议审议通过，现予发布" without the regulation's name (a reprint prints the title above the order).
const orderSentence = /《([^》]{2,60})》.{0,80}?(?:通过|审议|讨论).{0,20}?(?:公布|发布|施行)/;
const publishSentence = /现予?以?(?:公布|发布)《([^》]{2,60})》/;
const untitledSentence = /(?:通过|审议|讨论)[^。《]{0,20}?现予?以?(?:公布|发布)/;
// What a regulation's title ends in, for the line above an order that does not name it.
const regulationTitle = /(?:办法|规定|条例|细则|规则|规程|决定)$/;

// Any organ's 令 (two for a joint order), and a people's congress standing committee's 公告 promulgating a 条例.
const orderHeading = /^[\u4e00-\u9fff]{2,50}(?:令|常务委员会公告|常委会公告)$/;
const congressNotice = /^([\u4e00-\u9fff]{2,30}(?:常务委员会|常委会)公告)第(\d{1,4})号$/;
const orderSerial = /^(?:(?:19|20)\d{2}年)?第[0-9一二三四五六七八九十百〇零]{1,6}号$/;
// The signer and the date printed on the sentence's own line: "…起施行。 部 长 某某 二〇〇六年七月五日".
const signedTail = new RegExp(`[。.]([^。]{2,24}?)\\s*${datePattern}\\s*$`);

/** Squashed and folded (現發佈 → 现发布, 號 → 号): the view every test below reads. */
const view = (text: string) => foldText(squashSpaces(text));

/** The order's number line; any organ's 令 (部令, 委令, 署令, 国务院令…) may print "第N号" on the line below. */
function orderNumberText(lines: SourceLine[], index: number): { text: string; last: number } {
  const text = squashSpaces(lines[index]!.text);
  const next = squashSpaces(lines[index + 1]?.text ?? '');
  return orderHeading.test(foldText(text)) && orderSerial.test(foldText(next)) ? { text: text + next, last: index + 1 } : { text, last: index };
}

/** The regulation's title: named in the sentence, else the line a reprint prints above the order. */
function regulationTitleOf(lines: SourceLine[], sentenceAt: number, orderAt: number): string | null {
  const sentence = foldText(lines[sentenceAt]!.text);
  const named = orderSentence.exec(sentence) ?? publishSentence.exec(sentence);
  if (named) return lines[sentenceAt]!.text.slice(named.index).match(/《([^》]{2,60})》/)?.[1] ?? null;
  for (let at = orderAt - 1; at >= Math.max(0, orderAt - 3); at--) {
    const text = squashSpaces(lines[at]!.text);
    if (text.length <= 60 && regulationTitle.test(foldText(text)) && !isOrganName(text)) return text;
  }
  return null;
}

/** The issuer an order names: "X人民政府令" → X人民政府; a joint order "A令B令" → A、B. */
function orderIssuer(prefix: string): string | null {
  const organs = prefix.split('令').filter(Boolean);
  return organs.length > 0 && organs.every(isOrganName) ? organs.join('、') : null;
}

interface OrderSignature {
  date: string | null;
  signedBy: string | null;
  bodyStart: number;
}

/**
 * What follows the sentence: signer lines (the head of government, 市长 alone when no name is printed, or each
 * minister of a joint order) or the promulgating body, then the date; a date right under the sentence when a
 * reprint drops the signer; or signer and date on the sentence's own (last) line. Null when none of these follows.
 */
function readOrderSignature(lines: SourceLine[], sentenceStart: number): OrderSignature | null {
  // A sentence wrapped over lines ends on the first line with a 。
  let sentenceAt = sentenceStart;
  while (sentenceAt < sentenceStart + 2 && sentenceAt + 1 < lines.length && !/[。.]/.test(lines[sentenceAt]!.text)) sentenceAt++;
  const tail = signedTail.exec(foldText(lines[sentenceAt]!.text));
  if (tail && signer.test(squashSpaces(tail[1]!))) return { date: dateFromParts(tail[2]!, tail[3]!, tail[4]!), signedBy: null, bodyStart: sentenceAt + 1 };
  let signers = 0;
  let signedBy: string | null = null;
  for (let at = sentenceAt + 1; at <= sentenceAt + 4 && at < lines.length; at++) {
    const text = view(lines[at]!.text).replace(/[:：]/, '');
    const date = dateOnlyLine(lines[at]!.text);
    if (date) return signers > 0 || at === sentenceAt + 1 ? { date, signedBy, bodyStart: at + 1 } : null;
    if (signer.test(text)) signers++;
    else if (isOrganName(text)) {
      signers++;
      signedBy = squashSpaces(lines[at]!.text).replace(/[:：]/, '');
    } else return signers > 0 ? { date: null, signedBy, bodyStart: at } : null;
  }
  return signers > 0 ? { date: null, signedBy, bodyStart: Math.min(lines.length, sentenceAt + 1 + signers) } : null;
}

export function readOrderFrame(lines: SourceLine[]): OrderFrame | null {
  for (let start = 0; start < Math.min(lines.length, headLines); start++) {
    const { text, last: index } = orderNumberText(lines, start);
    if (text.length > 40) continue;
    const number = congressNoticeNumber(text) ?? findNoticeNumber(text);
    if (!number || !/(?:令|公告)$/.test(number.prefix) || number.normalised !== text.replace(/^[(（]|[)）]$/g, '')) continue;
    const sentenceAt = lines.findIndex((line, at) => at > index && at <= index + 3 && isOrderSentence(line.text));
    if (sentenceAt < 0) continue;
    const signature = readOrderSignature(lines, sentenceAt);
    const title = regulationTitleOf(lines, sentenceAt, start);
    if (!signature || !title) continue;
    const above = lines.slice(Math.max(0, start - 3), start).map((line) => squashSpaces(line.text)).reverse().find(isOrganName) ?? null;
    const type = number.prefix.endsWith('令') ? '令' : '公告';
    return { title, type, number, issuer: signature.signedBy ?? orderIssuer(number.prefix) ?? above, date: signature.date, bodyStart: signature.bodyStart };
  }
  return promulgationNote(lines);
}

function isOrderSentence(text: string): boolean {
  const folded = foldText(text);
  return orderSentence.test(folded) || publishSentence.test(folded) || untitledSentence.test(folded);
}

// A law database's note under the title: "(1998年2月6日某市人民政府令第68号发布)", often after the meeting that passed it.
const noteOrder = new RegExp(`${datePattern}([^，,;；()（）]{2,50}?令[^，,;；()（）]{0,14}?号)(?:发布|公布)`);

/**
 * The promulgation note a law database prints under a regulation's title instead of the 令 itself, one line or
 * wrapped: the order's date and number, its issuer the organ the order names; the title is the line above.
 */
function promulgationNote(lines: SourceLine[]): OrderFrame | null {
  for (let start = 1; start < Math.min(lines.length, headLines); start++) {
    if (!/^[(（]/.test(lines[start]!.text.trim())) continue;
    let end = start;
    while (end < start + 2 && end + 1 < lines.length && !/[)）]$/.test(lines[end]!.text.trim())) end++;
    const note = lines.slice(start, end + 1).map((line) => squashSpaces(line.text)).join('');
    if (note.length > 140 || !/[)）]$/.test(note)) continue;
    const match = noteOrder.exec(foldText(note));
    const number = match ? findNoticeNumber(note.slice(match.index + match[0].length - match[4]!.length - 2, match.index + match[0].length - 2)) : null;
    const title = squashSpaces(lines[start - 1]!.text);
    if (!match || !number || title.length > 60 || isOrganName(title) || endsSentence(title)) continue;
    return { title, type: '令', number, issuer: orderIssuer(number.prefix), date: dateFromParts(match[1]!, match[2]!, match[3]!), bodyStart: end + 1 };
  }
  return null;
}

/** "XX省第N届人民代表大会常务委员会公告第28号": the committee's own numbering of its 公告, kept as printed. */
function congressNoticeNumber(text: string): DocNumber | null {
  const match = congressNotice.exec(text);
  return match ? { normalised: text, printed: text, prefix: match[1]!, year: 0, serial: Number(match[2]) } : null;
}
