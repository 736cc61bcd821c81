import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Notice } from '../modules/disclosure/index.ts';
import { html, type Html } from './html.ts';

/** A notice as a printable page body: the layout of an official letter. */
export function noticeHtml(notice: Notice): Html {
  return html`<article class="notice-letter">
    <h1>${notice.title}</h1>
    <p class="addressee">${notice.addressee}</p>
    ${notice.paragraphs.map((paragraph) => html`<p class="indent">${paragraph}</p>`)}
    <p class="signature">${notice.issuer}<br>${notice.date}</p>
  </article>`;
}

/** The same notice as an A4 PDF set in a Chinese font (Debian's fonts-noto-cjk by default). */
export async function noticePdf(notice: Notice, font: Config['font']): Promise<Buffer> {
  if (!existsSync(font.path)) {
    throw new AppError('dependency_missing', `缺少中文字体 ${font.path}:请安装 Debian 软件包 fonts-noto-cjk,或用 CJK_FONT 指定字体文件`);
  }
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 90, bottom: 80, left: 85, right: 85 }, info: { Title: notice.title, Author: notice.issuer } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(font.path, font.face);
    doc.fontSize(20).text(notice.title, { align: 'center' }).moveDown(1.5);
    doc.fontSize(13).text(notice.addressee, { lineGap: 8 });
    for (const paragraph of notice.paragraphs) doc.text(paragraph, { indent: 26, lineGap: 8, paragraphGap: 6, align: 'justify' });
    doc.moveDown(2).text(notice.issuer, { align: 'right' }).text(notice.date, { align: 'right' });
    doc.end();
  });
}
