import { staffPolicy } from '../../core/auth/staff.policy.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { abilitiesOf } from '../../core/module.ts';
import { modules } from '../../modules/modules.ts';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { requestActor, sessionCookie, setSessionCookie, signedIn } from './staff.session.ts';

/**
 * The staff side as JSON, for integrations and the console: the same session
 * cookie, and the CSRF token in the x-csrf-token header on every change.
 */
/** What the console is told the user may do: the staff side's own abilities (`staff.*`) and every module's. */
function abilitiesFor(user: StaffUser): Record<string, boolean> {
  const own = Object.entries(staffPolicy.abilities(user)).map(([ability, allowed]) => [`staff.${ability}`, allowed]);
  return { ...Object.fromEntries(own), ...abilitiesOf(modules, user) };
}

export function registerStaffApi(app: FastifyInstance, context: AppContext): void {
  app.get('/api/staff/me', async (request) => {
    const { user, csrfToken, expiresAt } = signedIn(request);
    return { user, csrfToken, expiresAt, abilities: abilitiesFor(user) };
  });

  // Sign-in for the console: a wrong name or password is 401; the same lockout and rate limit as the form (see staff.session.ts).
  app.post('/api/staff/sign-in', async (request, reply) => {
    const input = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { token, session } = await context.auth.signIn(String(input.username ?? ''), String(input.password ?? ''), request.ip);
      setSessionCookie(request, reply, token, session);
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt, abilities: abilitiesFor(session.user) };
    } catch (error) {
      if (isAppError(error) && error.code === 'forbidden') throw new AppError('unauthenticated', error.message);
      throw error;
    }
  });

  app.post('/api/staff/sign-out', async (request, reply) => {
    await context.auth.signOut(request.cookies[sessionCookie]!, requestActor(request));
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true };
  });

  // A changed password ends every session of the user, this one included: sign in again.
  app.post('/api/staff/password', async (request, reply) => {
    const input = (request.body ?? {}) as Record<string, unknown>;
    await context.auth.changePassword(signedIn(request).user, String(input.current ?? ''), String(input.next ?? ''), requestActor(request));
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true };
  });
}
