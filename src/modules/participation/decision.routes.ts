import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { positiveId } from '../../server/http.params.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';

const yearOf = (raw: unknown): number | undefined => (/^\d{4}$/.test(String(raw ?? '')) ? Number(raw) : undefined);

/** The catalogue of major decisions and the stakeholder meetings as JSON. */
export function registerDecisionApi(app: FastifyInstance, context: AppContext): void {
  const { decisions } = context;

  app.get('/api/decisions', async (request) => {
    const query = request.query as Record<string, unknown>;
    const agencyId = /^\d{1,12}$/.test(String(query.agency ?? '')) ? Number(query.agency) : undefined;
    return { items: await decisions.published({ year: yearOf(query.year), agencyId }) };
  });

  app.get('/api/staff/decisions', async (request) => ({ items: await decisions.staffList(signedIn(request).user) }));

  app.post('/api/staff/decisions', async (request, reply) => {
    const id = await decisions.create(request.body, signedIn(request).user, requestActor(request));
    reply.status(201);
    return { id };
  });

  app.get('/api/staff/decisions/:id', async (request) => decisions.file(positiveId((request.params as { id: string }).id), signedIn(request).user));

  app.post('/api/staff/decisions/:id/:action', async (request) => {
    const params = request.params as { id: string; action: string };
    await decisions.act(positiveId(params.id), params.action, request.body ?? {}, signedIn(request).user, requestActor(request));
    return { ok: true };
  });

  app.get('/api/staff/meetings', async (request) => {
    const year = yearOf((request.query as Record<string, unknown>).year) ?? Number(todayInChina().slice(0, 4));
    return { year, ...(await decisions.meetings(year, signedIn(request).user)) };
  });

  app.post('/api/staff/meetings', async (request, reply) => {
    const id = await decisions.recordMeeting(request.body, signedIn(request).user, requestActor(request));
    reply.status(201);
    return { id };
  });
}
