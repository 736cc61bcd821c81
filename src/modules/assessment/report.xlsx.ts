import ExcelJS from 'exceljs';
import { paragraphsOf, reportSections, reportTitle } from './report.sections.ts';
import type { AnnualReportView } from './report.types.ts';

/** The report as a workbook: one sheet in the national order, each table with its heading row, texts as they were written. */
export async function reportXlsx(report: AnnualReportView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = report.agency.name;
  const sheet = workbook.addWorksheet(`${report.year}年度报告`);
  sheet.getColumn(1).width = 48;
  for (let i = 2; i <= 16; i += 1) sheet.getColumn(i).width = 12;
  sheet.addRow([reportTitle(report)]).font = { bold: true, size: 14 };
  sheet.addRow([`按${report.formatSource}编制`]);
  for (const section of reportSections(report)) {
    sheet.addRow([]);
    sheet.addRow([section.heading]).font = { bold: true };
    if ('text' in section) {
      for (const line of paragraphsOf(section.text)) sheet.addRow([line]);
      continue;
    }
    for (const table of section.tables) {
      sheet.addRow([table.caption, ...table.columns]).font = { bold: true };
      for (const row of table.rows) sheet.addRow([row.label, ...row.cells.map((cell) => cell ?? '')]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
