import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { openApiDocument } from './openapi.ts';
import { positiveId } from './http.params.ts';
import { publicActor, submissionRateLimit, trackingRateLimit } from './portal/request.routes.ts';

/** The JSON API not yet in a module, and the OpenAPI document (each module serves its own paths: their *.routes.ts). */
export function registerApi(app: FastifyInstance, context: AppContext): void {
  // Disclosure on request: anyone may submit and follow a request by its tracking code.
  app.post('/api/requests', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const receipt = await context.disclosure.submit(request.body, publicActor(request));
    reply.status(201);
    return { trackingCode: receipt.trackingCode, agencyName: receipt.agencyName, receivedOn: receipt.receivedOn, dueOn: receipt.dueOn, estimated: receipt.estimated };
  });

  app.get('/api/requests/report', async (request) => {
    const query = request.query as Record<string, unknown>;
    const year = Number(query.year);
    const agency = query.agency === undefined || query.agency === '' ? undefined : positiveId(String(query.agency));
    return context.disclosure.annualReport(year, agency);
  });

  app.get('/api/requests/:code', { config: { rateLimit: trackingRateLimit } }, async (request) => {
    const tracking = await context.disclosure.track((request.params as { code: string }).code);
    if (!tracking) throw new AppError('not_found', '没有这件申请');
    return tracking;
  });

  app.get('/api/docs', async () => openApiDocument);
}
