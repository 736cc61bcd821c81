import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { recordAudit, verifyAuditChain } from '../../src/core/audit/audit.ts';
import type { Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { runCli } from '../support/cli.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

async function writeEvents(db: Database, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++) {
    await db.transaction((tx) => recordAudit(tx, { id: `user:${i}`, address: '192.0.2.1' }, { action: 'test.change', subjectType: 'thing', subjectId: String(i), before: { n: i }, after: { n: i + 1, 名称: '<b>' } }));
  }
  return (await db.query<{ id: number }>(sql`select id from audit_events order by id`)).map((row) => row.id);
}

for (const engine of engines) {
  describe(`the audit chain on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(async () => {
      await database.close();
    });

    it('holds when untouched, and breaks exactly where an event was edited, re-hashed or deleted', async () => {
      const ids = await writeEvents(database.db, 6);
      const intact = await verifyAuditChain(database.db);
      assert.deepEqual([intact.events, intact.broken], [ids.length, null]);
      assert.match(intact.head!, /^[0-9a-f]{64}$/);
      const { db } = database;
      await db.query(sql`update audit_events set after = '{"n": 99}'::jsonb where id = ${ids[2]!}`);
      assert.deepEqual((await verifyAuditChain(db)).broken, { id: ids[2], reason: 'content_changed' });
      // Re-hashing the edited event hides the edit there, and breaks the link to the next one.
      await db.query(sql`update audit_events set hash = audit_event_hash(prev_hash, at, actor, address, action, subject_type, subject_id, before, after) where id = ${ids[2]!}`);
      assert.deepEqual((await verifyAuditChain(db)).broken, { id: ids[3], reason: 'previous_missing_or_changed' });
      await db.query(sql`delete from audit_events where id <= ${ids[3]!}`);
      await db.query(sql`update audit_events set prev_hash = null where id = ${ids[4]!}`);
      await db.query(sql`update audit_events set hash = audit_event_hash(prev_hash, at, actor, address, action, subject_type, subject_id, before, after) where id = ${ids[4]!}`);
      assert.deepEqual((await verifyAuditChain(db)).broken, { id: ids[5], reason: 'previous_missing_or_changed' }, 'rewriting one event cannot hide the deletion from the next');
    });
  });
}

describe('gongkai audit verify', () => {
  it('reports an intact chain, and names the first broken event with a non-zero exit', async () => {
    const dir = tempDir();
    const dataDir = join(dir.path, 'data');
    try {
      let database = await openTestDatabase('pglite', { dataDir });
      const ids = await writeEvents(database.db, 4);
      await database.close();
      const intact = runCli(['audit', 'verify'], { DATA_DIR: dataDir });
      assert.equal(intact.status, 0, intact.stderr);
      assert.match(intact.stdout, /审计日志完整:共 4 条/);
      database = await openTestDatabase('pglite', { dataDir, migrate: false });
      await database.db.query(sql`update audit_events set actor = 'user:nobody' where id = ${ids[1]!}`);
      await database.close();
      const broken = runCli(['audit', 'verify'], { DATA_DIR: dataDir });
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, new RegExp(`第 ${ids[1]} 号事件处断裂:该条内容已被改动`));
    } finally {
      dir.remove();
    }
  });
});
