import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId, uploadedFile } from '../../server/http.params.ts';
import { signedIn, staffActor } from '../../server/staff/staff.session.ts';

/**
 * Proactive disclosure as staff JSON (the session cookie, and the CSRF token
 * in the x-csrf-token header on every change): drafts, submission (退文 or
 * publication), corrections as new versions, and the library's conflicts.
 */
export function registerPublicationApi(app: FastifyInstance, context: AppContext): void {
  const { publication } = context;
  const actorOf = (request: Parameters<typeof signedIn>[0]) => staffActor(request, signedIn(request).user);
  const idOf = (request: { params: unknown }) => positiveId((request.params as { id: string }).id);

  app.get('/api/staff/publications', async (request) => ({ items: await publication.list(actorOf(request)) }));
  app.post('/api/staff/publications', async (request, reply) => {
    reply.status(201);
    return { id: await publication.createDraft(request.body, actorOf(request)) };
  });
  app.put('/api/staff/publications/:id', async (request) => {
    await publication.updateDraft(idOf(request), request.body, actorOf(request));
    return { ok: true };
  });
  // Annexes (附件) go one file per request as the raw body, named in x-file-name (percent-encoded UTF-8):
  // no multipart parser, and only these routes take bytes.
  app.register(async (files) => {
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: context.config.limits.maxAnnexBytes }, (_request, body, done) => done(null, body));
    files.post('/api/staff/publications/:id/annexes', async (request, reply) => {
      const file = uploadedFile(request);
      reply.status(201);
      return publication.attachAnnex(idOf(request), file, actorOf(request));
    });
  });
  app.delete('/api/staff/publications/:id/annexes/:position', async (request) => {
    const params = request.params as { id: string; position: string };
    await publication.removeAnnex(positiveId(params.id), positiveId(params.position), actorOf(request));
    return { ok: true };
  });
  app.post('/api/staff/publications/:id/submit', async (request) => publication.submit(idOf(request), actorOf(request)));
  app.get('/api/staff/publications/queues', async (request) => publication.queues(actorOf(request)));
  app.post('/api/staff/publications/:id/review', async (request) => ({ state: await publication.review(idOf(request), request.body, actorOf(request)) }));
  app.post('/api/staff/publications/:id/invalid', async (request) => publication.markInvalid(idOf(request), request.body, actorOf(request)));
  app.post('/api/staff/publications/:id/corrections', async (request) => ({ version: await publication.correct(idOf(request), request.body, actorOf(request)) }));

  // Library texts replaced across sources (one of them published on the platform): system administrators repair them.
  app.get('/api/staff/documents/conflicts', async (request) => ({ items: await publication.conflicts(signedIn(request).user) }));
  app.post('/api/staff/documents/conflicts/:id/repair', async (request) => publication.repair(idOf(request), signedIn(request).user, actorOf(request)));
}
