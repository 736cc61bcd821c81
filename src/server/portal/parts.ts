import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageCache } from './page.cache.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ValidityStatus } from '../../modules/documents/index.ts';
import { html, type Html } from '../html.ts';
import { renderPage } from './layout.ts';

/** Pieces every portal page uses. */

export function validityBadge(status: ValidityStatus): Html {
  return html`<span class="badge ${status}">${status}</span>`;
}

/** Text with [start, end) ranges marked. */
export function highlighted(text: string, ranges: [number, number][]): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    parts.push(html`${text.slice(at, start)}<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

export interface ListedDocument {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  validity?: ValidityStatus;
}

export function documentList(items: ListedDocument[], extra?: (item: ListedDocument, index: number) => Html): Html {
  if (items.length === 0) return html`<p>没有符合条件的文件。</p>`;
  return html`<ul class="plain">${items.map(
    (item, index) => html`<li>
      <a href="/documents/${item.id}">${item.title}</a>${item.validity ? validityBadge(item.validity) : ''}
      <div class="meta-line">${[item.docNumber, item.issuer, item.date].filter(Boolean).join(' | ')}</div>
      ${extra ? extra(item, index) : ''}
    </li>`,
  )}</ul>`;
}

/** Previous / next and nearby page numbers, as links that keep every other parameter. */
export function pager(page: number, pages: number, link: (page: number) => string): Html {
  if (pages <= 1) return html``;
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return html`<nav aria-label="分页"><ul class="pager">
    ${page > 1 ? html`<li><a href="${link(page - 1)}" rel="prev">上一页</a></li>` : ''}
    ${numbers.map((n) => (n === page ? html`<li><span aria-current="page">第 ${n} 页</span></li>` : html`<li><a href="${link(n)}">${n}</a></li>`))}
    ${page < pages ? html`<li><a href="${link(page + 1)}" rel="next">下一页</a></li>` : ''}
  </ul></nav>`;
}

export function largeTextPreferred(request: FastifyRequest): boolean {
  return /(?:^|;\s*)text=large(?:;|$)/.test(request.headers.cookie ?? '');
}

/**
 * A portal page: public and revalidated on every use (its ETag makes an
 * unchanged page a 304), varying with the large-text cookie. A page that
 * must not be kept (a tracking page, a form) has said so before.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, title: string, body: Html, extra: PageExtras = {}) {
  reply.type('text/html; charset=utf-8').header('vary', 'cookie');
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'public, no-cache');
  return renderPage({ title, body, path: request.url, largeText: largeTextPreferred(request), ...extra });
}

type PageExtras = { query?: string; description?: string };

/**
 * A public page read by many (a document's): served from the page cache
 * when it holds the page, rendered and kept otherwise; without a cache,
 * simply rendered. What `render` throws (not found) is never kept.
 */
export async function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache | null,
  render: () => Promise<{ title: string; body: Html; extra?: PageExtras }>,
): Promise<string | Buffer> {
  // Validity is judged on the day: a page is kept for the day it was rendered on.
  const key = `${todayInChina()} ${largeTextPreferred(request) ? 'large' : 'normal'} ${request.url}`;
  const kept = cache?.get(key);
  if (kept) {
    reply.type('text/html; charset=utf-8').header('vary', 'cookie').header('cache-control', 'public, no-cache').header('etag', kept.etag);
    return kept.body;
  }
  const since = cache?.generation ?? 0;
  const rendered = await render();
  const body = sendPage(request, reply, rendered.title, rendered.body, rendered.extra);
  if (!cache) return body;
  const page = cache.put(key, body, since);
  reply.header('etag', page.etag);
  return page.body;
}
