import { findNoticeNumber, type DocNumber } from './docnumber.rules.ts';
import { addresseeLine, documentType, issuerFromTitle } from './fields.rules.ts';
import { foldText } from './fold.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { startsNewBlock, titleCandidate } from './segment.rules.ts';
import { isOrganName, signer } from './signature.rules.ts';
import { dateOnlyLine, endsSentence } from './text.rules.ts';

/**
 * A document that prints neither masthead nor 发文字号 is still read by its title:
 * the title block standing above the addressees, or a first line that reads
 * (organ)关于…的+文种, or an organ-name line over a line ending in a 文种 (one title,
 * not a masthead and a fragment), or, last, the 名称/标题 key of a page's metadata block.
 */

export interface StandaloneHead {
  title: string;
  /** Index of the first line after the title. */
  bodyStart: number;
  /** The issuing body when only the title's first line names it. */
  issuer: string | null;
}

const squash = (text: string) => text.replace(/[\s\u3000]+/g, '');
const maxTitleLines = 4;
const headLines = 25;
const topLines = 3;

function titleAboveAddressees(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 1; index < Math.min(lines.length, headLines); index++) {
    if (addresseeLine(lines[index]!.text) === null) continue;
    let start = index - 1;
    if (!titleCandidate(lines[start]!)) return null;
    const block = () => lines.slice(start, index).map((line) => line.text).join('');
    while (start > 0 && index - start < maxTitleLines && titleCandidate(lines[start - 1]!) && !startsNewBlock(lines[start - 1]!.text, block())) start--;
    return documentType(squash(block())) ? { title: block(), bodyStart: index, issuer: null } : null;
  }
  return null;
}

const aboutTitle = /^(?:[\u4e00-\u9fff]{2,90}?)?关于.{2,100}$/;

function firstLineTitle(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 0; index < Math.min(lines.length, topLines); index++) {
    const text = squash(lines[index]!.text);
    const folded = foldText(text);
    const above = index > 0 ? squash(lines[index - 1]!.text) : '';
    if (aboutTitle.test(folded) && documentType(text) && !endsSentence(text) && text.length <= 150) {
      const before = text.slice(0, folded.indexOf('关于'));
      if (before.length > 0 && issuerFromTitle(text) === null) continue;
      // An organ-name line over 关于…: one title printed on two lines.
      if (before.length === 0 && isOrganName(above)) return { title: above + text, bodyStart: index + 1, issuer: above };
      return { title: lines[index]!.text.trim(), bodyStart: index + 1, issuer: null };
    }
    if (isOrganName(above) && documentType(text) && !endsSentence(text) && text.length <= 60 && issuerFromTitle(text) === null) {
      return { title: above + lines[index]!.text.trim(), bodyStart: index + 1, issuer: above };
    }
  }
  return null;
}

const metadataTitle = /(?:^|\s)(?:名称|标题|文件名称)\s*[:：]\s*(\S.{2,100}?)(?=\s{2,}|\s\S{2,6}[:：]|$)/;

function metadataBlockTitle(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 0; index < Math.min(lines.length, headLines); index++) {
    const match = metadataTitle.exec(lines[index]!.text);
    if (match && documentType(squash(match[1]!))) return { title: match[1]!.trim(), bodyStart: index + 1, issuer: null };
  }
  return null;
}

export function findStandaloneHead(lines: SourceLine[], singlePiece: boolean): StandaloneHead | null {
  return (singlePiece ? titleAboveAddressees(lines) : null) ?? firstLineTitle(lines) ?? (singlePiece ? metadataBlockTitle(lines) : null);
}

/**
 * The 令 frame: "XX人民政府令 第N号" (or 政府令〔year〕第N号; any organ's: 卫生部令, 国务院令…), the order's one sentence
 * (《regulation》已经…通过，现予公布/发布), the head of government's name, and the date.
 * The document is the regulation: its title, type 令, the order's number as printed,
 * the issuer the order names, the date under the signer.
 */
export interface OrderFrame {
  title: string;
  number: DocNumber;
  issuer: string | null;
  date: string | null;
  bodyStart: number;
}

const orderSentence = /《([^》]{2,60})》.{0,80}?(?:通过|审议|讨论).{0,20}?(?:公布|发布|施行)/;

const orderHeading = /^[\u4e00-\u9fff]{2,30}令$/;
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
    const number = findNoticeNumber(text);
    if (!number || !number.prefix.endsWith('令') || number.normalised !== text.replace(/^[(（]|[)）]$/g, '')) continue;
    const sentenceAt = lines.findIndex((line, at) => at > index && at <= index + 3 && orderSentence.test(line.text));
    if (sentenceAt < 0) continue;
    let date: string | null = null;
    let bodyStart = sentenceAt + 1;
    for (let at = sentenceAt + 1; at <= sentenceAt + 3 && at < lines.length; at++) {
      const found = dateOnlyLine(lines[at]!.text);
      if (found && signer.test(squash(lines[at - 1]!.text).replace(/[:：]/, ''))) {
        date = found;
        bodyStart = at + 1;
        break;
      }
    }
    if (date === null) continue;
    const named = number.prefix.replace(/令$/, '');
    const above = lines.slice(Math.max(0, start - 3), start).map((line) => squash(line.text)).reverse().find(isOrganName) ?? null;
    return { title: orderSentence.exec(lines[sentenceAt]!.text)![1]!, number, issuer: isOrganName(named) ? named : above, date, bodyStart };
  }
  return null;
}
