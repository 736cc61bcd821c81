import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Session } from '../../core/auth/index.ts';
import { isAppError } from '../../core/errors.ts';
import { optionalId } from '../../core/validation.ts';
import { listAgencies, type Agency } from '../../modules/agencies/index.ts';
import { html, type Html } from '../html.ts';
import { positiveId } from '../portal/portal.routes.ts';
import { csrfField, sendStaffPage } from './staff.pages.ts';
import { requestActor, requireRole, signedIn } from './staff.session.ts';

/** The agency register (system administrators): the tree, agencies added by hand, codes, short names, parents and aliases. */

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

export function registerAgencyScreens(app: FastifyInstance, context: AppContext): void {
  app.get('/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), null, null));
  });

  app.post('/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const agency = await context.agencies.add({ name: body.name ?? '', parentId: optionalId(body.parentId, '上级机关') ?? null }, session.user, requestActor(request));
      return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), `已添加「${agency.name}」`, null));
    } catch (error) {
      if (!isAppError(error) || !['validation_failed', 'conflict'].includes(error.code)) throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '机关名录', agenciesBody(session, await listAgencies(context.db), null, error.message));
    }
  });

  app.post('/api/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const input = (request.body ?? {}) as Record<string, unknown>;
    reply.status(201);
    return context.agencies.add({ name: String(input.name ?? ''), parentId: optionalId(input.parentId, '上级机关') ?? null }, session.user, requestActor(request));
  });

  // The agency register: system administrators set codes, short names, parents and aliases.
  app.put('/api/staff/agencies/:id', async (request) => {
    const session = signedIn(request);
    const input = (request.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (value === undefined ? undefined : value === null ? null : String(value));
    return context.agencies.update(positiveId((request.params as { id: string }).id), {
      code: text(input.code),
      shortName: text(input.shortName),
      parentId: optionalId(input.parentId, '上级机关'),
      aliases: Array.isArray(input.aliases) ? input.aliases.map(String) : undefined,
    }, session.user, requestActor(request));
  });
}
