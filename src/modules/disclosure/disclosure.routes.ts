import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { isKeyOf } from '../../core/validation.ts';
import { positiveId } from '../../server/http.params.ts';
import { noticeHtml, noticePdf } from '../../server/notice.render.ts';
import { renderPage } from '../../server/portal/layout.ts';
import { publicActor, submissionRateLimit, trackingRateLimit } from '../../server/public.http.ts';
import { replyBodyLimit, sendReplyFile } from '../../server/reply.file.ts';
import { signedIn, staffActor } from '../../server/staff/staff.session.ts';
import { actionLabels, type RequestAction } from './disclosure.types.ts';

/**
 * Disclosure on request as JSON: anyone submits and follows a request by its
 * tracking code; staff (the session cookie, and the CSRF token in the
 * x-csrf-token header on every change) register, list and handle cases.
 */
export function registerDisclosureApi(app: FastifyInstance, context: AppContext): void {
  const { disclosure } = context;
  const actorOf = (request: Parameters<typeof signedIn>[0]) => staffActor(request, signedIn(request).user);

  app.post('/api/requests', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const receipt = await disclosure.submit(request.body, publicActor(request));
    reply.status(201);
    return { trackingCode: receipt.trackingCode, agencyName: receipt.agencyName, receivedOn: receipt.receivedOn, dueOn: receipt.dueOn, estimated: receipt.estimated };
  });

  app.get('/api/requests/report', async (request) => {
    const query = request.query as Record<string, unknown>;
    const year = Number(query.year);
    const agency = query.agency === undefined || query.agency === '' ? undefined : positiveId(String(query.agency));
    return disclosure.annualReport(year, agency);
  });

  app.get('/api/requests/:code', { config: { rateLimit: trackingRateLimit } }, async (request) => {
    const tracking = await disclosure.track((request.params as { code: string }).code);
    if (!tracking) throw new AppError('not_found', '没有这件申请');
    return tracking;
  });

  app.get('/api/staff/deadlines', async (request) => {
    const actor = actorOf(request);
    return actor.agencyId === null ? disclosure.supervisorDeadlines(actor) : { ...(await disclosure.deadlines(actor)), agencies: null };
  });

  app.get('/api/staff/requests', async (request) => ({ items: await disclosure.find(request.query ?? {}, actorOf(request)) }));

  app.get('/api/staff/requests/:id', async (request) => {
    const id = positiveId((request.params as { id: string }).id);
    const actor = actorOf(request);
    const file = await disclosure.caseFile(id, actor);
    // Imported when first asked: the audit labels are built from the list of modules, which names this one.
    const { lookUpAuditNames } = await import('../../server/audit.names.ts');
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
