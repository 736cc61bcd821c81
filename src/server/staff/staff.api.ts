import { abilitiesOf } from '../../core/module.ts';
import { modules } from '../../modules/modules.ts';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { positiveId } from '../http.params.ts';
import { requestActor, sessionCookie, setSessionCookie, signedIn, staffActor } from './staff.session.ts';

/**
 * The staff side as JSON, for integrations and the console: the same session
 * cookie, and the CSRF token in the x-csrf-token header on every change.
 */
export function registerStaffApi(app: FastifyInstance, context: AppContext): void {
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

  // Proactive disclosure: drafts, submission (退文 or publication), corrections as new versions.
  app.get('/api/staff/publications', async (request) => ({ items: await context.publication.list(actorOf(request)) }));
  app.post('/api/staff/publications', async (request, reply) => {
    reply.status(201);
    return { id: await context.publication.createDraft(request.body, actorOf(request)) };
  });
  app.put('/api/staff/publications/:id', async (request) => {
    await context.publication.updateDraft(positiveId((request.params as { id: string }).id), request.body, actorOf(request));
    return { ok: true };
  });
  // Annexes (附件) go one file per request as the raw body, named in x-file-name (percent-encoded UTF-8):
  // no multipart parser, and only these routes take bytes.
  app.register(async (files) => {
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: context.config.limits.maxAnnexBytes }, (_request, body, done) => done(null, body));
    files.post('/api/staff/publications/:id/annexes', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', '附件应以 application/octet-stream 上传');
      const header = request.headers['x-file-name'];
      let name = '';
      try {
        name = decodeURIComponent(typeof header === 'string' ? header : '');
      } catch {
        throw new AppError('validation_failed', '附件的文件名无法识别');
      }
      if (name.trim() === '') throw new AppError('validation_failed', '请提供附件的文件名(x-file-name)');
      reply.status(201);
      return context.publication.attachAnnex(positiveId((request.params as { id: string }).id), { bytes: request.body, name }, actorOf(request));
    });
  });
  app.delete('/api/staff/publications/:id/annexes/:position', async (request) => {
    const params = request.params as { id: string; position: string };
    await context.publication.removeAnnex(positiveId(params.id), positiveId(params.position), actorOf(request));
    return { ok: true };
  });
  app.post('/api/staff/publications/:id/submit', async (request) => context.publication.submit(positiveId((request.params as { id: string }).id), actorOf(request)));
  app.get('/api/staff/publications/queues', async (request) => context.publication.queues(actorOf(request)));
  app.post('/api/staff/publications/:id/review', async (request) => ({
    state: await context.publication.review(positiveId((request.params as { id: string }).id), request.body, actorOf(request)),
  }));
  app.post('/api/staff/publications/:id/invalid', async (request) =>
    context.publication.markInvalid(positiveId((request.params as { id: string }).id), request.body, actorOf(request)));
  app.post('/api/staff/publications/:id/corrections', async (request) => ({
    version: await context.publication.correct(positiveId((request.params as { id: string }).id), request.body, actorOf(request)),
  }));

  // Library texts replaced across sources (one of them published on the platform): system administrators repair them.
  app.get('/api/staff/documents/conflicts', async (request) => ({ items: await context.publication.conflicts(signedIn(request).user) }));
  app.post('/api/staff/documents/conflicts/:id/repair', async (request) =>
    context.publication.repair(positiveId((request.params as { id: string }).id), signedIn(request).user, actorOf(request)));
}
