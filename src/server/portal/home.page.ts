import type { CountedValue, GazetteIssueView } from '../../modules/documents/index.ts';
import type { SearchResult } from '../../modules/search/index.ts';
import { html, type Html } from '../html.ts';
import { documentList } from './parts.ts';

export interface HomeData {
  latest: SearchResult;
  normativeInForce: SearchResult;
  issuers: CountedValue[];
  types: CountedValue[];
  years: CountedValue[];
  subjects: CountedValue[];
  gazettes: GazetteIssueView[];
}

const counted = (values: CountedValue[], link: (value: string) => string) =>
  html`<ul class="plain">${values.slice(0, 12).map((v) => html`<li><a href="${link(v.value)}">${v.value}</a> <span class="muted">(${v.count})</span></li>`)}</ul>`;

/** A browse list, left out while it has nothing to list: an empty heading helps no one. */
function browseSection(id: string, heading: string, values: CountedValue[], link: (value: string) => string, more: Html = html``): Html {
  if (values.length === 0) return html``;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${counted(values, link)}${more}</section>`;
}

export function homeBody(data: HomeData): Html {
  return html`<h1>政府文件库</h1>
<p>集中展示、一键通查:本库收录政府公报和政府文件 ${data.latest.total} 篇,可按标题、文号、正文检索,查看每份文件的有效性、解读和相关文件。</p>
<div class="columns wide-right">
  <div>
    <section aria-labelledby="latest"><h2 id="latest">最新文件</h2>${data.latest.total > 0
      ? html`${documentList(data.latest.items)}<p><a href="/search?sort=date">更多文件</a></p>`
      : html`<p>本库尚未收录文件。文件入库后,这里列出最新的文件。</p>`}</section>
    ${data.normativeInForce.total > 0
      ? html`<section aria-labelledby="normative"><h2 id="normative">现行有效的规范性文件</h2>${documentList(data.normativeInForce.items)}
      <p><a href="/search?normative=true&amp;validity=${encodeURIComponent('现行有效')}">全部现行有效的规范性文件(${data.normativeInForce.total})</a></p></section>`
      : ''}
  </div>
  <div>
    ${data.gazettes.length > 0 ? html`<section aria-labelledby="gazettes"><h2 id="gazettes">政府公报</h2><ul class="plain">${data.gazettes.slice(0, 8).map(
      (g) => html`<li><a href="/gazettes/${g.id}">${g.title} ${g.issue ?? ''}</a> <span class="muted">(${g.documentCount} 篇)</span></li>`,
    )}</ul><p><a href="/gazettes">全部公报</a></p></section>` : ''}
    ${browseSection('by-issuer', '按发文机关', data.issuers, (v) => `/issuers/${encodeURIComponent(v)}`, html`<p><a href="/issuers">全部发文机关</a></p>`)}
    ${browseSection('by-subject', '按主题分类', data.subjects, (v) => `/subjects/${encodeURIComponent(v)}`, html`<p><a href="/subjects">全部主题分类</a></p>`)}
    ${browseSection('by-type', '按文种', data.types, (v) => `/search?type=${encodeURIComponent(v)}`)}
    ${browseSection('by-year', '按年份', data.years, (v) => `/years/${v}`)}
  </div>
</div>`;
}
