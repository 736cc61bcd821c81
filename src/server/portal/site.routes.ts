import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { documentsForSitemap, listGazetteIssues, todayInChina } from '../../modules/documents/index.ts';
import { readSearchParams } from '../../modules/search/index.ts';
import { html } from '../html.ts';
import { sameSitePath } from './back.rules.ts';

/**
 * What the site says about itself to crawlers and feed readers, and the
 * larger-text preference. Absolute links use PUBLIC_URL from the
 * configuration: the Host header is the client's to choose.
 */
export function registerSiteRoutes(app: FastifyInstance, context: AppContext): void {
  const { db, search } = context;
  const base = context.config.server.publicUrl;

  // The larger-text mode (适老化) is a cookie set by a plain link: no JavaScript needed.
  app.get('/preferences/text', async (request, reply) => {
    const query = request.query as { size?: unknown; back?: unknown };
    const large = query.size === 'large';
    reply.header('set-cookie', `text=${large ? 'large' : 'normal'}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);
    return reply.redirect(sameSitePath(query.back), 303);
  });

  app.get('/robots.txt', async (_request, reply) => {
    reply.type('text/plain; charset=utf-8');
    return `User-agent: *\nAllow: /\nDisallow: /preferences/\nSitemap: ${base}/sitemap.xml\n`;
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    const rows = await documentsForSitemap(db);
    const gazettes = await listGazetteIssues(db);
    reply.type('application/xml; charset=utf-8');
    return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${base}/</loc></url>
<url><loc>${base}/gazettes</loc></url>
${gazettes.map((g) => html`<url><loc>${base}/gazettes/${g.id}</loc></url>\n`)}${rows.map(
      (row) => html`<url><loc>${base}/documents/${row.id}</loc><lastmod>${row.updated_at.toISOString().slice(0, 10)}</lastmod></url>\n`,
    )}</urlset>`.value;
  });

  app.get('/feed.xml', async (_request, reply) => {
    const latest = await search.search(readSearchParams({ sort: 'date', pageSize: 50 }, todayInChina()));
    reply.type('application/atom+xml; charset=utf-8');
    const updated = new Date().toISOString();
    return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>政府文件库 · 最新文件</title>
<id>${base}/feed.xml</id>
<link rel="self" href="${base}/feed.xml"/>
<link href="${base}/"/>
<updated>${updated}</updated>
${latest.items.map(
      (item) => html`<entry>
<title>${item.title}</title>
<id>${base}/documents/${item.id}</id>
<link href="${base}/documents/${item.id}"/>
<updated>${item.date ? `${item.date}T00:00:00+08:00` : updated}</updated>
<author><name>${item.issuer ?? '政府文件库'}</name></author>
<summary>${[item.docNumber, item.issuer, item.date].filter(Boolean).join(' ')}</summary>
</entry>
`,
    )}</feed>`.value;
  });
}
