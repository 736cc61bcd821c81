import { abilitiesOf } from '../../core/module.ts';
import { modules } from '../../modules/modules.ts';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { actionLabels, type RequestAction } from '../../modules/disclosure/index.ts';
import { lookUpAuditNames } from '../audit.names.ts';
import { noticeHtml, noticePdf } from '../notice.render.ts';
import { renderPage } from '../portal/layout.ts';
import { isKeyOf } from '../../core/validation.ts';
import { positiveId } from '../http.params.ts';
import { replyBodyLimit, sendReplyFile } from '../reply.file.ts';
import { requestActor, sessionCookie, setSessionCookie, signedIn, staffActor } from './staff.session.ts';

/**
 * The staff side as JSON, for integrations and the console: the same session
 * cookie, and the CSRF token in the x-csrf-token header on every change.
 */
export function registerStaffApi(app: FastifyInstance, context: AppContext): void {
  const { disclosure } = context;
  const actorOf = (request: Parameters<typeof signedIn>[0]) => staffActor(request, signedIn(request).user);

  app.get('/api/staff/me', async (request) => {
    const { user, csrfToken, expiresAt } = signedIn(request);
    return { user, csrfToken, expiresAt, abilities: abilitiesOf(modules, user) };
  });

  // Sign-in for the console: a wrong name or password is 401; the same lockout and rate limit as the form (see staff.session.ts).
  app.post('/api/staff/sign-in', async (request, reply) => {
    const input = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { token, session } = await context.auth.signIn(String(input.username ?? ''), String(input.password ?? ''), request.ip);
      setSessionCookie(request, reply, token, session);
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt, abilities: abilitiesOf(modules, session.user) };
    } catch (error) {
      if (isAppError(error) && error.code === 'forbidden') throw new AppError('unauthenticated', error.message);
      throw error;
    }
  });

  app.post('/api/staff/sign-out', async (request, reply) => {
    await context.auth.signOut(request.cookies[sessionCookie]!, requestActor(request));
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true };
  });

  // A changed password ends every session of the user, this one included: sign in again.
  app.post('/api/staff/password', async (request, reply) => {
    const input = (request.body ?? {}) as Record<string, unknown>;
    await context.auth.changePassword(signedIn(request).user, String(input.current ?? ''), String(input.next ?? ''), requestActor(request));
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true };
  });

  app.get('/api/staff/deadlines', async (request) => {
    const actor = actorOf(request);
    return { ...(await disclosure.deadlines(actor)), agencies: actor.agencyId === null ? await disclosure.deadlinesByAgency(actor) : null };
  });

  app.get('/api/staff/requests', async (request) => ({ items: await disclosure.find(request.query ?? {}, actorOf(request)) }));

  app.get('/api/staff/requests/:id', async (request) => {
    const id = positiveId((request.params as { id: string }).id);
    const actor = actorOf(request);
    const file = await disclosure.caseFile(id, actor);
    return { ...file, notices: await disclosure.notices(id, actor), names: await lookUpAuditNames(context.db, file.events) };
  });

  // A case's notices (告知书) to print or send: the letter as a page, or as an A4 PDF (…/notices/7.pdf).
  app.get('/api/staff/requests/:id/notices/:event', async (request, reply) => {
    const params = request.params as { id: string; event: string };
    const pdf = params.event.endsWith('.pdf');
    const id = positiveId(params.id);
    const event = positiveId(params.event.replace(/\.pdf$/, ''));
    const notice = await disclosure.notice(id, event, actorOf(request));
    if (pdf) {
      reply.type('application/pdf').header('content-disposition', `inline; filename="notice-${id}-${event}.pdf"`);
      return noticePdf(notice, context.config.font);
    }
    reply.type('text/html; charset=utf-8');
    return renderPage({ title: notice.title, body: noticeHtml(notice), path: request.url, largeText: false });
  });

  app.post('/api/staff/requests', async (request, reply) => {
    const receipt = await disclosure.register(request.body, actorOf(request));
    reply.status(201);
    return receipt;
  });

  // The file given with a reply: to staff of the handling agency, as a download (never rendered in the page).
  app.get('/api/staff/requests/:id/reply-file', async (request, reply) => {
    const file = await disclosure.replyFile(positiveId((request.params as { id: string }).id), actorOf(request));
    return sendReplyFile(reply, file);
  });

  // A reply may carry a file (base64 in the JSON body): room for it, and no more.
  app.post('/api/staff/requests/:id/:action', { bodyLimit: replyBodyLimit }, async (request) => {
    const params = request.params as { id: string; action: string };
    if (!isKeyOf(actionLabels, params.action)) throw new AppError('not_found', '没有这项操作');
    const state = await disclosure.act(positiveId(params.id), params.action as RequestAction, request.body ?? {}, actorOf(request));
    return { state };
  });
}
