import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { AppError } from '../../core/errors.ts';
import type { ParseWarning } from './gazette.types.ts';
import { layoutText, type Fragment } from './layout.rules.ts';
import { isScan, scanCharsPerPage } from './ocr.rules.ts';

/**
 * A PDF's text layer (pdf.js through unpdf) in reading order. A PDF without
 * one is a scan: it is said so (`scanned`), and the caller takes the OCR
 * path (ocr.format.ts), never ingesting an empty document. A PDF with a text
 * layer may still hold pages that are only images (a signed page, an annex
 * scanned in): those are named (`imagePages`) for the caller to have read by
 * OCR (scanned-pages.format.ts), and the text layer's positioned fragments are
 * kept so that their text can be laid out in page order with it.
 */

export interface PdfText {
  text: string;
  pages: number;
  warnings: ParseWarning[];
  /** The text layer is empty or near-empty (ocr.rules.ts isScan): the pages are images. */
  scanned: boolean;
  /** The longest side of the largest page, in points (the OCR resolution is chosen by it). */
  largestPage: number;
  /** Pages with (nearly) no text but an image drawn on them: scanned pages in a text PDF. */
  imagePages: number[];
  /** The text layer, positioned (points from the top left of each page). */
  fragments: Fragment[];
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Fonts whose Unicode mapping is broken put Yi syllables where the punctuation
 * was (ꎬ for ，, ꎮ for 。). The mapping is repaired only when such syllables are
 * present: no Chinese official text uses Yi script.
 */
const brokenPunctuation: Record<string, string> = { 'ꎬ': '，', 'ꎮ': '。', 'ꎻ': '；', 'ꎶ': '：', 'ꎰ': '（', 'ꎱ': '）', '«': '《', '»': '》' };

/** pdf.js operators that draw an image (a photo, a scanned page, a 1-bit mask). */
let imageOperators: Set<number> | undefined;

async function drawsImage(page: { getOperatorList(): Promise<{ fnArray: number[] }> }): Promise<boolean> {
  if (!imageOperators) {
    const { OPS } = await getResolvedPDFJS();
    imageOperators = new Set(Object.entries(OPS).flatMap(([name, code]) => (/^paint.*Image/.test(name) ? [code as number] : [])));
  }
  const operators = await page.getOperatorList();
  return operators.fnArray.some((code) => imageOperators!.has(code));
}

/** The text of positioned fragments in reading order, with a broken font mapping repaired (said in `warnings`). */
export function pdfTextOf(fragments: Fragment[], warnings: ParseWarning[]): string {
  return repairMapping(layoutText(fragments), warnings);
}

function repairMapping(text: string, warnings: ParseWarning[]): string {
  if (!/[ꎬꎮ]/.test(text)) return text;
  warnings.push({ line: null, message: 'PDF 字体的字符映射有误(如 ꎬ ꎮ « »),已按确定的对应关系还原为 ，。《》' });
  return text.replace(/[ꎬꎮꎻꎶꎰꎱ«»]/g, (char) => brokenPunctuation[char]!);
}

export async function readPdf(bytes: Uint8Array, fileName: string, maxPages: number): Promise<PdfText> {
  let pdf;
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: a copy keeps the caller's bytes.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new AppError('file_encrypted', `${fileName}: PDF 已加密(需要密码才能打开),无法读取`, { file: fileName });
    throw new AppError('file_corrupt', `${fileName}: PDF 文件已损坏,无法读取(${(error as Error).message})`, { file: fileName });
  }
  try {
    if (pdf.numPages > maxPages) {
      throw new AppError('file_too_large', `${fileName}: PDF 共 ${pdf.numPages} 页,超过上限 ${maxPages} 页`, { file: fileName, pages: pdf.numPages });
    }
    const fragments: Fragment[] = [];
    let largestPage = 0;
    const blankPages: number[] = [];
    const imagePages: number[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      largestPage = Math.max(largestPage, width, height);
      const content = await page.getTextContent();
      // A page number or a stamp's few characters do not make a page of text (the threshold of a scan, per page).
      const characters = (content.items as TextItem[]).reduce((sum, item) => sum + ('str' in item ? item.str.replace(/\s+/g, '').length : 0), 0);
      if (characters < scanCharsPerPage) {
        if (await drawsImage(page)) imagePages.push(number);
        else if (characters === 0) blankPages.push(number);
      }
      for (const item of content.items as TextItem[]) {
        if (!('str' in item) || item.str.length === 0) continue;
        const [a, b, , , x, y] = item.transform as [number, number, number, number, number, number];
        const size = Math.hypot(a, b) || item.height || 10;
        fragments.push({ page: number, x, top: height - y, size, width: item.width, text: item.str });
      }
      page.cleanup();
    }
    const warnings: ParseWarning[] = [];
    const text = pdfTextOf(fragments, warnings);
    const scanned = isScan(text.replace(/\s+/g, '').length, pdf.numPages);
    // A page with neither text nor image: blank, or its text drawn as shapes that only a person can check.
    if (!scanned && blankPages.length > 0) {
      warnings.push({ line: null, message: `第 ${blankPages.join('、')} 页没有文字层(空白页或扫描页),其内容未读取,请与原件核对` });
    }
    return { text, pages: pdf.numPages, warnings, scanned, largestPage, imagePages: scanned ? [] : imagePages, fragments };
  } finally {
    await pdf.destroy();
  }
}
