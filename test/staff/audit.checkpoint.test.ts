import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkCheckpoint, generateAuditKey, latestCheckpoint, loadAuditKey, writeCheckpoint } from '../../src/core/audit/audit.checkpoint.ts';
import { recordAudit } from '../../src/core/audit/audit.ts';
import type { Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { runCli, runCliHere } from '../support/cli.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

async function writeEvents(db: Database, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++) {
    await db.transaction((tx) => recordAudit(tx, { id: `user:${i}`, address: '192.0.2.1' }, { action: 'test.change', subjectType: 'thing', subjectId: String(i), after: { n: i } }));
  }
  return (await db.query<{ id: number }>(sql`select id from audit_events order by id`)).map((row) => row.id);
}

/** What someone who can write to the database does to hide an edit: re-hash every event from there on. */
async function rehashFrom(db: Database, id: number): Promise<void> {
  const rows = await db.query<{ id: number }>(sql`select id from audit_events where id >= ${id} order by id`);
  for (const row of rows) {
    await db.query(sql`update audit_events set
      prev_hash = (select hash from audit_events p where p.id < ${row.id} order by p.id desc limit 1),
      hash = audit_event_hash((select hash from audit_events p where p.id < ${row.id} order by p.id desc limit 1), at, actor, address, action, subject_type, subject_id, before, after)
      where id = ${row.id}`);
  }
}

/** Flips one character of the signature (base64url), keeping it well-formed. */
const forge = (line: string) => line.replace(/sig=(\S)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);

for (const engine of engines) {
  describe(`signed audit checkpoints on ${engine}`, () => {
    let dir: ReturnType<typeof tempDir>;
    let keyFile: string;
    let database: TestDatabase;
    let env: Record<string, string>;
    // In this process: the suite runs a dozen commands (the binary itself is tested in test/cli).
    const cli = (...args: string[]) => runCliHere(['audit', ...args], env);

    before(async () => {
      dir = tempDir();
      keyFile = join(dir.path, 'audit.key');
      const dataDir = engine === 'pglite' ? join(dir.path, 'data') : undefined;
      database = await openTestDatabase(engine, { dataDir });
      if (engine === 'pglite') await database.db.close();
      env = { ...database.env, AUDIT_KEY_FILE: keyFile };
    });
    after(async () => {
      if (engine === 'postgres') await database.close();
      dir.remove();
    });
    /** PGlite's files are opened by one process at a time: the test's or the CLI's. */
    async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
      if (engine === 'postgres') return work(database.db);
      const opened = await openTestDatabase('pglite', { dataDir: env.DATA_DIR, migrate: false });
      try {
        return await work(opened.db);
      } finally {
        await opened.close();
      }
    }

    it('makes a key file kept outside the database, and will not overwrite one', () => {
      const made = runCli(['audit', 'keygen', keyFile], {});
      assert.equal(made.status, 0, made.stderr);
      assert.match(readFileSync(keyFile, 'utf8'), /BEGIN PRIVATE KEY/);
      assert.equal(statSync(keyFile).mode & 0o077, 0, 'readable by its owner only');
      assert.ok(existsSync(`${keyFile}.pub`));
      assert.match(made.stdout, /SHA256:[A-Za-z0-9+/]{43}/);
      const again = runCli(['audit', 'keygen', keyFile], {});
      assert.notEqual(again.status, 0);
    });

    it('prints a signed checkpoint line, and a valid chain passes against it and against the table', async () => {
      await withDb((db) => writeEvents(db, 5));
      const made = await cli('checkpoint');
      assert.equal(made.status, 0, made.stderr);
      const line = made.stdout.trim();
      assert.match(line, /^gongkai-audit-checkpoint v1 event=\d+ events=6 hash=[0-9a-f]{64} at=\S+Z key=SHA256:\S{43} sig=[A-Za-z0-9_-]{86}$/);
      const stored = await withDb((db) => db.query<{ n: number }>(sql`select count(*)::int as n from audit_checkpoints`));
      assert.equal(stored[0]!.n, 1);
      const verified = await cli('verify');
      assert.equal(verified.status, 0, verified.stderr);
      assert.match(verified.stdout, /检查点/);
      assert.equal((await cli('verify', '--checkpoint', line)).status, 0);
      await withDb((db) => writeEvents(db, 2));
      assert.equal((await cli('verify', '--checkpoint', line)).status, 0, 'events after a checkpoint are fine');
    });

    it('fails verify when the newest events are deleted after a checkpoint, from the table and from a line kept elsewhere', async () => {
      const line = (await cli('checkpoint')).stdout.trim();
      await withDb(async (db) => {
        const ids = await db.query<{ id: number }>(sql`select id from audit_events order by id desc limit 3`);
        await db.query(sql`delete from audit_events where id >= ${ids.at(-1)!.id}`);
      });
      const fromTable = await cli('verify');
      assert.equal(fromTable.status, 1);
      assert.match(fromTable.stderr, /截断|删除/);
      // Deleting the checkpoints too is caught by the line kept elsewhere.
      await withDb((db) => db.query(sql`delete from audit_checkpoints`));
      const fromLine = await cli('verify', '--checkpoint', line);
      assert.equal(fromLine.status, 1);
      assert.match(fromLine.stderr, /截断|删除/);
    });

    it('fails verify when every later event is re-hashed after a checkpoint', async () => {
      await withDb((db) => writeEvents(db, 3));
      const line = (await cli('checkpoint')).stdout.trim();
      assert.equal((await cli('verify')).status, 0);
      await withDb(async (db) => {
        const ids = await db.query<{ id: number }>(sql`select id from audit_events order by id`);
        const target = ids[ids.length - 3]!.id;
        await db.query(sql`update audit_events set after = '{"n": 99}'::jsonb where id = ${target}`);
        await rehashFrom(db, target);
      });
      const fromTable = await cli('verify');
      assert.equal(fromTable.status, 1, fromTable.stdout);
      assert.match(fromTable.stderr, /改写|重算/);
      assert.equal((await cli('verify', '--checkpoint', line)).status, 1);
    });

    it('fails verify against a forged checkpoint signature', async () => {
      await withDb(async (db) => {
        await db.query(sql`delete from audit_checkpoints`);
        await db.query(sql`delete from audit_events`);
        await writeEvents(db, 2);
      });
      const line = (await cli('checkpoint')).stdout.trim();
      assert.equal((await cli('verify', '--checkpoint', line)).status, 0);
      const forged = await cli('verify', '--checkpoint', forge(line));
      assert.equal(forged.status, 1);
      assert.match(forged.stderr, /签名/);
      await withDb((db) => db.query(sql`update audit_checkpoints set signature = ${forge(line).split('sig=')[1]!}`));
      const inTable = await cli('verify');
      assert.equal(inTable.status, 1);
      assert.match(inTable.stderr, /签名/);
    });
  });
}

for (const engine of engines) {
  describe(`the server's periodic checkpoint on ${engine}`, () => {
    it('signs a new checkpoint only when the head has moved since the last one', async () => {
      const dir = tempDir();
      const database = await openTestDatabase(engine);
      try {
        generateAuditKey(join(dir.path, 'key'));
        const key = loadAuditKey(join(dir.path, 'key'));
        const system = { id: 'system:checkpoint' };
        await writeEvents(database.db, 2);
        const first = await writeCheckpoint(database.db, key, system, { onlyIfMoved: true });
        assert.ok(first);
        assert.equal(await writeCheckpoint(database.db, key, system, { onlyIfMoved: true }), null, 'nothing new, no checkpoint');
        await writeEvents(database.db, 1);
        const second = await writeCheckpoint(database.db, key, system, { onlyIfMoved: true });
        assert.ok(second && second.eventId > first.eventId);
        assert.deepEqual(await latestCheckpoint(database.db), second);
        assert.equal((await checkCheckpoint(database.db, second, key)).problem, null);
        // A key holding only the public half verifies and cannot sign.
        const publicOnly = loadAuditKey(join(dir.path, 'key.pub'));
        assert.equal((await checkCheckpoint(database.db, second, publicOnly)).problem, null);
        await assert.rejects(writeCheckpoint(database.db, publicOnly, system), /只有公钥/);
      } finally {
        await database.close();
        dir.remove();
      }
    });
  });
}
