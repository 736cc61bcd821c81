import assert from 'node:assert/strict';
import { hash, verify } from '@node-rs/argon2';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { createAuthService, type AuthService, type PasswordHasher } from '../../src/core/auth/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { isAppError } from '../../src/core/errors.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

const password = 'correct horse battery staple';
const wrong = 'not the password at all';
const bootstrap = { id: 'cli:test' };

/** The real argon2, counting which hashes are verified and how many verifications overlap. */
function countingHasher(): PasswordHasher & { verified: string[]; inFlight: number; maxInFlight: number; reset(): void } {
  const hasher = {
    verified: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    reset() {
      hasher.verified = [];
      hasher.maxInFlight = 0;
    },
    hash: (secret: string) => hash(secret),
    async verify(stored: string, secret: string) {
      hasher.verified.push(stored);
      hasher.maxInFlight = Math.max(hasher.maxInFlight, ++hasher.inFlight);
      try {
        return await verify(stored, secret).catch(() => false);
      } finally {
        hasher.inFlight--;
      }
    },
  };
  return hasher;
}

/** The failure a sign-in ended with, as the caller sees it. */
async function refusal(attempt: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await attempt;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    return { code: error.code, message: error.message };
  }
  assert.fail('the sign-in was let through');
}

/** The argon2 parameters of a hash: everything before the salt. */
const parameters = (stored: string) => stored.split('$').slice(0, 4).join('$');

for (const engine of engines) {
  describe(`sign-in hardening on ${engine}`, () => {
    let database: TestDatabase;
    let hasher: ReturnType<typeof countingHasher>;
    let auth: AuthService;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let address = 0;
    const nextAddress = () => `203.0.113.${++address % 250}`;

    const storedHash = async (username: string) =>
      (await database.db.query<{ password_hash: string }>(sql`select password_hash from users where username = ${username}`))[0]!.password_hash;
    const failedAttempts = async (username: string) =>
      (await database.db.query<{ failed_attempts: number }>(sql`select failed_attempts from users where username = ${username}`))[0]!.failed_attempts;
    const checkedFailures = async (username: string) =>
      (await database.db.query<{ n: number }>(sql`
        select count(*)::int as n from audit_events e join users u on e.subject_id = u.id::text
        where e.action = 'auth.sign_in_failed' and u.username = ${username} and coalesce(e.after->>'reason', 'wrong_password') = 'wrong_password'`))[0]!.n;
    const newClerk = (username: string) => auth.createUser({ username, displayName: '经办', role: 'supervisor', agencyId: null, password }, null, bootstrap);

    before(async () => {
      database = await openTestDatabase(engine);
      hasher = countingHasher();
      auth = createAuthService(database.db, { passwords: hasher });
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('checks at most 5 passwords when 30 sign-ins to one account arrive at once, and then keeps it locked', async () => {
      await newClerk('racer');
      const real = await storedHash('racer');
      hasher.reset();
      const results = await Promise.allSettled(Array.from({ length: 30 }, () => auth.signIn('racer', wrong, '192.0.2.7')));
      assert.ok(results.every((result) => result.status === 'rejected' && isAppError(result.reason) && result.reason.code === 'forbidden'));
      const checked = hasher.verified.filter((stored) => stored === real).length;
      assert.ok(checked >= 1 && checked <= 5, `${checked} passwords checked`);
      assert.ok((await failedAttempts('racer')) <= 5, `${await failedAttempts('racer')} failures counted`);
      assert.ok((await checkedFailures('racer')) <= 5);
      if (engine === 'postgres') assert.ok(hasher.maxInFlight > 1, 'the sign-ins really ran at the same time');
      hasher.reset();
      await refusal(auth.signIn('racer', password, '192.0.2.7'));
      assert.equal(hasher.verified.filter((stored) => stored === real).length, 0, 'no password is checked once locked');
    });

    it('counts at most 5 failures when 30 sign-ins arrive at once over the sign-in route', async () => {
      await newClerk('http.racer');
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'http.racer', password: wrong }, remoteAddress: nextAddress() })));
      assert.ok(responses.every((response) => response.statusCode === 401 || response.statusCode === 429), responses.map((r) => r.statusCode).join());
      assert.ok((await failedAttempts('http.racer')) <= 5, `${await failedAttempts('http.racer')} failures counted`);
      assert.ok((await checkedFailures('http.racer')) <= 5);
    });

    it('refuses an unknown name, a wrong password, a stopped and a locked account alike, each after one argon2 verification', async () => {
      await newClerk('alive');
      const { id: stoppedId } = await newClerk('stopped');
      await database.db.query(sql`update users set disabled = true where id = ${stoppedId}`);
      await newClerk('locked');
      await database.db.query(sql`update users set failed_attempts = 5, locked_until = now() + interval '15 minutes' where username = 'locked'`);
      // The stopped and the locked account are tried with their right password: even that tells nothing.
      const cases = { unknown: ['nobody.here', password], wrong: ['alive', wrong], disabled: ['stopped', password], locked: ['locked', password] } as const;
      const seen: Record<string, { code: string; message: string; verified: string[] }> = {};
      for (const [name, [username, secret]] of Object.entries(cases)) {
        hasher.reset();
        seen[name] = { ...(await refusal(auth.signIn(username, secret, nextAddress()))), verified: hasher.verified };
      }
      assert.deepEqual(new Set(Object.values(seen).map(({ code, message }) => JSON.stringify({ code, message }))).size, 1, JSON.stringify(seen));
      assert.equal(seen.wrong!.code, 'forbidden');
      const real = await storedHash('alive');
      for (const [name, { verified }] of Object.entries(seen)) {
        assert.equal(verified.length, 1, `${name}: one verification`);
        assert.equal(parameters(verified[0]!), parameters(real), `${name}: as costly as a real one`);
      }
      assert.equal(seen.wrong!.verified[0], real);
      assert.notEqual(seen.disabled!.verified[0], await storedHash('stopped'), 'a stopped account\'s password is never checked');
      assert.notEqual(seen.locked!.verified[0], await storedHash('locked'), 'a locked account\'s password is never checked');
    });

    it('answers the four refusals with the same status, code and body on the sign-in route', async () => {
      await context.auth.createUser({ username: 'web.alive', displayName: '经办', role: 'supervisor', agencyId: null, password }, null, bootstrap);
      const { id } = await context.auth.createUser({ username: 'web.stopped', displayName: '经办', role: 'supervisor', agencyId: null, password }, null, bootstrap);
      await database.db.query(sql`update users set disabled = true where id = ${id}`);
      await context.auth.createUser({ username: 'web.locked', displayName: '经办', role: 'supervisor', agencyId: null, password }, null, bootstrap);
      await database.db.query(sql`update users set failed_attempts = 5, locked_until = now() + interval '15 minutes' where username = 'web.locked'`);
      for (const url of ['/api/staff/sign-in']) {
        const answers = new Set<string>();
        for (const [username, secret] of [['nobody.here', password], ['web.alive', wrong], ['web.stopped', password], ['web.locked', password]]) {
          const response = await app.inject({ method: 'POST', url, payload: { username, password: secret }, remoteAddress: nextAddress() });
          assert.equal(response.statusCode, 401, response.body);
          answers.add(JSON.stringify({ type: response.headers['content-type'], body: response.body }));
        }
        assert.equal(answers.size, 1, [...answers].join('\n'));
      }
    });

    it('allows 10 sign-ins a minute per address on the sign-in route', async () => {
      const from = nextAddress();
      for (let i = 0; i < 10; i++) {
        const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: `guess${i}`, password: wrong }, remoteAddress: from });
        assert.equal(response.statusCode, 401, response.body);
      }
      const limited = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'guess.more', password: wrong }, remoteAddress: from });
      assert.equal(limited.statusCode, 429);
      assert.equal((limited.json() as { error: { code: string } }).error.code, 'rate_limited');
      const elsewhere = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'guess.more', password: wrong }, remoteAddress: nextAddress() });
      assert.equal(elsewhere.statusCode, 401, 'another address is not held back');
    });

    it('allows 10 sign-ins a minute per account name across addresses', async () => {
      for (let i = 0; i < 10; i++) {
        const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'sprayed', password: wrong }, remoteAddress: nextAddress() });
        assert.equal(response.statusCode, 401, response.body);
      }
      for (const url of ['/api/staff/sign-in']) {
        const limited = await app.inject({ method: 'POST', url, payload: { username: 'sprayed', password: wrong }, remoteAddress: nextAddress() });
        assert.equal(limited.statusCode, 429, url);
      }
      const other = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: 'someone.else', password: wrong }, remoteAddress: nextAddress() });
      assert.equal(other.statusCode, 401, 'another account is not held back');
    });
  });
}
