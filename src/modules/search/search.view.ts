import type { Facets, SearchParams, SearchResult, SearchSuggestions } from './search.types.ts';
import { validityStatuses } from '../documents/index.ts';
import { html, queryString, type Html } from '../../server/html.ts';
import { documentList, highlighted, pager } from '../../server/portal/parts.ts';

/** The search page: the form with its filters, the results with marked passages, facets with counts, pages. */

type FacetKey = 'issuer' | 'year' | 'type' | 'validity' | 'normative' | 'gazette' | 'subject';

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
    subject: f.subject,
    sort: params.sort === 'relevance' ? undefined : params.sort,
    on: params.on === today ? undefined : params.on,
    page: undefined,
  };
  return `/search${queryString({ ...base, ...change })}`;
}

const facetNames: [FacetKey, string][] = [
  ['validity', '有效性'],
  ['type', '文种'],
  ['subject', '主题分类'],
  ['issuer', '发文机关'],
  ['year', '成文年份'],
  ['normative', '规范性文件'],
  ['gazette', '政府公报'],
];

function currentValue(params: SearchParams, key: FacetKey): string | undefined {
  const f = params.filters;
  const map: Record<FacetKey, unknown> = { issuer: f.issuer, year: f.year, type: f.type, validity: f.validity, normative: f.normative, gazette: f.gazetteIssueId, subject: f.subject };
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

/** When nothing is found: other spellings, the words one by one, and the same words in every document. */
function suggestionsHtml(params: SearchParams, suggestions: SearchSuggestions | undefined, today: string): Html {
  if (!suggestions) return html``;
  const { nearSpellings, words, withoutValidity, withoutFilters } = suggestions;
  const parts: Html[] = [];
  if (nearSpellings.length > 0) {
    parts.push(html`<p>您是不是要找:${nearSpellings.map((s, i) => html`${i > 0 ? '、' : ''}<a href="${searchLink(params, { q: s.q }, today)}">${s.q}</a> <span class="muted">(${s.count} 篇)</span>`)}</p>`);
  }
  if (words.length > 0) {
    parts.push(html`<h3>分开检索各词</h3><ul class="plain">${words.map((w) => html`<li>${w.count > 0
      ? html`<a href="${searchLink(params, { q: w.word }, today)}">${w.word}</a> <span class="muted">(${w.count} 篇)</span>`
      : html`${w.word} <span class="muted">(0 篇)</span>`}</li>`)}</ul>`);
  }
  if (withoutValidity && withoutValidity.count > 0) {
    parts.push(html`<p>在已失效、已废止等其他有效性的文件中有 ${withoutValidity.count} 篇:<a href="${searchLink(params, { validity: undefined }, today)}">检索全部有效性的文件</a></p>`);
  }
  if (withoutFilters && withoutFilters.count > 0 && !(withoutValidity && withoutValidity.count === withoutFilters.count && Object.keys(params.filters).length === 1)) {
    parts.push(html`<p>不加任何筛选条件时有 ${withoutFilters.count} 篇:<a href="/search${queryString({ q: params.q, on: params.on === today ? undefined : params.on })}">取消全部筛选</a></p>`);
  }
  if (parts.length === 0) return html`<p>换用更短或更常用的词,或者检查文号是否写对。</p>`;
  return html`<section class="suggestions" aria-labelledby="suggestions"><h2 id="suggestions">检索建议</h2>${parts}</section>`;
}

export function searchBody(params: SearchParams, result: SearchResult, today: string, options: { heading?: string; suggestions?: SearchSuggestions } = {}): Html {
  const pages = Math.max(1, Math.ceil(result.total / params.pageSize));
  const f = params.filters;
  return html`<h1>${options.heading ?? (params.q ? html`检索「${params.q}」` : '文件检索')}</h1>
<form action="/search" method="get" class="no-print filters">
  <div class="field wide"><label for="q">检索词</label>
    <input id="q" type="search" name="q" value="${params.q}" maxlength="200"></div>
  <div class="field"><label for="validity">有效性</label>
    <select id="validity" name="validity"><option value="">全部</option>${validityStatuses.map((status) => html`<option${f.validity === status ? html` selected` : ''}>${status}</option>`)}</select></div>
  <div class="field"><label for="sort">排序</label>
    <select id="sort" name="sort"><option value="relevance"${params.sort === 'relevance' ? html` selected` : ''}>相关度</option><option value="date"${params.sort === 'date' ? html` selected` : ''}>成文日期</option></select></div>
  <div class="field"><label for="on">有效性判断日期</label>
    <input id="on" type="text" name="on" value="${params.on}" inputmode="numeric" pattern="\\d{4}-\\d{2}-\\d{2}" placeholder="YYYY-MM-DD" maxlength="10" autocomplete="off" aria-describedby="on-hint"></div>
  <div class="field"><button type="submit">检索</button></div>
  <p class="muted hint"><span id="on-hint">日期按 年-月-日 填写,如 ${params.on}。</span>可检索标题、正文和文号;文号可以任意格式输入,如 沪府发2017 17号;用引号检索完整短语,如 "行政协助"。</p>
</form>
<p role="status">${result.totalExact ? html`共 <strong>${result.total}</strong> 篇文件` : html`超过 <strong>${result.total}</strong> 篇文件(以下筛选计数按其中 ${result.total} 篇统计;请加检索词或筛选缩小范围)`}${result.total > 0 ? `,第 ${params.page} / ${pages} 页` : ''}。</p>
<div class="columns">
  ${facetsHtml(params, result.facets, today)}
  <section aria-label="检索结果">
    ${documentList(result.items, (item, index) => {
      const hit = result.items[index]!;
      return html`<p>${highlighted(hit.snippet, hit.highlights)}</p>`;
    })}
    ${result.total === 0 ? suggestionsHtml(params, options.suggestions, today) : ''}
    ${pager(params.page, Math.min(pages, 1000), (page) => searchLink(params, { page }, today))}
  </section>
</div>`;
}
