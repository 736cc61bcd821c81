import { AppError } from '../../core/errors.ts';
import { asPrinted, withoutAnnotations } from './annotation.rules.ts';
import { cleanText } from './clean.rules.ts';
import { buildCrawlerDocument, readCrawlerPage, readOneLinePage } from './crawler.rules.ts';
import { pieceTitle, splitPieces } from './compilation.rules.ts';
import { decodeBytes, type DecodeLimits } from './decode.rules.ts';
import { buildDocument, linkInterpretations, type DocumentDraft } from './document.build.ts';
import { readFlatHeader } from './flat.rules.ts';
import { isGazette, readGazetteFrame, tocMatches } from './gazette.frame.ts';
import type { ParsedDocument, ParsedFile, ParseWarning, SourceLine } from './gazette.types.ts';
import { joinKeyedValues, readMetadataBlock } from './metablock.rules.ts';
import { findSegments, sectionOf, withoutOrganHeading, type Segment } from './segment.rules.ts';
import { readOrderFrame, type OrderFrame } from './promulgation.rules.ts';
import { findStandaloneHead, standaloneBody, type StandaloneHead } from './standalone.rules.ts';

/**
 * Text in, structure out: no I/O. Chooses the layout — gazette issue, a
 * collection of official documents, one document whose lines were lost to PDF
 * extraction, or a web compilation of untitled pieces — and reads each document.
 */

export interface ParseOptions {
  fileName: string;
  limits: DecodeLimits;
}

export function parseBytes(bytes: Uint8Array, options: ParseOptions): ParsedFile {
  const { text, encoding } = decodeBytes(bytes, options.fileName, options.limits);
  return parseText(text, options.fileName, encoding);
}

export function parseText(text: string, fileName: string, encoding = 'utf-8'): ParsedFile {
  const plain = withoutAnnotations(text);
  const parsed = parsePlainText(plain, fileName, encoding);
  if (plain !== text) for (const document of parsed.documents) restorePrinted(document, text);
  return parsed;
}

/** Fields read from a text without its pinyin annotations, given back as printed. */
function restorePrinted(document: ParsedDocument, original: string): void {
  const printed = (field: string | null) => (field === null ? null : asPrinted(field, original));
  document.title = printed(document.title);
  document.displayTitle = asPrinted(document.displayTitle, original);
  document.issuer = printed(document.issuer);
  document.docNumber = printed(document.docNumber);
  document.docNumberPrinted = printed(document.docNumberPrinted);
}

function parsePlainText(text: string, fileName: string, encoding: string): ParsedFile {
  const cleaned = cleanText(text);
  const chunked = cleaned.chunked;
  const lines = joinKeyedValues(cleaned.lines);
  if (lines.length === 0) throw new AppError('no_documents', `${fileName}: 去除网页残留和页码后没有正文`, { file: fileName });
  const parsed = parseLines(lines, chunked, fileName, encoding);
  const only = parsed.documents.length === 1 ? parsed.documents[0]! : null;
  const block = only && (!only.docNumber || !only.date || !only.issuer) ? readMetadataBlock(lines) : null;
  if (only && block) {
    // A page's metadata block gives what the document itself does not print.
    if (!only.docNumber && block.docNumber) {
      only.docNumber = block.docNumber.normalised;
      only.docNumberPrinted = block.docNumber.printed;
    }
    only.date ??= block.signedOn;
    // An interpretation or an appointment list names no issuer of its own (document.build.ts).
    if (only.type !== '解读' && only.type !== '任免') only.issuer ??= block.issuer;
  }
  return parsed;
}

function parseLines(lines: SourceLine[], chunked: boolean, fileName: string, encoding: string): ParsedFile {
  const warnings: ParseWarning[] = [];
  const crawled = readCrawlerPage(lines);
  if (crawled) return { kind: 'single', encoding, gazette: null, documents: [buildCrawlerDocument(crawled)], warnings };
  if (isGazette(lines)) return parseGazette(lines, fileName, encoding, warnings);
  if (chunked) {
    const flat = parseFlat(lines, warnings);
    if (flat) return { kind: 'single', encoding, gazette: null, documents: flat, warnings };
  }
  const segments = findSegments(lines, 0, lines.length, []);
  const order = segments.length <= 1 ? readOrderFrame(lines) : null;
  if (order) return { kind: 'single', encoding, gazette: null, documents: [fromOrder(lines, order)], warnings };
  if (segments.length > 0) {
    const documents = fromSegments(lines, segments, fileName, warnings);
    noteUnassigned(lines, 0, segments[0]!.start, warnings);
    return { kind: documents.length > 1 ? 'collection' : 'single', encoding, gazette: null, documents, warnings };
  }
  const flat = parseFlat(lines, warnings);
  if (flat) return { kind: 'single', encoding, gazette: null, documents: flat, warnings };
  const oneLine = readOneLinePage(lines);
  if (oneLine) return { kind: 'single', encoding, gazette: null, documents: [oneLine], warnings };
  const starts = splitPieces(lines);
  const head = findStandaloneHead(lines, starts.length === 1);
  if (head) return { kind: 'single', encoding, gazette: null, documents: [fromStandalone(lines, head)], warnings };
  const pieces = fromPieces(lines, starts);
  return { kind: pieces.length > 1 ? 'web_compilation' : 'single', encoding, gazette: null, documents: pieces, warnings };
}

function parseGazette(lines: SourceLine[], fileName: string, encoding: string, warnings: ParseWarning[]): ParsedFile {
  const frame = readGazetteFrame(lines);
  const segments = findSegments(lines, frame.bodyStart, frame.bodyEnd, frame.gazette.toc);
  const documents = fromSegments(lines, segments, fileName, warnings);
  noteUnassigned(lines, frame.bodyStart, segments[0]?.start ?? frame.bodyEnd, warnings);
  checkContents(frame.gazette.toc.map((entry) => entry.title), documents, lines, fileName, warnings);
  return { kind: 'gazette', encoding, gazette: frame.gazette, documents, warnings };
}

function fromSegments(lines: SourceLine[], segments: Segment[], fileName: string, warnings: ParseWarning[]): ParsedDocument[] {
  const documents = segments.map((segment, index) => {
    const body = lines.slice(segment.bodyStart, segment.end);
    const last = index === segments.length - 1;
    if (last && body.length === 0 && segment.number) {
      throw new AppError('file_truncated', `${fileName}: 文件在「${segment.number.normalised}」的标题之后就结束了,正文缺失;文件可能被截断`, {
        file: fileName,
        line: lines[segment.start]!.no,
      });
    }
    const draft: DocumentDraft = {
      title: withoutOrganHeading(segment.titleLines, body).map((line) => line.text).join('') || null,
      number: segment.number,
      date: segment.date,
      section: segment.section,
      lines: body,
      lineStart: lines[segment.start]!.no,
      lineEnd: lines[Math.max(segment.end - 1, segment.start)]!.no,
      fallbackTitle: segment.number?.normalised,
      masthead: segment.masthead ?? null,
    };
    return buildDocument(draft);
  }).filter((document, index, all) => !isMetadataCopy(document, all[index + 1]));
  const seen = new Map<string, number>();
  for (const document of documents) {
    if (!document.docNumber) continue;
    const first = seen.get(document.docNumber);
    if (first !== undefined) warnings.push({ line: document.lineStart, message: `文号 ${document.docNumber} 在本文件中重复出现(第一次在第 ${first} 行)` });
    else seen.set(document.docNumber, document.lineStart);
  }
  linkInterpretations(documents);
  return documents;
}

/**
 * A portal page lists the document's title and number in its metadata table and then
 * prints the document itself: the first is a copy of the second, not a document.
 */
function isMetadataCopy(document: ParsedDocument, next: ParsedDocument | undefined): boolean {
  return (
    next !== undefined &&
    document.docNumber !== null &&
    document.docNumber === next.docNumber &&
    document.title !== null &&
    document.title === next.title &&
    document.blocks.length <= next.blocks.length
  );
}

function parseFlat(lines: SourceLine[], warnings: ParseWarning[]): ParsedDocument[] | null {
  const header = readFlatHeader(lines);
  if (!header) return null;
  const first = lines[0]!;
  const body = [{ no: first.no, text: first.text.slice(header.bodyOffset).trim() }, ...lines.slice(1)].filter((line) => line.text.length > 0);
  if (body.length === 0) warnings.push({ line: first.no, message: '只找到文件头,没有正文' });
  return [
    buildDocument({
      title: header.title,
      number: header.number,
      date: header.date,
      section: null,
      lines: body,
      lineStart: first.no,
      lineEnd: lines[lines.length - 1]!.no,
      addressees: header.addressees,
    }),
  ];
}

/** A regulation promulgated by 令 (or a standing committee's 公告): the regulation's title, the order's number, issuer and date. */
function fromOrder(lines: SourceLine[], order: OrderFrame): ParsedDocument {
  const document = buildDocument({
    title: order.title,
    number: order.number,
    date: order.date,
    section: null,
    lines: lines.slice(order.bodyStart),
    lineStart: lines[0]!.no,
    lineEnd: lines[lines.length - 1]!.no,
  });
  return { ...document, issuer: order.issuer ?? document.issuer, type: order.type };
}

function fromStandalone(lines: SourceLine[], head: StandaloneHead): ParsedDocument {
  const body = standaloneBody(lines, head);
  const document = buildDocument({
    title: head.title,
    number: head.number ?? body.number,
    date: head.date ?? null,
    section: null,
    lines: body.lines,
    lineStart: lines[0]!.no,
    lineEnd: lines[lines.length - 1]!.no,
  });
  return head.issuer && (!document.issuer || head.namedByTitle) ? { ...document, issuer: head.issuer } : document;
}

function fromPieces(lines: SourceLine[], starts: number[]): ParsedDocument[] {
  return starts.map((start, index) => {
    const pieceLines = lines.slice(start, starts[index + 1] ?? lines.length);
    const titleSpan = pieceTitle(pieceLines);
    const title = titleSpan > 0 ? pieceLines.slice(0, titleSpan).map((line) => line.text).join('') : null;
    const opening = pieceLines[titleSpan]?.text ?? pieceLines[0]!.text;
    return buildDocument({
      title,
      number: null,
      date: null,
      section: null,
      lines: pieceLines.slice(titleSpan),
      lineStart: pieceLines[0]!.no,
      lineEnd: pieceLines[pieceLines.length - 1]!.no,
      fallbackTitle: `(无标题)${opening.length > 24 ? `${opening.slice(0, 24)}…` : opening}`,
    });
  });
}

function noteUnassigned(lines: SourceLine[], from: number, to: number, warnings: ParseWarning[]): void {
  const stray = lines.slice(from, to).filter((line) => sectionOf(line.text) === null);
  if (stray.length > 0) warnings.push({ line: stray[0]!.no, message: `第 ${stray[0]!.no} 行起有 ${stray.length} 行文字不属于任何文件,已略过` });
}

/**
 * The table of contents says what the issue holds. Entries missing at the end
 * mean the file was cut off, and the file is refused; one missing in the
 * middle (a missing annex, a title printed differently) is only a warning.
 */
function checkContents(entries: string[], documents: ParsedDocument[], lines: SourceLine[], fileName: string, warnings: ParseWarning[]): void {
  if (entries.length === 0) return;
  const found = entries.map((entry) =>
    documents.some((document) => tocMatches(entry, document.title ?? '') || tocMatches(entry, document.attachment ?? '')),
  );
  let lastFound = found.lastIndexOf(true);
  if (lastFound === -1 && documents.length === 0) lastFound = -1;
  const missingAtEnd = entries.slice(lastFound + 1);
  if (missingAtEnd.length > 0) {
    throw new AppError(
      'file_truncated',
      `${fileName}: 目录列出 ${entries.length} 项,正文在「${missingAtEnd[0]}」之前结束(最后一行为第 ${lines[lines.length - 1]!.no} 行);文件可能被截断`,
      { file: fileName, missing: missingAtEnd },
    );
  }
  entries.forEach((entry, index) => {
    if (!found[index]) warnings.push({ line: null, message: `目录中的「${entry}」在正文中没有找到` });
  });
}
