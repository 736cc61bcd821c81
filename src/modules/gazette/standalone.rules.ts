import { numberAndDateLine, titleWithNumber, type DocNumber } from './docnumber.rules.ts';
import { addresseeLine, documentType, issuerFromTitle, statutoryType } from './fields.rules.ts';
import { foldText } from './fold.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { keyOnlyLine, pageInfoLine, tableRow } from './metablock.rules.ts';
import { readRunOn } from './runon.rules.ts';
import { endsMidPhrase, opensWithIssuer, startsNewBlock, titleCandidate } from './segment.rules.ts';
import { isOrganName } from './signature.rules.ts';
import { cleanTitle, dateFromParts, dateOnlyLine, datePattern, endsSentence, squashSpaces, titleAndDate } from './text.rules.ts';

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
  /** The title names its issuer before its subject (no 关于): that form wins over the signature's, as 关于 titles do. */
  namedByTitle?: boolean;
  /** The number and date printed in brackets under the title, when they are. */
  number?: DocNumber | null;
  date?: string | null;
}

const maxTitleLines = 4;
const headLines = 25;
const topLines = 3;

function titleAboveAddressees(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 1; index < Math.min(lines.length, headLines); index++) {
    if (addresseeLine(lines[index]!.text) === null || keyOnlyLine(lines[index]!.text)) continue;
    // A page's dateline may stand between the title and the addressees.
    const end = index - 1 > 0 && pageInfoLine(lines[index - 1]!.text) ? index - 1 : index;
    let start = end - 1;
    if (!titleCandidate(lines[start]!)) return null;
    const block = () => lines.slice(start, end).map((line) => line.text).join('');
    while (start > 0 && end - start < maxTitleLines && titleCandidate(lines[start - 1]!) && !startsNewBlock(lines[start - 1]!.text, block())) start--;
    // A reprint may print the title in book-title marks (《…的通知》).
    if (!documentType(cleanTitle(squashSpaces(block())))) return null;
    // A database's heading may print the number before the title ("X发〔2010〕2号 关于…的决定").
    const numbered = titleWithNumber(block());
    const title = numbered?.title ?? block();
    return { title, bodyStart: index, issuer: reportIssuer(squashSpaces(title)), ...(numbered ? { number: numbered.number } : {}) };
  }
  return null;
}

// The issuer before 关于 may be several bodies joined with 、 (a joint 通告).
// It may count the rest of its bodies ("某委员会等10部门关于…").
const aboutTitle = /^(?:[\u4e00-\u9fff][\u4e00-\u9fff、\d]{1,89}?)?关于.{2,100}$/;
// A yearly report titled without 关于: <organ or place><year>年…年度报告 (乡, 乡政府 included).
// The name may hold a place in brackets ("某某经济区(廊坊)管理委员会").
const annualReport = /^([\u4e00-\u9fff][\u4e00-\u9fff()（）]{1,39}?)((?:19|20)\d{2})年[\u4e00-\u9fff]{0,30}年度报告$/;
// …or with the year first: <year>年<organ or place>政府信息公开工作(年度)报告 (the issuer is the name after the year).
const yearFirstReport = /^(?:19|20)\d{2}年度?((?!政府|政务)[\u4e00-\u9fff]{2,20}?(?:人民政府)?)(?:政府|政务)?信息公开工作(?:年度)?报告$/;

// …or any report an organ titles with its name and the year it covers: <organ><year>年(度)…报告 ("某局2018年度整体支出绩效评价报告").
const organYearReport = /^([\u4e00-\u9fff]{3,25}?)(?:19|20)\d{2}年度?[\u4e00-\u9fff、]{0,30}报告$/;

/** The issuer an annual report's title names, with or before its year. */
function reportIssuer(title: string): string | null {
  const named = (annualReport.exec(title) ?? yearFirstReport.exec(title))?.[1];
  if (named) return named;
  const organ = organYearReport.exec(title)?.[1];
  return organ && isOrganName(organ) ? organ : null;
}

/**
 * Page furniture a reader passes over above a title: a short line that is no sentence (a news
 * headline, a portal's name, a `label:` line, a field's value). Scanning for the title goes on past these only.
 */
const titleRow = (text: string) => /^(标[\s\u3000]*题|名[\s\u3000]*称)[\s\u3000:：]/.test(text.trim());

function pageClutter(text: string): boolean {
  const line = text.trim();
  // A row of the page's metadata table, however long: two keys or more, one key with its cells between bars, or the
  // table's own 标题 row (the title is printed again below it; metadataBlockTitle reads the row when it is not).
  if (tableRow(line) || /^[\u4e00-\u9fff\s\u3000]{2,12}[:：]\s*\|/.test(line) || titleRow(line)) return true;
  // A breadcrumb, however long: "当前位置: 网站首页 > 政务公开 > …", "您的位置: 首页 » …".
  if (/^[\u4e00-\u9fff]{0,4}位置[:：]/.test(line) && /[>»›]/.test(line)) return true;
  return line.length <= 40 && !endsSentence(line.replace(/[:：]$/, '')) && !/[，,]/.test(line);
}

const wholeTitle = (text: string) => opensWithIssuer(text) && documentType(text) !== null && !endsSentence(text);

/** Lines index… that read as one title (up to four, none after the first an organ's name), with the squashed text. */
function titleSpans(lines: SourceLine[], index: number, most: number): { text: string; printed: string; count: number }[] {
  const spans: { text: string; printed: string; count: number }[] = [];
  let printed = '';
  for (let count = 1; count <= most && index + count <= lines.length; count++) {
    const line = lines[index + count - 1]!;
    if (count > 1 && (!titleCandidate(line) || isOrganName(squashSpaces(line.text)))) break;
    // A line that is a whole title by itself (<organ>关于…+文种) does not continue a page's label above it ("地方政策").
    if (count > 1 && wholeTitle(squashSpaces(line.text)) && !endsMidPhrase(squashSpaces(printed))) break;
    printed += count > 1 && /[\u4e00-\u9fff]$/.test(printed) ? line.text.trim() : (count > 1 ? ' ' : '') + line.text.trim();
    spans.push({ text: squashSpaces(printed), printed: printed.trim(), count });
    if (documentType(squashSpaces(printed))) break;
  }
  return spans;
}

// A portal's label in 【】 before a 关于 title: its scope or channel ("【面向社会】关于…的通知").
const portalLabel = /^【[\u4e00-\u9fff]{2,8}】[\s\u3000]*(?=关于|關于)/;

function withoutLabel<T extends { text: string; printed: string }>(span: T): T {
  const label = portalLabel.exec(span.printed);
  return label ? { ...span, printed: span.printed.slice(label[0].length), text: squashSpaces(span.printed.slice(label[0].length)) } : span;
}

function titleAt(lines: SourceLine[], index: number, most: number): StandaloneHead | null {
  const above = index > 0 ? squashSpaces(lines[index - 1]!.text) : '';
  for (const labelled of titleSpans(lines, index, most)) {
    if (labelled.count > 1 && !titleCandidate(lines[index]!)) break;
    const span = withoutLabel(labelled);
    // A heading may carry the number, or the date, in brackets after the title.
    const numbered = titleWithNumber(span.printed);
    const dated = numbered ? null : titleAndDate(span.printed);
    const title = numbered?.title ?? dated?.title ?? null;
    const head = readSpan(title !== null ? { ...span, text: squashSpaces(title), printed: title } : span, index, above, squashSpaces(lines[index]!.text));
    if (head === 'none') return null;
    if (head) return { ...head, ...(numbered ? { number: numbered.number } : {}), ...(dated ? { date: dated.date } : {}) };
  }
  return null;
}

/** The head a span of lines reads as, null to try a longer span, 'none' when no span can be a title. */
function readSpan({ text, printed, count }: { text: string; printed: string; count: number }, index: number, above: string, first: string): StandaloneHead | 'none' | null {
  const folded = foldText(text);
  const issuer = reportIssuer(text);
  if (count === 1 && issuer && !endsSentence(text)) return { title: printed, bodyStart: index + 1, issuer };
  // A report's title wrapped after its year ("某街道办事处2023年度政府" / "信息公开工作年度报告"): one title when the
  // first line already names the issuer and the year.
  if (count === 2 && issuer && !endsSentence(text) && text.length <= 60 && namesIssuerAndYear(first, issuer)) return { title: printed, bodyStart: index + 2, issuer };
  if (aboutTitle.test(folded) && documentType(text) && !endsSentence(text) && text.length <= 150) {
    const before = text.slice(0, folded.indexOf('关于'));
    if (before.length > 0 && issuerFromTitle(text) === null) return 'none';
    // An organ-name line over 关于…: one title printed on two lines.
    if (before.length === 0 && isOrganName(above)) return { title: above + text, bodyStart: index + count, issuer: above };
    return { title: printed, bodyStart: index + count, issuer: null };
  }
  // "《某某办法(征求意见稿)》公开征求意见": a consultation titled by the draft it publishes.
  if (count === 1 && documentType(text) === '征求意见' && /^《/.test(text) && text.length <= 100) return { title: printed, bodyStart: index + 1, issuer: null };
  // <issuer>印发/转发/批转…的通知: a title without 关于 that opens with its issuer.
  if (opensWithIssuer(text) && /^[\u4e00-\u9fff]+$/.test(issuerFromTitle(text)!) && documentType(text) && !endsSentence(text) && text.length <= 150) {
    return { title: printed, bodyStart: index + count, issuer: null };
  }
  // <organ><what>+文种 without 关于 ("某县人民政府征收土地启动公告", "某区人民政府森林防火禁火令"): the organ issues it.
  // A 规则 or 办法 titled so names the government as its subject, not as its issuer.
  const organ = count === 1 ? organBeforeSubject(text) : null;
  if (organ) return statutoryType(text) ? { title: printed, bodyStart: index + 1, issuer: organ, namedByTitle: true } : { title: printed, bodyStart: index + 1, issuer: null };
  if (count === 1 && isOrganName(above) && documentType(text) && !endsSentence(text) && text.length <= 60 && issuerFromTitle(text) === null) {
    return { title: above + printed, bodyStart: index + 1, issuer: above };
  }
  return null;
}

/** The first of two printed lines names the issuer and the year ("…2023年度政府" or "2023年度某街道…"). */
const namesIssuerAndYear = (first: string, issuer: string) => /(?:19|20)\d{2}年/.test(first) && first.includes(issuer);

/**
 * The organ a one-line title opens with when a subject follows it before its 文种 (or a rule's name) and no 关于 stands
 * between (a 公告, 通告 or 令 titled by its matter; a government's 工作规则). The longest name that reads as an organ
 * wins (办公室 over 人民政府). Never a bare `<organ>令` order line: two characters of subject at least.
 */
function organBeforeSubject(text: string): string | null {
  if (text.length > 60 || endsSentence(text) || !/^[\u4e00-\u9fff]+$/.test(text) || foldText(text).includes('关于')) return null;
  const type = documentType(text);
  if (!type) return null;
  const rest = text.length - type.length;
  for (let end = Math.min(25, rest - 2); end >= 3; end--) {
    if (isOrganName(text.slice(0, end))) return text.slice(0, end);
  }
  return null;
}

/** A title printed again just below (a portal's heading, then the document's own line) is read once. */
function afterRepeats(lines: SourceLine[], head: StandaloneHead): StandaloneHead {
  const key = squashSpaces(head.title);
  let bodyStart = head.bodyStart;
  // A reprint's dateline between the printings may be long ("作者:某网 时间:2024-05-19 08:55:21 浏览:120 来源:某网").
  const passable = (text: string) => pageClutter(text) || (text.length <= 200 && pageInfoLine(text));
  for (let at = head.bodyStart; at < Math.min(lines.length, head.bodyStart + 8) && (passable(lines[at]!.text) || squashSpaces(lines[at]!.text) === key); at++) {
    if (squashSpaces(lines[at]!.text) === key) bodyStart = at + 1;
  }
  return bodyStart === head.bodyStart ? head : { ...head, bodyStart };
}

// "(2020年6月10日某市第十三届人民代表大会常务委员会第二十五次会议通过)": a 决定 or 决议 dated by the meeting that adopted it,
// sometimes with the day it takes effect after ("… 通过 2020年7月1日起施行").
const adoptedOn = new RegExp(`^[(（]\\s*${datePattern}[^()（）]{0,60}?(?:通过|批准)(?:[\\s,，;；]*[0-9〇○零一二三四五六七八九十]{4}年[0-9〇○零一二三四五六七八九十]{1,3}月[0-9〇○零一二三四五六七八九十]{1,3}日起施行)?\\s*[)）]$`);

// "——2018年1月9日在某区第十六届人民代表大会第四次会议上": a work report or speech dated by the meeting it was delivered at.
const deliveredAt = new RegExp(`^(?:——|—|－－|--)\\s*${datePattern}\\s*在[^。]{2,60}?上(?:的(?:讲话|报告|说明))?$`);

/**
 * "(2010年3月22日)", "(XX发〔2010〕3号 2010年3月22日)" or "(<date>…会议通过)" under a title, as gazettes print them:
 * the date (and number).
 */
function withBracketedDate(lines: SourceLine[], head: StandaloneHead): StandaloneHead {
  // A law database prints its byline (the organ) between the title and the bracket.
  const byline = isOrganName(squashSpaces(lines[head.bodyStart]?.text ?? '')) && /^[(（]/.test(lines[head.bodyStart + 1]?.text.trim() ?? '');
  if (byline) {
    const dated = withBracketedDate(lines, { ...head, bodyStart: head.bodyStart + 1 });
    return dated.bodyStart > head.bodyStart + 1 ? dated : head;
  }
  const text = lines[head.bodyStart]?.text.trim() ?? '';
  const paired = numberAndDateLine(text);
  if (paired) return { ...head, number: paired.number, date: paired.date, bodyStart: head.bodyStart + 1 };
  const delivered = deliveredAt.exec(text);
  if (delivered) return { ...head, date: dateFromParts(delivered[1]!, delivered[2]!, delivered[3]!), bodyStart: head.bodyStart + 1 };
  const adopted = adoptedOn.exec(text);
  const date = /^[(（]/.test(text) ? (dateOnlyLine(text) ?? (adopted ? dateFromParts(adopted[1]!, adopted[2]!, adopted[3]!) : null)) : null;
  return date ? { ...head, date, bodyStart: head.bodyStart + 1 } : head;
}

/**
 * A metadata row whose key ran into its value when the page was stored ("标题某乡2022年…年度报告"), the title printed
 * again on a line just below: the row is not the title.
 */
function keyRunIntoTitle(lines: SourceLine[], index: number): boolean {
  const text = squashSpaces(lines[index]!.text);
  if (text.length > 200 || !/^(?:标题|名称)[^\s:：]/.test(text)) return false;
  const value = text.slice(2);
  return lines.slice(index + 1, index + 4).some((line) => squashSpaces(line.text) === value);
}

/**
 * The title at the top: within the first lines, or (in a text that is one piece) past any page
 * clutter above it and wrapped over up to four lines. In a compilation of pieces only a one-line
 * title at the very top counts (the pieces are read by their own titles).
 */
function firstLineTitle(lines: SourceLine[], singlePiece: boolean): StandaloneHead | null {
  for (let index = 0; index < Math.min(lines.length, headLines); index++) {
    const head = singlePiece && (titleRow(lines[index]!.text) || keyRunIntoTitle(lines, index)) ? null : titleAt(lines, index, singlePiece ? maxTitleLines : 1);
    if (head) return withBracketedDate(lines, withDatedByline(lines, afterRepeats(lines, head)));
    if (index + 1 >= topLines && (!singlePiece || !pageClutter(lines[index]!.text))) return null;
  }
  return null;
}

const metadataTitle = /(?:^|\s)(?:名称|标题|文件名称)\s*[:：]\s*(\S.{2,100}?)(?=\s{2,}|\s\S{2,6}[:：]|$)/;

function metadataBlockTitle(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 0; index < Math.min(lines.length, headLines); index++) {
    const match = metadataTitle.exec(lines[index]!.text);
    if (match && documentType(squashSpaces(match[1]!))) return { title: match[1]!.trim(), bodyStart: index + 1, issuer: null };
  }
  return null;
}

// "(2025年第2号)": a 公告's, 通告's or 令's own yearly series, printed in brackets under or right after its title.
const yearSeries = /^[(（]\s*((?:19|20)\d{2})\s*年\s*第\s*(\d{1,4})\s*([号號])\s*[)）]/;

function yearSeriesNumber(text: string, title: string): { number: DocNumber; end: number } | null {
  if (!/(?:公告|通告|令)$/.test(foldText(squashSpaces(title)))) return null;
  const match = yearSeries.exec(text.trim());
  if (!match) return null;
  const printed = `${match[1]}年第${match[2]}${match[3]}`;
  return { number: { normalised: printed, printed, prefix: '', year: Number(match[1]), serial: Number(match[2]) }, end: text.length - text.trimStart().length + match[0].length };
}

const overlong = 200;

/**
 * The body under a standalone title, as lines. A page whose text was saved on one line after its title (a copy:
 * the title again, "(2025年第2号)", the text, the signing organ and the date, joined by spaces) is cut by the run-on
 * rules, so its signature and date are read; a yearly series number under the title is the document's number.
 */
export function standaloneBody(lines: SourceLine[], head: StandaloneHead): { lines: SourceLine[]; number: DocNumber | null } {
  const body = lines.slice(head.bodyStart);
  const total = body.reduce((sum, line) => sum + line.text.length, 0);
  const longest = body.findIndex((line) => line.text.length >= overlong && line.text.length >= total * 0.8);
  if (longest < 0) {
    const series = body[0] ? yearSeriesNumber(body[0].text, head.title) : null;
    return { lines: series && body[0]!.text.trim().length === series.end ? body.slice(1) : body, number: series?.number ?? null };
  }
  let text = body[longest]!.text.trim();
  // The title printed again at the start of the line.
  if (squashSpaces(text).startsWith(squashSpaces(head.title))) {
    let seen = 0;
    let at = 0;
    const key = squashSpaces(head.title).length;
    while (at < text.length && seen < key) if (!/[\s\u3000]/.test(text[at++]!)) seen++;
    text = text.slice(at);
  }
  const series = yearSeriesNumber(text, head.title);
  if (series) text = text.slice(series.end);
  const runOn = readRunOn(text, body[longest]!.no);
  return { lines: [...body.slice(0, longest), ...runOn.lines, ...body.slice(longest + 1)], number: series?.number ?? runOn.number };
}

/**
 * A law database prints a document's name with the issuing organ on the line under it ("某某管理办法" / "某部"), often
 * after the same name as the page's heading: in a one-piece text, the first line ending in a 文种 or a rule's name
 * with an organ's name under it is the title, and the organ its issuer.
 */
function titleOverByline(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 0; index + 1 < Math.min(lines.length, headLines); index++) {
    const text = squashSpaces(lines[index]!.text);
    if (!titleCandidate(lines[index]!) || text.length > 60 || documentType(text) === null) continue;
    const organ = squashSpaces(lines[index + 1]!.text);
    if (isOrganName(organ)) return withDatedByline(lines, afterRepeats(lines, { title: lines[index]!.text.trim(), bodyStart: index + 2, issuer: organ }));
  }
  return null;
}

// "1990年3月10日,某部": the database's note of when and by whom the document was issued, under its title.
const datedByline = new RegExp(`^${datePattern}[,，、\\s\\u3000]+([\\u4e00-\\u9fff、]{2,40})$`);

function withDatedByline(lines: SourceLine[], head: StandaloneHead): StandaloneHead {
  const match = datedByline.exec(lines[head.bodyStart]?.text.trim() ?? '');
  if (!match || !match[4]!.split('、').every(isOrganName)) return head;
  return { ...head, date: dateFromParts(match[1]!, match[2]!, match[3]!), bodyStart: head.bodyStart + 1 };
}

/**
 * A title set as its own block further down a page (a news story quoting the document after its own paragraphs): an
 * organ's name, then 关于… over one or two more lines ending in a 文种 ("某县人民政府" / "关于实施…的" / "通告").
 */
function organAboutBlock(lines: SourceLine[]): StandaloneHead | null {
  for (let index = 0; index + 2 < Math.min(lines.length, headLines); index++) {
    const organ = squashSpaces(lines[index]!.text);
    if (!isOrganName(organ) || !foldText(squashSpaces(lines[index + 1]!.text)).startsWith('关于')) continue;
    let text = '';
    for (let end = index + 1; end <= index + 3 && end < lines.length; end++) {
      if (!titleCandidate(lines[end]!)) break;
      text += squashSpaces(lines[end]!.text);
      if (text.length > 120 || endsSentence(text)) break;
      if (documentType(text)) return { title: organ + text, bodyStart: end + 1, issuer: organ, namedByTitle: true };
    }
  }
  return null;
}

export function findStandaloneHead(lines: SourceLine[], singlePiece: boolean): StandaloneHead | null {
  const head =
    (singlePiece ? titleAboveAddressees(lines) : null) ??
    firstLineTitle(lines, singlePiece) ??
    (singlePiece ? (titleOverByline(lines) ?? metadataBlockTitle(lines) ?? organAboutBlock(lines)) : null);
  const numbered = head && !head.number ? { ...head, number: numberedPrinting(lines, head.title) } : head;
  return numbered && !numbered.issuer ? { ...numbered, issuer: bylineIssuer(lines, numbered.title) } : numbered;
}

/** A page may print the title twice, once with its number in brackets ("关于…的通知(X发〔2003〕1号)"): that number is the document's. */
function numberedPrinting(lines: SourceLine[], title: string): DocNumber | null {
  const key = squashSpaces(cleanTitle(title));
  for (let at = 0; at < Math.min(lines.length, headLines); at++) {
    const numbered = lines[at]!.text.length <= 200 ? titleWithNumber(lines[at]!.text) : null;
    if (numbered && squashSpaces(cleanTitle(numbered.title)) === key) return numbered.number;
  }
  return null;
}

/**
 * A law database prints the issuing body on its own line right under the title ("关于…的通知" / "A部、B部"),
 * often with the title printed again: the organ line under any printing of the title names the issuer.
 */
function bylineIssuer(lines: SourceLine[], title: string): string | null {
  const key = squashSpaces(title);
  for (let at = 0; at + 1 < Math.min(lines.length, headLines); at++) {
    if (squashSpaces(lines[at]!.text) !== key) continue;
    const names = lines[at + 1]!.text.trim().split(/[、\s\u3000]+/);
    if (names.length > 0 && names.every(isOrganName)) return names.join('、');
  }
  return null;
}
