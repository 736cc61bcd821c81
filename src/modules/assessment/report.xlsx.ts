import ExcelJS from 'exceljs';
import { reportTextSections, type AnnualReportView, type ReportTable } from './report.types.ts';

/** The report as a workbook: one sheet in the national order, each table with its heading row, texts as they were written. */
export async function reportXlsx(report: AnnualReportView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = report.agency.name;
  const sheet = workbook.addWorksheet(`${report.year}年度报告`);
  sheet.getColumn(1).width = 48;
  for (let i = 2; i <= 16; i += 1) sheet.getColumn(i).width = 12;
  const title = sheet.addRow([`${report.agency.name}${report.year}年政府信息公开工作年度报告`]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([`按${report.formatSource}编制`]);
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true };
  };
  const texts = (text: string) => {
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) sheet.addRow([line]);
  };
  const table = (t: ReportTable) => {
    const head = sheet.addRow([t.caption, ...t.columns]);
    head.font = { bold: true };
    for (const row of t.rows) sheet.addRow([row.label, ...row.cells.map((cell) => cell ?? '')]);
  };
  heading(reportTextSections.overall);
  texts(report.texts.overall);
  heading('二、主动公开政府信息情况');
  for (const t of report.tables.active) table(t);
  heading('三、收到和处理政府信息公开申请情况');
  table(report.tables.requests);
  heading('四、政府信息公开行政复议、行政诉讼情况');
  table(report.tables.review);
  heading(reportTextSections.problems);
  texts(report.texts.problems);
  heading(reportTextSections.other);
  texts(report.texts.other);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
