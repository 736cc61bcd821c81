import type {} from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import type { Actor } from '../../core/audit/audit.ts';
import { signInsPerMinute, type Session, type StaffUser } from '../../core/auth/index.ts';
import { AppError } from '../../core/errors.ts';
import type { StaffActor } from '../../core/auth/auth.types.ts';
import { staffPolicy } from '../../core/auth/staff.policy.ts';

/**
 * Staff sign-in on the server: the session token travels only in an httpOnly,
 * SameSite=Lax cookie; every state-changing request also carries the
 * session's CSRF token (a form field or the x-csrf-token header). Both are
 * checked here, before any staff route runs.
 */
export const sessionCookie = 'gk_session';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: Session | null;
  }
}

export const staffActor = (request: FastifyRequest, user: StaffUser): StaffActor => ({
  id: `user:${user.id}`,
  address: request.ip,
  // Supervisors and system administrators see every agency and act on no case.
  agencyId: user.role === 'clerk' || user.role === 'agency_admin' ? user.agencyId : null,
});

export const requestActor = (request: FastifyRequest): Actor => ({ id: request.staffSession ? `user:${request.staffSession.user.id}` : 'public', address: request.ip });

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const open = new Set(['/api/staff/sign-in']);
const beforeNewPassword = new Set(['/api/staff/password', '/api/staff/sign-out', '/api/staff/me']);

export function registerStaffSession(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('staffSession', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/staff')) return;
    // Never cached, never framed (clickjacking), no referrer sent off the site.
    reply.header('cache-control', 'no-store').header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
    request.staffSession = await context.auth.session(request.cookies[sessionCookie]);
    if (open.has(path)) return;
    if (!request.staffSession) throw new AppError('unauthenticated', '请先登录');
    // A one-time password opens nothing but the way to replace it.
    if (request.staffSession.user.mustChangePassword && !beforeNewPassword.has(path)) throw new AppError('forbidden', '请先修改一次性密码');
  });
  // One limit per client address and one per account name on the sign-in route
  // (the body, with the name, is parsed by now). Unknown names count alike, so the limit tells nothing.
  // Counted in the database: every process behind a load balancer shares the counts.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || !open.has(request.routeOptions.url ?? '')) return;
    const username = (request.body as Record<string, unknown> | undefined)?.username;
    const account = (typeof username === 'string' ? username : '').slice(0, 40).toLowerCase();
    const wait = await context.rateLimits.take([`sign-in:address:${request.ip}`, `sign-in:account:${account}`], signInsPerMinute, 60_000);
    if (wait === null) return;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    reply.header('retry-after', String(seconds));
    throw new AppError('rate_limited', `登录尝试过于频繁,请 ${seconds} 秒后再试`);
  });
  // The body is parsed by now: the CSRF token may come from the form.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const session = request.staffSession;
    if (!session || !mutating.has(request.method)) return;
    const given = request.headers['x-csrf-token'] ?? (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!sameToken(given, session.csrfToken)) throw new AppError('forbidden', '页面已过期或来源不明(CSRF 校验失败),请刷新后重试');
  });
}

/** Hands the new session's token to the browser, readable by no script. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, session: Session): void {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: new Date(session.expiresAt) });
}

/** The signed-in user, for routes behind the session hook. */
export function signedIn(request: FastifyRequest): Session {
  if (!request.staffSession) throw new AppError('unauthenticated', '请先登录');
  return request.staffSession;
}

/** The signed-in user, refused (with the ability's reason) unless the staff policy allows the ability. */
export function signedInWith(request: FastifyRequest, ability: Parameters<typeof staffPolicy.check>[1]): Session {
  const session = signedIn(request);
  staffPolicy.check(session.user, ability);
  return session;
}
