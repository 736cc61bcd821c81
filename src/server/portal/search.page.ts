import type { Facets, SearchParams, SearchResult } from '../../modules/search/index.ts';
import { validityStatuses } from '../../modules/documents/index.ts';
import { html, queryString, type Html } from '../html.ts';
import { documentList, highlighted, pager } from './parts.ts';

/** The search page: the form with its filters, the results with marked passages, facets with counts, pages. */

type FacetKey = 'issuer' | 'year' | 'type' | 'validity' | 'normative' | 'gazette';

export function searchLink(params: SearchParams, change: Partial<Record<FacetKey | 'q' | 'sort' | 'page' | 'on', string | number | undefined>>, today: string): string {
  const f = params.filters;
  const base: Record<string, string | number | undefined> = {
    q: params.q || undefined,
    issuer: f.issuer,
    year: f.year,
    type: f.type,
    validity: f.validity,
    normative: f.normative === undefined ? undefined : String(f.normative),
    gazette: f.gazetteIssueId,
    sort: params.sort === 'relevance' ? undefined : params.sort,
    on: params.on === today ? undefined : params.on,
    page: undefined,
  };
  return `/search${queryString({ ...base, ...change })}`;
}

const facetNames: [FacetKey, string][] = [
  ['validity', '有效性'],
  ['type', '文种'],
  ['issuer', '发文机关'],
  ['year', '成文年份'],
  ['normative', '规范性文件'],
  ['gazette', '政府公报'],
];

function currentValue(params: SearchParams, key: FacetKey): string | undefined {
  const f = params.filters;
  const map: Record<FacetKey, unknown> = { issuer: f.issuer, year: f.year, type: f.type, validity: f.validity, normative: f.normative, gazette: f.gazetteIssueId };
  return map[key] === undefined ? undefined : String(map[key]);
}

const shownValues = 12;

/** Each facet accounts for every result: the values, the rest beyond the first twelve, and those without a value. */
function facetsHtml(params: SearchParams, facets: Facets | null, today: string): Html {
  if (!facets) return html``;
  return html`<aside class="facets" aria-label="筛选">${facetNames.map(([key, label]) => {
    const values = facets[key].filter((value) => value.value !== '');
    const unlabelled = facets[key].find((value) => value.value === '');
    const rest = values.slice(shownValues);
    const current = currentValue(params, key);
    if (values.length === 0 && current === undefined) return '';
    return html`<section><h2>${label}</h2><ul class="plain">
      ${current !== undefined ? html`<li><a href="${searchLink(params, { [key]: undefined }, today)}">全部(取消此筛选)</a></li>` : ''}
      ${values.slice(0, shownValues).map(
        (value) => html`<li><a href="${searchLink(params, { [key]: value.value }, today)}"${current === value.value ? html` aria-current="true"` : ''}>${value.label}</a> <span class="muted">(${value.count})</span></li>`,
      )}
      ${rest.length > 0 ? html`<li>其余 ${rest.length} 项 <span class="muted">(${rest.reduce((sum, value) => sum + value.count, 0)})</span></li>` : ''}
      ${unlabelled ? html`<li>未标注 <span class="muted">(${unlabelled.count})</span></li>` : ''}
    </ul></section>`;
  })}</aside>`;
}

export function searchBody(params: SearchParams, result: SearchResult, today: string, options: { heading?: string } = {}): Html {
  const pages = Math.max(1, Math.ceil(result.total / params.pageSize));
  const f = params.filters;
  return html`<h1>${options.heading ?? (params.q ? html`检索「${params.q}」` : '文件检索')}</h1>
<form action="/search" method="get" class="no-print">
  <p>
    <label for="q">检索词</label>
    <input id="q" type="search" name="q" value="${params.q}" maxlength="200" size="40">
    <label for="validity">有效性</label>
    <select id="validity" name="validity"><option value="">全部</option>${validityStatuses.map((status) => html`<option${f.validity === status ? html` selected` : ''}>${status}</option>`)}</select>
    <label for="sort">排序</label>
    <select id="sort" name="sort"><option value="relevance"${params.sort === 'relevance' ? html` selected` : ''}>相关度</option><option value="date"${params.sort === 'date' ? html` selected` : ''}>成文日期</option></select>
    <label for="on">有效性判断日期</label>
    <input id="on" type="date" name="on" value="${params.on}">
    <button type="submit">检索</button>
  </p>
  <p class="muted">可检索标题、正文和文号;文号可以任意格式输入,如 沪府发2017 17号;用引号检索完整短语,如 "行政协助"。</p>
</form>
<p role="status">${result.totalExact ? html`共 <strong>${result.total}</strong> 篇文件` : html`超过 <strong>${result.total}</strong> 篇文件(以下筛选计数按其中 ${result.total} 篇统计;请加检索词或筛选缩小范围)`}${result.total > 0 ? `,第 ${params.page} / ${pages} 页` : ''}。</p>
<div class="columns">
  ${facetsHtml(params, result.facets, today)}
  <section aria-label="检索结果">
    ${documentList(result.items, (item, index) => {
      const hit = result.items[index]!;
      return html`<p>${highlighted(hit.snippet, hit.highlights)}</p>`;
    })}
    ${pager(params.page, Math.min(pages, 1000), (page) => searchLink(params, { page }, today))}
  </section>
</div>`;
}
