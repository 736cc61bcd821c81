import { AppError } from '../../core/errors.ts';
import type { ParseWarning } from './gazette.types.ts';
import type { Fragment } from './layout.rules.ts';
import { recognisePdfPages, type RecognisedPages } from './ocr.format.ts';
import { lowConfidenceWarning, meanConfidence, weakPagesOf, type OcrSettings } from './ocr.rules.ts';
import { pdfTextOf, type PdfText } from './pdf.format.ts';

/**
 * A text PDF with scanned pages in it (a signed page, an annex scanned in):
 * those pages are read by OCR and their lines laid out with the text layer's
 * in page order, so the document reads as printed. Here OCR adds to a file
 * that is readable without it: when OCR is not installed, passes its time
 * limit or cannot read a page, the file is still read from its text layer and
 * the pages left unread are named with the reason, as before OCR was tried.
 */

export interface PdfWithScannedPages {
  text: string;
  warnings: ParseWarning[];
  /** The pages whose text came from OCR, and its character-weighted mean confidence; absent when none did. */
  ocr?: { pages: number[]; confidence: number };
}

export async function readScannedPages(bytes: Uint8Array, fileName: string, pdf: PdfText, settings: OcrSettings): Promise<PdfWithScannedPages> {
  const pageList = pdf.imagePages.join('、');
  const scannedPages = `PDF 第 ${pageList} 页是扫描页(没有文字层)`;
  let recognised: RecognisedPages;
  try {
    recognised = await recognisePdfPages(bytes, fileName, pdf.imagePages, pdf.largestPage, settings, scannedPages);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = error.message.replace(`${fileName}: `, '').replace(/,未导入$/, '');
    const message = error.code === 'file_needs_ocr' ? reason : `${scannedPages},OCR 未能识别:${reason}`;
    return { text: pdf.text, warnings: [...pdf.warnings, { line: null, message: `${message};其内容未读取,请与原件核对` }] };
  }
  const text = pdfTextOf([...pdf.fragments, ...inPoints(recognised)], []);
  const read = recognised.pages.filter((page) => page.characters > 0);
  const empty = recognised.pages.filter((page) => page.characters === 0).map((page) => page.page);
  const warnings = [...pdf.warnings];
  const confidence = meanConfidence(read);
  if (read.length > 0 && confidence !== null) {
    const pages = read.map((page) => page.page).join('、');
    warnings.push({ line: null, message: `第 ${pages} 页没有文字层,其文字由 OCR 识别(Tesseract 简体中文,平均置信度 ${confidence.toFixed(1)}%),可能有错字,请与原件核对` });
  }
  const weak = weakPagesOf(read);
  if (weak.length > 0) warnings.push(lowConfidenceWarning(weak));
  if (empty.length > 0) warnings.push({ line: null, message: `第 ${empty.join('、')} 页没有文字层,OCR 也没有识别出文字(空白页,或图像过于模糊),请与原件核对` });
  return confidence === null ? { text, warnings } : { text, warnings, ocr: { pages: read.map((page) => page.page), confidence } };
}

/** Recognised lines are in pixels of the rasterised page; the text layer is in points. */
function inPoints(recognised: RecognisedPages): Fragment[] {
  const scale = 72 / recognised.dpi;
  return recognised.pages.flatMap((page) =>
    page.lines.map((line) => ({ page: line.page, x: line.x * scale, top: line.top * scale, size: line.size * scale, width: line.width * scale, text: line.text })),
  );
}
