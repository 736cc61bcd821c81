import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { isoDate, parseInput } from '../../core/validation.ts';
import { positiveId, uploadedFile } from '../../server/http.params.ts';
import { sendReplyFile } from '../../server/reply.file.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { requestStates } from './assistance.types.ts';

const dateParam = (value: unknown, label: string, fallback: string) => (value === undefined || value === '' ? fallback : parseInput(isoDate(label), value));

/** Assistance between agencies as JSON, staff only (the session and CSRF header as for every staff call). */
export function registerAssistanceApi(app: FastifyInstance, context: AppContext): void {
  const { assistance } = context;

  app.get('/api/staff/assistance/matters', async (request) => ({ items: await assistance.catalogue(signedIn(request).user) }));
  app.post('/api/staff/assistance/matters', async (request, reply) => {
    const id = await assistance.registerMatter(request.body ?? {}, signedIn(request).user, requestActor(request));
    reply.status(201);
    return { id };
  });
  app.post('/api/staff/assistance/matters/:id/:change', async (request) => {
    const params = request.params as { id: string; change: string };
    await assistance.changeMatter(positiveId(params.id), params.change, request.body ?? {}, signedIn(request).user, requestActor(request));
    return { ok: true };
  });

  app.get('/api/staff/assistance/requests', async (request) => {
    const query = request.query as Record<string, unknown>;
    const direction = query.direction === 'in' || query.direction === 'out' ? query.direction : 'all';
    const state = typeof query.state === 'string' && Object.hasOwn(requestStates, query.state) ? (query.state as keyof typeof requestStates) : undefined;
    return { items: await assistance.list({ direction, state }, signedIn(request).user) };
  });
  app.post('/api/staff/assistance/requests', async (request, reply) => {
    const receipt = await assistance.submit(request.body ?? {}, signedIn(request).user, requestActor(request));
    reply.status(201);
    return receipt;
  });
  app.get('/api/staff/assistance/requests/:id', async (request) => assistance.file(positiveId((request.params as { id: string }).id), signedIn(request).user));
  app.post('/api/staff/assistance/requests/:id/:action', async (request) => {
    const params = request.params as { id: string; action: string };
    return { state: await assistance.act(positiveId(params.id), params.action, request.body ?? {}, signedIn(request).user, requestActor(request)) };
  });

  // Attachments go one file per request as the raw body, named in x-file-name (percent-encoded UTF-8), as annexes do.
  app.register(async (files) => {
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: context.config.limits.maxAnnexBytes }, (_request, body, done) => done(null, body));
    files.post('/api/staff/assistance/requests/:id/attachments', async (request, reply) => {
      const file = uploadedFile(request);
      reply.status(201);
      return assistance.attach(positiveId((request.params as { id: string }).id), file, signedIn(request).user, requestActor(request));
    });
  });
  // A download only, of its checked type, never shown inside a page of the site.
  app.get('/api/staff/assistance/requests/:id/attachments/:position', async (request, reply) => {
    const params = request.params as { id: string; position: string };
    return sendReplyFile(reply, await assistance.attachment(positiveId(params.id), positiveId(params.position), signedIn(request).user));
  });

  app.get('/api/staff/assistance/monitor', async (request) => {
    const query = request.query as Record<string, unknown>;
    const agencyId = query.agency === undefined || query.agency === '' ? undefined : positiveId(String(query.agency));
    return assistance.monitor(signedIn(request).user, { agencyId });
  });
  app.get('/api/staff/assistance/efficiency', async (request) => {
    const query = request.query as Record<string, unknown>;
    const today = new Date().toISOString().slice(0, 10);
    const from = dateParam(query.from, '统计起始日期', `${today.slice(0, 4)}-01-01`);
    const to = dateParam(query.to, '统计截止日期', '2100-12-31');
    return { from, to, items: await assistance.efficiency(signedIn(request).user, { from, to }) };
  });
}
