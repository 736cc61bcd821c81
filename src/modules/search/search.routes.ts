import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { todayInChina } from '../documents/index.ts';
import { readSearchParams } from './search.params.ts';

/** The search as JSON, in the shape the OpenAPI description at /api/docs states. */
export function registerSearchApi(app: FastifyInstance, context: AppContext): void {
  const { search } = context;

  app.get('/api/search', async (request) => {
    const query = request.query as Record<string, unknown>;
    // Facet counts cost a pass over every match: given when asked for (?facets=true).
    return search.search(readSearchParams(query, todayInChina()), { facets: query.facets === 'true' });
  });
}
