import type { FastifyInstance } from 'fastify';
import type { Database } from '../core/db/database.ts';
import type { RoutedDatabase } from '../core/db/replicas.ts';
import { sessionCookie } from './staff/staff.session.ts';

const isRouted = (db: Database): db is RoutedDatabase => 'readScope' in db;

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
  app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0]!;
    const publicRead = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/staff') && !path.startsWith('/console') && !request.cookies[sessionCookie];
    // The scope must wrap the rest of the request: every later hook and the handler run inside `done`.
    if (publicRead) db.readScope(done);
    else done();
  });
  if (!options.header) return;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-read-from', db.readSource() ?? 'none');
  });
}
