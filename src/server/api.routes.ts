import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { listAgencies } from '../modules/agencies/index.ts';
import { getDocument, getGazetteIssue, listDocuments, listGazetteIssues, todayInChina } from '../modules/documents/index.ts';
import { readSearchParams } from '../modules/search/index.ts';
import { openApiDocument } from './openapi.ts';
import { positiveId } from './http.params.ts';

/** The JSON API: everything the portal shows, in the shapes the OpenAPI description at /api/docs states. */
export function registerApi(app: FastifyInstance, context: AppContext): void {
  const { db, search } = context;

  app.get('/api/search', async (request) => {
    const query = request.query as Record<string, unknown>;
    // Facet counts cost a pass over every match: given when asked for (?facets=true).
    return search.search(readSearchParams(query, todayInChina()), { facets: query.facets === 'true' });
  });

  app.get('/api/documents', async (request) => {
    const query = request.query as Record<string, unknown>;
    const params = readSearchParams({ page: query.page, pageSize: query.pageSize }, todayInChina());
    const { total, items } = await listDocuments(db, { limit: params.pageSize, offset: (params.page - 1) * params.pageSize });
    return { total, page: params.page, pageSize: params.pageSize, items };
  });

  app.get('/api/documents/:id', async (request) => {
    const on = readSearchParams({ on: (request.query as Record<string, unknown>).on }, todayInChina()).on;
    const document = await getDocument(db, positiveId((request.params as { id: string }).id), on);
    if (!document) throw new AppError('not_found', '没有这篇文件');
    return document;
  });

  app.get('/api/gazettes', async () => ({ items: await listGazetteIssues(db) }));

  app.get('/api/gazettes/:id', async (request) => {
    const issue = await getGazetteIssue(db, positiveId((request.params as { id: string }).id));
    if (!issue) throw new AppError('not_found', '没有这一期公报');
    return issue;
  });

  app.get('/api/agencies', async () => ({ items: await listAgencies(db) }));

  app.get('/api/docs', async () => openApiDocument);
}
