import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { listAgencies } from '../../modules/agencies/index.ts';
import { actionLabels, channels, type RequestAction } from '../../modules/disclosure/index.ts';
import { html } from '../html.ts';
import { noticeHtml, noticePdf } from '../notice.render.ts';
import { sendPage } from '../portal/parts.ts';
import { isKeyOf } from '../../core/validation.ts';
import { positiveId } from '../portal/portal.routes.ts';
import { formValues, problemsOf, submissionFrom } from '../portal/request.routes.ts';
import { requestFormBody } from '../portal/request.page.ts';
import { casePageBody } from './staff.case.page.ts';
import { lookUpAuditNames } from '../audit.names.ts';
import { csrfField, dashboardBody, passwordBody, requestListBody, sendStaffPage, signInBody } from './staff.pages.ts';
import { requestActor, sessionCookie, setSessionCookie, signedIn, staffActor } from './staff.session.ts';

/** Where to go after signing in: only a path on this site. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/staff(?:[/?][^\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/staff');

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;

/** A step's form values, without the CSRF token and with empty fields left out. */
function stepInput(request: FastifyRequest): Record<string, string> {
  return Object.fromEntries(Object.entries(body(request)).filter(([key, value]) => key !== '_csrf' && typeof value === 'string' && value !== ''));
}

export function registerStaffRoutes(app: FastifyInstance, context: AppContext): void {
  const { auth, disclosure } = context;

  app.get('/staff/sign-in', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.staffSession) return reply.redirect(next, 303);
    const changed = (request.query as Record<string, unknown>).changed === 'password';
    return sendPage(request, reply, '工作人员登录', signInBody(next, null, changed ? '密码已修改,请用新密码登录。' : null));
  });

  app.post('/staff/sign-in', async (request, reply) => {
    const { username = '', password = '', next } = body(request);
    try {
      const { token, session } = await auth.signIn(username, password, request.ip);
      setSessionCookie(request, reply, token, session);
      return reply.redirect(session.user.mustChangePassword ? '/staff/password' : safeNext(next), 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'forbidden') throw error;
      reply.status(401);
      return sendPage(request, reply, '工作人员登录', signInBody(safeNext(next), error.message));
    }
  });

  app.post('/staff/sign-out', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await auth.signOut(token, requestActor(request));
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.redirect('/staff/sign-in', 303);
  });

  app.get('/staff/password', async (request, reply) => sendStaffPage(request, reply, signedIn(request), '修改密码', passwordBody(signedIn(request), null)));

  app.post('/staff/password', async (request, reply) => {
    const session = signedIn(request);
    try {
      await auth.changePassword(session.user, body(request).current ?? '', body(request).next ?? '', requestActor(request));
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'validation_failed' && error.code !== 'forbidden')) throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '修改密码', passwordBody(session, error.message));
    }
    reply.clearCookie(sessionCookie, { path: '/' });
    // The change ends every session, this one included: say so on the sign-in page.
    return reply.redirect('/staff/sign-in?changed=password', 303);
  });

  app.get('/staff', async (request, reply) => {
    const session = signedIn(request);
    const actor = staffActor(request, session.user);
    const board = await disclosure.deadlines(actor);
    const overview = actor.agencyId === null ? await disclosure.deadlinesByAgency(actor) : null;
    return sendStaffPage(request, reply, session, '工作台', dashboardBody(session, board, overview));
  });

  async function sendCase(request: FastifyRequest, reply: FastifyReply, id: number, problem: string | null) {
    const session = signedIn(request);
    const actor = staffActor(request, session.user);
    const file = await disclosure.caseFile(id, actor);
    const notices = await disclosure.notices(id, actor);
    const names = await lookUpAuditNames(context.db, file.events);
    return sendStaffPage(request, reply, session, `申请 ${file.request.trackingCode}`, casePageBody(session, file, notices, todayInChina(), problem, names));
  }

  app.get('/staff/requests', async (request, reply) => {
    const session = signedIn(request);
    const query = request.query as Record<string, string>;
    const filter = Object.fromEntries(['code', 'state', 'from', 'to'].map((key) => [key, typeof query[key] === 'string' ? query[key]!.slice(0, 40) : '']));
    const actor = staffActor(request, session.user);
    try {
      const items = await disclosure.find({ ...filter, before: query.before }, actor);
      return sendStaffPage(request, reply, session, '查找申请', requestListBody(items, filter, actor.agencyId === null, null));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '查找申请', requestListBody([], filter, actor.agencyId === null, error.message));
    }
  });

  app.get('/staff/requests/:id', async (request, reply) => sendCase(request, reply, positiveId((request.params as { id: string }).id), null));

  app.post('/staff/requests/:id/:action', async (request, reply) => {
    const params = request.params as { id: string; action: string };
    const id = positiveId(params.id);
    const action = params.action as RequestAction;
    if (!isKeyOf(actionLabels, action)) throw new AppError('not_found', '没有这项操作');
    const session = signedIn(request);
    try {
      await disclosure.act(id, action, stepInput(request), staffActor(request, session.user));
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'validation_failed' && error.code !== 'invalid_transition')) throw error;
      reply.status(error.code === 'validation_failed' ? 400 : 409);
      return sendCase(request, reply, id, error.message);
    }
    return reply.redirect(`/staff/requests/${id}`, 303);
  });

  app.get('/staff/requests/:id/notices/:event', async (request, reply) => {
    const params = request.params as { id: string; event: string };
    const session = signedIn(request);
    const pdf = params.event.endsWith('.pdf');
    const notice = await disclosure.notice(positiveId(params.id), positiveId(params.event.replace(/\.pdf$/, '')), staffActor(request, session.user));
    if (pdf) {
      reply.type('application/pdf').header('content-disposition', `inline; filename="notice-${params.id}-${params.event}"`);
      return noticePdf(notice, context.config.font);
    }
    return sendStaffPage(request, reply, session, notice.title, noticeHtml(notice));
  });

  app.get('/staff/requests/new', async (request, reply) => sendRegister(request, reply, {}, []));

  app.post('/staff/requests', async (request, reply) => {
    const session = signedIn(request);
    const values = formValues(request.body);
    try {
      const receipt = await disclosure.register(submissionFrom(values, true), staffActor(request, session.user));
      return reply.redirect(`/staff/requests/${receipt.id}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendRegister(request, reply, values, problemsOf(error));
    }
  });

  async function sendRegister(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, problems: string[]) {
    const session = signedIn(request);
    const mine = session.user.agencyId;
    const agencies = (await listAgencies(context.db)).filter((agency) => agency.id === mine);
    if (agencies.length === 0) throw new AppError('forbidden', '只有机关的工作人员可以登记本机关收到的申请');
    const today = todayInChina();
    const fields = html`<fieldset><legend>收到方式(《条例》第三十一条)</legend>
      <p class="field"><label for="f-channel">申请渠道</label><select id="f-channel" name="channel" required>${Object.entries(channels).filter(([code]) => code !== 'online').map(([code, label]) => html`<option value="${code}"${values.channel === code ? html` selected` : ''}>${label}</option>`)}</select></p>
      <p class="field"><label for="f-submittedOn">提交(寄出)日期</label><input id="f-submittedOn" name="submittedOn" type="date" value="${values.submittedOn ?? today}" required></p>
      <p class="field"><label for="f-signedOn">签收日期(需签收的邮寄)</label><input id="f-signedOn" name="signedOn" type="date" value="${values.signedOn ?? ''}"></p>
      <p class="field"><label for="f-confirmedOn">与申请人确认的日期(平常信函、传真、电子邮件)</label><input id="f-confirmedOn" name="confirmedOn" type="date" value="${values.confirmedOn ?? ''}"></p>
    </fieldset>`;
    return sendStaffPage(request, reply, session, '登记申请', requestFormBody(agencies, { agencyId: String(mine), ...values }, problems, { action: '/staff/requests', hidden: csrfField(session), fields }));
  }
}
