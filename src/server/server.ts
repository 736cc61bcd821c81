import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { AppError, describeError, isAppError } from '../core/errors.ts';
import { registerApi } from './api.routes.ts';
import { registerConsole } from './console.routes.ts';
import { html } from './html.ts';
import { registerInputGuard } from './input.guard.ts';
import { renderPage } from './portal/layout.ts';
import { largeTextPreferred } from './portal/parts.ts';
import { registerPortal } from './portal/portal.routes.ts';
import { registerRequestPages } from './portal/request.routes.ts';
import { registerAgencyScreens } from './staff/staff.agencies.ts';
import { registerAuditScreens } from './staff/staff.audit.ts';
import { registerCalendarScreen } from './staff/staff.calendar.ts';
import { registerPublicationScreens } from './staff/staff.publications.ts';
import { registerStaffApi } from './staff/staff.api.ts';
import { registerStaffRoutes } from './staff/staff.routes.ts';
import { registerStaffSession } from './staff/staff.session.ts';
import { registerUserScreens } from './staff/staff.users.ts';

/** consoleDir: where the built staff console is (tests point it elsewhere). */
export function buildServer(context: AppContext, options: { logger?: boolean; consoleDir?: string } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: context.config.server.trustProxy, routerOptions: { maxParamLength: 500 } });
  app.setErrorHandler((error, request, reply) => {
    const described = describeError(error);
    if (!isAppError(error)) request.log.error(error);
    reply.status(described.http);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: described.code, message: described.message } });
    const heading = described.http === 404 ? '页面不存在' : described.http < 500 ? '请求有误' : '服务暂时不可用';
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage({ title: heading, path: request.url, largeText: largeTextPreferred(request), body: html`<h1>${heading}</h1><p>${described.message}</p><p><a href="/">返回首页</a></p>` }));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: 'not_found', message: '不存在' } });
    return reply.type('text/html; charset=utf-8').send(renderPage({ title: '页面不存在', path: request.url, largeText: largeTextPreferred(request), body: html`<h1>页面不存在</h1><p><a href="/">返回首页</a></p>` }));
  });
  // Forms post url-encoded bodies; only routes that opt in are rate-limited (public submissions).
  app.register(formBody, { bodyLimit: 64 * 1024 });
  app.register(cookie);
  app.register(rateLimit, { global: false, errorResponseBuilder: (_request, limit) => new AppError('rate_limited', `提交过于频繁,请 ${Math.ceil(limit.ttl / 1000)} 秒后再试`) });
  // No sniffing of content types anywhere (staff responses add their own headers in the session hook).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  registerInputGuard(app);
  app.get('/healthz', async () => ({ ok: true, database: context.db.kind }));
  app.register(async (scope) => {
    registerStaffSession(scope, context);
    registerStaffRoutes(scope, context);
    registerStaffApi(scope, context);
    registerCalendarScreen(scope, context);
    registerAgencyScreens(scope, context);
    registerUserScreens(scope, context);
    registerAuditScreens(scope, context);
    registerPublicationScreens(scope, context);
    registerPortal(scope, context);
    registerRequestPages(scope, context);
    registerApi(scope, context);
  });
  registerConsole(app, options.consoleDir);
  return app;
}
