import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { readAuditLog, verifyAuditChain, type AuditEntry, type AuditFilter } from '../../core/audit/audit.ts';
import { z } from 'zod';
import { blankToUndefined, isoDate, optionalText, parseInput, wholeNumber } from '../../core/validation.ts';
import { isAppError } from '../../core/errors.ts';
import { auditActionLabel, auditActorLabel, auditSubjectLabel, type AuditNames } from '../audit.labels.ts';
import { lookUpAuditNames } from '../audit.names.ts';
import { html, queryString, type Html } from '../html.ts';
import { sendStaffPage } from './staff.pages.ts';
import { requireRole } from './staff.session.ts';

/** The audit log for supervisors and system administrators: filtered, paged, and its hash chain checked on demand. */

/** Names and Chinese labels in the cells; the recorded codes in each cell's title, and in the filter above. */
function auditBody(entries: AuditEntry[], names: AuditNames, filter: Record<string, string>, chain: Html | null): Html {
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
  <tbody>${entries.map((e) => html`<tr><td>${e.id}</td><td>${e.at}</td><td title="${e.actor}">${auditActorLabel(e.actor, names)}</td><td>${e.address ?? ''}</td><td title="${e.action}">${auditActionLabel(e.action)}</td><td title="${e.subjectType} ${e.subjectId}">${auditSubjectLabel(e.subjectType, e.subjectId, names)}</td>
    <td><details><summary>前后</summary><pre>${JSON.stringify({ before: e.before, after: e.after }, null, 1)}</pre></details></td></tr>`)}</tbody></table>
  ${last && entries.length === 100 ? html`<p><a href="/staff/audit${queryString({ ...filter, before: last.id })}">更早的记录</a></p>` : ''}`;
}

/** The filter as the query string gives it: blank means "any"; a value that cannot be right is a clear 400 naming the field. */
const filterSchema = z.object({
  actor: optionalText('操作人', 60),
  action: optionalText('操作', 60),
  subject: optionalText('对象', 80),
  from: z.preprocess(blankToUndefined, isoDate('起始日期').optional()),
  to: z.preprocess(blankToUndefined, isoDate('截止日期').optional()),
  before: z.preprocess(blankToUndefined, wholeNumber('翻页位置').optional()),
});

/** The filter from the query string, each value checked (dates must exist, ids be numbers). */
function auditFilter(query: Record<string, unknown>): { filter: AuditFilter; echo: Record<string, string> } {
  const checked = parseInput(filterSchema, query);
  const [subjectType, subjectId] = (checked.subject ?? '').split(/\s+/);
  return {
    filter: { actor: checked.actor, action: checked.action, subjectType: subjectType || undefined, subjectId: subjectId || undefined, from: checked.from, to: checked.to, beforeId: checked.before },
    echo: { actor: checked.actor ?? '', action: checked.action ?? '', subject: checked.subject ?? '', from: checked.from ?? '', to: checked.to ?? '' },
  };
}

export function registerAuditScreens(app: FastifyInstance, context: AppContext): void {
  app.get('/staff/audit', async (request, reply) => {
    const session = requireRole(request, 'supervisor', 'system_admin');
    try {
      const { filter, echo } = auditFilter(request.query as Record<string, unknown>);
      const entries = await readAuditLog(context.db, filter);
      return sendStaffPage(request, reply, session, '审计日志', auditBody(entries, await lookUpAuditNames(context.db, entries), echo, null));
    } catch (error) {
      // A filter that cannot be right is said so above the empty form, not silently dropped.
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '审计日志', auditBody([], { users: {}, subjects: {} }, {}, html`<p role="alert" class="alert">筛选条件有误:${error.message}</p>`));
    }
  });

  app.get('/staff/audit/verify', async (request, reply) => {
    const session = requireRole(request, 'supervisor', 'system_admin');
    const check = await verifyAuditChain(context.db);
    const chain = check.broken
      ? html`<p role="alert" class="alert">哈希链在第 ${check.broken.id} 号事件处断裂:${check.broken.reason === 'content_changed' ? '该条内容已被改动' : '其前一条已被删除或改动'}。</p>`
      : html`<p role="status" class="notice">共 ${check.events} 条,哈希链逐条核对无误;链尾哈希 <code>${check.head ?? ''}</code>。</p>`;
    const entries = await readAuditLog(context.db, {});
    return sendStaffPage(request, reply, session, '审计日志', auditBody(entries, await lookUpAuditNames(context.db, entries), {}, chain));
  });

  app.get('/api/staff/audit/verify', async (request) => {
    requireRole(request, 'supervisor', 'system_admin');
    return verifyAuditChain(context.db);
  });

  app.get('/api/staff/audit', async (request) => {
    requireRole(request, 'supervisor', 'system_admin');
    const items = await readAuditLog(context.db, auditFilter(request.query as Record<string, unknown>).filter);
    return { items, names: await lookUpAuditNames(context.db, items) };
  });
}
