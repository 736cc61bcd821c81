import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { isAppError } from '../../core/errors.ts';
import { html, type Html } from '../../server/html.ts';
import { declaredFieldsHtml } from '../../server/portal/declared.fields.ts';
import { pager, sendPage } from '../../server/portal/parts.ts';
import { checkProofOfWork, proofOfWorkField } from '../../server/proof-of-work.ts';
import { postedFields, problemsOf, publicActor, submissionRateLimit, trackingRateLimit, withoutBlanks } from '../../server/public.http.ts';
import { listAgencies } from '../agencies/index.ts';
import { wishForm } from './wishes.actions.ts';
import { wishOutcomes, wishStates, type PublishedWish, type WishCounts, type WishTracking } from './wishes.types.ts';

/** The public side of requests for unlisted data: the answered ones with their counts, the form, the tracking page. Works without JavaScript. */
const pageSize = 20;

export function registerWishPages(app: FastifyInstance, context: AppContext): void {
  const { catalogueWishes: wishes } = context;
  const formPage = async (request: FastifyRequest, values: Record<string, string>, problems: string[]) =>
    formBody((await listAgencies(context.db)).map((agency) => ({ value: String(agency.id), label: agency.name })), values, problems, proofOfWorkField(request));

  app.get('/catalogue/wishes', async (request, reply) => {
    const raw = String((request.query as Record<string, unknown>).page ?? '');
    const page = /^\d{1,4}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
    const { items, counts } = await wishes.published(page, pageSize);
    return sendPage(request, reply, '目录外数据需求', listBody(items, counts, page));
  });

  app.get('/catalogue/wishes/new', async (request, reply) => sendPage(request, reply, '提出数据需求', await formPage(request, {}, [])));

  app.post('/catalogue/wishes', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const values = postedFields(request.body, Object.keys(wishForm));
    try {
      await checkProofOfWork(request);
      const receipt = await wishes.submit(withoutBlanks(values), publicActor(request));
      return reply.redirect(`/catalogue/wishes/track/${receipt.trackingCode}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendPage(request, reply, '需求未提交', await formPage(request, values, problemsOf(error)));
    }
  });

  app.get('/catalogue/wishes/track', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = String((request.query as Record<string, unknown>).code ?? '').trim().slice(0, 40);
    if (code) return reply.redirect(`/catalogue/wishes/track/${encodeURIComponent(code.toUpperCase())}`, 303);
    return sendPage(request, reply, '查询数据需求', lookupBody('', false));
  });

  app.get('/catalogue/wishes/track/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const tracking = await wishes.track(code);
    reply.header('cache-control', 'no-store');
    if (!tracking) {
      reply.status(404);
      return sendPage(request, reply, '没有找到数据需求', lookupBody(code, true));
    }
    return sendPage(request, reply, '数据需求办理情况', trackingBody(tracking, (request.query as Record<string, unknown>).submitted === '1'));
  });
}

function listBody(items: PublishedWish[], counts: WishCounts, page: number): Html {
  return html`<h1>目录外数据需求</h1>
  <p>公共数据开放目录中没有您需要的数据,可以在此提出需求。区大数据中心会同相关单位答复,答复结果在本页公开(不公开提出人的信息)。</p>
  <p><a class="button" href="/catalogue/wishes/new">提出数据需求</a> <a href="/catalogue/wishes/track">查询办理情况</a> <a href="/catalogue">返回公共数据开放目录</a></p>
  <p>共收到需求 <strong>${counts.received}</strong> 项,已答复 <strong>${counts.answered}</strong> 项,待答复 <strong>${counts.open}</strong> 项。</p>
  ${items.length === 0
    ? html`<p>暂无已答复的需求。</p>`
    : html`<table class="list"><caption>已答复的需求</caption><thead><tr><th scope="col">需求</th><th scope="col">提出日期</th><th scope="col">答复结果</th><th scope="col">答复</th><th scope="col">答复单位及日期</th></tr></thead><tbody>
      ${items.map((item) => html`<tr><td>${item.title}</td><td>${item.receivedOn}</td><td>${wishOutcomes[item.outcome]}${item.resourceId ? html`(<a href="/catalogue/${item.resourceId}">查看数据</a>)` : ''}</td><td>${item.answer}</td><td>${item.answeredBy} ${item.answeredOn}</td></tr>`)}
    </tbody></table>`}
  ${pager(page, Math.ceil(counts.answered / pageSize), (n) => `/catalogue/wishes?page=${n}`)}`;
}

function formBody(agencies: { value: string; label: string }[], values: Record<string, string>, problems: string[], proofOfWork: Html | ''): Html {
  return html`<h1>提出数据需求</h1>
  ${problems.length > 0 ? html`<div role="alert" class="alert" tabindex="-1" id="problems"><h2>需求未提交,请修改以下内容:</h2><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
  <p>请说明需要什么数据、用于什么用途。提交后会得到一个<strong>查询码</strong>,凭它查看答复,无需注册。</p>
  <p class="muted">带 * 的为必填项。姓名和联系方式不公开。</p>
  <form method="post" action="/catalogue/wishes" class="request-form" novalidate>
    ${declaredFieldsHtml(wishForm, values, { agencies })}
    ${proofOfWork}
    <p><button type="submit">提交需求</button></p>
  </form>`;
}

function lookupBody(code: string, notFound: boolean): Html {
  return html`<h1>查询数据需求办理情况</h1>
  ${notFound ? html`<p role="alert">没有找到查询码为「${code}」的数据需求,请核对后重试。</p>` : ''}
  <form method="get" action="/catalogue/wishes/track">
    <p class="field"><label for="f-code">查询码</label><input id="f-code" name="code" value="${code}" maxlength="40" required></p>
    <p><button type="submit">查询</button></p>
  </form>`;
}

function trackingBody(tracking: WishTracking, submitted: boolean): Html {
  return html`<h1>数据需求办理情况</h1>
  ${submitted ? html`<div role="status" class="notice"><p><strong>需求已提交。</strong>请记下查询码 <strong class="code">${tracking.trackingCode}</strong>,凭它查看答复。</p></div>` : ''}
  <table class="meta">
    <tr><th scope="row">查询码</th><td>${tracking.trackingCode}</td></tr>
    <tr><th scope="row">需要的数据</th><td>${tracking.title}</td></tr>
    <tr><th scope="row">提出日期</th><td>${tracking.receivedOn}</td></tr>
    <tr><th scope="row">办理状态</th><td>${wishStates[tracking.state]}</td></tr>
    ${tracking.outcome ? html`<tr><th scope="row">答复结果</th><td>${wishOutcomes[tracking.outcome]}${tracking.resourceId ? html`(<a href="/catalogue/${tracking.resourceId}">查看数据</a>)` : ''}</td></tr>` : ''}
    ${tracking.answeredOn ? html`<tr><th scope="row">答复日期</th><td>${tracking.answeredOn}</td></tr>` : ''}
  </table>
  ${tracking.answer ? html`<h2>答复</h2><div class="reply">${tracking.answer.split('\n').map((line) => html`<p>${line}</p>`)}</div>` : ''}`;
}
