import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId, uploadedFile } from '../../server/http.params.ts';
import { sendReplyFile } from '../../server/reply.file.ts';
import { supervisionNoticePdf } from './supervision.notice.pdf.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { taskSignals, taskStates, type TaskSignal, type TaskState } from './supervision.types.ts';

/** Supervised tasks and audit rectification as staff JSON (the session and CSRF header as for every staff call), and the published results. */
export function registerSupervisionApi(app: FastifyInstance, context: AppContext): void {
  const { supervision, rectification } = context;
  const user = (request: Parameters<typeof signedIn>[0]) => signedIn(request).user;
  const id = (request: { params: unknown }, name = 'id') => positiveId((request.params as Record<string, string>)[name]!);

  app.get('/api/staff/supervision/documents', async (request) => ({ items: await supervision.documents(user(request)) }));
  app.get('/api/staff/supervision/documents/:id', async (request) => supervision.preview(id(request), user(request)));
  app.post('/api/staff/supervision/documents/:id/import', async (request) => supervision.importDocument(id(request), request.body ?? {}, user(request), requestActor(request)));
  app.post('/api/staff/supervision/agency-names', async (request) => {
    await supervision.mapName(request.body ?? {}, user(request), requestActor(request));
    return { ok: true };
  });

  app.get('/api/staff/supervision/tasks', async (request) => {
    const query = request.query as Record<string, unknown>;
    const state = typeof query.state === 'string' && Object.hasOwn(taskStates, query.state) ? (query.state as TaskState) : undefined;
    const signal = typeof query.signal === 'string' && Object.hasOwn(taskSignals, query.signal) ? (query.signal as TaskSignal) : undefined;
    const documentId = query.document === undefined || query.document === '' ? undefined : positiveId(String(query.document));
    return { items: await supervision.list({ state, signal, documentId }, user(request)) };
  });
  app.post('/api/staff/supervision/tasks', async (request, reply) => {
    const created = await supervision.add(request.body ?? {}, user(request), requestActor(request));
    reply.status(201);
    return { id: created };
  });
  // A 任务分解表 goes as the raw body (application/octet-stream), as annexes do: only this route takes bytes.
  app.register(async (files) => {
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: context.config.limits.maxAnnexBytes }, (_request, body, done) => done(null, body));
    files.post('/api/staff/supervision/tasks/sheet', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', '任务分解表应以 application/octet-stream 上传');
      const result = await supervision.importSheet(request.body, user(request), requestActor(request));
      reply.status(201);
      return result;
    });
    // An evidence file for a progress report, one per request, named in x-file-name (percent-encoded UTF-8).
    files.post('/api/staff/supervision/tasks/:id/evidence', async (request, reply) => {
      const file = uploadedFile(request);
      reply.status(201);
      return supervision.attachEvidence(id(request), file, user(request), requestActor(request));
    });
    // The same for an audit item's rectification results.
    files.post('/api/staff/audit-items/:id/evidence', async (request, reply) => {
      const file = uploadedFile(request);
      reply.status(201);
      return rectification.attachEvidence(id(request), file, user(request), requestActor(request));
    });
  });
  // A download only, of its checked type, never shown inside a page of the site.
  app.get('/api/staff/supervision/tasks/:id/evidence/:position', async (request, reply) =>
    sendReplyFile(reply, await supervision.evidence(id(request), id(request, 'position'), user(request))),
  );
  app.get('/api/staff/audit-items/:id/evidence/:position', async (request, reply) =>
    sendReplyFile(reply, await rectification.evidence(id(request), id(request, 'position'), user(request))),
  );
  app.get('/api/staff/supervision/tasks/:id', async (request) => supervision.file(id(request), user(request)));
  app.post('/api/staff/supervision/tasks/:id/:action', async (request) => ({
    state: await supervision.act(id(request), (request.params as { action: string }).action, request.body ?? {}, user(request), requestActor(request)),
  }));
  // A 督办单 as a PDF download, to the parties and supervisors.
  app.get('/api/staff/supervision/tasks/:id/notices/:level', async (request, reply) => {
    const notice = await supervision.notice(id(request), id(request, 'level'), user(request));
    return sendReplyFile(reply, { name: `${notice.title}${notice.number}.pdf`, contentType: 'application/pdf', data: await supervisionNoticePdf(notice, context.config.font) });
  });
  // Publishing a document's results on the portal (督查落实情况), and withdrawing them.
  app.get('/api/staff/supervision/documents/:id/results', async (request) => context.supervisionResults.status(id(request), user(request)));
  app.post('/api/staff/supervision/documents/:id/results', async (request) => {
    await context.supervisionResults.publish(id(request), user(request), requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/supervision/documents/:id/results/withdraw', async (request) => {
    await context.supervisionResults.withdraw(id(request), user(request), requestActor(request));
    return { ok: true };
  });
  app.get('/api/staff/supervision/dashboard', async (request) => supervision.dashboard(user(request)));

  app.get('/api/staff/audit-reports', async (request) => ({ items: await rectification.reports(user(request)) }));
  app.post('/api/staff/audit-reports', async (request, reply) => {
    const created = await rectification.createReport(request.body ?? {}, user(request), requestActor(request));
    reply.status(201);
    return { id: created };
  });
  app.get('/api/staff/audit-reports/:id', async (request) => rectification.report(id(request), user(request)));
  app.post('/api/staff/audit-reports/:id/items', async (request, reply) => {
    const created = await rectification.addItem(id(request), request.body ?? {}, user(request), requestActor(request));
    reply.status(201);
    return { id: created };
  });
  app.post('/api/staff/audit-reports/:id/draft', async (request) => {
    await rectification.sendDraft(id(request), request.body ?? {}, user(request), requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/audit-reports/:id/comment', async (request) => {
    await rectification.commentOnDraft(id(request), request.body ?? {}, user(request), requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/audit-reports/:id/publish', async (request) => {
    await rectification.publish(id(request), user(request), requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/audit-items/:id/:action', async (request) => ({
    state: await rectification.actOnItem(id(request), (request.params as { action: string }).action, request.body ?? {}, user(request), requestActor(request)),
  }));

  app.get('/api/audit-results', async () => ({ items: await rectification.published() }));
  app.get('/api/supervision-results', async () => ({ items: await context.supervisionResults.published() }));
}
