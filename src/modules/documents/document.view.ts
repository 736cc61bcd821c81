import type { DocumentPanel } from '../../core/module.ts';
import { indexNumberOf } from './catalogue.rules.ts';
import type { DocumentDetail } from './documents.queries.ts';
import { formatLabelOf, sizeLabelOf } from '../files/index.ts';
import type { Block } from '../gazette/index.ts';
import { html, type Html } from '../../server/html.ts';
import { validityBadge } from '../../server/portal/parts.ts';

/**
 * A document as Chinese government portals present one: the catalogue block
 * (索引号, 主题分类, 发文机关, 成文日期, 发布日期, 发文字号, 有效性), then its
 * interpretation or policy, its validity over time, the text with an anchor
 * on every chapter, article and heading, and what it says about other
 * documents and what they say about it.
 */

const outbound: Record<string, string> = { repeals: '本文废止', extends: '本文延长有效期', amends: '本文修改', cites: '本文引用', interprets: '本文解读', issues: '本文印发' };
const inbound: Record<string, string> = { repeals: '被以下文件废止', extends: '被以下文件延长有效期', amends: '被以下文件修改', cites: '被以下文件引用', interprets: '政策解读' };

function blockHtml(block: Block): Html {
  const id = block.anchor ? html` id="${block.anchor}"` : html``;
  switch (block.kind) {
    case 'title':
      return html`<h2${id}>${block.text}</h2>`;
    case 'chapter':
    case 'section':
      return html`<h3${id} style="text-align:center">${block.label} ${block.caption ?? ''}</h3>`;
    case 'annex':
      return html`<h2${id}>${block.label}:${block.text}</h2>`;
    case 'heading':
      return html`<h3${id}>${block.text}</h3>`;
    case 'article':
      return html`<p${id}><span class="article-label">${block.label}${block.caption ? `(${block.caption})` : ''}</span> ${block.text}</p>`;
    case 'table': {
      const [head, ...rows] = block.rows ?? [];
      return html`<table${id}>${head ? html`<thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>` : ''}<tbody>${rows.map(
        (row) => html`<tr>${row.length === 1 ? html`<th scope="rowgroup" colspan="${head?.length ?? 1}">${row[0]}</th>` : row.map((cell) => html`<td>${cell}</td>`)}</tr>`,
      )}</tbody></table>`;
    }
    case 'signature':
      return html`<p${id} style="text-align:right">${block.text}</p>`;
    default:
      return html`<p${id}>${block.text}</p>`;
  }
}

function contents(blocks: Block[]): Html {
  const entries = blocks.filter((block) => block.anchor && ['title', 'chapter', 'article', 'annex'].includes(block.kind) || (block.kind === 'heading' && block.level === 1));
  if (entries.length < 4) return html``;
  return html`<nav class="doc-nav no-print" aria-label="本文目录"><details><summary>本文目录(${entries.length} 项)</summary><ul>${entries.map(
    (block) => html`<li><a href="#${block.anchor}">${block.kind === 'article' ? `${block.label}${block.caption ? ` ${block.caption}` : ''}` : block.kind === 'chapter' ? `${block.label} ${block.caption ?? ''}` : block.text}</a></li>`,
  )}</ul></details></nav>`;
}

function timeline(document: DocumentDetail): Html {
  const events: { date: string; text: Html }[] = [];
  if (document.date) events.push({ date: document.date, text: html`成文` });
  if (document.publishedOn) events.push({ date: document.publishedOn, text: html`在${document.gazette?.title ?? '政府公报'}发布` });
  else if (document.platformAgency !== null && document.releasedOn) events.push({ date: document.releasedOn, text: html`由${document.platformAgency}在本平台发布` });
  if (document.effectiveFrom) events.push({ date: document.effectiveFrom, text: html`施行` });
  if (document.amendedOn) events.push({ date: document.amendedOn, text: html`被修改` });
  const end = document.extendedTo ?? document.effectiveTo;
  if (document.extendedTo && document.effectiveTo) events.push({ date: document.effectiveTo, text: html`原定有效期届满(已延长)` });
  if (end) events.push({ date: end, text: html`有效期${document.extendedTo ? '(延长后)' : ''}至此日` });
  if (document.repealedOn) {
    events.push({ date: document.repealedOn, text: html`被${document.repealedBy ? html`<a href="/documents/${document.repealedBy.id}">${document.repealedBy.title}</a>` : '后续文件'}废止` });
  }
  if (events.length === 0) return html``;
  events.sort((a, b) => a.date.localeCompare(b.date));
  return html`<h2>效力变化</h2><ol class="timeline">${events.map((event) => html`<li><time datetime="${event.date}">${event.date}</time> ${event.text}</li>`)}</ol>`;
}

const looseTitle = (text: string) => text.replace(/[\s《》〈〉“”"()()]/g, '');

/**
 * Relations as shown: a citation of the document itself or of the document it
 * issues is no citation (the parser no longer records one; documents read
 * before it learned that may still carry it until they are read again).
 */
function shownRelations(document: DocumentDetail): DocumentDetail['relations'] {
  const own = new Set([document.title, document.attachment].filter((name): name is string => !!name).map(looseTitle));
  return document.relations.filter(
    (r) => r.kind !== 'cites' || (r.targetId !== document.id && !(r.targetId === null && r.docNumber === null && r.title !== null && own.has(looseTitle(r.title)))),
  );
}

function relationsHtml(document: DocumentDetail): Html {
  const relations = shownRelations(document);
  const kinds = [...new Set(relations.map((r) => r.kind))].filter((kind) => kind !== 'interprets' && kind !== 'issues');
  const inboundKinds = [...new Set(document.inbound.map((r) => r.kind))].filter((kind) => kind !== 'interprets' && kind !== 'issues');
  if (kinds.length === 0 && inboundKinds.length === 0) return html``;
  return html`<h2>相关文件</h2>
  ${kinds.map(
    (kind) => html`<h3>${outbound[kind] ?? kind}</h3><ul>${relations
      .filter((r) => r.kind === kind)
      .map(
        (r) => html`<li>${r.targetId
          ? html`<a href="/documents/${r.targetId}">${r.targetTitle}</a>${r.docNumber ? `(${r.docNumber})` : ''}`
          : html`${r.title ? `《${r.title}》` : ''}${r.docNumber ? `(${r.docNumber})` : ''} <span class="muted">(本库暂未收录)</span>`}</li>`,
      )}</ul>`,
  )}
  ${inboundKinds.map(
    (kind) => html`<h3>${inbound[kind] ?? kind}</h3><ul>${document.inbound
      .filter((r) => r.kind === kind)
      .map((r) => html`<li><a href="/documents/${r.id}">${r.title}</a>${r.docNumber ? `(${r.docNumber})` : ''}</li>`)}</ul>`,
  )}`;
}

const fileNote = (file: { mediaType: string; name: string; size: number }) => `${formatLabelOf(file.mediaType, file.name)},${sizeLabelOf(file.size)}`;

/**
 * 下载原文 (the file the document was read from, as received) and the
 * annexes (附件): a download where a file was uploaded with it, a link to
 * its section where an annex is text within the document.
 */
function filesHtml(document: DocumentDetail): Html {
  const sections = document.blocks.filter((block) => block.kind === 'annex' && block.anchor);
  // Only http(s) addresses are harvested; the check keeps any other scheme out of an href all the same.
  const source = document.sourceUrl && /^https?:\/\//i.test(document.sourceUrl)
    ? html` <span class="muted">来源网页:<a href="${document.sourceUrl}" rel="nofollow noopener noreferrer">${document.sourceUrl}</a></span>`
    : html``;
  const original = document.original
    ? html`<p class="downloads"><a href="/documents/${document.id}/original" download>下载原文</a> <span class="muted">(${fileNote(document.original)}${document.gazette ? ',所在公报整期' : ''})</span>${source}</p>`
    : html``;
  if (document.attachments.length === 0 && sections.length === 0) return original;
  return html`${original}<h2>附件</h2><ul class="attachments">${document.attachments.map(
    (file) => html`<li><a href="/documents/${document.id}/attachments/${file.position}" download>附件${file.position}:${file.name}</a> <span class="muted">(${fileNote(file)})</span></li>`,
  )}${sections.map((block) => html`<li><a href="#${block.anchor}">${block.label}${block.text ? `:${block.text}` : ''}</a> <span class="muted">(正文内)</span></li>`)}</ul>`;
}

/** `agencyCode`: the issuer's code in the agency register, for 索引号 (a placeholder until an administrator sets it). */
export function documentBody(
  document: DocumentDetail,
  agencyCode: string | null = null,
  versions: { version: number; reason: string; publishedOn: string }[] = [],
  panels: readonly DocumentPanel[] = [],
): Html {
  const interpretations = document.inbound.filter((r) => r.kind === 'interprets');
  const policy = document.relations.find((r) => r.kind === 'interprets');
  const end = document.extendedTo ?? document.effectiveTo;
  return html`<article>
  <h1>${document.title} ${validityBadge(document.validity)}</h1>
  <table class="meta">
    <tr><th scope="row">索引号</th><td>${indexNumberOf(document.indexNumber, agencyCode ?? undefined)}</td><th scope="row">主题分类</th><td><a href="/subjects/${encodeURIComponent(document.subject)}">${document.subject}</a></td></tr>
    <tr><th scope="row">发文机关</th><td>${document.issuer ? html`<a href="/issuers/${encodeURIComponent(document.issuer)}">${document.issuer}</a>` : '—'}</td><th scope="row">成文日期</th><td>${document.date ?? '—'}</td></tr>
    <tr><th scope="row">发文字号</th><td>${document.docNumber ?? '—'}</td><th scope="row">发布日期</th><td>${document.releasedOn ?? '—'}</td></tr>
    <tr><th scope="row">有效性</th><td>${document.validity}${document.effectiveFrom ? `(${document.effectiveFrom} 起施行${end ? `,有效期至 ${end}` : ''})` : end ? `(有效期至 ${end})` : ''}</td><th scope="row">文种</th><td>${document.type ?? '—'}${document.normative ? '(行政规范性文件)' : ''}</td></tr>
    <tr><th scope="row">来源</th><td colspan="3">${document.gazette ? html`<a href="/gazettes/${document.gazette.id}">${document.gazette.title} ${document.gazette.issue ?? ''}</a>` : document.source}${document.meeting ? `;经${document.meeting.name}${document.meeting.date ? `(${document.meeting.date})` : ''}审议` : ''}</td></tr>
  </table>
  ${filesHtml(document)}
  ${interpretations.length > 0 ? html`<p><strong>政策解读:</strong>${interpretations.map((r, i) => html`${i > 0 ? '、' : ''}<a href="/documents/${r.id}">${r.title}</a>`)}</p>` : ''}
  ${policy ? html`<p><strong>解读的政策:</strong>${policy.targetId ? html`<a href="/documents/${policy.targetId}">${policy.targetTitle}</a>` : html`《${policy.title}》<span class="muted">(本库暂未收录)</span>`}</p>` : ''}
  ${timeline(document)}
  ${contents(document.blocks)}
  <div class="body">
    ${document.addressees ? html`<p style="text-indent:0">${document.addressees}:</p>` : ''}
    ${document.blocks.map(blockHtml)}
  </div>
  ${document.appointments.length > 0 ? html`<h2>任免名单</h2><table><thead><tr><th scope="col">姓名</th><th scope="col">任免</th><th scope="col">职务</th><th scope="col">备注</th></tr></thead><tbody>${document.appointments.map(
    (a) => html`<tr><td>${a.person}</td><td>${a.action === 'appoint' ? '任命' : '免去'}</td><td>${a.post}</td><td>${a.notes.join(';')}</td></tr>`,
  )}</tbody></table>` : ''}
  ${document.tasks.length > 0 ? html`<h2>任务分工</h2><table><thead><tr><th scope="col">事项</th><th scope="col">牵头</th><th scope="col">责任</th><th scope="col">时限</th></tr></thead><tbody>${document.tasks.map(
    (t) => html`<tr><td>${t.anchor ? `${t.anchor} ` : ''}${t.text.length > 80 ? `${t.text.slice(0, 80)}…` : t.text}</td><td>${t.lead.join('、')}</td><td>${t.responsible.join('、')}</td><td>${t.due ?? ''}</td></tr>`,
  )}</tbody></table>` : ''}
  ${relationsHtml(document)}
  ${panels.map((panel) => html`<section><h2>${panel.heading}</h2><ul>${panel.links.map((link) => html`<li><a href="${link.href}">${link.label}</a>${link.note ? html` <span class="muted">${link.note}</span>` : ''}</li>`)}</ul></section>`)}
  ${versions.length > 1
    ? html`<h2>版本记录</h2><ol class="timeline">${versions.map((v) => html`<li><time datetime="${v.publishedOn}">${v.publishedOn}</time> 第 ${v.version} 版:${v.reason}</li>`)}</ol>`
    : ''}
</article>`;
}
