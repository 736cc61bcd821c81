import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { html, type Html } from '../../server/html.ts';
import { positiveId } from '../../server/http.params.ts';
import { sendPage } from '../../server/portal/parts.ts';
import type { PublishedDocumentResults, PublishedTaskResult } from './supervision.results.queries.ts';
import { taskStates } from './supervision.types.ts';

const done = (results: PublishedDocumentResults) => results.tasks.filter((task) => task.state === 'completed' || task.state === 'completed_late').length;
const late = (results: PublishedDocumentResults) => results.tasks.filter((task) => task.overdue).length;

/** The supervision results the government publishes, by document: each task's agencies, due date and state, no internal notes. */
export function registerSupervisionResultPages(app: FastifyInstance, context: AppContext): void {
  app.get('/supervision-results', async (request, reply) => sendPage(request, reply, '督查落实情况', resultsListBody(await context.supervisionResults.published())));
  app.get('/supervision-results/:id', async (request, reply) => {
    const results = await context.supervisionResults.publishedDocument(positiveId((request.params as { id: string }).id));
    return sendPage(request, reply, `${results.title}落实情况`, resultsBody(results));
  });
}

function resultsListBody(documents: PublishedDocumentResults[]): Html {
  return html`<h1>督查落实情况</h1>
    <p>政府文件确定的工作任务分解到牵头单位和责任单位,按完成时限督查督办;以下为已公开的落实情况。审计发现问题的整改情况见<a href="/audit-results">审计整改结果公告</a>。</p>
    ${documents.length === 0 ? html`<p>暂无公开的督查落实情况。</p>` : html`<table>
      <caption>已公开落实情况的文件</caption>
      <thead><tr><th scope="col">文件</th><th scope="col">任务</th><th scope="col">已完成</th><th scope="col">逾期未完成</th><th scope="col">公开日期</th></tr></thead>
      <tbody>${documents.map(
        (results) => html`<tr><td><a href="/supervision-results/${results.documentId}">${results.title}</a>${results.docNumber ? html`<br><span class="muted">${results.docNumber}</span>` : ''}</td>
          <td>${results.tasks.length}</td><td>${done(results)}</td><td>${late(results)}</td><td>${results.publishedOn}</td></tr>`,
      )}</tbody>
    </table>`}`;
}

const stateOf = (task: PublishedTaskResult) => `${taskStates[task.state]}${task.closedOn ? `(${task.closedOn})` : ''}${task.overdue ? '(已逾期)' : ''}`;

function resultsBody(results: PublishedDocumentResults): Html {
  return html`<h1>${results.title}落实情况</h1>
    <p>${results.docNumber ? html`文号:${results.docNumber};` : ''}共 ${results.tasks.length} 项任务,已完成 ${done(results)} 项,逾期未完成 ${late(results)} 项;${results.publishedOn} 公开,所列情况随办理进展更新。<a href="/documents/${results.documentId}">查看文件原文</a></p>
    <table>
      <caption>任务落实情况</caption>
      <thead><tr><th scope="col">序号</th><th scope="col">任务</th><th scope="col">牵头单位</th><th scope="col">责任单位</th><th scope="col">完成时限</th><th scope="col">落实情况</th></tr></thead>
      <tbody>${results.tasks.map(
        (task, index) => html`<tr><td>${task.seq ?? index + 1}</td><td>${task.text}</td><td>${task.lead.join('、') || '—'}</td><td>${task.responsible.join('、') || '—'}</td>
          <td>${task.dueOn}</td><td>${stateOf(task)}</td></tr>`,
      )}</tbody>
    </table>
    <p><a href="/supervision-results">全部督查落实情况</a></p>`;
}
