import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { subjectCategories, todayInChina } from '../documents/index.ts';
import { readSearchParams } from './search.params.ts';
import { searchBody } from './search.view.ts';

/** The search page, and the browse pages that are a search held to one issuer, subject or year, newest first. */
export function registerSearchPages(app: FastifyInstance, context: AppContext): void {
  const { search } = context;

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

  app.get('/subjects/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    if (!subjectCategories.includes(name)) throw new AppError('not_found', '没有这个主题分类');
    const { today, params, result } = await searchWithin(request.query, { subject: name });
    return sendPage(request, reply, name, searchBody(params, result, today, { heading: `主题分类:${name}` }));
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
