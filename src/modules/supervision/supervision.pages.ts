import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { html, type Html } from '../../server/html.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { auditItemStates, type AuditItemState, type PublishedAuditReport } from './supervision.types.ts';

/** The published audit rectification results (000 L233: 发现问题的整改结果予以公开): problems and their state, no internal notes. */
export function registerSupervisionPages(app: FastifyInstance, context: AppContext): void {
  app.get('/audit-results', async (request, reply) => sendPage(request, reply, '审计整改结果公告', auditResultsBody(await context.rectification.published())));
}

function auditResultsBody(reports: PublishedAuditReport[]): Html {
  return html`<h1>审计整改结果公告</h1>
    <p>依据《关于进一步建立健全审计整改制度的实施意见》,审计发现问题的整改结果予以公开。</p>
    ${reports.length === 0 ? html`<p>暂无公开的审计整改结果。</p>` : ''}
    ${reports.map(
      (report) => html`<section>
        <h2>${report.title}${report.reportNumber ? `(${report.reportNumber})` : ''}</h2>
        <p>被审计单位:${report.auditedAgencyName};生效日期:${report.effectiveOn};已整改 ${report.items.filter((item) => item.state === 'closed').length} / ${report.items.length} 项</p>
        <table>
          <thead><tr><th scope="col">序号</th><th scope="col">问题</th><th scope="col">整改要求</th><th scope="col">整改情况</th></tr></thead>
          <tbody>
            ${report.items.map(
              (item) => html`<tr><td>${item.seq}</td><td>${item.problem}</td><td>${item.measure}</td>
                <td>${auditItemStates[item.state as AuditItemState]}${item.closedOn ? `(${item.closedOn})` : ''}</td></tr>`,
            )}
          </tbody>
        </table>
      </section>`,
    )}`;
}
