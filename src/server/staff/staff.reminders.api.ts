import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { fields, parseInput } from '../../core/validation.ts';
import { requestActor, signedInWith } from './staff.session.ts';

/** Reminders of what falls due: each member of staff reads and clears their own, and chooses where they are mailed. */

const emailSchema = fields({
  email: z
    .string({ error: '电子邮箱应为文字' })
    .trim()
    .max(100, '电子邮箱不能超过 100 个字符')
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), '电子邮箱格式不正确'),
});

const readSchema = fields({
  ids: z.array(z.number({ error: '提醒编号应为数字' }).int().positive(), { error: '提醒编号应为数字列表' }).max(500, '一次最多标记 500 条').optional(),
});

export function registerReminderApi(app: FastifyInstance, context: AppContext): void {
  const { reminders } = context;

  // The dashboard: what falls due for my agency (every agency's for a supervisor), what waits, how many reminders I have not read.
  app.get('/api/staff/due', async (request) => reminders.overview(signedInWith(request, 'dashboard').user));

  // For the console's header, asked every few minutes: cheap.
  app.get('/api/staff/reminders/unread', async (request) => ({ unread: await reminders.unread(signedInWith(request, 'dashboard').user) }));

  app.get('/api/staff/reminders', async (request) => {
    const { user } = signedInWith(request, 'dashboard');
    const [items, email] = await Promise.all([reminders.reminders(user), reminders.email(user)]);
    return { items, email, mailEnabled: context.mail.enabled };
  });

  app.post('/api/staff/reminders/read', async (request) => {
    const { user } = signedInWith(request, 'dashboard');
    const { ids } = parseInput(readSchema, request.body ?? {});
    return { changed: await reminders.markRead(user, ids ?? null) };
  });

  app.post('/api/staff/reminders/email', async (request) => {
    const { user } = signedInWith(request, 'dashboard');
    const { email } = parseInput(emailSchema, request.body ?? {});
    await reminders.setEmail(user, email || null, requestActor(request));
    return { email: email || null };
  });
}
