import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { roles, type Role } from '../../core/auth/index.ts';
import { choice, fields, optionalId, parseInput, text } from '../../core/validation.ts';
import { positiveId } from '../http.params.ts';
import { requestActor, signedInWith } from './staff.session.ts';

/** Accounts: system administrators manage every account, agency administrators their own agency's. */

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

export function registerUserApi(app: FastifyInstance, context: AppContext): void {
  const { auth } = context;

  // Stopping and starting accounts.
  for (const [step, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/api/staff/users/:id/${step}`, async (request) => {
      const session = signedInWith(request, 'manageUsers');
      await auth.setDisabled(positiveId((request.params as { id: string }).id), disabled, session.user, requestActor(request));
      return { disabled };
    });
  }

  app.get('/api/staff/users', async (request) => ({ items: await auth.listUsers(signedInWith(request, 'manageUsers').user) }));
  app.post('/api/staff/users', async (request, reply) => {
    const session = signedInWith(request, 'manageUsers');
    const created = await auth.createUser(newUserOf(request.body), session.user, requestActor(request));
    reply.status(201);
    return { id: created.id, oneTimePassword: created.password };
  });
  app.post('/api/staff/users/:id/reset-password', async (request) => {
    const session = signedInWith(request, 'manageUsers');
    return { oneTimePassword: await auth.resetPassword(positiveId((request.params as { id: string }).id), session.user, requestActor(request)) };
  });
}
