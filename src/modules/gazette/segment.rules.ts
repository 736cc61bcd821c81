import { docNumberLine, findHeaderDocNumber, numberAndDateLine, type DocNumber } from './docnumber.rules.ts';
import { documentType, issuedTitle, issuerFromTitle, statutoryType } from './fields.rules.ts';
import { foldText } from './fold.rules.ts';
import { findMasthead, ruleLine } from './masthead.rules.ts';
import { metadataRow, pageInfoLine, tableRow } from './metablock.rules.ts';
import { looseTitleKey, tocMatches } from './gazette.frame.ts';
import type { SourceLine, TocEntry } from './gazette.types.ts';
import { isOrganName, readSignature } from './signature.rules.ts';
import { cleanTitle, dateOnlyLine, endsSentence, squashSpaces, titleAndDate } from './text.rules.ts';

/**
 * Finds where each document begins in a run of lines. A titled document is
 * anchored on its 文号 line: the date line sits just above or below it and the
 * title (wrapped over up to four lines) above that. Documents without a number
 * — appointment lists, policy interpretations — are found by their title form.
 */

export interface Segment {
  /** Index of the first title line (or of the first line, when untitled). */
  start: number;
  /** Index one past the last line. */
  end: number;
  /** Index of the first line after the header (title, date, number). */
  bodyStart: number;
  titleLines: SourceLine[];
  date: string | null;
  number: DocNumber | null;
  section: string | null;
  /** The organ(s) the red header (版头) above the number names, when it has one. */
  masthead?: string | null;
}

const sectionHeader = /^【\s*(.{1,20}?)\s*】$/;
const untitledForms = [/人事任免(事项|名单)?$/, /^《[^》]{2,80}》\s*(政策)?解读$/, /^关于.{2,60}的(政策)?解读$/];
const maxTitleLines = 4;

export function sectionOf(text: string): string | null {
  const match = sectionHeader.exec(text.trim());
  return match ? match[1]!.replace(/\s+/g, '') : null;
}

/** What an interpretation's title is about: 《X》政策解读, 《X》解读 and 关于《X》的解读 are all about X. */
function interpretedSubject(text: string): string {
  const folded = cleanTitle(foldText(text));
  const quoted = /《([^》]+)》/.exec(folded);
  return looseTitleKey(quoted ? quoted[1]! : folded.replace(/^关于/, '').replace(/的?(政策)?解[读讀]$/, ''));
}

/**
 * A title line repeated at the top of a body (the drafter's own heading under
 * the one the publication adds) is the same document, not a new one.
 */
function repeatsTitle(anchor: Anchor | undefined, index: number, text: string): boolean {
  if (!anchor || anchor.number !== null || anchor.bodyStart !== index || anchor.titleLines.length === 0) return false;
  const title = anchor.titleLines.map((line) => line.text).join('');
  return /解[读讀]/.test(title) && /解[读讀]/.test(text) && interpretedSubject(title) === interpretedSubject(text);
}

function isUntitledForm(text: string): boolean {
  if (text.length > 100 || !/任免|解[读讀]/.test(text)) return false;
  const folded = cleanTitle(foldText(text));
  return folded.length <= 80 && untitledForms.some((form) => form.test(folded));
}

/** Could this line be part of a title? Titles are short, unpunctuated, not tables, dates or asides. */
export function titleCandidate(line: SourceLine): boolean {
  const text = line.text.trim();
  return (
    text.length > 0 &&
    text.length <= 60 &&
    !text.includes('\t') &&
    !endsSentence(text) &&
    !/[,，]$/.test(text) &&
    dateOnlyLine(text) === null &&
    !/^[(（].*[)）]$/.test(text) &&
    sectionOf(text) === null &&
    !ruleLine(text) &&
    !tableRow(text) &&
    !pageInfoLine(text) &&
    !/^(附件|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.])/.test(text)
  );
}

/**
 * Reprints stack headings above the title (the page's title, the issuing body, "<number>《<title>》"):
 * a title is one sentence ending in a 文种, so the line above it starts a new block when it is
 * a heading of its own, or an organ's name above a title that already names its issuer.
 */
export function startsNewBlock(above: string, block: string): boolean {
  const line = squashSpaces(above);
  const squashedBlock = squashSpaces(block);
  // A reprint may print the whole title in book-title marks (《A市人民政府关于…的通知》): read it without them.
  const joined = /^《[^《》]+》$/.test(squashedBlock) ? squashedBlock.slice(1, -1) : squashedBlock;
  // A page's info line (浏览量: 时间:…) is not a title; a metadata label before the title is (cleanTitle drops it).
  if (/[:：]/.test(line) && !/^(标题|名称|主题词)[:：]/.test(line)) return true;
  if (findHeaderDocNumber(line) && !docNumberLine(line)) return true;
  const complete = (text: string) => documentType(text) !== null && (/关于/.test(foldText(text)) || issuerFromTitle(text) !== null);
  if (complete(line) && complete(joined)) return true;
  // A title that opens with its issuer and ends in a 文种 is whole: a heading above it (a file's
  // name on a sharing site) is another block, unless that line breaks off mid-phrase (…转发, …关于).
  if (opensWithIssuer(joined) && documentType(joined) !== null && !endsMidPhrase(line)) return true;
  if (isOrganName(line)) return issuerFromTitle(joined) !== null || documentType(joined) === null;
  return false;
}

/** <issuer>关于…, <issuer>印发…: a title that begins by naming who issues it. */
export function opensWithIssuer(text: string): boolean {
  const issuer = issuerFromTitle(text);
  return issuer !== null && /^(关于|印发|转发|批转)/.test(foldText(text.slice(issuer.length)));
}

/** A line that breaks off where a title goes on: 关于, 转发, 印发, 的, 和, 、 … */
export function endsMidPhrase(text: string): boolean {
  return /(关于|转发|印发|批转|发布|公布|的|和|与|及|或|对|在|为|、|，|,)$/.test(foldText(text));
}

function chooseTitleStart(lines: SourceLine[], titleEnd: number, floor: number, toc: TocEntry[]): number {
  let start = titleEnd;
  const block = () => lines.slice(start, titleEnd + 1).map((line) => line.text).join('');
  while (
    start - 1 > floor &&
    titleEnd - (start - 1) < maxTitleLines &&
    titleCandidate(lines[start - 1]!) &&
    (toc.length > 0 || !startsNewBlock(lines[start - 1]!.text, block()))
  ) {
    start--;
  }
  if (toc.length > 0) {
    // Prefer the widest span the table of contents confirms.
    for (let candidate = start; candidate <= titleEnd; candidate++) {
      const title = lines.slice(candidate, titleEnd + 1).map((line) => line.text).join('');
      if (toc.some((entry) => tocMatches(entry.title, title))) return candidate;
    }
  }
  // Without confirmation, a title starts with its issuer or with 关于.
  for (let candidate = start; candidate <= titleEnd; candidate++) {
    const text = foldText(lines[candidate]!.text.trim());
    if (/^(关于|[\u4e00-\u9fff]{2,30}?(人民政府|办公室|办公厅|委员会|局|厅|委|办))/.test(text)) return candidate;
  }
  return start;
}

/**
 * A metadata table printed one cell a line ("文件编号" / "沪X〔2025〕9号"): a number under its bare label is
 * the table's value, not a document's header (the document prints its number again with its title).
 */
function numberLabel(text: string): boolean {
  return /^(?:文号|发文字号|文件编号|发文号)$/.test(text.replace(/[\s\u3000]+/g, ''));
}

/** A bare label of a portal's metadata table: 标　　题：, 发文字号：, 成文日期：… */
function metadataLabel(text: string): boolean {
  return /^[\u4e00-\u9fff\s\u3000]{2,10}[：:]$/.test(text.trim());
}

/** The lines that may be a title below the number line at `index` (past rule lines, up to the addressees), and where they end. */
function linesBelowNumber(lines: SourceLine[], index: number): { titleLines: SourceLine[]; at: number } {
  const titleLines: SourceLine[] = [];
  let at = index + 1;
  while (at < lines.length && ruleLine(lines[at]!.text)) at++;
  while (at < lines.length && titleLines.length < maxTitleLines && titleCandidate(lines[at]!) && !/[：:]$/.test(lines[at]!.text.trim())) {
    if (titleLines.length > 0 && readsAsAddressees(lines, at, titleLines)) break;
    titleLines.push(lines[at]!);
    at++;
  }
  return { titleLines, at };
}

/**
 * A number printed at the top with no masthead (a portal's or gkmlpt page's layout: number, title,
 * addressees): the title is the lines below the number, when they end in a 文种.
 */
function titleBelowNumber(lines: SourceLine[], index: number): { titleLines: SourceLine[]; bodyStart: number } | null {
  const { titleLines, at } = linesBelowNumber(lines, index);
  // The longest run of lines that ends in a 文种 is the title; what follows it is the body.
  for (let count = titleLines.length; count > 0; count--) {
    const title = titleLines.slice(0, count);
    if (documentType(squashed(title)) !== null) return { titleLines: title, bodyStart: at - (titleLines.length - count) };
  }
  return null;
}

const squashed = (titleLines: SourceLine[]) => squashSpaces(titleLines.map((line) => line.text).join(''));

/**
 * A document as printed starts with its masthead (版头, "XX人民政府文件", one line per
 * body for a joint document, or the organ's name over a red rule), then the number, then
 * the title. The masthead is not the title: the title is the lines below the number, up to
 * the addressees.
 */
function titleBelowMasthead(lines: SourceLine[], index: number, titleEnd: number, floor: number, ruled: boolean): Omit<Anchor, 'date' | 'number'> | null {
  const masthead = findMasthead(lines, titleEnd, floor, ruled, titleCandidate);
  if (masthead === null) return null;
  const { titleLines, at } = linesBelowNumber(lines, index);
  if (titleLines.length === 0) return null;
  return { start: masthead.start, bodyStart: at, titleLines, masthead: masthead.issuer };
}

/**
 * A title is one sentence ending in a 文种; once it ends in one, a line that lists
 * units (commas, 、) and ends the addressees (：) here or on the next line is the addressee
 * line wrapped, not more title.
 */
export function readsAsAddressees(lines: SourceLine[], at: number, titleLines: SourceLine[]): boolean {
  const title = titleLines.map((line) => line.text).join('').replace(/[\s\u3000]+/g, '');
  if (documentType(title) === null) return false;
  const text = lines[at]!.text.trim();
  const next = lines[at + 1]?.text.trim() ?? '';
  return /[,，、]/.test(text) && (/[：:，,]$/.test(text) || /[：:]$/.test(next));
}

interface Anchor {
  start: number;
  bodyStart: number;
  titleLines: SourceLine[];
  date: string | null;
  number: DocNumber | null;
  masthead?: string | null;
}

function anchorAt(lines: SourceLine[], index: number, floor: number, toc: TocEntry[]): Anchor | null {
  const paired = numberAndDateLine(lines[index]!.text);
  const number = paired?.number ?? docNumberLine(lines[index]!.text);
  if (!number || numberLabel(lines[index - 1]?.text ?? '')) return null;
  let date: string | null = paired?.date ?? null;
  let titleEnd = index - 1;
  let bodyStart = index + 1;
  const above = lines[index - 1];
  if (paired) {
    // The bracketed number and date close the title above them.
  } else if (above && dateOnlyLine(above.text)) {
    date = dateOnlyLine(above.text);
    titleEnd = index - 2;
  } else if (above && titleAndDate(above.text)) {
    const dated = titleAndDate(above.text)!;
    date = dated.date;
    const titleOnly = { no: above.no, text: dated.title };
    const start = chooseTitleStart(lines, index - 1, floor, toc);
    const titleLines = [...lines.slice(start, index - 1), titleOnly];
    return { start, bodyStart, titleLines, date, number };
  } else if (lines[index + 1] && dateOnlyLine(lines[index + 1]!.text)) {
    date = dateOnlyLine(lines[index + 1]!.text);
    bodyStart = index + 2;
  }
  // A portal's metadata label ("发文字号："), row ("文号：…") or dateline ("…来源：…") between the title and the number is not part of the title.
  const pageMetadata = (text: string) => metadataLabel(text) || metadataRow(text) || pageInfoLine(text);
  while (titleEnd > floor && pageMetadata(lines[titleEnd]!.text)) titleEnd--;
  // The red rule under a masthead (or any separator) is layout, never a title.
  let ruled = false;
  while (titleEnd > floor && ruleLine(lines[titleEnd]!.text)) {
    titleEnd--;
    ruled = true;
  }
  const below = titleBelowMasthead(lines, index, titleEnd, floor, ruled);
  if (below) return { ...below, date, number };
  // A law database's "title / organ / number": the organ line is the byline, not the title's last line.
  const signedTitle = toc.length === 0 ? bylineUnderTitle(lines, titleEnd, floor) : null;
  if (signedTitle) titleEnd--;
  const underNumber = toc.length === 0 && !paired && bodyStart === index + 1 ? titleBelowNumber(lines, index) : null;
  if (titleEnd <= floor) return underNumber ? { start: index, bodyStart: underNumber.bodyStart, titleLines: underNumber.titleLines, date, number } : { start: index, bodyStart, titleLines: [], date, number };
  const chosen = signedTitle ? titleEnd : chooseTitleStart(lines, titleEnd, floor, toc);
  const byline = toc.length === 0 ? bylineAbove(lines, chosen, titleEnd, floor) : null;
  const start = byline ? chosen + 1 : chosen;
  const titleLines = lines.slice(start, titleEnd + 1);
  const whole = toc.length === 0 ? untruncatedTitle(lines, start, floor, titleLines) : null;
  const aboveTitle = whole ? [whole] : titleLines;
  // Above the number, a title-less line or a name in book-title marks only ("《…实施方案》", a reprint's heading
  // naming what the document issues): the title is the one below the number.
  // So is a heading that names only what is issued (an 办法, 细则, 方案) over a covering 通知 that ends in a statutory 文种.
  const headingText = cleanTitle(squashed(aboveTitle));
  const issuedOnly = underNumber !== null && statutoryType(headingText) === null && statutoryType(squashed(underNumber.titleLines)) !== null;
  const heading = documentType(headingText) === null || /^《[^《》]+》$/.test(squashed(aboveTitle)) || issuedOnly;
  if (underNumber && heading) return { start: index, bodyStart: underNumber.bodyStart, titleLines: underNumber.titleLines, date, number };
  // The same title printed above the number (a metadata row) and underNumber it (the document's own line): one title.
  const repeated = underNumber !== null && looseTitleKey(cleanTitle(squashed(aboveTitle))) === looseTitleKey(squashed(underNumber.titleLines));
  const organ = byline ?? signedTitle ?? bylineBetweenPrintings(lines, start, titleEnd, floor);
  return { start, bodyStart: repeated ? underNumber.bodyStart : bodyStart, titleLines: aboveTitle, date, number, ...(organ ? { masthead: organ } : {}) };
}

/**
 * An organ's name right above the number under a line that is a whole title (a name ending in a 文种 or a rule's
 * name): the database's byline. The issuer is the organ printed under the first printing of that title (a page may
 * print the name twice, the organ once in full and once short).
 */
function bylineUnderTitle(lines: SourceLine[], titleEnd: number, floor: number): string | null {
  if (titleEnd - 1 <= floor || !isOrganName(squashed([lines[titleEnd]!]))) return null;
  const title = squashed([lines[titleEnd - 1]!]);
  if (!titleCandidate(lines[titleEnd - 1]!) || documentType(title) === null || endsSentence(title)) return null;
  for (let at = floor + 1; at < titleEnd; at++) {
    if (squashed([lines[at]!]) === title && isOrganName(squashed([lines[at + 1]!]))) return squashed([lines[at + 1]!]);
  }
  return null;
}

/**
 * A law database prints the title, the issuing bodies on one line (joint ones apart by spaces), then the title again over
 * the number ("关于…的通知" / "A部 B委员会" / "关于…的通知" / number): when the title does not name them, the bodies are
 * the issuers, joined with 、.
 */
function bylineBetweenPrintings(lines: SourceLine[], start: number, titleEnd: number, floor: number): string | null {
  if (start - 2 <= floor || start !== titleEnd) return null;
  const text = lines[start - 1]!.text.trim();
  if (text.length > 80) return null;
  const names = text.split(/[、\s\u3000]+/).filter(Boolean);
  if (names.length === 0 || !names.every(isOrganName)) return null;
  // A title that names its issuer keeps its own form of the name (the title's form wins).
  const title = squashed([lines[start]!]);
  return squashed([lines[start - 2]!]) === title && issuerFromTitle(title) === null ? names.join('、') : null;
}

/**
 * A law database heads a page with the name of what a notice issues, the issuing organ on the line under it, then the
 * notice ("某某实施细则" / "某市人民政府办公室" / "关于印发某某实施细则的通知"): that organ line is the heading's byline, not
 * the title's first line; it names the issuer.
 */
function bylineAbove(lines: SourceLine[], start: number, titleEnd: number, floor: number): string | null {
  if (start >= titleEnd || start - 1 <= floor) return null;
  const organ = squashed([lines[start]!]);
  if (!isOrganName(organ)) return null;
  // Only over a 关于 title: an organ line over 印发… is read by withoutOrganHeading, against the signature.
  const title = cleanTitle(squashed(lines.slice(start + 1, titleEnd + 1)));
  if (!foldText(title).startsWith('关于')) return null;
  const issued = issuedTitle(title);
  return issued !== null && looseTitleKey(cleanTitle(squashed([lines[start - 1]!]))) === looseTitleKey(issued) ? organ : null;
}

/** A reprint may cut the printed title short; its heading above gives the whole title, which starts with the same words. */
function untruncatedTitle(lines: SourceLine[], start: number, floor: number, titleLines: SourceLine[]): SourceLine | null {
  const cut = titleLines.map((line) => line.text).join('').replace(/\s+/g, '');
  if (cut.length < 6 || documentType(cut) !== null) return null;
  for (let at = start - 1; at > floor && start - at <= maxTitleLines; at--) {
    const text = lines[at]!.text.replace(/\s+/g, '');
    if (text.length > cut.length && text.startsWith(cut) && documentType(text) !== null && !endsSentence(text)) return lines[at]!;
  }
  return null;
}

export function findSegments(lines: SourceLine[], from: number, to: number, toc: TocEntry[]): Segment[] {
  const starts: Anchor[] = [];
  const sections: { index: number; name: string }[] = [];
  let floor = from - 1;
  for (let i = from; i < to; i++) {
    const text = lines[i]!.text;
    const name = sectionOf(text);
    if (name !== null) {
      sections.push({ index: i, name });
      floor = i;
      continue;
    }
    const anchor = anchorAt(lines, i, floor, toc);
    if (anchor) {
      // A number line inside the previous header (e.g. a date below it) is not a new document.
      const previous = starts[starts.length - 1];
      if (previous && anchor.start < previous.bodyStart) continue;
      // The same number printed twice in a row (a reprint's heading, then the document's own line) is one header.
      if (previous && anchor.start === i && previous.bodyStart === i && previous.number?.normalised === anchor.number?.normalised) {
        if (previous.titleLines.length === 0) previous.titleLines = anchor.titleLines;
        previous.bodyStart = anchor.bodyStart;
        floor = anchor.bodyStart - 1;
        i = anchor.bodyStart - 1;
        continue;
      }
      starts.push(anchor);
      floor = anchor.bodyStart - 1;
      i = anchor.bodyStart - 1;
      continue;
    }
    if (isUntitledForm(text) && !docNumberLine(lines[i + 1]?.text ?? '') && !dateOnlyLine(lines[i + 1]?.text ?? '')) {
      const previous = starts[starts.length - 1];
      if (repeatsTitle(previous, i, text)) {
        previous!.bodyStart = i + 1;
        floor = i;
        continue;
      }
      starts.push({ start: i, bodyStart: i + 1, titleLines: [lines[i]!], date: null, number: null });
      floor = i;
    }
  }
  const segments: Segment[] = [];
  for (let k = 0; k < starts.length; k++) {
    const anchor = starts[k]!;
    const nextStart = starts[k + 1]?.start ?? to;
    // A section header between two documents belongs to neither.
    const header = sections.filter((s) => s.index > anchor.start && s.index < nextStart).at(0);
    const end = header ? header.index : nextStart;
    const section = sections.filter((s) => s.index < anchor.start).at(-1)?.name ?? null;
    segments.push({ ...anchor, titleLines: preferContentsWording(anchor.titleLines, toc), end: Math.max(end, anchor.bodyStart), section });
  }
  return segments;
}

/**
 * A title wrapped in the body loses what the line break ate ("市经济信息化委
 * 市发展改革委"); the contents page prints it on one line ("…委、市发展…"). When
 * both say the same words, the contents' wording is kept.
 */
function preferContentsWording(titleLines: SourceLine[], toc: TocEntry[]): SourceLine[] {
  if (titleLines.length === 0) return titleLines;
  const key = looseTitleKey(titleLines.map((line) => line.text).join(''));
  const entry = toc.find((candidate) => looseTitleKey(candidate.title) === key);
  return entry ? [{ no: titleLines[0]!.no, text: entry.title }] : titleLines;
}

/**
 * A reprint sets the issuing body's name as a heading over a title that starts with 印发/转发/批转
 * ("XX省XX市人民政府" / "印发…的通知"). When the signature names the body in another form, the heading
 * is the site's, not the title's first line: the title is the rest, and the signature names the issuer.
 */
export function withoutOrganHeading(titleLines: SourceLine[], body: SourceLine[]): SourceLine[] {
  if (titleLines.length < 2) return titleLines;
  const heading = titleLines[0]!.text.replace(/[\s\u3000]+/g, '');
  const rest = titleLines.slice(1);
  if (!isOrganName(heading) || !/^(?:印发|转发|批转)/.test(foldText(rest[0]!.text.trim()))) return titleLines;
  const signed = readSignature(body)?.issuer ?? null;
  return signed !== null && signed !== heading ? rest : titleLines;
}
