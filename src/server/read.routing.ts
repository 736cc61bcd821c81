import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../core/db/database.ts';
import type { RoutedDatabase } from '../core/db/replicas.ts';
import { sessionCookie } from './staff/staff.session.ts';

const isRouted = (db: Database): db is RoutedDatabase => 'readScope' in db;

/**
 * A browser that has just sent something (a form, a JSON submission) reads from the primary for
 * a few seconds, whichever process behind the load balancer answers: the page it is sent to next
 * (a tracking page) shows what it sent even before the replicas have it.
 */
const justWroteCookie = 'gk_wrote';
const justWroteSeconds = 5;

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

/**
 * The portal's public reads (search, documents, feeds, the public API) may be
 * served by a replica (DATABASE_READ_URL): a GET or HEAD that is neither staff
 * work nor from a signed-in member of staff, who must see what they just wrote.
 * The database decides, statement by statement, whether a replica is fresh
 * enough (src/core/db/replicas.ts); everything else stays on the primary.
 */
export function registerReadRouting(app: FastifyInstance, db: Database, options: { header: boolean }): void {
  if (!isRouted(db)) return;
  db.onReplicaDown((replica, error) =>
    app.log.warn({ replica, reason: (error as { details?: { reason?: unknown } }).details?.reason ?? (error instanceof Error ? error.message : String(error)) }, 'read replica unavailable: its reads go to the primary for a while'));
  const scoped = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0]!;
    const publicRead = isRead(request) && !path.startsWith('/api/staff') && !path.startsWith('/console') && !request.cookies[sessionCookie] && !request.cookies[justWroteCookie];
    // The scope must wrap the rest of the request: every later hook and the handler run inside `done`.
    if (!publicRead) return done();
    scoped.add(request);
    db.readScope(done);
  });
  app.addHook('onSend', async (request, reply) => {
    if (!isRead(request)) reply.setCookie(justWroteCookie, '1', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: justWroteSeconds });
    // Outside a read scope everything went to the primary; inside one, `none` if nothing was read.
    if (options.header) reply.header('x-read-from', scoped.has(request) ? (db.readSource() ?? 'none') : 'primary');
  });
}
