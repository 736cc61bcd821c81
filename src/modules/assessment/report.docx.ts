import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { reportTextSections, type AnnualReportView, type ReportTable } from './report.types.ts';

const cellText = (cell: number | null) => (cell === null ? '—' : String(cell));
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(t: ReportTable): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [t.caption, ...t.columns].map((text) => cell(text, true)) }),
      ...t.rows.map((row) => new TableRow({ children: [cell(row.label), ...row.cells.map((c) => cell(cellText(c)))] })),
    ],
  });
}

/** The report as a Word document: the six sections in order, each table with its heading row repeated on every page. */
export async function reportDocx(report: AnnualReportView): Promise<Buffer> {
  const title = `${report.agency.name}${report.year}年政府信息公开工作年度报告`;
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const paragraphs = (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((line) => new Paragraph({ text: line, indent: { firstLine: 480 } }));
  const gap = () => new Paragraph({ text: '' });
  const document = new Document({
    creator: report.agency.name,
    title,
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
          new Paragraph({ text: `按${report.formatSource}编制${report.publishedOn ? `,${report.publishedOn} 发布` : ''}`, alignment: AlignmentType.CENTER }),
          heading(reportTextSections.overall),
          ...paragraphs(report.texts.overall),
          heading('二、主动公开政府信息情况'),
          ...report.tables.active.flatMap((t) => [table(t), gap()]),
          heading('三、收到和处理政府信息公开申请情况'),
          table(report.tables.requests),
          heading('四、政府信息公开行政复议、行政诉讼情况'),
          table(report.tables.review),
          heading(reportTextSections.problems),
          ...paragraphs(report.texts.problems),
          heading(reportTextSections.other),
          ...paragraphs(report.texts.other),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
