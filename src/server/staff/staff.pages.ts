import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordRules } from '../../core/auth/auth.rules.ts';
import { roles, type Session } from '../../core/auth/index.ts';
import { requestStates, type AgencyDeadlines, type Deadlines, type ListedRequest } from '../../modules/disclosure/index.ts';
import { html, queryString, type Html } from '../html.ts';
import { renderPage } from '../portal/layout.ts';
import { largeTextPreferred } from '../portal/parts.ts';

/** Staff pages share the portal's shell, with the staff navigation and the sign-out form. */
export function sendStaffPage(request: FastifyRequest, reply: FastifyReply, session: Session, title: string, body: Html) {
  reply.type('text/html; charset=utf-8');
  const { user, csrfToken } = session;
  return renderPage({
    title,
    body,
    path: request.url,
    largeText: largeTextPreferred(request),
    staff: {
      name: user.displayName,
      role: roles[user.role],
      csrfToken,
      isAdmin: user.role === 'system_admin',
      managesUsers: user.role === 'system_admin' || user.role === 'agency_admin',
      readsAudit: user.role === 'system_admin' || user.role === 'supervisor',
    },
  });
}

export const csrfField = (session: Session) => html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;

/** `notice`: what just happened, e.g. a changed password ended the session. */
export function signInBody(next: string, problem: string | null, notice: string | null = null): Html {
  return html`<h1>工作人员登录</h1>
  ${notice && !problem ? html`<p role="status" class="notice">${notice}</p>` : ''}
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <form method="post" action="/staff/sign-in">
    <input type="hidden" name="next" value="${next}">
    <p class="field"><label for="s-username">用户名</label><input id="s-username" name="username" autocomplete="username" required maxlength="40"></p>
    <p class="field"><label for="s-password">密码</label><input id="s-password" name="password" type="password" autocomplete="current-password" required maxlength="200"></p>
    <p><button type="submit">登录</button></p>
  </form>`;
}

export function passwordBody(session: Session, problem: string | null): Html {
  return html`<h1>修改密码</h1>
  ${session.user.mustChangePassword ? html`<p class="notice">这是一次性密码,请先设置自己的密码。</p>` : ''}
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <form method="post" action="/staff/password">${csrfField(session)}
    <p class="field"><label for="p-current">当前密码</label><input id="p-current" name="current" type="password" autocomplete="current-password" required></p>
    <p class="field"><label for="p-next">新密码(至少 12 个字符)</label><input id="p-next" name="next" type="password" autocomplete="new-password" required minlength="12" maxlength="200" aria-describedby="p-rules"></p>
    <div id="p-rules"><p>新密码的要求:</p><ul>${passwordRules.map(({ rule }) => html`<li>${rule === '不能包含用户名' ? `不能包含用户名「${session.user.username}」` : rule}</li>`)}</ul></div>
    <p><button type="submit">保存</button></p>
  </form>`;
}

function dueCell(item: Deadlines['items'][number], today: string, soon: string): Html {
  if (!item.dueOn) return html`<td>暂停计时</td>`;
  const flag = item.dueOn < today ? html` <span class="overdue">已逾期</span>` : item.dueOn <= soon ? html` <span class="badge">即将到期</span>` : '';
  return html`<td>${item.dueOn}${item.estimated ? '(估算)' : ''}${flag}</td>`;
}

export function dashboardBody(session: Session, board: Deadlines, overview: AgencyDeadlines[] | null): Html {
  const { counts } = board;
  return html`<h1>依申请公开工作台${session.user.agencyName ? html`:${session.user.agencyName}` : ''}</h1>
  <ul class="plain" aria-label="办理概况">
    <li>办理中 <strong>${counts.open}</strong> 件;已逾期 <strong class="overdue">${counts.overdue}</strong> 件;3 个工作日内(${board.soon} 前)到期 <strong>${counts.dueSoon}</strong> 件;暂停计时 ${counts.paused} 件;逾期录入 ${counts.registeredLate} 件</li>
  </ul>
  ${overview
    ? html`<h2>各机关办理情况</h2><table><thead><tr><th scope="col">机关</th><th scope="col">办理中</th><th scope="col">已逾期</th><th scope="col">即将到期</th></tr></thead>
      <tbody>${overview.map((row) => html`<tr><th scope="row">${row.agencyName}</th><td>${row.open}</td><td>${row.overdue}</td><td>${row.dueSoon}</td></tr>`)}</tbody></table>`
    : ''}
  <h2>最紧迫的申请</h2>
  <p><a href="/staff/requests">查找全部申请(含已办结)</a></p>
  ${board.items.length === 0
    ? html`<p>没有办理中的申请。</p>`
    : html`<table><thead><tr><th scope="col">查询码</th>${overview ? html`<th scope="col">机关</th>` : ''}<th scope="col">状态</th><th scope="col">收到日期</th><th scope="col">答复期限</th></tr></thead>
      <tbody>${board.items.map((item) => html`<tr><td><a href="/staff/requests/${item.id}">${item.trackingCode}</a></td>${overview ? html`<td>${item.agencyName}</td>` : ''}
        <td>${requestStates[item.state]}${item.registeredLate ? '(逾期录入)' : ''}</td><td>${item.receivedOn}</td>${dueCell(item, board.today, board.soon)}</tr>`)}</tbody></table>`}`;
}

/** Every request, open or closed, found by tracking code, state and date received; 50 a page, newest first. */
export function requestListBody(items: ListedRequest[], filter: Record<string, string>, showAgency: boolean, problem: string | null): Html {
  const last = items.at(-1);
  return html`<h1>查找申请</h1>
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <form method="get" action="/staff/requests">
    <p class="field"><label for="q-code">查询码</label><input id="q-code" name="code" value="${filter.code ?? ''}" maxlength="40"></p>
    <p class="field"><label for="q-state">状态</label><select id="q-state" name="state"><option value="">(全部)</option>${Object.entries(requestStates).map(([code, label]) => html`<option value="${code}"${filter.state === code ? html` selected` : ''}>${label}</option>`)}</select></p>
    <p class="field"><label for="q-from">收到日期自</label><input id="q-from" name="from" type="date" value="${filter.from ?? ''}"></p>
    <p class="field"><label for="q-to">至</label><input id="q-to" name="to" type="date" value="${filter.to ?? ''}"></p>
    <p><button type="submit">查找</button></p>
  </form>
  ${items.length === 0
    ? html`<p>没有符合条件的申请。</p>`
    : html`<table><thead><tr><th scope="col">查询码</th>${showAgency ? html`<th scope="col">机关</th>` : ''}<th scope="col">状态</th><th scope="col">收到日期</th><th scope="col">答复期限</th><th scope="col">办结日期</th></tr></thead>
      <tbody>${items.map((item) => html`<tr><td><a href="/staff/requests/${item.id}">${item.trackingCode}</a></td>${showAgency ? html`<td>${item.agencyName}</td>` : ''}
        <td>${requestStates[item.state]}</td><td>${item.receivedOn}</td><td>${item.dueOn ?? ''}</td><td>${item.closedOn ?? ''}</td></tr>`)}</tbody></table>`}
  ${last && items.length === 50 ? html`<p><a href="/staff/requests${queryString({ ...filter, before: last.id })}">更早的申请</a></p>` : ''}`;
}
