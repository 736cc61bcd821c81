import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { parseCalendarFile } from '../../core/calendar/index.ts';
import { AppError } from '../../core/errors.ts';
import { requestActor, signedInWith } from './staff.session.ts';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/**
 * The official holiday calendar and the deadline rules, for system
 * administrators (the console's 节假日安排 and 法定期限 screens). Loading a year
 * recomputes the running clocks; a changed rule applies to clocks started after it.
 */
export function registerCalendarApi(app: FastifyInstance, context: AppContext): void {
  app.get('/api/staff/calendar', async (request) => {
    signedInWith(request, 'manageCalendar');
    return { items: await context.calendar.years() };
  });

  app.get('/api/staff/calendar/:year', async (request) => {
    signedInWith(request, 'manageCalendar');
    const year = Number((request.params as { year: string }).year);
    if (!Number.isInteger(year) || year < 1949 || year > 2200) throw new AppError('not_found', '没有这个年份');
    const loaded = await context.calendar.year(year);
    if (!loaded) throw new AppError('not_found', `${year} 年的节假日安排尚未载入`);
    return loaded;
  });

  // The days as an administrator writes them (one line per day or range: 日期 休|班 名称), or the chinese-days JSON file.
  app.post('/api/staff/calendar', async (request) => {
    signedInWith(request, 'manageCalendar');
    const input = (request.body ?? {}) as Record<string, unknown>;
    const year = parseCalendarFile(text(input.days, 20_000), { source: text(input.source, 200) });
    const { clocksRefreshed } = await context.loadCalendarYear(year, requestActor(request));
    return { year: year.year, days: year.days.length, clocksRefreshed };
  });

  app.get('/api/staff/rules', async (request) => {
    signedInWith(request, 'manageRules');
    return { items: [...(await context.clocks.context()).rules.values()].sort((a, b) => a.code.localeCompare(b.code)) };
  });

  app.put('/api/staff/rules/:code', async (request) => {
    signedInWith(request, 'manageRules');
    const input = (request.body ?? {}) as Record<string, unknown>;
    const code = text((request.params as { code: string }).code, 100);
    return context.clocks.setRule(code, { limit: Number(input.limit), source: text(input.source, 300) }, requestActor(request));
  });
}
