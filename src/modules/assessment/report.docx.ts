import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { cellText, paragraphsOf, reportSections, reportTitle } from './report.sections.ts';
import type { AnnualReportView, ReportTable } from './report.types.ts';

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
  const title = reportTitle(report);
  const document = new Document({
    creator: report.agency.name,
    title,
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
          new Paragraph({ text: `按${report.formatSource}编制${report.publishedOn ? `,${report.publishedOn} 发布` : ''}`, alignment: AlignmentType.CENTER }),
          ...reportSections(report).flatMap((section) => [
            new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }),
            ...('text' in section
              ? paragraphsOf(section.text).map((line) => new Paragraph({ text: line, indent: { firstLine: 480 } }))
              : section.tables.flatMap((t) => [table(t), new Paragraph({ text: '' })])),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
