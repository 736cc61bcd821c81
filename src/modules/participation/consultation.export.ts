import ExcelJS from 'exceljs';
import { adoptions, commentStates, type CommentRow, type ConsultationRow } from './consultation.types.ts';

export const exportFormats = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;
export type ExportFormat = keyof typeof exportFormats;

/**
 * Public input opening with = + - @ (or a tab or return) is kept as text: a
 * spreadsheet would otherwise run it as a formula (CSV injection).
 */
const inert = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''));

/** Every comment of a consultation, with its sender, for the consulting agency (CSV or XLSX). */
export async function exportComments(consultation: ConsultationRow, comments: CommentRow[], format: ExportFormat): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('意见');
  sheet.columns = [
    { header: '编号', key: 'id', width: 8 },
    { header: '收到日期', key: 'receivedOn', width: 12 },
    { header: '条款', key: 'article', width: 10 },
    { header: '意见内容', key: 'body', width: 60 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '联系方式', key: 'contact', width: 24 },
    { header: '审核', key: 'state', width: 10 },
    { header: '采纳情况', key: 'adoption', width: 10 },
    { header: '理由', key: 'reason', width: 40 },
    { header: '归类', key: 'theme', width: 12 },
  ];
  for (const c of comments) {
    sheet.addRow({
      id: c.id, receivedOn: c.receivedOn, article: c.article ?? '整体', body: inert(c.body), name: inert(c.senderName), contact: inert(c.senderContact),
      state: commentStates[c.state], adoption: c.adoption ? adoptions[c.adoption] : '', reason: inert(c.adoptionReason), theme: inert(c.theme),
    });
  }
  workbook.title = consultation.title;
  if (format === 'xlsx') return Buffer.from(await workbook.xlsx.writeBuffer());
  // A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await workbook.csv.writeBuffer())]);
}
