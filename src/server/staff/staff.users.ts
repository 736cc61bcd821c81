import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { roles, type Role, type Session, type StaffUser } from '../../core/auth/index.ts';
import { isAppError } from '../../core/errors.ts';
import { choice, fields, optionalId, parseInput, text } from '../../core/validation.ts';
import { listAgencies, type Agency } from '../../modules/agencies/index.ts';
import { html, type Html } from '../html.ts';
import { positiveId } from '../portal/portal.routes.ts';
import { csrfField, sendStaffPage } from './staff.pages.ts';
import { requestActor, requireRole } from './staff.session.ts';

/** Accounts: system administrators manage every account, agency administrators their own agency's. */

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
    <td><form method="post" action="/staff/users/${user.id}/reset-password">${csrfField(session)}<button type="submit" aria-label="重置密码:${user.username}">重置密码</button></form>
      ${user.id === session.user.id ? '' : html`<form method="post" action="/staff/users/${user.id}/${user.disabled ? 'enable' : 'disable'}">${csrfField(session)}<button type="submit" aria-label="${user.disabled ? '启用' : '停用'}:${user.username}">${user.disabled ? '启用' : '停用'}</button></form>`}</td></tr>`)}</tbody></table>
  <h2>新建账号</h2>
  <form method="post" action="/staff/users">${csrfField(session)}
    <p class="field"><label for="u-username">用户名(小写字母开头)</label><input id="u-username" name="username" required maxlength="40"></p>
    <p class="field"><label for="u-name">姓名</label><input id="u-name" name="displayName" required maxlength="50"></p>
    <p class="field"><label for="u-role">角色</label><select id="u-role" name="role">${roleChoices.map(([code, label]) => html`<option value="${code}">${label}</option>`)}</select></p>
    <p class="field"><label for="u-agency">机关(经办人员、机关管理员必选)</label><select id="u-agency" name="agencyId">${admin ? html`<option value="">(不属于某一机关)</option>` : ''}${choosable.map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select></p>
    <p><button type="submit">创建</button></p>
  </form>`;
}

/** A new account as a form or JSON sends it: the role is one of the four, never an inherited key. */
const newUserSchema = fields({
  username: text('用户名', 40),
  displayName: text('姓名', 50),
  role: choice(roles, '角色'),
  agencyId: z.unknown().optional(),
});
function newUserOf(body: unknown): { username: string; displayName: string; role: Role; agencyId: number | null } {
  const parsed = parseInput(newUserSchema, body ?? {});
  return { ...parsed, agencyId: optionalId(parsed.agencyId, '机关') ?? null };
}

const oneTimeNotice = (username: string, password: string) => html`<p>账号 <strong>${username}</strong> 的一次性密码:<strong class="code">${password}</strong></p><p>只显示这一次。请当面或通过安全渠道交给本人,首次登录后须修改。</p>`;

export function registerUserScreens(app: FastifyInstance, context: AppContext): void {
  const { auth } = context;
  const managers = ['system_admin', 'agency_admin'] as const;

  async function sendUsers(request: FastifyRequest, reply: FastifyReply, session: Session, notice: Html | null, problem: string | null) {
    const [users, agencies] = await Promise.all([auth.listUsers(session.user), listAgencies(context.db)]);
    return sendStaffPage(request, reply, session, '账号管理', usersBody(session, users, agencies, notice, problem));
  }

  app.get('/staff/users', async (request, reply) => sendUsers(request, reply, requireRole(request, ...managers), null, null));

  app.post('/staff/users', async (request, reply) => {
    const session = requireRole(request, ...managers);
    try {
      const input = newUserOf(request.body);
      const created = await auth.createUser(input, session.user, requestActor(request));
      return sendUsers(request, reply, session, oneTimeNotice(input.username, created.password!), null);
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

  // Stopping and starting accounts: the page and the API.
  for (const [step, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/staff/users/:id/${step}`, async (request, reply) => {
      const session = requireRole(request, ...managers);
      try {
        await auth.setDisabled(positiveId((request.params as { id: string }).id), disabled, session.user, requestActor(request));
      } catch (error) {
        if (!isAppError(error) || error.code !== 'forbidden') throw error;
        reply.status(403);
        return sendUsers(request, reply, session, null, error.message);
      }
      return sendUsers(request, reply, session, html`<p>${disabled ? '账号已停用,其登录随即失效。' : '账号已启用。'}</p>`, null);
    });
    app.post(`/api/staff/users/:id/${step}`, async (request) => {
      const session = requireRole(request, ...managers);
      await auth.setDisabled(positiveId((request.params as { id: string }).id), disabled, session.user, requestActor(request));
      return { disabled };
    });
  }

  app.get('/api/staff/users', async (request) => ({ items: await auth.listUsers(requireRole(request, ...managers).user) }));
  app.post('/api/staff/users', async (request, reply) => {
    const session = requireRole(request, ...managers);
    const created = await auth.createUser(newUserOf(request.body), session.user, requestActor(request));
    reply.status(201);
    return { id: created.id, oneTimePassword: created.password };
  });
  app.post('/api/staff/users/:id/reset-password', async (request) => {
    const session = requireRole(request, ...managers);
    return { oneTimePassword: await auth.resetPassword(positiveId((request.params as { id: string }).id), session.user, requestActor(request)) };
  });
}
