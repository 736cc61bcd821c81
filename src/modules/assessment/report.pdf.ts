import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import { cellText, paragraphsOf, reportSections, reportTitle } from './report.sections.ts';
import type { AnnualReportView, ReportTable } from './report.types.ts';

/** The report as an A4 PDF in a Chinese font: the six sections in order, the tables ruled as printed. */
export function reportPdf(report: AnnualReportView, font: Config['font']): Promise<Buffer> {
  if (!existsSync(font.path)) {
    throw new AppError('dependency_missing', `缺少中文字体 ${font.path}:请安装 Debian 软件包 fonts-noto-cjk,或用 CJK_FONT 指定字体文件`);
  }
  const title = reportTitle(report);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 64, right: 64 }, info: { Title: title, Author: report.agency.name } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(font.path, font.face);
    doc.fontSize(18).text(title, { align: 'center' });
    doc.moveDown(0.3).fontSize(10).text(`按${report.formatSource}编制${report.publishedOn ? `,${report.publishedOn} 发布` : ''}`, { align: 'center' });
    const table = (t: ReportTable) => {
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      const first = t.columns.length > 4 ? 150 : 200;
      doc.fontSize(t.columns.length > 4 ? 8 : 10);
      doc.table({
        columnStyles: [first, ...t.columns.map(() => (width - first) / t.columns.length)],
        data: [[t.caption, ...t.columns], ...t.rows.map((row) => [row.label, ...row.cells.map(cellText)])],
      });
      doc.moveDown(0.6).fontSize(11);
    };
    for (const section of reportSections(report)) {
      doc.moveDown(1).fontSize(14).text(section.heading, doc.page.margins.left).moveDown(0.4).fontSize(11);
      if ('text' in section) {
        for (const line of paragraphsOf(section.text)) doc.text(line, { indent: 22, lineGap: 5, paragraphGap: 4, align: 'justify' });
      } else {
        for (const t of section.tables) table(t);
      }
    }
    doc.end();
  });
}
