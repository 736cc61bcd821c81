import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { readAuditLog, verifyAuditChain, type AuditEntry, type AuditFilter } from '../../core/audit/audit.ts';
import { roles, type Role, type Session, type StaffUser } from '../../core/auth/index.ts';
import { dayNumberOf } from '../../core/calendar/index.ts';
import { isAppError } from '../../core/errors.ts';
import { listAgencies, type Agency } from '../../modules/agencies/index.ts';
import { html, queryString, type Html } from '../html.ts';
import { positiveId } from '../portal/portal.routes.ts';
import { csrfField, sendStaffPage } from './staff.pages.ts';
import { requestActor, requireRole } from './staff.session.ts';

/** Administration: accounts (system and agency administrators) and the audit log (supervisors and system administrators). */

type Listed = StaffUser & { disabled: boolean; locked: boolean };

function usersBody(session: Session, users: Listed[], agencies: Agency[], notice: Html | null, problem: string | null): Html {
  const admin = session.user.role === 'system_admin';
  const choosable = admin ? agencies : agencies.filter((agency) => agency.id === session.user.agencyId);
  const roleChoices = (admin ? Object.entries(roles) : Object.entries(roles).filter(([code]) => code === 'clerk' || code === 'agency_admin')) as [Role, string][];
  return html`<h1>账号管理</h1>
  ${notice ? html`<div role="status" class="notice">${notice}</div>` : ''}
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <table><thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">机关</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
  <tbody>${users.map((user) => html`<tr><td>${user.username}</td><td>${user.displayName}</td><td>${roles[user.role]}</td><td>${user.agencyName ?? '(全部机关)'}</td>
    <td>${user.disabled ? '已停用' : user.locked ? '暂时锁定' : user.mustChangePassword ? '待改密码' : '正常'}</td>
    <td><form method="post" action="/staff/users/${user.id}/reset-password">${csrfField(session)}<button type="submit" aria-label="重置 ${user.username} 的密码">重置密码</button></form></td></tr>`)}</tbody></table>
  <h2>新建账号</h2>
  <form method="post" action="/staff/users">${csrfField(session)}
    <p class="field"><label for="u-username">用户名(小写字母开头)</label><input id="u-username" name="username" required maxlength="40"></p>
    <p class="field"><label for="u-name">姓名</label><input id="u-name" name="displayName" required maxlength="50"></p>
    <p class="field"><label for="u-role">角色</label><select id="u-role" name="role">${roleChoices.map(([code, label]) => html`<option value="${code}">${label}</option>`)}</select></p>
    <p class="field"><label for="u-agency">机关(经办人员、机关管理员必选)</label><select id="u-agency" name="agencyId">${admin ? html`<option value="">(不属于某一机关)</option>` : ''}${choosable.map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select></p>
    <p><button type="submit">创建</button></p>
  </form>`;
}

const oneTimeNotice = (username: string, password: string) => html`<p>账号 <strong>${username}</strong> 的一次性密码:<strong class="code">${password}</strong></p><p>只显示这一次。请当面或通过安全渠道交给本人,首次登录后须修改。</p>`;

function auditBody(entries: AuditEntry[], filter: Record<string, string>, chain: Html | null): Html {
  const last = entries.at(-1);
  return html`<h1>审计日志</h1>
  ${chain ?? html`<p><a href="/staff/audit/verify">核对哈希链</a>(逐条重算,日志越大越慢)</p>`}
  <form method="get" action="/staff/audit">
    <p class="field"><label for="l-actor">操作人(如 user:3、public)</label><input id="l-actor" name="actor" value="${filter.actor ?? ''}" maxlength="60"></p>
    <p class="field"><label for="l-action">操作(前缀,如 disclosure.)</label><input id="l-action" name="action" value="${filter.action ?? ''}" maxlength="60"></p>
    <p class="field"><label for="l-subject">对象类型与编号(如 disclosure_request 12)</label><input id="l-subject" name="subject" value="${filter.subject ?? ''}" maxlength="80"></p>
    <p class="field"><label for="l-from">起始日期</label><input id="l-from" name="from" type="date" value="${filter.from ?? ''}"></p>
    <p class="field"><label for="l-to">截止日期</label><input id="l-to" name="to" type="date" value="${filter.to ?? ''}"></p>
    <p><button type="submit">筛选</button></p>
  </form>
  <table><thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">地址</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">变更</th></tr></thead>
  <tbody>${entries.map((e) => html`<tr><td>${e.id}</td><td>${e.at}</td><td>${e.actor}</td><td>${e.address ?? ''}</td><td>${e.action}</td><td>${e.subjectType} ${e.subjectId}</td>
    <td><details><summary>前后</summary><pre>${JSON.stringify({ before: e.before, after: e.after }, null, 1)}</pre></details></td></tr>`)}</tbody></table>
  ${last && entries.length === 100 ? html`<p><a href="/staff/audit${queryString({ ...filter, before: last.id })}">更早的记录</a></p>` : ''}`;
}

/** The filter from the query string, each value checked (dates must exist, ids be numbers). */
function auditFilter(query: Record<string, unknown>): { filter: AuditFilter; echo: Record<string, string> } {
  const text = (name: string, max = 80) => (typeof query[name] === 'string' ? (query[name] as string).trim().slice(0, max) : '');
  const date = (name: string) => (dayNumberOf(text(name)) !== null ? text(name) : undefined);
  const [subjectType, subjectId] = text('subject').split(/\s+/);
  const before = /^\d{1,15}$/.test(text('before')) ? Number(text('before')) : undefined;
  return {
    filter: { actor: text('actor') || undefined, action: text('action') || undefined, subjectType: subjectType || undefined, subjectId: subjectId || undefined, from: date('from'), to: date('to'), beforeId: before },
    echo: { actor: text('actor'), action: text('action'), subject: text('subject'), from: date('from') ?? '', to: date('to') ?? '' },
  };
}

function agenciesBody(session: Session, agencies: Agency[], notice: string | null, problem: string | null): Html {
  const children = new Map<number | null, Agency[]>();
  for (const agency of agencies) children.set(agency.parentId, [...(children.get(agency.parentId) ?? []), agency]);
  const branch = (parent: number | null): Html => {
    const list = children.get(parent) ?? [];
    return list.length === 0
      ? html``
      : html`<ul>${list.map((a) => html`<li>${a.name}${a.code ? html`(代码 ${a.code})` : ''}${a.aliases.length > 0 ? html` <span class="muted">又称 ${a.aliases.join('、')}</span>` : ''}${branch(a.id)}</li>`)}</ul>`;
  };
  return html`<h1>机关名录</h1>
  ${notice ? html`<p role="status" class="notice">${notice}</p>` : ''}
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <p>名录由入库文件的发文机关自动生成;代码、简称、别名可用 <code>gongkai agency set</code> 或数据接口修改。</p>
  ${branch(null)}
  <h2>添加机关</h2>
  <form method="post" action="/staff/agencies">${csrfField(session)}
    <p class="field"><label for="g-name">机关全称</label><input id="g-name" name="name" required maxlength="40"></p>
    <p class="field"><label for="g-parent">上级机关</label><select id="g-parent" name="parentId"><option value="">(无)</option>${agencies.map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select></p>
    <p><button type="submit">添加</button></p>
  </form>`;
}

export function registerAdminScreens(app: FastifyInstance, context: AppContext): void {
  app.get('/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), null, null));
  });

  app.post('/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const agency = await context.agencies.add({ name: body.name ?? '', parentId: body.parentId ? positiveId(body.parentId) : null }, session.user, requestActor(request));
      return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), `已添加「${agency.name}」`, null));
    } catch (error) {
      if (!isAppError(error) || !['validation_failed', 'conflict'].includes(error.code)) throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), null, error.message));
    }
  });

  const { auth } = context;
  const managers = ['system_admin', 'agency_admin'] as const;

  async function sendUsers(request: FastifyRequest, reply: FastifyReply, session: Session, notice: Html | null, problem: string | null) {
    const [users, agencies] = await Promise.all([auth.listUsers(session.user), listAgencies(context.db)]);
    return sendStaffPage(request, reply, session, '账号管理', usersBody(session, users, agencies, notice, problem));
  }

  app.get('/staff/users', async (request, reply) => sendUsers(request, reply, requireRole(request, ...managers), null, null));

  app.post('/staff/users', async (request, reply) => {
    const session = requireRole(request, ...managers);
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const created = await auth.createUser(
        { username: body.username ?? '', displayName: body.displayName ?? '', role: (body.role ?? '') as Role, agencyId: body.agencyId ? positiveId(body.agencyId) : null },
        session.user,
        requestActor(request),
      );
      return sendUsers(request, reply, session, oneTimeNotice(body.username!, created.password!), null);
    } catch (error) {
      if (!isAppError(error) || !['validation_failed', 'conflict', 'forbidden'].includes(error.code)) throw error;
      reply.status(error.code === 'forbidden' ? 403 : 400);
      return sendUsers(request, reply, session, null, error.message);
    }
  });

  app.post('/staff/users/:id/reset-password', async (request, reply) => {
    const session = requireRole(request, ...managers);
    const id = positiveId((request.params as { id: string }).id);
    const password = await auth.resetPassword(id, session.user, requestActor(request));
    const user = (await auth.listUsers(session.user)).find((u) => u.id === id)!;
    return sendUsers(request, reply, session, oneTimeNotice(user.username, password), null);
  });

  app.get('/api/staff/users', async (request) => ({ items: await auth.listUsers(requireRole(request, ...managers).user) }));

  app.get('/staff/audit', async (request, reply) => {
    const session = requireRole(request, 'supervisor', 'system_admin');
    const { filter, echo } = auditFilter(request.query as Record<string, unknown>);
    return sendStaffPage(request, reply, session, '审计日志', auditBody(await readAuditLog(context.db, filter), echo, null));
  });

  app.get('/staff/audit/verify', async (request, reply) => {
    const session = requireRole(request, 'supervisor', 'system_admin');
    const check = await verifyAuditChain(context.db);
    const chain = check.broken
      ? html`<p role="alert" class="alert">哈希链在第 ${check.broken.id} 号事件处断裂:${check.broken.reason === 'content_changed' ? '该条内容已被改动' : '其前一条已被删除或改动'}。</p>`
      : html`<p role="status" class="notice">共 ${check.events} 条,哈希链逐条核对无误;链尾哈希 <code>${check.head ?? ''}</code>。</p>`;
    return sendStaffPage(request, reply, session, '审计日志', auditBody(await readAuditLog(context.db, {}), {}, chain));
  });

  app.get('/api/staff/audit', async (request) => {
    requireRole(request, 'supervisor', 'system_admin');
    return { items: await readAuditLog(context.db, auditFilter(request.query as Record<string, unknown>).filter) };
  });
}
