import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Session } from '../../core/auth/index.ts';
import { isAppError } from '../../core/errors.ts';
import { attributes, publicationStates, type PublicationView, type Queues } from '../../modules/publication/index.ts';
import { html, type Html } from '../html.ts';
import { positiveId } from '../portal/portal.routes.ts';
import { csrfField, sendStaffPage } from './staff.pages.ts';
import { signedIn, staffActor } from './staff.session.ts';

/** Proactive disclosure for clerks: drafts, submission (退文 or publication), corrections as versions. */

type Values = Record<string, string>;

const draftFields = ['title', 'docNumber', 'signedOn', 'addressees', 'bodyText', 'attribute', 'notPublicReason', 'interpretationText'] as const;

function valuesOf(publication: PublicationView | null): Values {
  if (!publication) return {};
  return {
    title: publication.title,
    docNumber: publication.docNumber ?? '',
    signedOn: publication.signedOn,
    addressees: publication.addressees ?? '',
    bodyText: publication.bodyText,
    attribute: publication.attribute ?? '',
    notPublicReason: publication.notPublicReason ?? '',
    interpretationText: publication.interpretationText ?? '',
    normative: publication.normative ? 'on' : '',
    policy: publication.policy ? 'on' : '',
  };
}

/** The form's values as the service's input: checkboxes as booleans, empty fields left out. */
function draftInput(body: Values) {
  const input: Record<string, unknown> = { normative: body.normative === 'on', policy: body.policy === 'on' };
  for (const name of draftFields) if (body[name]) input[name] = body[name];
  return input;
}

function draftForm(session: Session, action: string, values: Values, submitLabel: string): Html {
  const input = (name: string, label: string, type = 'text', max = 200) =>
    html`<p class="field"><label for="d-${name}">${label}</label><input id="d-${name}" name="${name}" type="${type}" value="${values[name] ?? ''}" maxlength="${max}"></p>`;
  const area = (name: string, label: string, rows: number) =>
    html`<p class="field"><label for="d-${name}">${label}</label><textarea id="d-${name}" name="${name}" rows="${rows}">${values[name] ?? ''}</textarea></p>`;
  const check = (name: string, label: string) => html`<p><input id="d-${name}" name="${name}" type="checkbox"${values[name] === 'on' ? html` checked` : ''}> <label for="d-${name}">${label}</label></p>`;
  return html`<form method="post" action="${action}">${csrfField(session)}
    ${input('title', '标题')}${input('docNumber', '发文字号(如 长府办发〔2026〕12号)', 'text', 50)}${input('signedOn', '成文日期', 'date')}
    ${input('addressees', '主送机关', 'text', 300)}${area('bodyText', '正文', 14)}
    <fieldset><legend>公开属性(源头认定)</legend>
      <p class="field"><label for="d-attribute">公开属性</label><select id="d-attribute" name="attribute"><option value="">(未确定)</option>
        ${Object.entries(attributes).map(([code, label]) => html`<option value="${code}"${values.attribute === code ? html` selected` : ''}>${label}</option>`)}</select></p>
      ${input('notPublicReason', '不予公开的法定理由', 'text', 500)}
    </fieldset>
    <fieldset><legend>政策解读(谁起草、谁解读)</legend>
      ${check('normative', '行政规范性文件')}${check('policy', '政策性文件(须同步报送解读)')}
      ${area('interpretationText', '解读材料', 8)}
    </fieldset>
    <p><button type="submit">${submitLabel}</button></p>
  </form>`;
}

function queuesBody(queues: Queues<PublicationView>): Html {
  const section = (title: string, hint: string, items: PublicationView[]) =>
    items.length === 0 ? html`` : html`<h2>${title}(${items.length})</h2><p class="muted">${hint}</p><ul>${items.map((p) => html`<li><a href="/staff/publications/${p.id}">${p.title}</a>(${p.signedOn})</li>`)}</ul>`;
  return html`${section('逾期未公开', '成文后 20 个工作日内应当公开。', queues.publishOverdue)}
    ${section('未公开的规范性文件', '未经公开的规范性文件不得作为行政管理依据。', queues.notUsableAsBasis)}
    ${section('年度自查', '每年一月对上一年度未公开的文件逐件复核,应当公开的及时公开。', queues.januarySelfCheck)}
    ${section('定期复核', '不予公开的文件满一年未复核的,应当复核,符合条件的转为主动公开。', queues.periodicReview)}`;
}

function listBody(items: PublicationView[], queues: Queues<PublicationView>): Html {
  return html`<h1>主动公开</h1>
  <p><a class="button" href="/staff/publications/new">拟制新文件</a></p>
  ${queuesBody(queues)}
  <h2>全部文件</h2>
  ${items.length === 0
    ? html`<p>还没有文件。</p>`
    : html`<table><thead><tr><th scope="col">标题</th><th scope="col">状态</th><th scope="col">成文日期</th><th scope="col">公开期限(成文后 20 个工作日)</th></tr></thead>
      <tbody>${items.map((p) => html`<tr><td><a href="/staff/publications/${p.id}">${p.title}</a></td><td>${publicationStates[p.state]}${p.version > 1 ? `(第 ${p.version} 版)` : ''}</td><td>${p.signedOn}</td>
        <td>${p.normative && p.state !== 'published' ? html`<span class="badge">不得作为行政管理依据</span> ` : ''}${p.clock ? html`${p.clock.status === 'stopped' ? '已办结' : p.clock.due}${p.clock.overdue ? html` <span class="overdue">${p.clock.status === 'stopped' ? '逾期公开' : '已逾期'}</span>` : ''}` : ''}</td></tr>`)}</tbody></table>`}`;
}

function pageBody(session: Session, publication: PublicationView, problem: string | null): Html {
  const editable = publication.state === 'draft' || publication.state === 'returned';
  return html`<h1>${publication.title}</h1>
  <p class="state">${publicationStates[publication.state]}${publication.version > 0 ? `,第 ${publication.version} 版` : ''}</p>
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  ${publication.state === 'returned'
    ? html`<div role="alert" class="alert"><h2>退文理由</h2><ul>${publication.returnedReasons.map((reason) => html`<li>${reason}</li>`)}</ul></div>`
    : ''}
  ${publication.documentIds.length > 0 ? html`<p>已进入政府文件库:${publication.documentIds.map((id, i) => html`${i > 0 ? '、' : ''}<a href="/documents/${id}">${i === 0 ? '文件' : '解读'}</a>`)}</p>` : ''}
  ${editable
    ? html`${draftForm(session, `/staff/publications/${publication.id}`, valuesOf(publication), '保存草稿')}
      <form method="post" action="/staff/publications/${publication.id}/submit">${csrfField(session)}<p><button type="submit">报送公开</button></p></form>`
    : publication.state === 'published'
      ? html`<h2>发布更正版本</h2><p>已公开的文件不能直接修改;更正会形成新版本,并在公开页面显示版本记录。</p>
        <form method="post" action="/staff/publications/${publication.id}/corrections">${csrfField(session)}
          <p class="field"><label for="c-body">更正后的正文</label><textarea id="c-body" name="bodyText" rows="14">${publication.bodyText}</textarea></p>
          <p class="field"><label for="c-reason">更正理由</label><input id="c-reason" name="reason" maxlength="500" required></p>
          <p><button type="submit">发布更正</button></p></form>
        ${publication.invalidKind
          ? html`<p>已标注${publication.invalidKind === 'repealed' ? '废止' : '失效'}(${publication.invalidOn} 起;${publication.invalidMarkedOn} 标注)。</p>`
          : html`<h2>标注废止或失效</h2><p>文件废止或失效后 20 个工作日内应在原文上醒目标注。</p>
            <form method="post" action="/staff/publications/${publication.id}/invalid">${csrfField(session)}
              <p class="field"><label for="m-kind">类别</label><select id="m-kind" name="kind"><option value="repealed">废止</option><option value="expired">失效</option></select></p>
              <p class="field"><label for="m-on">废止或失效的日期</label><input id="m-on" name="eventOn" type="date" required></p>
              <p><button type="submit">标注</button></p></form>`}`
      : publication.state === 'filed'
        ? html`<h2>复核</h2><p>${attributes[publication.attribute!]}${publication.notPublicReason ? `:${publication.notPublicReason}` : ''};上次复核 ${publication.reviewedOn ?? '—'}${publication.reviewNote ? `(${publication.reviewNote})` : ''}。</p>
          <form method="post" action="/staff/publications/${publication.id}/review">${csrfField(session)}
            <p class="field"><label for="r-decision">复核结论</label><select id="r-decision" name="decision"><option value="keep">继续不主动公开</option><option value="publish">转为主动公开</option></select></p>
            <p class="field"><label for="r-note">复核意见</label><input id="r-note" name="note" maxlength="1000" required></p>
            <p><button type="submit">提交复核</button></p></form>`
        : ''}`;
}

export function registerPublicationScreens(app: FastifyInstance, context: AppContext): void {
  const { publication } = context;
  const actor = (request: FastifyRequest) => staffActor(request, signedIn(request).user);
  const body = (request: FastifyRequest) => (request.body ?? {}) as Values;

  async function sendOne(request: FastifyRequest, reply: FastifyReply, id: number, problem: string | null) {
    const found = (await publication.list(actor(request))).find((p) => p.id === id);
    if (!found) {
      reply.status(404);
      return sendStaffPage(request, reply, signedIn(request), '没有这份文件', html`<h1>没有这份文件</h1>`);
    }
    return sendStaffPage(request, reply, signedIn(request), found.title, pageBody(signedIn(request), found, problem));
  }

  /** Validation and state errors come back on the page; anything else is the error handler's. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, id: number, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      if (!isAppError(error) || !['validation_failed', 'invalid_transition'].includes(error.code)) throw error;
      reply.status(error.code === 'validation_failed' ? 400 : 409);
      return sendOne(request, reply, id, error.message);
    }
    return reply.redirect(`/staff/publications/${id}`, 303);
  }

  app.get('/staff/publications', async (request, reply) => {
    const [items, queues] = await Promise.all([publication.list(actor(request)), publication.queues(actor(request))]);
    return sendStaffPage(request, reply, signedIn(request), '主动公开', listBody(items, queues));
  });

  app.post('/staff/publications/:id/review', async (request, reply) => {
    const id = positiveId((request.params as { id: string }).id);
    return attempt(request, reply, id, () => publication.review(id, { decision: body(request).decision, note: body(request).note }, actor(request)));
  });

  app.get('/staff/publications/new', async (request, reply) => {
    const session = signedIn(request);
    return sendStaffPage(request, reply, session, '拟制新文件', html`<h1>拟制新文件</h1>${draftForm(session, '/staff/publications', {}, '保存草稿')}`);
  });

  app.post('/staff/publications', async (request, reply) => {
    const session = signedIn(request);
    try {
      const id = await publication.createDraft(draftInput(body(request)), actor(request));
      return reply.redirect(`/staff/publications/${id}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '拟制新文件', html`<h1>拟制新文件</h1><p role="alert" class="alert">${error.message}</p>${draftForm(session, '/staff/publications', body(request), '保存草稿')}`);
    }
  });

  app.get('/staff/publications/:id', async (request, reply) => sendOne(request, reply, positiveId((request.params as { id: string }).id), null));

  app.post('/staff/publications/:id', async (request, reply) => {
    const id = positiveId((request.params as { id: string }).id);
    return attempt(request, reply, id, () => publication.updateDraft(id, draftInput(body(request)), actor(request)));
  });

  app.post('/staff/publications/:id/submit', async (request, reply) => {
    const id = positiveId((request.params as { id: string }).id);
    return attempt(request, reply, id, () => publication.submit(id, actor(request)));
  });

  app.post('/staff/publications/:id/invalid', async (request, reply) => {
    const id = positiveId((request.params as { id: string }).id);
    return attempt(request, reply, id, () => publication.markInvalid(id, { kind: body(request).kind, eventOn: body(request).eventOn }, actor(request)));
  });

  app.post('/staff/publications/:id/corrections', async (request, reply) => {
    const id = positiveId((request.params as { id: string }).id);
    return attempt(request, reply, id, () => publication.correct(id, { bodyText: body(request).bodyText, reason: body(request).reason }, actor(request)));
  });
}
