import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { isAppError } from '../../core/errors.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { listAgencies } from '../agencies/index.ts';
import { noticeHtml, noticePdf } from '../../server/notice.render.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { problemsOf, publicActor, submissionRateLimit, trackingRateLimit } from '../../server/public.http.ts';
import { sendReplyFile } from '../../server/reply.file.ts';
import { reportCsv } from './disclosure.report.queries.ts';
import { guideBody, reportBody, requestFormBody, trackingBody, trackLookupBody, type FormValues } from './disclosure.views.ts';

/** The public pages of disclosure on request: the guide, the form, tracking by code, the annual report. Work without JavaScript. */

const formFields = ['channel', 'submittedOn', 'signedOn', 'confirmedOn', 'agencyId', 'applicantType', 'name', 'idType', 'idNumber', 'organisationCode', 'legalRepresentative', 'contactPerson', 'phone', 'email', 'address', 'notifyByEmail', 'description', 'deliveryForm', 'deliveryWay'];

/**
 * The form's flat fields as the service's submission; empty optional fields
 * are left out, and the receipt fields only where a clerk registers a letter
 * (the public form has none: the schema refuses fields it does not know).
 */
export function submissionFrom(values: FormValues, registration = false) {
  const optional = (name: string) => values[name] || undefined;
  const defined = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
  return defined({
    agencyId: values.agencyId,
    applicant: defined({
      type: values.applicantType,
      name: values.name,
      idType: optional('idType'),
      idNumber: optional('idNumber'),
      organisationCode: optional('organisationCode'),
      legalRepresentative: optional('legalRepresentative'),
      contactPerson: optional('contactPerson'),
      phone: optional('phone'),
      email: optional('email'),
      address: optional('address'),
    }),
    description: values.description,
    deliveryForm: values.deliveryForm,
    deliveryWay: values.deliveryWay,
    notifyByEmail: values.notifyByEmail === 'on' ? true : undefined,
    ...(registration ? { channel: values.channel, submittedOn: values.submittedOn, signedOn: optional('signedOn'), confirmedOn: optional('confirmedOn') } : {}),
  });
}

export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const name of formFields) {
    const value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (typeof value === 'string') values[name] = value.slice(0, 6000);
  }
  return values;
}

export function registerRequestPages(app: FastifyInstance, context: AppContext): void {
  app.get('/requests', async (request, reply) => sendPage(request, reply, '依申请公开', guideBody));

  app.get('/requests/new', async (request, reply) => sendPage(request, reply, '提交政府信息公开申请', requestFormBody(await listAgencies(context.db), {}, [])));

  app.post('/requests', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const receipt = await context.disclosure.submit(submissionFrom(values), publicActor(request));
      return reply.redirect(`/requests/track/${receipt.trackingCode}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      const problems = problemsOf(error);
      reply.status(400);
      return sendPage(request, reply, '申请未提交', requestFormBody(await listAgencies(context.db), values, problems));
    }
  });

  const reportParams = (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    const year = /^\d{4}$/.test(String(query.year ?? '')) ? Number(query.year) : Number(todayInChina().slice(0, 4)) - 1;
    const agency = /^\d{1,12}$/.test(String(query.agency ?? '')) ? Number(query.agency) : undefined;
    return { year, agency };
  };

  app.get('/requests/report', async (request, reply) => {
    const { year, agency } = reportParams(request);
    const report = await context.disclosure.annualReport(year, agency);
    return sendPage(request, reply, `${year} 年依申请公开情况`, reportBody(report, await listAgencies(context.db), agency));
  });

  app.get('/requests/report.csv', async (request, reply) => {
    const { year, agency } = reportParams(request);
    const report = await context.disclosure.annualReport(year, agency);
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="report-${year}${agency ? `-${agency}` : ''}.csv"`);
    return reportCsv(report);
  });

  app.get('/requests/track', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = String((request.query as Record<string, unknown>).code ?? '').trim().slice(0, 40);
    if (code) return reply.redirect(`/requests/track/${encodeURIComponent(code.toUpperCase())}`, 303);
    return sendPage(request, reply, '查询办理进度', trackLookupBody('', false));
  });

  app.get('/requests/track/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const tracking = await context.disclosure.track(code);
    if (!tracking) {
      reply.status(404);
      return sendPage(request, reply, '没有找到申请', trackLookupBody(code, true));
    }
    const submitted = (request.query as Record<string, unknown>).submitted === '1';
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendPage(request, reply, '申请办理进度', trackingBody(tracking, submitted));
  });

  // The reply letter and what it gave, for whoever holds the code (the applicant): a wrong code, or none yet, is the same 404.
  const notFound = (request: FastifyRequest, reply: FastifyReply, code: string) => {
    reply.status(404);
    return sendPage(request, reply, '没有找到申请', trackLookupBody(code, true));
  };
  app.get('/requests/track/:code/letter', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const letter = await context.disclosure.trackedLetter(code);
    if (!letter) return notFound(request, reply, code);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendPage(request, reply, letter.title, noticeHtml(letter));
  });
  app.get('/requests/track/:code/letter.pdf', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const letter = await context.disclosure.trackedLetter(code);
    if (!letter) return notFound(request, reply, code);
    reply.type('application/pdf').header('content-disposition', 'inline; filename="reply.pdf"').header('cache-control', 'no-store');
    return noticePdf(letter, context.config.font);
  });
  app.get('/requests/track/:code/file', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const file = await context.disclosure.trackedReplyFile(code);
    if (!file) return notFound(request, reply, code);
    return sendReplyFile(reply, file);
  });
}
