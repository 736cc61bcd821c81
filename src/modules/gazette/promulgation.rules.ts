import { findNoticeNumber, type DocNumber } from './docnumber.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { isOrganName, signer } from './signature.rules.ts';
import { dateOnlyLine } from './text.rules.ts';

const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');
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

const orderSentence = /《([^》]{2,60})》.{0,80}?(?:通过|审议|讨论).{0,20}?(?:公布|发布|施行)/;

// Any organ's 令, and a people's congress standing committee's 公告 promulgating a 条例.
const orderHeading = /^[\u4e00-\u9fff]{2,30}(?:令|常务委员会公告|常委会公告)$/;
const congressNotice = /^([\u4e00-\u9fff]{2,30}(?:常务委员会|常委会)公告)第(\d{1,4})号$/;
const orderSerial = /^第[0-9一二三四五六七八九十百〇零]{1,6}号$/;

/** The order's number line; any organ's 令 (部令, 委令, 署令, 国务院令…) may print "第N号" on the line below. */
function orderNumberText(lines: SourceLine[], index: number): { text: string; last: number } {
  const text = squash(lines[index]!.text);
  const next = squash(lines[index + 1]?.text ?? '');
  return orderHeading.test(text) && orderSerial.test(next) ? { text: text + next, last: index + 1 } : { text, last: index };
}

export function readOrderFrame(lines: SourceLine[]): OrderFrame | null {
  for (let start = 0; start < Math.min(lines.length, headLines); start++) {
    const { text, last: index } = orderNumberText(lines, start);
    if (text.length > 30) continue;
    const number = congressNoticeNumber(text) ?? findNoticeNumber(text);
    if (!number || !/(?:令|公告)$/.test(number.prefix) || number.normalised !== text.replace(/^[(（]|[)）]$/g, '')) continue;
    const sentenceAt = lines.findIndex((line, at) => at > index && at <= index + 3 && orderSentence.test(line.text));
    if (sentenceAt < 0) continue;
    let date: string | null = null;
    let signedBy: string | null = null;
    let bodyStart = sentenceAt + 1;
    for (let at = sentenceAt + 1; at <= sentenceAt + 3 && at < lines.length; at++) {
      const found = dateOnlyLine(lines[at]!.text);
      const above = squash(lines[at - 1]!.text).replace(/[:：]/, '');
      // Signed by the head of government (市长 alone when the name is not printed), or by the promulgating body.
      if (found && (signer.test(above) || isOrganName(above))) {
        date = found;
        signedBy = isOrganName(above) ? above : null;
        bodyStart = at + 1;
        break;
      }
    }
    if (date === null) continue;
    const named = number.prefix.replace(/令$/, '');
    const above = lines.slice(Math.max(0, start - 3), start).map((line) => squash(line.text)).reverse().find(isOrganName) ?? null;
    const title = orderSentence.exec(lines[sentenceAt]!.text)![1]!;
    return { title, type: number.prefix.endsWith('令') ? '令' : '公告', number, issuer: signedBy ?? (isOrganName(named) ? named : above), date, bodyStart };
  }
  return null;
}

/** "XX省第N届人民代表大会常务委员会公告第28号": the committee's own numbering of its 公告, kept as printed. */
function congressNoticeNumber(text: string): DocNumber | null {
  const match = congressNotice.exec(text);
  return match ? { normalised: text, printed: text, prefix: match[1]!, year: 0, serial: Number(match[2]) } : null;
}
