import { html, type Html } from '../../server/html.ts';
import { cellText, paragraphsOf, reportSections, reportTitle } from './report.sections.ts';
import type { AnnualReportView, ReportTable } from './report.types.ts';

/** The report as the national layout prints it: the six sections in order, tables as accessible HTML tables. */
export function reportHtml(report: AnnualReportView): Html {
  let tableNumber = 0;
  return html`<article class="annual-report">
    <h1>${reportTitle(report)}</h1>
    <p class="muted">按${report.formatSource}编制${report.publishedOn ? html`,${report.publishedOn} 发布` : ''}。</p>
    ${reportSections(report).map(
      (section) => html`<h2>${section.heading}</h2>
      ${'text' in section ? (section.text.trim() === '' ? html`<p class="muted">(未填写)</p>` : paragraphsOf(section.text).map((line) => html`<p>${line}</p>`)) : section.tables.map((table) => tableHtml(table, `table-${++tableNumber}`))}`,
    )}
  </article>`;
}

function tableHtml(table: ReportTable, id: string): Html {
  return html`<div class="table-scroll"><table class="report-table" id="${id}">
    <thead><tr><th scope="col">${table.caption}</th>${table.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
    <tbody>${table.rows.map(
      (row) => html`<tr class="level-${row.level ?? 1}"><th scope="row">${row.label}</th>${row.cells.map((cell) => html`<td>${cellText(cell)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}
