import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { primaryOf } from '../../core/db/replicas.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import { createPageCache } from '../../server/portal/page.cache.ts';
import { sendCachedPage, sendPage } from '../../server/portal/parts.ts';
import { agencyCodesByName } from '../agencies/index.ts';
import { contentDisposition, isInlineSafe, readFile } from '../files/index.ts';
import { documentBody } from './document.view.ts';
import { documentFiles } from './documents.files.sql.ts';
import { browseCounts, getDocument, getGazetteIssue, listGazetteIssues } from './documents.queries.ts';
import { countedListBody, gazetteBody, gazetteListBody } from './gazette.view.ts';
import { todayInChina } from './validity.sql.ts';

/** The channel of the notice the library's tables give when they change (migration 0049). */
const libraryChanged = 'library_changed';

/** Agency codes change rarely and every document page shows one: read at most once a minute. */
const codesTtlMs = 60_000;

/** The library's public pages: a document with its files, the gazette issues, and the lists to browse by issuer, subject and year. */
export function registerDocumentPages(app: FastifyInstance, context: AppContext): void {
  const { db } = context;
  let codes: { at: number; map: Promise<Map<string, string>> } | null = null;
  const agencyCodes = () => {
    if (!codes || Date.now() - codes.at > codesTtlMs) {
      const map = agencyCodesByName(db);
      codes = { at: Date.now(), map };
      map.catch(() => (codes = null)); // a failed read is not kept for a minute
    }
    return codes.map;
  };

  const pages = createPageCache(context.config.server.pageCacheSeconds);
  // Every process hears the database's notice that the library changed (migration 0049) and drops its pages.
  // Without it (the listening connection refused), pages are still dropped at their age.
  const listening = pages && primaryOf(db).listen?.(libraryChanged, () => pages.clear());
  if (listening) {
    const stop = listening.catch((error: Error) => {
      app.log.warn({ err: error }, '页面缓存未能订阅文件库变更通知,页面在 PAGE_CACHE_SECONDS 后刷新');
      return null;
    });
    app.addHook('onClose', async () => (await stop)?.());
  }
  app.get('/documents/:id', async (request, reply) =>
    sendCachedPage(request, reply, pages, async () => {
      const document = await getDocument(db, positiveId((request.params as { id: string }).id), todayInChina());
      if (!document) throw new AppError('not_found', '没有这篇文件');
      const indexIssuer = document.indexNumber?.issuer || document.issuer;
      const agencyCode = indexIssuer ? ((await agencyCodes()).get(indexIssuer) ?? null) : null;
      const [versions, panels] = await Promise.all([context.publication.versionsOfDocument(document.id, document.sourceFile), context.documentPanels(document.id)]);
      return { title: document.title, body: documentBody(document, agencyCode, versions, panels), extra: { description: [document.docNumber, document.issuer, document.date].filter(Boolean).join(' ') } };
    }),
  );

  /**
   * A stored file as a download: its own type, its name in UTF-8, an ETag
   * that is its hash (a file never changes under its hash), no sniffing,
   * and nothing in it run on our origin (HTML and SVG are attachments, and
   * the sandbox keeps even a misread file inert).
   */
  const sendFile = async (request: FastifyRequest, reply: FastifyReply, file: { sha256: string; name: string } | null | undefined) => {
    if (!file) throw new AppError('not_found', '没有这个文件');
    const etag = `"${file.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'public, no-cache').header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    const wanted = request.headers['if-none-match'];
    if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    const stored = await readFile(db, file.sha256);
    if (!stored) throw new AppError('not_found', '没有这个文件');
    return reply.type(stored.mediaType).header('content-disposition', contentDisposition(file.name, isInlineSafe(stored.mediaType))).send(stored.bytes);
  };

  app.get('/documents/:id/original', async (request, reply) => {
    const files = await documentFiles(db, positiveId((request.params as { id: string }).id));
    return sendFile(request, reply, files.original);
  });

  app.get('/documents/:id/attachments/:position', async (request, reply) => {
    const params = request.params as { id: string; position: string };
    const files = await documentFiles(db, positiveId(params.id));
    const position = positiveId(params.position);
    return sendFile(request, reply, files.attachments.find((file) => file.position === position));
  });

  app.get('/gazettes', async (request, reply) => sendPage(request, reply, '政府公报', gazetteListBody(await listGazetteIssues(db))));

  app.get('/gazettes/:id', async (request, reply) => {
    const issue = await getGazetteIssue(db, positiveId((request.params as { id: string }).id));
    if (!issue) throw new AppError('not_found', '没有这一期公报');
    return sendPage(request, reply, `${issue.title} ${issue.issue ?? ''}`, gazetteBody(issue));
  });

  app.get('/issuers', async (request, reply) => {
    const { issuers } = await browseCounts(db);
    return sendPage(request, reply, '发文机关', countedListBody('发文机关', issuers, (v) => `/issuers/${encodeURIComponent(v)}`));
  });

  app.get('/subjects', async (request, reply) => {
    const { subjects } = await browseCounts(db);
    return sendPage(request, reply, '按主题分类', countedListBody('按主题分类浏览', subjects, (v) => `/subjects/${encodeURIComponent(v)}`));
  });

  app.get('/years', async (request, reply) => {
    const { years } = await browseCounts(db);
    return sendPage(request, reply, '按年份', countedListBody('按成文年份浏览', years, (v) => `/years/${v}`));
  });
}
