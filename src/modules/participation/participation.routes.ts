import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import { checkProofOfWork, withoutProof } from '../../server/proof-of-work.ts';
import { publicActor, submissionRateLimit, trackingRateLimit } from '../../server/public.http.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { messageKinds, messageStates } from './participation.types.ts';

/** Messages as JSON: anyone writes and follows by code; staff of the handling agency act (the session and CSRF header as for every staff call). */
export function registerMessageApi(app: FastifyInstance, context: AppContext): void {
  const { participation } = context;

  app.post('/api/messages', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    await checkProofOfWork(request);
    const receipt = await participation.submit(withoutProof(request.body), publicActor(request));
    reply.status(201);
    return receipt;
  });

  app.get('/api/messages', async (request) => {
    const query = request.query as Record<string, unknown>;
    const page = /^\d{1,4}$/.test(String(query.page ?? '')) ? Math.max(1, Number(query.page)) : 1;
    const kind = typeof query.kind === 'string' && Object.hasOwn(messageKinds, query.kind) ? (query.kind as keyof typeof messageKinds) : undefined;
    const agencyId = query.agency === undefined || query.agency === '' ? undefined : positiveId(String(query.agency));
    const words = typeof query.q === 'string' ? query.q.trim().slice(0, 50).split(/\s+/).filter(Boolean).slice(0, 5) : [];
    return { page, pageSize: 20, ...(await participation.published({ agencyId, kind, words, page, pageSize: 20 })) };
  });

  app.get('/api/messages/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const tracking = await participation.track((request.params as { code: string }).code);
    if (!tracking) throw new AppError('not_found', '没有这条留言');
    reply.header('cache-control', 'no-store');
    const { trackingCode, state, agencyName, receivedOn, dueOn, reply: answer, repliedOn, rating, steps } = tracking;
    return { trackingCode, state, agencyName, receivedOn, dueOn, reply: answer, repliedOn, rating, steps };
  });

  app.post('/api/messages/:code/rating', { config: { rateLimit: submissionRateLimit } }, async (request) => {
    await participation.rate((request.params as { code: string }).code, request.body, publicActor(request));
    return { ok: true };
  });

  app.get('/api/staff/messages', async (request) => {
    const query = request.query as Record<string, unknown>;
    const state = typeof query.state === 'string' && Object.hasOwn(messageStates, query.state) ? (query.state as keyof typeof messageStates) : undefined;
    return { items: await participation.list({ state }, signedIn(request).user) };
  });

  app.get('/api/staff/messages/:id', async (request) => participation.file(positiveId((request.params as { id: string }).id), signedIn(request).user));

  app.post('/api/staff/messages/:id/:action', async (request) => {
    const params = request.params as { id: string; action: string };
    return { state: await participation.act(positiveId(params.id), params.action, request.body ?? {}, signedIn(request).user, requestActor(request)) };
  });
}
