import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { runCli } from '../support/cli.ts';
import { seedsDir, seedStartingWith } from '../support/corpus.ts';
import { openTestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { anAgency } from '../support/factories.ts';

const supervisor: StaffUser = { id: 1, username: 's', displayName: '督查员', role: 'supervisor', agencyId: null, agencyName: null, mustChangePassword: false };

/** The contract of `gongkai tasks import` (issue 15): the ledger entries of a library document as JSON, created once. */
describe('gongkai tasks import', () => {
  const dir = tempDir();
  const env = { DATA_DIR: join(dir.path, 'data'), FILES_DIR: join(dir.path, 'files') };
  let archives: number;

  before(async () => {
    const database = await openTestDatabase('pglite', { dataDir: env.DATA_DIR });
    const context = await createContext(loadConfig(env), { db: database.db, migrate: false });
    await context.ingest.ingest([`${seedsDir}${seedStartingWith('000')}`]);
    const { unresolved } = await context.supervision.preview((await database.db.query<{ id: number }>(sql`select id::int as id from documents where doc_number = '静府发〔2016〕12号'`))[0]!.id, supervisor);
    for (const name of unresolved.filter((n) => n.startsWith('区') && n !== '区各行政机关' && n !== '区档案局')) {
      const agencyId = await anAgency(database.db, { name: `上海市静安区${name.slice(1)}` });
      await context.supervision.mapName({ name, agencyId }, supervisor, { id: 'cli:test' });
    }
    const [office] = await database.db.query<{ id: number }>(sql`select agency_id::int as id from supervision_agency_names where name = '区府办'`);
    await context.supervision.mapName({ name: '区各行政机关', agencyId: office!.id }, supervisor, { id: 'cli:test' });
    archives = await anAgency(database.db, { name: '上海市静安区档案局' });
    await database.close();
  });
  after(() => dir.remove());

  it('maps a name by command, then prints the ledger with lead and responsible agencies; a second run creates nothing new', () => {
    const mapped = runCli(['tasks', 'map', '区档案局', '--agency', String(archives)], env);
    assert.equal(mapped.status, 0, mapped.stderr);
    const first = runCli(['tasks', 'import', '--document-number', '静府发〔2016〕12号', '--due-on', '2099-06-30', '--json'], env);
    assert.equal(first.status, 0, first.stderr);
    const output = JSON.parse(first.stdout) as { documentNumber: string; tasks: { id: number; text: string; lead: string[]; responsible: string[]; dueOn: string; state: string }[] };
    assert.equal(output.documentNumber, '静府发〔2016〕12号');
    assert.equal(output.tasks.length, 39);
    assert.deepEqual(Object.keys(output.tasks[0]!), ['id', 'text', 'lead', 'responsible', 'dueOn', 'state']);
    assert.ok(output.tasks.some((task) => task.lead.includes('上海市静安区档案局') || task.responsible.includes('上海市静安区档案局')));
    assert.ok(output.tasks.every((task) => task.dueOn === '2099-06-30' && task.state === 'in_progress'));
    const second = runCli(['tasks', 'import', '--document-number', '静府发〔2016〕12号', '--json'], env);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual((JSON.parse(second.stdout) as typeof output).tasks.map((task) => task.id), output.tasks.map((task) => task.id));
    const missing = runCli(['tasks', 'import', '--document-number', '沪府发〔2099〕1号'], env);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /文件库中没有这篇文件/);
  });
});
