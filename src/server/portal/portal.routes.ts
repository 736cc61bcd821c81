import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { agencyCodesByName } from '../../modules/agencies/index.ts';
import { browseCounts, documentFiles, getDocument, getGazetteIssue, listGazetteIssues, subjectCategories, todayInChina } from '../../modules/documents/index.ts';
import { contentDisposition, isInlineSafe, readFile } from '../../modules/files/index.ts';
import { readSearchParams } from '../../modules/search/index.ts';
import { documentBody } from './document.page.ts';
import { faviconCacheControl, faviconIco, faviconSvg } from './favicon.ts';
import { countedListBody, gazetteBody, gazetteListBody } from './gazette.page.ts';
import { homeBody } from './home.page.ts';
import { positiveId } from '../http.params.ts';
import { sendPage } from './parts.ts';
import { searchBody } from './search.page.ts';

/** Agency codes change rarely and every document page shows one: read at most once a minute. */
const codesTtlMs = 60_000;

export function registerPortal(app: FastifyInstance, context: AppContext): void {
  let codes: { at: number; map: Promise<Map<string, string>> } | null = null;
  const agencyCodes = () => {
    if (!codes || Date.now() - codes.at > codesTtlMs) {
      const map = agencyCodesByName(context.db);
      codes = { at: Date.now(), map };
      map.catch(() => (codes = null)); // a failed read is not kept for a minute
    }
    return codes.map;
  };
  const { db, search } = context;

  app.get('/', async (request, reply) => {
    const today = todayInChina();
    const [latest, normativeInForce, counts, gazettes] = await Promise.all([
      search.search(readSearchParams({ sort: 'date', pageSize: 10 }, today)),
      search.search(readSearchParams({ sort: 'date', pageSize: 8, normative: 'true', validity: '现行有效' }, today)),
      browseCounts(db),
      listGazetteIssues(db),
    ]);
    return sendPage(request, reply, '首页', homeBody({ latest, normativeInForce, ...counts, gazettes }), {
      description: '政府文件库:政府公报与政府文件的统一检索、有效性与解读',
    });
  });

  app.get('/search', async (request, reply) => {
    const today = todayInChina();
    const params = readSearchParams(request.query as Record<string, unknown>, today);
    // A document number, however typed, leads straight to its document.
    const named = params.page === 1 && Object.keys(params.filters).length === 0 ? await search.documentNamedBy(params.q) : null;
    if (named !== null) return reply.redirect(`/documents/${named}`, 303);
    const result = await search.search(params, { facets: true });
    const suggestions = result.total === 0 && params.q.trim() !== '' ? await search.suggest(params) : undefined;
    return sendPage(request, reply, params.q ? `检索:${params.q}` : '文件检索', searchBody(params, result, today, { suggestions }), { query: params.q });
  });

  app.get('/documents/:id', async (request, reply) => {
    const document = await getDocument(db, positiveId((request.params as { id: string }).id), todayInChina());
    if (!document) throw new AppError('not_found', '没有这篇文件');
    const indexIssuer = document.indexNumber?.issuer || document.issuer;
    const agencyCode = indexIssuer ? ((await agencyCodes()).get(indexIssuer) ?? null) : null;
    const versions = await context.publication.versionsOfDocument(document.id, document.sourceFile);
    return sendPage(request, reply, document.title, documentBody(document, agencyCode, versions), { description: [document.docNumber, document.issuer, document.date].filter(Boolean).join(' ') });
  });

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

  /** A browse page: the search, newest first, held to one issuer or one subject. */
  const searchWithin = async (query: unknown, filter: { issuer: string } | { subject: string }) => {
    const today = todayInChina();
    const params = readSearchParams({ ...(query as Record<string, unknown>), ...filter, sort: 'date' }, today);
    return { today, params, result: await search.search(params, { facets: true }) };
  };

  app.get('/issuers/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    const { today, params, result } = await searchWithin(request.query, { issuer: name });
    if (result.total === 0 && params.page === 1) throw new AppError('not_found', '没有这个发文机关的文件');
    return sendPage(request, reply, name, searchBody(params, result, today, { heading: name }));
  });

  app.get('/subjects', async (request, reply) => {
    const { subjects } = await browseCounts(db);
    return sendPage(request, reply, '按主题分类', countedListBody('按主题分类浏览', subjects, (v) => `/subjects/${encodeURIComponent(v)}`));
  });

  app.get('/subjects/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    if (!subjectCategories.includes(name)) throw new AppError('not_found', '没有这个主题分类');
    const { today, params, result } = await searchWithin(request.query, { subject: name });
    return sendPage(request, reply, name, searchBody(params, result, today, { heading: `主题分类:${name}` }));
  });

  // Browsers ask for /favicon.ico on every page; the pages link the SVG.
  app.get('/favicon.ico', async (_request, reply) => reply.header('cache-control', faviconCacheControl).type('image/x-icon').send(faviconIco));
  app.get('/favicon.svg', async (_request, reply) => reply.header('cache-control', faviconCacheControl).type('image/svg+xml').send(faviconSvg));

  app.get('/years', async (request, reply) => {
    const { years } = await browseCounts(db);
    return sendPage(request, reply, '按年份', countedListBody('按成文年份浏览', years, (v) => `/years/${v}`));
  });

  app.get('/years/:year', async (request, reply) => {
    const today = todayInChina();
    const raw = (request.params as { year: string }).year;
    if (!/^\d{4}$/.test(raw)) throw new AppError('not_found', '不存在');
    const params = readSearchParams({ ...(request.query as Record<string, unknown>), year: raw, sort: 'date' }, today);
    const result = await search.search(params, { facets: true });
    return sendPage(request, reply, `${raw}年`, searchBody(params, result, today, { heading: `${raw}年成文的文件` }));
  });
}
