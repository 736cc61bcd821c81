import type { CountedValue, GazetteIssueDetail, GazetteIssueView } from './documents.queries.ts';
import { html, type Html } from '../../server/html.ts';

export function gazetteListBody(issues: GazetteIssueView[]): Html {
  return html`<h1>政府公报</h1>${issues.length === 0 ? html`<p>尚未收录政府公报。</p>` : html`<table>
  <thead><tr><th scope="col">公报</th><th scope="col">期号</th><th scope="col">出版日期</th><th scope="col">文件数</th></tr></thead>
  <tbody>${issues.map(
    (g) => html`<tr><td><a href="/gazettes/${g.id}">${g.title}</a></td><td>${g.issue ?? ''}${g.docNumber ? `(${g.docNumber})` : ''}</td><td>${g.publishedOn ?? ''}</td><td>${g.documentCount}</td></tr>`,
  )}</tbody></table>`}`;
}

export function gazetteBody(issue: GazetteIssueDetail): Html {
  const sections: { name: string | null; entries: GazetteIssueDetail['contents'] }[] = [];
  for (const entry of issue.contents) {
    const last = sections[sections.length - 1];
    if (last && last.name === entry.section) last.entries.push(entry);
    else sections.push({ name: entry.section, entries: [entry] });
  }
  return html`<h1>${issue.title} ${issue.issue ?? ''}</h1>
<p class="meta-line">${issue.docNumber ? `${issue.docNumber};` : ''}${issue.publishedOn ? `${issue.publishedOn} 出版;` : ''}收录文件 ${issue.documentCount} 篇</p>
<h2>目录</h2>
${sections.map(
  (section) => html`${section.name ? html`<h3>【${section.name}】</h3>` : ''}<ul class="plain">${section.entries.map(
    (entry) => html`<li>${entry.documentId ? html`<a href="/documents/${entry.documentId}">${entry.title}</a>` : html`${entry.title} <span class="muted">(正文未收录)</span>`}${entry.page ? html` <span class="muted">第 ${entry.page} 页</span>` : ''}</li>`,
  )}</ul>`,
)}
${issue.contents.length === 0 ? html`<ul class="plain">${issue.documents.map((d) => html`<li><a href="/documents/${d.id}">${d.title}</a></li>`)}</ul>` : ''}`;
}

export function countedListBody(title: string, values: CountedValue[], link: (value: string) => string): Html {
  return html`<h1>${title}</h1><ul class="plain">${values.map((v) => html`<li><a href="${link(v.value)}">${v.value}</a> <span class="muted">(${v.count} 篇)</span></li>`)}</ul>`;
}
