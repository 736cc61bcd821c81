import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { isAppError } from '../../core/errors.ts';
import { html, queryString, type Html } from '../../server/html.ts';
import { declaredFieldsHtml } from '../../server/portal/declared.fields.ts';
import { pager, sendPage } from '../../server/portal/parts.ts';
import { checkProofOfWork, proofOfWorkField } from '../../server/proof-of-work.ts';
import { postedFields, problemsOf, publicActor, submissionRateLimit, trackingRateLimit, withoutBlanks } from '../../server/public.http.ts';
import { listAgencies } from '../agencies/index.ts';
import { getDocument, todayInChina } from '../documents/index.ts';
import { messageForm, ratingForm } from './participation.actions.ts';
import { messageKinds, ratings, type MessageTracking, type PublishedMessage } from './participation.types.ts';

/** The public side of messages, server-rendered and usable without JavaScript. */
const pageSize = 20;


export function registerMessagePages(app: FastifyInstance, context: AppContext): void {
  const agencyOptions = async () => (await listAgencies(context.db)).map((agency) => ({ value: String(agency.id), label: agency.name }));
  const formPage = async (request: FastifyRequest, values: Record<string, string>, problems: string[], document: { id: number; title: string } | null) =>
    messageFormBody(await agencyOptions(), values, problems, document, proofOfWorkField(request));

  app.get('/messages', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = /^\d{1,4}$/.test(String(query.page ?? '')) ? Math.max(1, Number(query.page)) : 1;
    const kind = typeof query.kind === 'string' && Object.hasOwn(messageKinds, query.kind) ? (query.kind as keyof typeof messageKinds) : undefined;
    const agencyId = /^\d{1,12}$/.test(String(query.agency ?? '')) ? Number(query.agency) : undefined;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 50) : '';
    const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
    const found = await context.participation.published({ agencyId, kind, words, page, pageSize });
    return sendPage(request, reply, '政民互动', publishedBody(found.items, found, page, { q, kind, agencyId }, await agencyOptions()));
  });

  app.get('/messages/new', async (request, reply) => {
    const raw = String((request.query as Record<string, unknown>).document ?? '');
    const document = /^\d{1,12}$/.test(raw) ? await documentNamed(context, Number(raw)) : null;
    return sendPage(request, reply, '我要留言', await formPage(request, document ? { documentId: String(document.id) } : {}, [], document));
  });

  app.post('/messages', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const values = postedFields(request.body, Object.keys(messageForm));
    try {
      await checkProofOfWork(request);
      const receipt = await context.participation.submit(withoutBlanks(values), publicActor(request));
      return reply.redirect(`/messages/track/${receipt.trackingCode}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      const document = values.documentId && /^\d{1,12}$/.test(values.documentId) ? await documentNamed(context, Number(values.documentId)) : null;
      return sendPage(request, reply, '留言未提交', await formPage(request, values, problemsOf(error), document));
    }
  });

  app.get('/messages/track', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = String((request.query as Record<string, unknown>).code ?? '').trim().slice(0, 40);
    if (code) return reply.redirect(`/messages/track/${encodeURIComponent(code.toUpperCase())}`, 303);
    return sendPage(request, reply, '查询留言办理情况', lookupBody('', false));
  });

  app.get('/messages/track/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const tracking = await context.participation.track(code);
    reply.header('cache-control', 'no-store');
    if (!tracking) {
      reply.status(404);
      return sendPage(request, reply, '没有找到留言', lookupBody(code, true));
    }
    const query = request.query as Record<string, unknown>;
    return sendPage(request, reply, '留言办理情况', trackingBody(tracking, { submitted: query.submitted === '1', rated: query.rated === '1' }, []));
  });

  app.post('/messages/track/:code/rating', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    try {
      await context.participation.rate(code, postedFields(request.body, Object.keys(ratingForm)), publicActor(request));
      return reply.redirect(`/messages/track/${encodeURIComponent(code)}?rated=1`, 303);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'validation_failed' && error.code !== 'invalid_transition')) throw error;
      const tracking = await context.participation.track(code);
      if (!tracking) throw error;
      reply.status(400);
      return sendPage(request, reply, '评价未提交', trackingBody(tracking, { submitted: false, rated: false }, problemsOf(error)));
    }
  });
}

async function documentNamed(context: AppContext, id: number): Promise<{ id: number; title: string } | null> {
  const document = await getDocument(context.db, id, todayInChina());
  return document ? { id, title: document.title } : null;
}

const problemsHtml = (problems: string[], heading: string) =>
  problems.length > 0 ? html`<div role="alert" class="alert" tabindex="-1" id="problems"><h2>${heading}</h2><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : '';

function messageFormBody(agencies: { value: string; label: string }[], values: Record<string, string>, problems: string[], document: { id: number; title: string } | null, proofOfWork: Html | ''): Html {
  return html`<h1>我要留言</h1>
  ${problemsHtml(problems, '留言未提交,请修改以下内容:')}
  <p>咨询、建议、投诉均可。办理机关一般在 5 个工作日内答复,简单咨询 1 个工作日内答复。提交后会得到一个<strong>查询码</strong>,凭它查看答复,无需注册。</p>
  <p class="muted">带 * 的为必填项。姓名和联系方式只有办理机关的工作人员能看到;公开的留言经审核去除个人信息。</p>
  <form method="post" action="/messages" class="request-form" novalidate>
    ${document ? html`<p class="notice">就文件《${document.title}》留言,由发文机关答复。</p><input type="hidden" name="documentId" value="${document.id}">` : ''}
    ${declaredFieldsHtml(messageForm, values, { agencies }, Object.keys(messageForm).filter((name) => name !== 'documentId'))}
    ${proofOfWork}
    <p><button type="submit">提交留言</button></p>
  </form>`;
}

function lookupBody(code: string, notFound: boolean): Html {
  return html`<h1>查询留言办理情况</h1>
  ${notFound ? html`<p role="alert">没有找到查询码为「${code}」的留言,请核对后重试。</p>` : ''}
  <form method="get" action="/messages/track">
    <p class="field"><label for="f-code">查询码</label><input id="f-code" name="code" value="${code}" maxlength="40" required></p>
    <p><button type="submit">查询</button></p>
  </form>`;
}

function trackingBody(tracking: MessageTracking, shown: { submitted: boolean; rated: boolean }, problems: string[]): Html {
  return html`<h1>留言办理情况</h1>
  ${shown.submitted ? html`<div role="status" class="notice"><p><strong>留言已提交。</strong>请记下查询码 <strong class="code">${tracking.trackingCode}</strong>,凭它查看答复。</p></div>` : ''}
  ${shown.rated ? html`<div role="status" class="notice"><p>感谢您的评价。</p></div>` : ''}
  ${problemsHtml(problems, '评价未提交:')}
  <table class="meta">
    <tr><th scope="row">查询码</th><td>${tracking.trackingCode}</td></tr>
    <tr><th scope="row">办理机关</th><td>${tracking.agencyName}</td></tr>
    <tr><th scope="row">受理日期</th><td>${tracking.receivedOn}</td></tr>
    <tr><th scope="row">办理状态</th><td>${tracking.state}</td></tr>
    ${tracking.dueOn ? html`<tr><th scope="row">答复期限</th><td>${tracking.dueOn} 前(按法定工作日计算)</td></tr>` : ''}
    ${tracking.repliedOn ? html`<tr><th scope="row">答复日期</th><td>${tracking.repliedOn}</td></tr>` : ''}
  </table>
  ${tracking.reply ? html`<h2>答复</h2><div class="reply">${tracking.reply.split('\n').map((line) => html`<p>${line}</p>`)}</div>` : ''}
  ${tracking.reply && !tracking.rating
    ? html`<form method="post" action="/messages/track/${tracking.trackingCode}/rating" class="request-form">${declaredFieldsHtml(ratingForm, {})}<p><button type="submit">提交评价</button></p></form>`
    : ''}
  ${tracking.rating ? html`<p>您的评价:${ratings[tracking.rating]}</p>` : ''}
  <h2>办理记录</h2>
  <ol class="timeline">${tracking.steps.map((step) => html`<li><time datetime="${step.on}">${step.on}</time> ${step.note}</li>`)}</ol>`;
}

function publishedBody(items: PublishedMessage[], { total, totalExact }: { total: number; totalExact: boolean }, page: number, filter: { q: string; kind?: string; agencyId?: number }, agencies: { value: string; label: string }[]): Html {
  const link = (n: number) => `/messages${queryString({ q: filter.q || undefined, kind: filter.kind, agency: filter.agencyId, page: n > 1 ? n : undefined })}`;
  return html`<h1>政民互动</h1>
  <p><a class="button" href="/messages/new">我要留言</a> <a href="/messages/track">查询办理情况</a></p>
  <form method="get" action="/messages" class="filters">
    <p class="field"><label for="m-q">关键词</label><input id="m-q" name="q" value="${filter.q}" maxlength="50"></p>
    <p class="field"><label for="m-kind">类别</label><select id="m-kind" name="kind"><option value="">全部</option>
      ${Object.entries(messageKinds).map(([key, label]) => html`<option value="${key}"${filter.kind === key ? html` selected` : ''}>${label}</option>`)}</select></p>
    <p class="field"><label for="m-agency">答复部门</label><select id="m-agency" name="agency"><option value="">全部</option>
      ${agencies.map((a) => html`<option value="${a.value}"${String(filter.agencyId ?? '') === a.value ? html` selected` : ''}>${a.label}</option>`)}</select></p>
    <p><button type="submit">筛选</button></p>
  </form>
  <p>${totalExact ? `共 ${total} 条` : `超过 ${total} 条`}公开的留言及答复。</p>
  ${items.length === 0 ? html`<p>没有符合条件的留言。</p>` : ''}
  ${items.map((item) => html`<article class="message">
    <h2>${item.subject} <span class="badge">${messageKinds[item.kind]}</span></h2>
    <p>${item.body}</p>
    <dl class="meta-line"><dt>受理日期</dt><dd>${item.receivedOn}</dd><dt>答复日期</dt><dd>${item.repliedOn}</dd><dt>答复部门</dt><dd>${item.agencyName}</dd></dl>
    <div class="reply"><strong>答复:</strong>${item.reply.split('\n').map((line) => html`<p>${line}</p>`)}</div>
    ${item.rating ? html`<p class="muted">留言人评价:${ratings[item.rating]}</p>` : ''}
  </article>`)}
  ${pager(page, Math.ceil(total / pageSize), link)}`;
}
