import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { getDocument, listDocuments, type DocumentDetail } from '../modules/documents/index.ts';
import type { Block } from '../modules/gazette/index.ts';
import { html, page, type Html } from './html.ts';

const pageSize = 50;

function pageNumber(raw: unknown): number {
  const value = Number(raw ?? 1);
  return Number.isInteger(value) && value >= 1 && value <= 100_000 ? value : 1;
}

function documentId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found', '没有这篇文件');
  return id;
}

function validity(from: string | null, to: string | null): string {
  if (from && to) return `${from} 起施行,有效期至 ${to}`;
  if (from) return `${from} 起施行`;
  if (to) return `有效期至 ${to}`;
  return '';
}

const relationLabel: Record<string, string> = { repeals: '废止', extends: '延长有效期', cites: '引用', interprets: '解读', issues: '印发' };

function renderBlock(block: Block): Html {
  const id = block.anchor ? html` id="${block.anchor}"` : html``;
  switch (block.kind) {
    case 'title':
      return html`<h2${id}>${block.text}</h2>`;
    case 'chapter':
    case 'annex':
      return html`<h2${id}>${block.label ?? ''} ${block.kind === 'annex' ? block.text : block.caption ?? ''}</h2>`;
    case 'heading':
      return html`<h3${id}>${block.text}</h3>`;
    case 'article':
      return html`<p${id}><strong>${block.label}${block.caption ? `(${block.caption})` : ''}</strong> ${block.text}</p>`;
    case 'table':
      return html`<table${id}>${(block.rows ?? []).map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</table>`;
    default:
      return html`<p${id}>${block.text}</p>`;
  }
}

function documentPage(document: DocumentDetail): string {
  return page(
    document.title,
    html`<h1>${document.title}</h1>
<table class="meta">
  <tr><th scope="row">发文字号</th><td>${document.docNumber ?? '—'}</td></tr>
  <tr><th scope="row">发文机关</th><td>${document.issuer ?? '—'}</td></tr>
  <tr><th scope="row">成文日期</th><td>${document.date ?? '—'}</td></tr>
  <tr><th scope="row">文种</th><td>${document.type ?? '—'}</td></tr>
  <tr><th scope="row">施行与有效期</th><td>${validity(document.effectiveFrom, document.effectiveTo) || '—'}</td></tr>
  <tr><th scope="row">来源</th><td>${document.source}</td></tr>
</table>
${document.relations.length > 0
  ? html`<h2>相关文件</h2><ul>${document.relations.map(
      (relation) =>
        html`<li>${relationLabel[relation.kind] ?? relation.kind}:${relation.targetId
          ? html`<a href="/documents/${relation.targetId}">${relation.targetTitle}</a>`
          : html`${relation.title ? `《${relation.title}》` : ''}${relation.docNumber ? `(${relation.docNumber})` : ''}${relation.kind === 'issues' ? '' : '(库内暂无)'}`}</li>`,
    )}</ul>`
  : ''}
<div class="body">${document.addressees ? html`<p>${document.addressees}:</p>` : ''}${document.blocks.map(renderBlock)}</div>`,
  );
}

export function registerDocumentPages(app: FastifyInstance, context: AppContext): void {
  app.get('/', async (request, reply) => {
    const current = pageNumber((request.query as Record<string, unknown>).page);
    const { total, items } = await listDocuments(context.db, { limit: pageSize, offset: (current - 1) * pageSize });
    const pages = Math.max(1, Math.ceil(total / pageSize));
    reply.type('text/html; charset=utf-8');
    return page(
      '政府文件库',
      html`<h1>政府文件库</h1>
<p>共 ${total} 篇文件。</p>
<table>
  <thead><tr><th scope="col">标题</th><th scope="col">发文字号</th><th scope="col">发文机关</th><th scope="col">成文日期</th></tr></thead>
  <tbody>${items.map(
    (item) => html`<tr><td><a href="/documents/${item.id}">${item.title}</a></td><td>${item.docNumber ?? ''}</td><td>${item.issuer ?? ''}</td><td>${item.date ?? ''}</td></tr>`,
  )}</tbody>
</table>
<nav aria-label="分页">${current > 1 ? html`<a href="/?page=${current - 1}">上一页</a> ` : ''}第 ${current} / ${pages} 页${current < pages ? html` <a href="/?page=${current + 1}">下一页</a>` : ''}</nav>`,
    );
  });

  app.get('/documents/:id', async (request, reply) => {
    const document = await getDocument(context.db, documentId((request.params as { id: string }).id));
    if (!document) throw new AppError('not_found', '没有这篇文件');
    reply.type('text/html; charset=utf-8');
    return documentPage(document);
  });

  app.get('/api/documents', async (request) => {
    const query = request.query as Record<string, unknown>;
    const current = pageNumber(query.page);
    const size = Math.min(Math.max(Number(query.pageSize) || 20, 1), 100);
    const { total, items } = await listDocuments(context.db, { limit: size, offset: (current - 1) * size });
    return { total, page: current, pageSize: size, items };
  });

  app.get('/api/documents/:id', async (request) => {
    const document = await getDocument(context.db, documentId((request.params as { id: string }).id));
    if (!document) throw new AppError('not_found', '没有这篇文件');
    return document;
  });
}
