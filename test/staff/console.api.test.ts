import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

const password = 'correct horse battery staple';

/** What the React console calls beyond the case and publication steps: its own sign-in, accounts, agencies, the chain check. */
for (const engine of engines) {
  describe(`the console's JSON API on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let agencyA: number;
    let agencyB: number;
    let address = 0;

    const signIn = (username: string, secret = password) =>
      app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password: secret }, remoteAddress: `198.51.100.${++address % 250}` });
    async function session(username: string, secret = password) {
      const response = await signIn(username, secret);
      assert.equal(response.statusCode, 200, response.body);
      return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
    }
    const call = (method: 'GET' | 'POST', url: string, who: { cookie: string; csrf: string }, payload?: Record<string, unknown>) =>
      app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, ...(payload ? { payload } : {}) });

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
      app = buildServer(context);
      const agencies = await database.db.query<{ id: number; name: string }>(sql`select id, name from agencies where name in ('上海市长宁区人民政府办公室', '上海市长宁区审计局')`);
      [agencyA, agencyB] = [agencies.find((a) => a.name.includes('办公室'))!.id, agencies.find((a) => a.name.includes('审计局'))!.id];
      const bootstrap = { id: 'cli:test' };
      await context.auth.createUser({ username: 'office.admin', displayName: '办公室管理员', role: 'agency_admin', agencyId: agencyA, password }, null, bootstrap);
      await context.auth.createUser({ username: 'admin', displayName: '管理员', role: 'system_admin', agencyId: null, password }, null, bootstrap);
      await context.auth.createUser({ username: 'watcher', displayName: '督查员', role: 'supervisor', agencyId: null, password }, null, bootstrap);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('signs in with JSON: a wrong password is 401, the right one sets the httpOnly cookie and returns the CSRF token', async () => {
      const wrong = await signIn('office.admin', 'not the password at all');
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual((wrong.json() as { error: { code: string } }).error.code, 'unauthenticated');
      assert.equal(wrong.headers['set-cookie'], undefined);
      const right = await signIn('office.admin');
      assert.match(String(right.headers['set-cookie']), /gk_session=[^;]+;.*HttpOnly; SameSite=Lax/);
      const who = await session('office.admin');
      const meResponse = await call('GET', '/api/staff/me', who);
      assert.deepEqual([meResponse.headers['x-frame-options'], meResponse.headers['x-content-type-options'], meResponse.headers['cache-control']], ['DENY', 'nosniff', 'no-store']);
      const me = meResponse.json() as { user: { username: string }; csrfToken: string; abilities: Record<string, boolean> };
      assert.deepEqual([me.user.username, me.csrfToken], ['office.admin', who.csrf]);
      // The console's own screens follow abilities declared once on the server, as the modules' do.
      const own = Object.fromEntries(Object.entries(me.abilities).filter(([ability]) => ability.startsWith('staff.')));
      assert.deepEqual(own, { 'staff.dashboard': true, 'staff.manageUsers': true, 'staff.readAudit': false, 'staff.manageCalendar': false, 'staff.manageRules': false });
      assert.equal(me.abilities['disclosure.register'], true);
      assert.equal((await call('POST', '/api/staff/sign-out', who)).statusCode, 200);
      assert.equal((await call('GET', '/api/staff/me', who)).statusCode, 401, 'signed out means signed out');
    });

    it('lets an agency administrator create and reset their own agency\'s accounts, and only those', async () => {
      const manager = await session('office.admin');
      const created = await call('POST', '/api/staff/users', manager, { username: 'clerk.new', displayName: '新经办', role: 'clerk', agencyId: agencyA });
      assert.equal(created.statusCode, 201, created.body);
      const { id, oneTimePassword } = created.json() as { id: number; oneTimePassword: string };
      assert.match(oneTimePassword, /^\S{12,}$/);
      const first = (await signIn('clerk.new', oneTimePassword)).json() as { user: { mustChangePassword: boolean } };
      assert.equal(first.user.mustChangePassword, true);

      assert.equal((await call('POST', '/api/staff/users', manager, { username: 'clerk.b2', displayName: '某', role: 'clerk', agencyId: agencyB })).statusCode, 403, 'another agency');
      assert.equal((await call('POST', '/api/staff/users', manager, { username: 'boss2', displayName: '某', role: 'supervisor' })).statusCode, 403, 'a higher role');
      const refused = await call('POST', '/api/staff/users', manager, { username: 'Bad Name', displayName: '某', role: 'clerk', agencyId: agencyA });
      assert.equal(refused.statusCode, 400);

      const reset = await call('POST', `/api/staff/users/${id}/reset-password`, manager);
      const fresh = (reset.json() as { oneTimePassword: string }).oneTimePassword;
      assert.notEqual(fresh, oneTimePassword);
      assert.equal((await signIn('clerk.new', oneTimePassword)).statusCode, 401, 'the old one-time password is gone');
      assert.equal((await signIn('clerk.new', fresh)).statusCode, 200);
      const [admin] = await database.db.query<{ id: number }>(sql`select id from users where username = 'admin'`);
      assert.equal((await call('POST', `/api/staff/users/${admin!.id}/reset-password`, manager)).statusCode, 404, 'an account they may not manage is not theirs to see');

      // The new clerk changes the one-time password; every session of theirs ends.
      const clerk = await session('clerk.new', fresh);
      assert.equal((await call('GET', '/api/staff/deadlines', clerk)).statusCode, 403, 'a one-time password opens nothing else');
      assert.equal((await call('GET', '/api/staff/publications/queues', clerk)).statusCode, 403, 'nor any screen\'s data');
      const changed = await call('POST', '/api/staff/password', clerk, { current: fresh, next: 'my own long password' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal((await call('GET', '/api/staff/me', clerk)).statusCode, 401);
      assert.equal((await signIn('clerk.new', 'my own long password')).statusCode, 200);
    });

    it('stops an account at once and starts it again, for its own administrators only', async () => {
      const manager = await session('office.admin');
      const clerk = await session('clerk.new', 'my own long password');
      const [row] = await database.db.query<{ id: number }>(sql`select id from users where username = 'clerk.new'`);
      const stopped = await call('POST', `/api/staff/users/${row!.id}/disable`, manager);
      assert.equal(stopped.statusCode, 200, stopped.body);
      assert.equal((await call('GET', '/api/staff/me', clerk)).statusCode, 401, 'the session ended');
      assert.equal((await signIn('clerk.new', 'my own long password')).statusCode, 401, 'no new one');
      const listed = (await call('GET', '/api/staff/users', manager)).json() as { items: { username: string; disabled: boolean }[] };
      assert.equal(listed.items.find((user) => user.username === 'clerk.new')?.disabled, true);
      assert.equal((await call('POST', `/api/staff/users/${row!.id}/enable`, manager)).statusCode, 200);
      assert.equal((await signIn('clerk.new', 'my own long password')).statusCode, 200);

      const [own] = await database.db.query<{ id: number }>(sql`select id from users where username = 'office.admin'`);
      assert.equal((await call('POST', `/api/staff/users/${own!.id}/disable`, manager)).statusCode, 403, 'not oneself');
      const [admin] = await database.db.query<{ id: number }>(sql`select id from users where username = 'admin'`);
      assert.equal((await call('POST', `/api/staff/users/${admin!.id}/disable`, manager)).statusCode, 404, 'not an account they do not manage');
      const actions = await database.db.query<{ action: string }>(sql`select action from audit_events where action in ('user.disable', 'user.enable') order by id`);
      assert.deepEqual(actions.map((a) => a.action), ['user.disable', 'user.enable']);
    });

    it('lets a system administrator add an agency, refusing a name already registered', async () => {
      const admin = await session('admin');
      const added = await call('POST', '/api/staff/agencies', admin, { name: '上海市长宁区数据局', parentId: null });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal((added.json() as { name: string }).name, '上海市长宁区数据局');
      const again = await call('POST', '/api/staff/agencies', admin, { name: '上海市长宁区数据局' });
      assert.equal(again.statusCode, 409);
      const listed = (await app.inject({ url: '/api/agencies' })).json() as { items: { name: string }[] };
      assert.ok(listed.items.some((agency) => agency.name === '上海市长宁区数据局'));
    });

    it('checks the audit chain for supervisors as JSON, and for no one else', async () => {
      const watcher = await session('watcher');
      const check = (await call('GET', '/api/staff/audit/verify', watcher)).json() as { events: number; head: string; broken: unknown };
      assert.ok(check.events > 0);
      assert.match(check.head, /^[0-9a-f]{64}$/);
      assert.equal(check.broken, null);
      assert.equal((await call('GET', '/api/staff/audit/verify', await session('office.admin'))).statusCode, 403);
    });
    it('serves the built console for every console path, with a content security policy, and says so when it is not built', async () => {
      const dir = tempDir();
      const site = buildServer(context, { consoleDir: dir.path });
      try {
        const missing = await site.inject({ url: '/console' });
        assert.equal(missing.statusCode, 503);
        assert.match(missing.body, /npm run build:console/);

        mkdirSync(join(dir.path, 'assets'));
        writeFileSync(join(dir.path, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/console/assets/app-1.js"></script>');
        writeFileSync(join(dir.path, 'assets', 'app-1.js'), 'console.log(1)');
        writeFileSync(join(dir.path, 'assets', 'app-1.js.br'), brotliCompressSync('console.log(1)'));
        for (const url of ['/console', '/console/publications', '/console/requests/12']) {
          const page = await site.inject({ url });
          assert.equal(page.statusCode, 200, url);
          assert.match(page.body, /id="root"/);
          assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
          assert.equal(page.headers['cache-control'], 'no-cache');
        }
        const asset = await site.inject({ url: '/console/assets/app-1.js' });
        assert.equal(asset.statusCode, 200);
        assert.match(String(asset.headers['cache-control']), /immutable/);
        const compressed = await site.inject({ url: '/console/assets/app-1.js', headers: { 'accept-encoding': 'br, gzip' } });
        assert.equal(compressed.headers['content-encoding'], 'br', 'the copy compressed at build time');
        assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), 'console.log(1)');
        assert.equal((await site.inject({ url: '/console/assets/missing.js' })).statusCode, 404);
      } finally {
        await site.close();
        dir.remove();
      }
    });
  });
}
