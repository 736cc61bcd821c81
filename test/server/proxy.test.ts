import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let database: TestDatabase;
  let context: AppContext;
  let app: ReturnType<typeof buildServer>;

  before(async () => {
    database = await openTestDatabase('pglite');
    context = await createContext(loadConfig({ TRUST_PROXY: '127.0.0.1' }), { db: database.db, migrate: false });
    app = buildServer(context);
    await context.auth.createUser({ username: 'watcher', displayName: '督查员', role: 'supervisor', agencyId: null, password: 'correct horse battery staple' }, null, { id: 'cli:test' });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('reads the client address and https from the proxy: audit, rate limit and secure cookies', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/staff/sign-in',
      payload: { username: 'watcher', password: 'correct horse battery staple' },
      headers: { 'x-forwarded-for': '198.51.100.77', 'x-forwarded-proto': 'https' },
    });
    assert.equal(signIn.statusCode, 200);
    assert.match(String(signIn.headers['set-cookie']), /; Secure/);
    const [event] = await database.db.query<{ address: string }>(sql`select address from audit_events where action = 'auth.sign_in'`);
    assert.equal(event!.address, '198.51.100.77');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.inject({ method: 'POST', url: '/api/requests', payload: {}, headers: { 'x-forwarded-for': '198.51.100.88' } })).statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    assert.equal((await app.inject({ method: 'POST', url: '/api/requests', payload: {}, headers: { 'x-forwarded-for': '198.51.100.89' } })).statusCode, 400, 'each client counted apart');
  });
});
