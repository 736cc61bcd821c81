import cookie from '@fastify/cookie';
import etag from '@fastify/etag';
import formBody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../app.ts';
import type { LogLevel } from '../core/config.ts';
import { databaseAnswers } from '../core/db/database.ts';
import { AppError } from '../core/errors.ts';
import { modules } from '../modules/modules.ts';
import { registerApi } from './api.routes.ts';
import { registerConsole } from './console.routes.ts';
import { html } from './html.ts';
import { registerInputGuard } from './input.guard.ts';
import { renderPage } from './portal/layout.ts';
import { largeTextPreferred } from './portal/parts.ts';
import { registerPortal } from './portal/portal.routes.ts';
import { databaseRateLimitStore } from './rate-limit.store.ts';
import { registerReadRouting } from './read.routing.ts';
import { registerSiteRoutes } from './portal/site.routes.ts';
import { describeHttpError } from './server.errors.ts';
import { registerAuditApi } from './staff/staff.audit.api.ts';
import { registerCalendarApi } from './staff/staff.calendar.api.ts';
import { registerStaffApi } from './staff/staff.api.ts';
import { registerRetiredStaffPages } from './staff/staff.retired.ts';
import { registerStaffSession } from './staff/staff.session.ts';
import { createProofOfWork, registerProofOfWork } from './proof-of-work.ts';
import { registerReminderApi } from './staff/staff.reminders.api.ts';
import { registerUserApi } from './staff/staff.users.api.ts';

export interface ServerOptions {
  /** Structured logs (pino): off unless asked for; `gongkai serve` turns them on at LOG_LEVEL. */
  logger?: false | { level: LogLevel; stream?: { write(line: string): void } };
  /** Where the built staff console is (tests point it elsewhere). */
  consoleDir?: string;
}

/** Seconds a client should wait before trying again while the database is away. */
const retryAfterSeconds = 5;

export function buildServer(context: AppContext, options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: context.config.server.trustProxy,
    routerOptions: { maxParamLength: 500 },
    // A short random id per request: in every log line, in the x-request-id header and on error pages.
    genReqId: () => randomBytes(6).toString('hex'),
    // Errors Fastify meets before routing (a malformed URL) take the same path as every other error.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  });
  function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
    const described = describeHttpError(error);
    if (described.http >= 500) request.log.error({ err: error, code: described.code }, 'request failed');
    else request.log.info({ code: described.code, reason: error.message }, 'request refused');
    reply.status(described.http);
    if (described.code === 'database_unavailable') reply.header('retry-after', String(retryAfterSeconds));
    const requestId = described.http >= 500 ? request.id : undefined;
    if (request.url.startsWith('/api/') || request.url === '/readyz') {
      return reply.type('application/json; charset=utf-8').send({ error: { code: described.code, message: described.message, ...(requestId ? { requestId } : {}) } });
    }
    const heading = described.http === 404 ? '页面不存在' : described.http < 500 ? '请求有误' : '服务暂时不可用';
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderPage({
          title: heading,
          path: request.url,
          largeText: largeTextPreferred(request),
          body: html`<h1>${heading}</h1><p>${described.message}</p>${requestId ? html`<p class="muted">错误编号: <code>${requestId}</code>(联系我们时请告知)</p>` : ''}<p><a href="/">返回首页</a></p>`,
        }),
      );
  }
  app.setErrorHandler((error, request, reply) => sendError(error as FastifyError, request, reply));
  app.setNotFoundHandler((request, reply) => {
    reply.status(404);
    if (request.url.startsWith('/api/')) return reply.send({ error: { code: 'not_found', message: '不存在' } });
    return reply.type('text/html; charset=utf-8').send(renderPage({ title: '页面不存在', path: request.url, largeText: largeTextPreferred(request), body: html`<h1>页面不存在</h1><p><a href="/">返回首页</a></p>` }));
  });
  // Forms post url-encoded bodies; only routes that opt in are rate-limited (public submissions).
  app.register(formBody, { bodyLimit: 64 * 1024 });
  app.register(cookie);
  // Every page and JSON answer carries a (weak) ETag of its bytes, and a request that already has them gets 304 and no body.
  app.register(etag, { weak: true });
  app.register(rateLimit, { global: false, store: databaseRateLimitStore(context.rateLimits), errorResponseBuilder: (_request, limit) => new AppError('rate_limited', `提交过于频繁,请 ${Math.ceil(limit.ttl / 1000)} 秒后再试`) });
  // No sniffing of content types anywhere (staff responses add their own headers in the session hook).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-request-id', request.id);
  });
  // Liveness: the process is up and answering (it does not touch the database, so an outage
  // does not get a healthy process restarted). Readiness: the database answers too.
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async () => {
    await databaseAnswers(context.db);
    return { ok: true, database: context.db.kind };
  });
  registerInputGuard(app);
  registerReadRouting(app, context.db, { header: context.config.database.kind === 'postgres' && context.config.database.readHeader });
  registerProofOfWork(app, createProofOfWork({ ...context.config.proofOfWork, limits: context.rateLimits }));
  app.register(async (scope) => {
    registerStaffSession(scope, context);
    registerRetiredStaffPages(scope);
    registerStaffApi(scope, context);
    registerCalendarApi(scope, context);
    registerUserApi(scope, context);
    registerAuditApi(scope, context);
    registerReminderApi(scope, context);
    registerPortal(scope, context);
    registerSiteRoutes(scope, context);
    registerApi(scope);
    for (const module of modules) module.routes?.(scope, context);
  });
  registerConsole(app, options.consoleDir);
  return app;
}
