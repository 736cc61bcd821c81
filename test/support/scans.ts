import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfOf } from './formats.ts';
import PDFDocument from 'pdfkit';

/**
 * Scans made honestly for the OCR tests: a notice typeset as GB/T 9704 sets
 * it (title 22 pt, body 16 pt, Noto Serif CJK SC), printed to a PDF with a
 * text layer, rasterised by pdftoppm as a scanner would (200 dpi, grayscale),
 * and the page image wrapped in a PDF that has no text at all.
 */

export const cjkFont = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

export const scannedNotice = {
  header: '测试市人民政府文件',
  docNumber: '测府发〔2024〕3号',
  title: '测试市人民政府关于加强测试数据管理工作的通知',
  addressee: '各区人民政府，市政府各委、办、局：',
  body: ['为进一步规范测试数据管理，现就有关事项通知如下。', '一、明确责任分工', '各区、各部门要明确责任分工，按时报送工作情况。'],
  issuer: '测试市人民政府',
  date: '2024年3月1日',
};

const render = (draw: (doc: PDFKit.PDFDocument) => void) => pdfOf(draw, { size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 80 } });

/** The notice as a PDF with a text layer. */
export function noticePdf(): Promise<Uint8Array> {
  const n = scannedNotice;
  return render((doc) => {
    doc.registerFont('cjk', cjkFont, 'NotoSerifCJKsc-Regular');
    doc.font('cjk');
    const width = doc.page.width - 160;
    doc.fontSize(26).text(n.header, { align: 'center', width });
    doc.moveDown(0.6);
    doc.fontSize(16).text(n.docNumber, { align: 'center', width });
    doc.moveDown(1.2);
    doc.fontSize(22).text(n.title, { align: 'center', width });
    doc.moveDown(1);
    doc.fontSize(16).text(n.addressee, { width });
    for (const paragraph of n.body) doc.fontSize(16).text(paragraph, { width, indent: 32, lineGap: 6 });
    doc.moveDown(2);
    doc.fontSize(16).text(n.issuer, { align: 'right', width });
    doc.fontSize(16).text(n.date, { align: 'right', width });
  });
}

/** Pages of lines set in the body size (16 pt), one PDF page each, with a text layer. */
export function linesPdf(pages: string[][]): Promise<Uint8Array> {
  return render((doc) => {
    doc.registerFont('cjk', cjkFont, 'NotoSerifCJKsc-Regular');
    doc.font('cjk').fontSize(16);
    pages.forEach((lines, index) => {
      if (index > 0) doc.addPage();
      for (const line of lines) doc.text(line, { width: doc.page.width - 160, lineGap: 6 });
    });
  });
}

/**
 * A text PDF with scanned pages in it: each page is either lines, set with a
 * text layer, or a page image (a scanned signed page, an annex), drawn over
 * the whole A4 page with no text.
 */
export function mixedPdf(pages: (string[] | Uint8Array)[]): Promise<Uint8Array> {
  return render((doc) => {
    doc.registerFont('cjk', cjkFont, 'NotoSerifCJKsc-Regular');
    doc.font('cjk').fontSize(16);
    pages.forEach((page, index) => {
      if (index > 0) doc.addPage();
      if (page instanceof Uint8Array) doc.image(Buffer.from(page), 0, 0, { width: doc.page.width, height: doc.page.height });
      else for (const line of page) doc.text(line, { width: doc.page.width - 160, lineGap: 6 });
    });
  });
}

/** Each page of a PDF as a grayscale PNG, rasterised by Debian's pdftoppm. */
export function rasterise(pdf: Uint8Array, dpi = 200): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', 'in.pdf', 'page'], { cwd: dir });
    const pages: Uint8Array[] = [];
    for (let page = 1; ; page++) {
      try {
        pages.push(new Uint8Array(readFileSync(join(dir, `page-${page}.png`))));
      } catch {
        return pages;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF of page images only, one image per A4 page: what a scanner's "scan to PDF" writes. */
export function imageOnlyPdf(images: Uint8Array[]): Promise<Uint8Array> {
  return render((doc) => {
    images.forEach((image, index) => {
      if (index > 0) doc.addPage();
      doc.image(Buffer.from(image), 0, 0, { width: doc.page.width, height: doc.page.height });
    });
  });
}

/** Characters to insert, delete or replace to turn one text into the other. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
