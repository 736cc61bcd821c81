import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { html } from '../../server/html.ts';
import { positiveId } from '../../server/http.params.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { reportHtml } from './report.render.ts';

/** The published annual reports on the portal, server-rendered. */
export function registerReportPages(app: FastifyInstance, context: AppContext): void {
  app.get('/annual-reports', async (request, reply) => {
    const items = await context.annualReports.publishedList();
    const years = [...new Set(items.map((item) => item.year))];
    return sendPage(
      request,
      reply,
      '政府信息公开工作年度报告',
      html`<h1>政府信息公开工作年度报告</h1>
      <p>各机关按《中华人民共和国政府信息公开条例》第四十九条发布上一年度的工作年度报告:部门于每年1月31日前,政府于3月31日前。</p>
      ${items.length === 0 ? html`<p>尚无已发布的年度报告。</p>` : ''}
      ${years.map(
        (year) => html`<h2>${year} 年度</h2><ul class="plain-list">${items
          .filter((item) => item.year === year)
          .map((item) => html`<li><a href="/annual-reports/${item.agencyId}/${item.year}">${item.agencyName}${item.year}年政府信息公开工作年度报告</a> <span class="muted">${item.publishedOn} 发布</span></li>`)}</ul>`,
      )}`,
    );
  });

  app.get('/annual-reports/:agencyId/:year', async (request, reply) => {
    const params = request.params as { agencyId: string; year: string };
    if (!/^\d{4}$/.test(params.year)) throw new AppError('not_found', '没有这一年度的报告');
    const agencyId = positiveId(params.agencyId);
    const report = await context.annualReports.published(agencyId, Number(params.year));
    if (!report) throw new AppError('not_found', '这一年度的报告尚未发布');
    return sendPage(
      request,
      reply,
      `${report.agency.name}${report.year}年政府信息公开工作年度报告`,
      html`${reportHtml(report)}
      <p>下载:<a href="/annual-reports/${agencyId}/${report.year}/report.pdf" download>PDF</a> · <a href="/annual-reports/${agencyId}/${report.year}/report.docx" download>Word(DOCX)</a> · <a href="/annual-reports/${agencyId}/${report.year}/report.xlsx" download>电子表格(XLSX)</a> · <a href="/api/annual-reports/${agencyId}/${report.year}">数据(JSON)</a> · <a href="/annual-reports">全部年度报告</a></p>`,
    );
  });
}
