import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { html } from '../../server/html.ts';
import { positiveId } from '../../server/http.params.ts';
import { sendPage } from '../../server/portal/parts.ts';

/** Published assessment results on the portal (results in the first quarter, 001 L436), with their data. */
export function registerAssessmentPages(app: FastifyInstance, context: AppContext): void {
  app.get('/assessment-results', async (request, reply) => {
    const items = await context.assessment.resultsList();
    return sendPage(
      request,
      reply,
      '政务公开考核评估结果',
      html`<h1>政务公开考核评估结果</h1>
      ${items.length === 0 ? html`<p>尚无已发布的考核评估结果。</p>` : ''}
      <ul class="plain-list">${items.map(
        (item) => html`<li><a href="/assessment-results/${item.year}/${item.rootAgencyId}">${item.year} 年度${item.rootAgencyName}政务公开考核评估结果</a> <span class="muted">${item.publishedOn} 发布</span></li>`,
      )}</ul>`,
    );
  });

  app.get('/assessment-results/:year/:rootAgencyId', async (request, reply) => {
    const params = request.params as { year: string; rootAgencyId: string };
    if (!/^\d{4}$/.test(params.year)) throw new AppError('not_found', '没有这一年度');
    const results = await context.assessment.results(Number(params.year), positiveId(params.rootAgencyId));
    if (!results) throw new AppError('not_found', '这一年度的考核评估结果尚未发布');
    const dimensions = results.results[0]?.dimensions ?? [];
    const byGrade = (grade: string | null) => results.results.filter((r) => r.grade === grade);
    const grades = [...new Set(results.results.map((r) => r.grade).filter((g): g is string => g !== null))];
    const title = `${results.year} 年度${results.rootAgencyName}政务公开考核评估结果`;
    return sendPage(
      request,
      reply,
      title,
      html`<h1>${title}</h1>
      <p class="muted">${results.publishedOn} 发布。满分 100 分,${dimensions.map((d) => `${d.label} ${d.points} 分`).join('、')}。</p>
      ${grades.map((grade) => html`<h2>${grade}单位(${byGrade(grade).length} 个)</h2><p>${byGrade(grade).map((r) => r.agencyName).join('、')}</p>`)}
      <h2>各单位得分</h2>
      <div class="table-scroll"><table class="report-table" id="assessment-results">
        <thead><tr><th scope="col">单位</th>${dimensions.map((d) => html`<th scope="col">${d.label}(${d.points}分)</th>`)}<th scope="col">总分</th><th scope="col">等次</th></tr></thead>
        <tbody>${results.results.map(
          (r) => html`<tr><th scope="row">${r.agencyName}</th>${r.dimensions.map((d) => html`<td>${d.score}</td>`)}<td>${r.total}</td><td>${r.grade ?? '—'}</td></tr>`,
        )}</tbody>
      </table></div>
      <p><a href="/assessment-results/${results.year}/${results.rootAgencyId}/results.csv" download>下载数据(CSV)</a> · <a href="/api/assessment-results/${results.year}/${results.rootAgencyId}">数据(JSON)</a></p>`,
    );
  });
}
