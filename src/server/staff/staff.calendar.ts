import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { parseCalendarFile, type LoadedYear } from '../../core/calendar/index.ts';
import type { Session } from '../../core/auth/index.ts';
import type { DeadlineRule } from '../../core/clock/index.ts';
import { isAppError } from '../../core/errors.ts';
import { html, type Html } from '../html.ts';
import { csrfField, sendStaffPage } from './staff.pages.ts';
import { requestActor, requireRole } from './staff.session.ts';

/** The official calendar, for system administrators: the years loaded and their sources; load or correct a year. */
function calendarBody(session: Session, years: LoadedYear[], problem: string | null, done: string | null, values: Record<string, string>): Html {
  return html`<h1>节假日安排</h1>
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  ${done ? html`<p role="status" class="notice">${done}</p>` : ''}
  <p>期限按国务院办公厅每年公布的节假日安排计算。尚未载入的年份只按周末估算,并在期限旁注明“估算”。</p>
  <h2>载入或更正一年</h2>
  <form method="post" action="/staff/calendar">${csrfField(session)}
    <p class="field"><label for="c-source">来源(通知名称和文号)</label><input id="c-source" name="source" required maxlength="200" value="${values.source ?? ''}"></p>
    <p class="field"><label for="c-days">安排(每行一天或一段:日期 休|班 名称)</label>
    <textarea id="c-days" name="days" rows="10" required placeholder="2027-01-01 休 元旦&#10;2027-02-06~2027-02-12 休 春节&#10;2027-02-14 班 春节">${values.days ?? ''}</textarea></p>
    <p><button type="submit">载入</button></p>
  </form>
  <h2>已载入的年份</h2>
  <table><thead><tr><th scope="col">年份</th><th scope="col">休息日</th><th scope="col">调休上班</th><th scope="col">来源</th><th scope="col">载入</th></tr></thead>
    <tbody>${[...years].reverse().map((y) => html`<tr><th scope="row">${y.year}</th><td>${y.holidays}</td><td>${y.workdays}</td><td>${y.source}</td><td>${y.loadedBy} ${y.loadedAt}</td></tr>`)}</tbody></table>`;
}

function rulesBody(session: Session, rules: DeadlineRule[], notice: string | null, problem: string | null): Html {
  const unit = (rule: DeadlineRule) => (rule.unit === 'working_days' ? '个工作日' : '日');
  return html`<h1>法定期限</h1>
  ${notice ? html`<p role="status" class="notice">${notice}</p>` : ''}
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <p>各项计时所依据的期限及其来源。规定变化时在此修改;修改只适用于此后开始计时的事项,已开始的仍按原期限。</p>
  <table><thead><tr><th scope="col">期限</th><th scope="col">天数</th><th scope="col">依据</th><th scope="col">修改</th></tr></thead>
  <tbody>${rules.map((rule) => html`<tr><th scope="row">${rule.label}<br><code>${rule.code}</code></th><td>${rule.limit} ${unit(rule)}</td><td>${rule.source}</td>
    <td><form method="post" action="/staff/rules/${rule.code}">${csrfField(session)}
      <label for="r-${rule.code}-limit" class="visually-hidden">${rule.label}的天数</label><input id="r-${rule.code}-limit" name="limit" type="number" min="1" max="3650" value="${rule.limit}">
      <label for="r-${rule.code}-source" class="visually-hidden">${rule.label}的依据</label><input id="r-${rule.code}-source" name="source" value="${rule.source}" maxlength="300">
      <button type="submit">保存</button></form></td></tr>`)}</tbody></table>`;
}

export function registerCalendarScreen(app: FastifyInstance, context: AppContext): void {
  const sortedRules = async () => [...(await context.clocks.context()).rules.values()].sort((a, b) => a.code.localeCompare(b.code));

  app.get('/staff/rules', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    return sendStaffPage(request, reply, session, '法定期限', rulesBody(session, await sortedRules(), null, null));
  });

  app.post('/staff/rules/:code', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const code = (request.params as { code: string }).code;
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      const rule = await context.clocks.setRule(code, { limit: Number(body.limit), source: body.source ?? '' }, requestActor(request));
      return sendStaffPage(request, reply, session, '法定期限', rulesBody(session, await sortedRules(), `「${rule.label}」已改为 ${rule.limit} 天`, null));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '法定期限', rulesBody(session, await sortedRules(), null, error.message));
    }
  });

  app.get('/staff/calendar', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    return sendStaffPage(request, reply, session, '节假日安排', calendarBody(session, await context.calendar.years(), null, null, {}));
  });

  app.post('/staff/calendar', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const values = { source: String((request.body as Record<string, unknown>).source ?? ''), days: String((request.body as Record<string, unknown>).days ?? '').slice(0, 20_000) };
    try {
      const year = parseCalendarFile(values.days, { source: values.source });
      const { clocksRefreshed } = await context.loadCalendarYear(year, requestActor(request));
      const done = `已载入 ${year.year} 年的节假日安排,并重新计算了 ${clocksRefreshed} 个期限。`;
      return sendStaffPage(request, reply, session, '节假日安排', calendarBody(session, await context.calendar.years(), null, done, {}));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendStaffPage(request, reply, session, '节假日安排', calendarBody(session, await context.calendar.years(), error.message, null, values));
    }
  });
}
