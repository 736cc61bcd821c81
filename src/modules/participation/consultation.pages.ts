import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { isAppError } from '../../core/errors.ts';
import { html, type Html } from '../../server/html.ts';
import { declaredFieldsHtml } from '../../server/portal/declared.fields.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { checkProofOfWork, proofOfWorkField } from '../../server/proof-of-work.ts';
import { problemsOf, publicActor, submissionRateLimit, withoutBlanks } from '../../server/public.http.ts';
import { commentForm } from './consultation.actions.ts';
import type { PublicConsultation } from './consultation.service.ts';
import { adoptions, consultationStates, type ConsultationListItem, type PublicComment } from './consultation.types.ts';

/** The public side of consultations on drafts, server-rendered and usable without JavaScript. */
export function registerConsultationPages(app: FastifyInstance, context: AppContext): void {
  app.get('/consultations', async (request, reply) => sendPage(request, reply, '征求意见', listBody(await context.consultations.list())));

  app.get('/consultations/:id', async (request, reply) => {
    const view = await viewOf(context, (request.params as { id: string }).id);
    if (!view) {
      reply.status(404);
      return sendPage(request, reply, '没有找到', html`<h1>没有找到这项征求意见</h1><p><a href="/consultations">返回征求意见</a></p>`);
    }
    const commented = (request.query as Record<string, unknown>).commented === '1';
    return sendPage(request, reply, view.consultation.title, consultationBody(view, {}, [], commented, proofOfWorkField(request)));
  });

  app.post('/consultations/:id/comments', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const view = await viewOf(context, (request.params as { id: string }).id);
    if (!view) return reply.status(404).send();
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const values = Object.fromEntries(Object.keys(commentForm).filter((name) => typeof body[name] === 'string').map((name) => [name, (body[name] as string).slice(0, 4000)]));
    try {
      await checkProofOfWork(request);
      await context.consultations.comment(view.consultation.id, withoutBlanks(values), publicActor(request));
      return reply.redirect(`/consultations/${view.consultation.id}?commented=1#comment`, 303);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'validation_failed' && error.code !== 'invalid_transition')) throw error;
      reply.status(400);
      return sendPage(request, reply, '意见未提交', consultationBody(view, values, problemsOf(error), false, proofOfWorkField(request)));
    }
  });
}

async function viewOf(context: AppContext, raw: string): Promise<PublicConsultation | null> {
  return /^\d{1,12}$/.test(raw) ? context.consultations.view(Number(raw)) : null;
}

const paragraphs = (text: string) => text.split('\n').filter((line) => line.trim()).map((line) => html`<p>${line}</p>`);

function listBody(items: ConsultationListItem[]): Html {
  const section = (heading: string, rows: ConsultationListItem[]) => html`<h2>${heading}</h2>
    ${rows.length === 0 ? html`<p>暂无。</p>` : html`<ul class="consultations">${rows.map((item) => html`<li>
      <a href="/consultations/${item.id}">${item.title}</a>
      <span class="muted">${item.agencyName},${item.opensOn} 至 ${item.closesOn},收到意见 ${item.commentCount} 条${item.reportPublishedOn ? html`,${item.reportPublishedOn} 公布意见采纳情况` : ''}</span>
    </li>`)}</ul>`}`;
  return html`<h1>征求意见</h1>
  <p>行政机关起草的规范性文件、重大行政决策草案在此公开征求意见。无需注册即可提交意见;姓名和联系方式不公开,意见经审核后公开。决策文件印发后 10 个工作日内公布意见采纳情况。</p>
  ${section('正在征求意见', items.filter((i) => i.state === 'open'))}
  ${section('已结束', items.filter((i) => i.state === 'closed' || i.state === 'reported'))}
  ${section('即将开始', items.filter((i) => i.state === 'upcoming'))}`;
}

function commentHtml(comment: PublicComment, currentVersion: number): Html {
  return html`<li class="comment"><p>${comment.body}</p><p class="muted">${comment.receivedOn}${comment.draftVersion < currentVersion ? `（针对第 ${comment.draftVersion} 稿）` : ''}${comment.adoption ? html` · ${adoptions[comment.adoption]}${comment.adoptionReason ? html`:${comment.adoptionReason}` : ''}` : ''}</p></li>`;
}

function consultationBody(view: PublicConsultation, values: Record<string, string>, problems: string[], commented: boolean, proofOfWork: Html | ''): Html {
  const { consultation: c, state, articles, comments, counts, versions } = view;
  const commentItem = (comment: PublicComment) => commentHtml(comment, c.draftVersion);
  const beside = (label: string | null) => comments.filter((comment) => comment.article === label);
  return html`<h1>${c.title}</h1>
  <table class="meta">
    <tr><th scope="row">征求意见机关</th><td>${c.agencyName}</td></tr>
    <tr><th scope="row">征求意见期</th><td>${c.opensOn} 至 ${c.closesOn}${c.shortWindowReason ? html`(期限较短的理由:${c.shortWindowReason})` : ''}</td></tr>
    <tr><th scope="row">状态</th><td>${consultationStates[state]}</td></tr>
    <tr><th scope="row">收到意见</th><td>${counts.total} 条(已公开 ${counts.published} 条)</td></tr>
    ${versions.length > 1 ? html`<tr><th scope="row">征求意见稿</th><td>第 ${c.draftVersion} 稿(${versions.at(-1)!.revisedOn} 修改)</td></tr>` : ''}
    ${c.draftDocumentId ? html`<tr><th scope="row">草案文件</th><td><a href="/documents/${c.draftDocumentId}">${c.draftDocumentTitle}</a></td></tr>` : ''}
    ${c.decisionDocumentId ? html`<tr><th scope="row">决策文件</th><td><a href="/documents/${c.decisionDocumentId}">${c.decisionDocumentTitle}</a>(${c.decisionIssuedOn} 印发)</td></tr>` : ''}
  </table>
  ${c.report ? html`<section aria-labelledby="report"><h2 id="report">意见采纳情况</h2><p class="muted">${c.report.publishedOn} 公布</p>
    <h3>意见收集情况</h3>${paragraphs(c.report.summary)}
    <p>共收到意见 ${counts.total} 条,其中采纳 ${counts.adopted} 条,部分采纳 ${counts.partlyAdopted} 条,未采纳 ${counts.notAdopted} 条。</p>
    <h3>采纳情况</h3>${paragraphs(c.report.adopted)}
    <h3>较为集中的意见未予采纳的理由</h3>${paragraphs(c.report.notAdopted)}</section>` : ''}
  <h2>起草说明</h2>${paragraphs(c.explanation)}
  ${versions.length > 1 ? html`<h2>草案修改记录</h2><ol class="timeline">${versions.map((v) => html`<li><time datetime="${v.revisedOn}">${v.revisedOn}</time> 第 ${v.version} 稿:${v.reason}${v.version < c.draftVersion && v.draftText ? html`<details><summary>查看第 ${v.version} 稿全文</summary>${paragraphs(v.draftText)}</details>` : ''}</li>`)}</ol>` : ''}
  <h2>意见反馈方式</h2>${paragraphs(c.howToComment)}
  ${articles.length > 0 ? html`<h2>草案全文及意见</h2><ol class="articles">${articles.map((a) => html`<li class="article"><p>${a.text}</p>
    ${beside(a.label).length > 0 ? html`<details><summary>对${a.label}的意见(${beside(a.label).length})</summary><ul>${beside(a.label).map(commentItem)}</ul></details>` : ''}</li>`)}</ol>` : ''}
  ${beside(null).length > 0 ? html`<h2>对草案整体的意见</h2><ul>${beside(null).map(commentItem)}</ul>` : ''}
  <h2 id="comment">发表意见</h2>
  ${commented ? html`<div role="status" class="notice"><p><strong>意见已提交。</strong>经审核后公开,您的姓名和联系方式不会公开。</p></div>` : ''}
  ${problems.length > 0 ? html`<div role="alert" class="alert" tabindex="-1" id="problems"><h3>意见未提交,请修改以下内容:</h3><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
  ${state === 'open'
    ? html`<form method="post" action="/consultations/${c.id}/comments" class="request-form" novalidate>
      <p class="muted">带 * 的为必填项。</p>
      ${articles.length > 0 ? html`<p class="field"><label for="f-article">${commentForm.article.label}</label><select id="f-article" name="article"><option value="">草案整体</option>
        ${articles.map((a) => html`<option value="${a.label}"${values.article === a.label ? html` selected` : ''}>${a.label}</option>`)}</select></p>` : ''}
      ${declaredFieldsHtml(commentForm, values, {}, ['body', 'name', 'contact'])}
      ${proofOfWork}
      <p><button type="submit">提交意见</button></p></form>`
    : html`<p>${state === 'upcoming' ? `征求意见将于 ${c.opensOn} 开始。` : '征求意见期已结束。'}</p>`}`;
}
