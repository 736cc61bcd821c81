import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import { checkProofOfWork, withoutProof } from '../../server/proof-of-work.ts';
import { publicActor, submissionRateLimit, trackingRateLimit } from '../../server/public.http.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';

/** Requests for data the catalogue does not list, as JSON: anyone asks and follows by code; the centre or the named agency answers. */
export function registerWishApi(app: FastifyInstance, context: AppContext): void {
  const { catalogueWishes: wishes } = context;

  app.post('/api/catalogue/wishes', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    await checkProofOfWork(request);
    const receipt = await wishes.submit(withoutProof(request.body), publicActor(request));
    reply.status(201);
    return receipt;
  });

  app.get('/api/catalogue/wishes', async (request) => {
    const raw = String((request.query as Record<string, unknown>).page ?? '');
    const page = /^\d{1,4}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
    return { page, pageSize: 20, ...(await wishes.published(page, 20)) };
  });

  app.get('/api/catalogue/wishes/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const tracking = await wishes.track((request.params as { code: string }).code);
    if (!tracking) throw new AppError('not_found', '没有这项数据需求');
    reply.header('cache-control', 'no-store');
    return tracking;
  });

  app.get('/api/staff/catalogue-wishes', async (request) => wishes.list(signedIn(request).user));

  app.post('/api/staff/catalogue-wishes/:id/answer', async (request) => {
    await wishes.answer(positiveId((request.params as { id: string }).id), request.body, signedIn(request).user, requestActor(request));
    return { ok: true };
  });
}
