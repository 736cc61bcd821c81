import type { FastifyInstance } from 'fastify';
import { openApiDocument } from './openapi.ts';

/** The OpenAPI document at /api/docs; every other JSON route is served by the module that owns it (its *.routes.ts). */
export function registerApi(app: FastifyInstance): void {
  app.get('/api/docs', async () => openApiDocument);
}
