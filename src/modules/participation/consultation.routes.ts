import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import { sendReplyFile } from '../../server/reply.file.ts';
import { checkProofOfWork, withoutProof } from '../../server/proof-of-work.ts';
import { publicActor, submissionRateLimit } from '../../server/public.http.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';

/** Consultations as JSON: anyone reads and comments; staff of the consulting agency open, moderate, decide and report. */
export function registerConsultationApi(app: FastifyInstance, context: AppContext): void {
  const { consultations } = context;

  app.get('/api/consultations', async () => ({ items: await consultations.list() }));

  app.get('/api/consultations/:id', async (request) => {
    const view = await consultations.view(positiveId((request.params as { id: string }).id));
    if (!view) throw new AppError('not_found', '没有这项征求意见');
    return view;
  });

  app.post('/api/consultations/:id/comments', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    await checkProofOfWork(request);
    await consultations.comment(positiveId((request.params as { id: string }).id), withoutProof(request.body), publicActor(request));
    reply.status(201);
    return { ok: true, note: '意见已收到,经审核后公开' };
  });

  app.get('/api/staff/consultations', async (request) => ({ items: await consultations.staffList(signedIn(request).user) }));

  app.post('/api/staff/consultations', async (request, reply) => {
    const id = await consultations.open(request.body, signedIn(request).user, requestActor(request));
    reply.status(201);
    return { id };
  });

  app.get('/api/staff/consultations/:id', async (request) => consultations.file(positiveId((request.params as { id: string }).id), signedIn(request).user));

  app.get('/api/staff/consultations/:id/comments/export', async (request, reply) => {
    const format = String((request.query as Record<string, unknown>).format ?? 'xlsx');
    const file = await consultations.exportComments(positiveId((request.params as { id: string }).id), format, signedIn(request).user);
    return sendReplyFile(reply, file);
  });

  app.post('/api/staff/consultations/:id/comments/:commentId/:action', async (request) => {
    const params = request.params as { id: string; commentId: string; action: string };
    await consultations.actOnComment(positiveId(params.id), positiveId(params.commentId), params.action, request.body ?? {}, signedIn(request).user, requestActor(request));
    return { ok: true };
  });

  app.post('/api/staff/consultations/:id/:action', async (request) => {
    const params = request.params as { id: string; action: string };
    await consultations.act(positiveId(params.id), params.action, request.body ?? {}, signedIn(request).user, requestActor(request));
    return { ok: true };
  });
}
