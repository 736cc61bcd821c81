import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import type { SupervisionNotice } from './supervision.notice.ts';

/** A supervision notice as an A4 PDF, in the Chinese font disclosure notices are printed in (Debian's fonts-noto-cjk by default). */
export function supervisionNoticePdf(notice: SupervisionNotice, font: Config['font']): Promise<Buffer> {
  if (!existsSync(font.path)) {
    throw new AppError('dependency_missing', `缺少中文字体 ${font.path}:请安装 Debian 软件包 fonts-noto-cjk,或用 CJK_FONT 指定字体文件`);
  }
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 90, bottom: 80, left: 85, right: 85 }, info: { Title: `${notice.title} ${notice.number}`, Author: notice.issuer } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(font.path, font.face);
    doc.fontSize(22).text(notice.title, { align: 'center' });
    doc.moveDown(0.5).fontSize(13).text(notice.number, { align: 'center' });
    doc.moveDown(1.5).text(notice.addressee, { lineGap: 8 });
    for (const paragraph of notice.paragraphs) doc.text(paragraph, { indent: 26, lineGap: 8, paragraphGap: 6, align: 'justify' });
    doc.moveDown(2);
    const width = 240;
    const left = doc.page.width - doc.page.margins.right - width;
    doc.text(notice.issuer, left, doc.y, { width, align: 'center' }).text(notice.date, { width, align: 'center' });
    doc.end();
  });
}
