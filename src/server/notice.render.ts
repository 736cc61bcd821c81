import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Notice } from '../modules/disclosure/index.ts';
import { html, type Html } from './html.ts';

/** The placeholder where the agency's seal is stamped on the printed letter. */
export const sealPlaceholder = '(印章)';

/**
 * A notice as a printable page body: the layout of an official letter, its
 * document number under the title, and at the end the seal area: the issuing
 * agency (落款机关), the date, and the box where the seal goes.
 */
export function noticeHtml(notice: Notice): Html {
  return html`<article class="notice-letter">
    <h1>${notice.title}</h1>
    ${notice.documentNumber ? html`<p class="document-number">${notice.documentNumber}</p>` : ''}
    <p class="addressee">${notice.addressee}</p>
    ${notice.paragraphs.map((paragraph) => html`<p class="indent">${paragraph}</p>`)}
    <div class="seal-area">
      <p class="signature">${notice.issuer}<br>${notice.date}</p>
      <div class="seal" aria-label="盖章处">${sealPlaceholder}</div>
    </div>
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
    doc.fontSize(20).text(notice.title, { align: 'center' });
    if (notice.documentNumber) doc.moveDown(0.5).fontSize(13).text(notice.documentNumber, { align: 'center' });
    doc.moveDown(1.5);
    doc.fontSize(13).text(notice.addressee, { lineGap: 8 });
    for (const paragraph of notice.paragraphs) doc.text(paragraph, { indent: 26, lineGap: 8, paragraphGap: 6, align: 'justify' });
    // The seal area: the issuing agency and the date, with the box the seal is stamped in over them (骑年盖月), kept on one page.
    const sealSize = 110;
    const width = 240;
    if (doc.y + sealSize + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(2);
    const top = doc.y;
    const left = doc.page.width - doc.page.margins.right - width;
    doc.save().lineWidth(1).dash(4, { space: 3 }).rect(left + (width - sealSize) / 2, top, sealSize, sealSize).stroke().restore();
    doc.text(sealPlaceholder, left, top + 14, { width, align: 'center' });
    doc.text(notice.issuer, left, top + sealSize / 2, { width, align: 'center' }).text(notice.date, { width, align: 'center' });
    doc.end();
  });
}
