import { AppError } from '../../core/errors.ts';
import { decodeBytes, fileTooLarge, type DecodeLimits } from './decode.rules.ts';
import { docNumberLine, findNoticeNumber } from './docnumber.rules.ts';
import { documentType, issuerFromTitle } from './fields.rules.ts';
import type { ParsedDocument, ParsedFile, ParseWarning } from './gazette.types.ts';
import { readHtml } from './html.format.ts';
import { readMarkdown } from './markdown.format.ts';
import type { PageMetadata } from './metadata.rules.ts';
import { readDocx, readOfd } from './office.format.ts';
import { ocrImage, ocrPdf, type OcrText } from './ocr.format.ts';
import { defaultOcr, lowConfidenceWarning } from './ocr.rules.ts';
import { parseText } from './parse.ts';
import { readPdf } from './pdf.format.ts';
import { readScannedPages, type PdfWithScannedPages } from './scanned-pages.format.ts';
import { imageFormat, looksLikeHtml, sniff, zipFormat, type FileFormat } from './sniff.rules.ts';
import { openZip } from './zip.rules.ts';
import { squashSpaces } from './text.rules.ts';

/**
 * Any file an agency publishes to documents: the format is read from the
 * content (sniff.rules.ts), the format's reader turns it into text, and the
 * one parser reads the text. A web page's metadata block is laid over the
 * parse: what the page prints about the document wins over what was guessed
 * from its text, except the date, where the signature wins (the block's
 * 成文日期 next, the posting time last and said so). A scanned PDF (no text
 * layer) and an image take the OCR path: slower, and its text is flagged as
 * OCR with its confidence in the result and in a warning; so are the scanned
 * pages of a text PDF, read by OCR into their place (`ocrPages` names them).
 */

export interface ReadFile extends ParsedFile {
  format: FileFormat;
  /** Pages read (PDF, OFD). */
  pages?: number;
  /** Set when the text came from OCR. */
  ocr?: boolean;
  /** OCR only: the recognised characters' mean confidence, 0-100. */
  ocrConfidence?: number;
  /** Set when only some pages were read by OCR (scanned pages in a text PDF): those pages. */
  ocrPages?: number[];
}

export interface ReadOptions {
  fileName: string;
  limits: DecodeLimits;
}

/** Defaults of the limits a deployment may leave unset. */
export const defaultMaxPages = 2000;
export const defaultMaxUnzippedBytes = 200 * 1024 * 1024;

export async function readDocumentFile(bytes: Uint8Array, options: ReadOptions): Promise<ReadFile> {
  const { fileName, limits } = options;
  if (bytes.length > limits.maxFileBytes) throw fileTooLarge(fileName, bytes.length, limits);
  const maxPages = limits.maxPages ?? defaultMaxPages;
  const kind = sniff(bytes, fileName);
  if (kind === 'pdf') {
    const pdf = await readPdf(bytes, fileName, maxPages);
    if (!pdf.scanned && pdf.imagePages.length === 0) return withFormat(parseExtracted(pdf.text, fileName, pdf.warnings), 'pdf', pdf.pages);
    if (!pdf.scanned) return withScannedPages(await readScannedPages(bytes, fileName, pdf, limits.ocr ?? defaultOcr), fileName, pdf.pages);
    return fromOcr(await ocrPdf(bytes, fileName, pdf.pages, pdf.largestPage, limits.ocr ?? defaultOcr), fileName, 'pdf');
  }
  if (kind === 'image') {
    const image = imageFormat(bytes)!;
    return fromOcr(await ocrImage(bytes, fileName, image.name, limits.ocr ?? defaultOcr), fileName, image.format);
  }
  if (kind === 'zip') {
    const zip = openZip(bytes, fileName, limits.maxUnzippedBytes ?? defaultMaxUnzippedBytes);
    if (zipFormat(zip, fileName) === 'docx') return withFormat(parseExtracted(readDocx(zip, fileName), fileName, []), 'docx');
    const ofd = readOfd(zip, fileName, maxPages);
    return withFormat(parseExtracted(ofd.text, fileName, []), 'ofd', ofd.pages);
  }
  const { text, encoding } = decodeBytes(bytes, fileName, limits);
  if (looksLikeHtml(text)) {
    const page = readHtml(text);
    const parsed = parseExtracted(page.text, fileName, [], encoding);
    return withFormat(applyMetadata(parsed, page.metadata), 'html');
  }
  const markdown = readMarkdown(text);
  if (markdown) return withFormat(applyMetadata(parseExtracted(markdown.text, fileName, [], encoding), markdown.metadata), 'txt');
  return withFormat(parseText(text, fileName, encoding), 'txt');
}

function withFormat(parsed: ParsedFile, format: FileFormat, pages?: number): ReadFile {
  return pages === undefined ? { ...parsed, format } : { ...parsed, format, pages };
}

function withScannedPages(read: PdfWithScannedPages, fileName: string, pages: number): ReadFile {
  const parsed = withFormat(parseExtracted(read.text, fileName, read.warnings), 'pdf', pages);
  return read.ocr ? { ...parsed, ocr: true, ocrConfidence: read.ocr.confidence, ocrPages: read.ocr.pages } : parsed;
}

function fromOcr(ocr: OcrText, fileName: string, format: FileFormat): ReadFile {
  if (ocr.text.trim().length === 0) {
    throw new AppError('no_documents', `${fileName}: OCR 没有识别出文字(共 ${ocr.pages} 页;空白页,或图像过于模糊)`, { file: fileName, pages: ocr.pages });
  }
  const confidence = ocr.confidence ?? 0;
  const warnings: ParseWarning[] = [
    { line: null, message: `文字由 OCR 识别(Tesseract 简体中文,共 ${ocr.pages} 页,平均置信度 ${confidence.toFixed(1)}%),可能有错字,请与原件核对` },
  ];
  if (ocr.weakPages.length > 0) warnings.push(lowConfidenceWarning(ocr.weakPages));
  const parsed = parseExtracted(ocr.text, fileName, warnings);
  return { ...parsed, format, pages: ocr.pages, ocr: true, ocrConfidence: confidence };
}

function parseExtracted(text: string, fileName: string, warnings: ParseWarning[], encoding = 'utf-8'): ParsedFile {
  if (text.trim().length === 0) throw new AppError('no_documents', `${fileName}: 文件中没有文字`, { file: fileName });
  const parsed = parseText(text, fileName, encoding);
  return { ...parsed, warnings: [...warnings, ...parsed.warnings] };
}

/** The document the page is about: the one with the block's title or number, else the first. */
function mainDocument(documents: ParsedDocument[], metadata: PageMetadata): ParsedDocument | undefined {
  const squash = (text: string | null) => squashSpaces(text ?? '');
  return (
    documents.find((document) => metadata.title && squash(document.title) === squash(metadata.title)) ??
    documents.find((document) => metadata.docNumber && document.docNumber === docNumberLine(metadata.docNumber)?.normalised) ??
    documents[0]
  );
}

export function applyMetadata(parsed: ParsedFile, metadata: PageMetadata): ParsedFile {
  const document = mainDocument(parsed.documents, metadata);
  if (!document) return parsed;
  const warnings = [...parsed.warnings];
  if (metadata.title) {
    const title = printedTitle(document, metadata.title.replace(/\s+/g, ''));
    document.title = title;
    document.displayTitle = title;
  }
  const number = metadata.docNumber ? docNumberLine(metadata.docNumber) : null;
  if (number) {
    document.docNumber = number.normalised;
    document.docNumberPrinted = number.printed;
  } else if (metadata.docNumber && /号$/.test(metadata.docNumber) && (!document.docNumber || findNoticeNumber(metadata.docNumber))) {
    // Numbers without a year (国令第706号) are kept as the block prints them; the block's order
    // number is the page's own 文号 even when the text prints the long form (中华人民共和国国务院令第706号).
    document.docNumber = metadata.docNumber;
    document.docNumberPrinted = metadata.docNumber;
  }
  // The issuer is named as the document names itself: a title that opens with its issuer keeps that form.
  if (metadata.issuer && !titleNamesIssuer(document)) document.issuer = metadata.issuer;
  if (document.date && metadata.signedOn && document.date !== metadata.signedOn) {
    warnings.push({ line: null, message: `网页标注的成文日期 ${metadata.signedOn} 与落款日期 ${document.date} 不一致,取落款日期` });
  }
  if (!document.date && metadata.signedOn) document.date = metadata.signedOn;
  if (!document.date && metadata.postedOn) {
    document.date = metadata.postedOn;
    warnings.push({ line: null, message: `没有落款日期或成文日期,日期取自网页发布时间 ${metadata.postedOn}` });
  }
  document.type ??= documentType(document.title) ?? typeOfNumber(document.docNumber);
  return { ...parsed, warnings };
}

function titleNamesIssuer(document: ParsedDocument): boolean {
  const squash = (text: string) => text.replace(/[\s\u3000、]+/g, '');
  return document.issuer !== null && document.title !== null && squash(document.title).startsWith(squash(document.issuer));
}

/**
 * A portal's title may drop the issuer that the document's own title line prints
 * (ArticleTitle "关于同意…的批复", bold line "XX管委会关于同意…的批复"): the printed line wins.
 */
function printedTitle(document: ParsedDocument, portal: string): string {
  const lines = [document.title ?? '', ...document.blocks.slice(0, 4).map((block) => block.text)].map((text) => text.replace(/\s+/g, ''));
  const printed = lines.find((text) => text.length > portal.length && text.length <= portal.length + 40 && text.endsWith(portal) && issuerFromTitle(text) !== null);
  return printed ?? portal;
}

/**
 * The 文种 a number implies when the title names none: a regulation promulgated
 * by 令 (国令第706号), a letter numbered in its agency's 函 series (国办函〔2018〕86号,
 * the answers to deputies' proposals).
 */
function typeOfNumber(docNumber: string | null): string | null {
  if (!docNumber) return null;
  if (/令第?[0-9]+号$/.test(docNumber)) return '令';
  if (/函[〔(（[]/.test(docNumber)) return '函';
  return null;
}
