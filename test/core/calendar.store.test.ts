import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { sql } from '../../src/core/db/sql.ts';
import { runCliHere } from '../support/cli.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

const year2027 = '# 国务院办公厅关于2027年部分节假日安排的通知(测试用)\n2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-14 班 春节\n';

for (const engine of engines) {
  describe(`the calendar in the database on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(engine);
    });
    after(async () => {
      await database.close();
    });

    it('starts from the packaged years, and a year loaded in one process is seen by another', async () => {
      const mine = createCalendarService(database.db);
      const other = createCalendarService(database.db);
      assert.equal((await mine.current()).addWorkingDays('2026-12-10', 20).estimated, true);
      assert.equal((await other.current()).loadedYears.at(-1), 2026);
      await mine.loadYear({ year: 2027, source: '国办发明电〔2026〕1号', days: [{ date: '2027-02-15', kind: 'holiday', name: '春节' }] }, { id: 'user:test' });
      const seen = await other.current();
      assert.equal(seen.isWorkingDay('2027-02-15'), false);
      assert.equal(seen.addWorkingDays('2026-12-10', 20).estimated, false);
      const audit = await database.db.query<{ action: string; actor: string }>(sql`select action, actor from audit_events where subject_id = '2027'`);
      assert.deepEqual(audit, [{ action: 'calendar.load', actor: 'user:test' }]);
      await mine.loadYear({ year: 2027, source: '国办发明电〔2026〕2号(更正)', days: [] }, { id: 'user:test' });
      assert.equal((await other.current()).isWorkingDay('2027-02-15'), true, 'a correction replaces the whole year');
      const years = await other.years();
      assert.equal(years.find((y) => y.year === 2027)?.source, '国办发明电〔2026〕2号(更正)');
      assert.equal(years.find((y) => y.year === 2024)?.holidays, 28);
    });
  });
}

describe('gongkai calendar', () => {
  it('prints due dates and working days, refuses an unloaded year unless asked to estimate, and loads a year', async () => {
    const dir = tempDir();
    const env = { DATA_DIR: join(dir.path, 'data') };
    try {
      const due = await runCliHere(['calendar', 'due', '--from', '2024-09-27', '--working-days', '5'], env);
      assert.deepEqual([due.status, due.stdout], [0, '2024-10-10\n'], due.stderr);
      assert.equal((await runCliHere(['calendar', 'is-working-day', '2025-02-08'], env)).stdout, 'true\n');

      const unloaded = await runCliHere(['calendar', 'due', '--from', '2027-02-05', '--working-days', '3'], env);
      assert.equal(unloaded.status, 7);
      assert.match(unloaded.stderr, /2027 年的节假日安排尚未载入/);
      const estimate = await runCliHere(['calendar', 'due', '--from', '2027-02-05', '--working-days', '3', '--estimate'], env);
      assert.deepEqual([estimate.status, estimate.stdout], [0, '2027-02-10\n']);
      assert.match(estimate.stderr, /仅按周末估算/);

      const refused = await runCliHere(['calendar', 'load', dir.write('bad.txt', '2027-02-03 班 春节\n'), '--source', '通知'], env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /本是工作日/);
      const loaded = await runCliHere(['calendar', 'load', dir.write('2027.txt', year2027), '--source', '国办发明电〔2026〕1号'], env);
      assert.equal(loaded.status, 0, loaded.stderr);
      // 2/5 is day zero; 2/6-12 off; make-up Sunday 2/14 is day 1, then 2/15, 2/16.
      assert.equal((await runCliHere(['calendar', 'due', '--from', '2027-02-05', '--working-days', '3'], env)).stdout, '2027-02-16\n');
      assert.match((await runCliHere(['calendar', 'years'], env)).stdout, /2027 .*国办发明电〔2026〕1号/);
      assert.equal((await runCliHere(['calendar', 'due', '--from', 'tomorrow', '--working-days', '3'], env)).status, 2);
    } finally {
      dir.remove();
    }
  });
});
