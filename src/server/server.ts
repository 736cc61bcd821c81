import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { describeError, isAppError } from '../core/errors.ts';
import { registerDocumentPages } from './documents.pages.ts';

export function buildServer(context: AppContext, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  app.setErrorHandler((error, request, reply) => {
    const described = describeError(error);
    if (!isAppError(error)) request.log.error(error);
    const wantsJson = request.url.startsWith('/api/');
    reply.status(described.http);
    if (wantsJson) return reply.send({ error: { code: described.code, message: described.message } });
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${described.http}</title><p>${described.http === 404 ? '页面不存在' : '出错了'}</p></html>`);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: 'not_found', message: '不存在' } });
    return reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>404</title><p>页面不存在</p></html>');
  });
  app.get('/healthz', async () => ({ ok: true, database: context.db.kind }));
  registerDocumentPages(app, context);
  return app;
}
