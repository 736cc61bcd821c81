import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { html, queryString, type Html } from '../../server/html.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { listAgencies } from '../agencies/index.ts';
import type { CatalogueFile } from './decision.types.ts';

/** The catalogue of major decisions by year and agency, with every published change and its reason. */
export function registerDecisionPages(app: FastifyInstance, context: AppContext): void {
  app.get('/decisions', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const year = /^\d{4}$/.test(String(query.year ?? '')) ? Number(query.year) : undefined;
    const agencyId = /^\d{1,12}$/.test(String(query.agency ?? '')) ? Number(query.agency) : undefined;
    const catalogues = await context.decisions.published({ year, agencyId });
    const agencies = (await listAgencies(context.db)).map((a) => ({ value: String(a.id), label: a.name }));
    return sendPage(request, reply, '重大行政决策事项目录', decisionsBody(catalogues, { year, agencyId }, agencies));
  });
}

function decisionsBody(catalogues: CatalogueFile[], filter: { year?: number; agencyId?: number }, agencies: { value: string; label: string }[]): Html {
  return html`<h1>重大行政决策事项目录</h1>
  <p>各机关每年 3 月 31 日前公布本年度重大行政决策事项目录;目录公布后的调整连同理由一并公布。</p>
  <form method="get" action="/decisions" class="filters">
    <p class="field"><label for="d-year">年度</label><input id="d-year" name="year" inputmode="numeric" maxlength="4" value="${filter.year ?? ''}"></p>
    <p class="field"><label for="d-agency">机关</label><select id="d-agency" name="agency"><option value="">全部</option>
      ${agencies.map((a) => html`<option value="${a.value}"${String(filter.agencyId ?? '') === a.value ? html` selected` : ''}>${a.label}</option>`)}</select></p>
    <p><button type="submit">筛选</button></p>
  </form>
  ${catalogues.length === 0 ? html`<p>没有已公布的目录。</p>` : ''}
  ${catalogues.map(({ catalogue, items, changes }) => html`<section class="catalogue" aria-labelledby="k-${catalogue.id}">
    <h2 id="k-${catalogue.id}">${catalogue.agencyName} ${catalogue.year} 年度重大行政决策事项目录</h2>
    <p class="muted">${catalogue.publishedOn} 公布${catalogue.version > 1 ? html`,现为第 ${catalogue.version} 版` : ''}。<a href="/decisions${queryString({ year: catalogue.year, agency: catalogue.agencyId })}">本目录链接</a></p>
    <div class="table-scroll"><table>
      <caption>${catalogue.year} 年度事项</caption>
      <thead><tr><th scope="col">事项</th><th scope="col">决策机关</th><th scope="col">计划完成</th><th scope="col">决策背景</th><th scope="col">征求意见</th><th scope="col">审议会议</th><th scope="col">决策结果</th></tr></thead>
      <tbody>${items.map((item) => html`<tr>
        <th scope="row">${item.title}${item.draft ? html`<details><summary>决策草案</summary><p>${item.draft}</p></details>` : ''}</th>
        <td>${item.decidingBody}</td><td>${item.plannedOn ?? '—'}</td><td>${item.background}</td>
        <td>${item.opinionMethod}${item.consultationId ? html`<br><a href="/consultations/${item.consultationId}">${item.consultationTitle}</a>` : ''}
          ${item.hearing ? html`<br>听证会:${item.hearing.on}(${item.hearing.noticeOn} 公告),参加人:${item.hearing.participants}` : ''}</td>
        <td>${item.meeting ?? '—'}</td>
        <td>${item.resultDocumentId ? html`<a href="/documents/${item.resultDocumentId}">${item.resultDocumentTitle}</a>` : '—'}</td>
      </tr>`)}</tbody>
    </table></div>
    ${changes.length > 0 ? html`<h3>目录调整</h3><ol class="timeline">${changes.map((c) => html`<li><time datetime="${c.changedOn}">${c.changedOn}</time> 第 ${c.version} 版:${c.change}。理由:${c.reason}</li>`)}</ol>` : ''}
  </section>`)}`;
}
