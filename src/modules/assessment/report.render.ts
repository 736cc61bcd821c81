import { html, type Html } from '../../server/html.ts';
import { reportTextSections, type AnnualReportView, type ReportTable } from './report.types.ts';

/** The report as the national layout prints it: the six sections in order, tables as accessible HTML tables. */
export function reportHtml(report: AnnualReportView): Html {
  const paragraphs = (text: string) => (text.trim() === '' ? html`<p class="muted">(未填写)</p>` : text.split('\n').filter((line) => line.trim() !== '').map((line) => html`<p>${line}</p>`));
  return html`<article class="annual-report">
    <h1>${report.agency.name}${report.year}年政府信息公开工作年度报告</h1>
    <p class="muted">按${report.formatSource}编制${report.publishedOn ? html`,${report.publishedOn} 发布` : ''}。</p>
    <h2>${reportTextSections.overall}</h2>
    ${paragraphs(report.texts.overall)}
    <h2>二、主动公开政府信息情况</h2>
    ${report.tables.active.map((table, i) => tableHtml(table, `active-${i}`))}
    <h2>三、收到和处理政府信息公开申请情况</h2>
    ${tableHtml(report.tables.requests, 'requests')}
    <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
    ${tableHtml(report.tables.review, 'review')}
    <h2>${reportTextSections.problems}</h2>
    ${paragraphs(report.texts.problems)}
    <h2>${reportTextSections.other}</h2>
    ${paragraphs(report.texts.other)}
  </article>`;
}

const cellText = (cell: number | null) => (cell === null ? '—' : String(cell));

function tableHtml(table: ReportTable, id: string): Html {
  return html`<div class="table-scroll"><table class="report-table" id="${id}">
    <thead><tr><th scope="col">${table.caption}</th>${table.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
    <tbody>${table.rows.map(
      (row) => html`<tr class="level-${row.level ?? 1}"><th scope="row">${row.label}</th>${row.cells.map((cell) => html`<td>${cellText(cell)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}
