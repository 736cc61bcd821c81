import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import { reportTextSections, type AnnualReportView, type ReportTable } from './report.types.ts';

const cellText = (cell: number | null) => (cell === null ? '—' : String(cell));

/** The report as an A4 PDF in a Chinese font: the six sections in order, the tables ruled as printed. */
export function reportPdf(report: AnnualReportView, font: Config['font']): Promise<Buffer> {
  if (!existsSync(font.path)) {
    throw new AppError('dependency_missing', `缺少中文字体 ${font.path}:请安装 Debian 软件包 fonts-noto-cjk,或用 CJK_FONT 指定字体文件`);
  }
  const title = `${report.agency.name}${report.year}年政府信息公开工作年度报告`;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 64, right: 64 }, info: { Title: title, Author: report.agency.name } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(font.path, font.face);
    doc.fontSize(18).text(title, { align: 'center' });
    doc.moveDown(0.3).fontSize(10).text(`按${report.formatSource}编制${report.publishedOn ? `,${report.publishedOn} 发布` : ''}`, { align: 'center' });
    const heading = (text: string) => doc.moveDown(1).fontSize(14).text(text, doc.page.margins.left).moveDown(0.4).fontSize(11);
    const paragraphs = (text: string) => {
      for (const line of text.split('\n').filter((l) => l.trim() !== '')) doc.text(line, { indent: 22, lineGap: 5, paragraphGap: 4, align: 'justify' });
    };
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
    heading(reportTextSections.overall);
    paragraphs(report.texts.overall);
    heading('二、主动公开政府信息情况');
    for (const t of report.tables.active) table(t);
    heading('三、收到和处理政府信息公开申请情况');
    table(report.tables.requests);
    heading('四、政府信息公开行政复议、行政诉讼情况');
    table(report.tables.review);
    heading(reportTextSections.problems);
    paragraphs(report.texts.problems);
    heading(reportTextSections.other);
    paragraphs(report.texts.other);
    doc.end();
  });
}
