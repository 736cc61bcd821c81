import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPglite, openPostgres, type Database } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrator.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { killCliWhen, runCli } from '../support/cli.ts';
import { readSeed, seedNames, seedStartingWith, seedsDir, testLimits } from '../support/corpus.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { varySeed } from '../support/vary.ts';

describe('gongkai parse', () => {
  it('prints the parse as JSON with the fixed contract, without creating a database', () => {
    const dir = tempDir();
    try {
      const result = runCli(['parse', join(seedsDir, seedStartingWith('001')), '--json'], { DATA_DIR: join(dir.path, 'data') });
      assert.equal(result.status, 0, result.stderr);
      const output = JSON.parse(result.stdout) as { gazette: { issue: string }; documents: Record<string, unknown>[] };
      assert.equal(output.gazette.issue, '2021年第二期(总第60期)');
      assert.equal(output.documents.length, 17);
      for (const document of output.documents) {
        assert.deepEqual(Object.keys(document).slice(0, 5), ['title', 'docNumber', 'issuer', 'date', 'type']);
        assert.ok(document.date === null || /^\d{4}-\d{2}-\d{2}$/.test(String(document.date)));
      }
      assert.equal(existsSync(join(dir.path, 'data')), false);
    } finally {
      dir.remove();
    }
  });

  it('refuses a bad file with its reason and a non-zero exit', () => {
    const dir = tempDir();
    try {
      const result = runCli(['parse', dir.write('empty.txt', '')]);
      assert.equal(result.status, 6);
      assert.match(result.stderr, /错误: .*empty\.txt: 文件为空/);
      assert.equal(runCli(['frobnicate']).status, 2);
    } finally {
      dir.remove();
    }
  });
});

for (const engine of engines) {
  describe(`gongkai ingest on ${engine}`, () => {
    const dir = tempDir();
    const files = tempDir();
    let env: Record<string, string>;
    let closeDatabase = async () => {};
    before(async () => {
      if (engine === 'pglite') {
        env = { DATA_DIR: join(dir.path, 'data') };
      } else {
        const database = await openTestDatabase('postgres', { migrate: false });
        env = database.env;
        closeDatabase = () => database.close();
      }
      // Forty distinct files made from the seeds: other districts, years and numbers.
      for (let variant = 0; variant < 8; variant++) {
        for (const name of seedNames) files.write(`v${variant}-${name}`, varySeed(readSeed(name).toString('utf8'), variant + 1));
      }
    });
    after(async () => {
      await closeDatabase();
      dir.remove();
      files.remove();
    });

    it('reports a bad file, ingests the others, and says so in its exit code', () => {
      const bad = tempDir();
      try {
        bad.write('broken.txt', Buffer.from([0, 1, 2, 3, 0xff, 0]));
        const result = runCli(['ingest', seedsDir, bad.path], env);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stderr, /失败: .*broken\.txt: 这是二进制文件/);
        assert.match(result.stdout, /文件 6 个\(失败 1 个\);公文 新增 48 篇/);
        const stats = runCli(['db', 'stats', '--json'], env);
        assert.equal((JSON.parse(stats.stdout) as { documents: number }).documents, 48);
      } finally {
        bad.remove();
      }
    });

    it('prints the annual report in the national format, counting the normative documents the library holds for the year', () => {
      const result = runCli(['report', 'annual', '--year', '2021', '--agency', '上海市长宁区人民政府', '--json'], env);
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { year: number; format: string; agency: string; tables: { active: { rows: { label: string; cells: number[] }[] }[]; requests: unknown; review: unknown }; checks: { name: string; ok: boolean }[] };
      assert.deepEqual([report.year, report.format, report.agency], [2021, '2021', '上海市长宁区人民政府']);
      assert.deepEqual(report.tables.active[0]!.rows.find((row) => row.label === '行政规范性文件')!.cells, [3, 0, 3]);
      assert.ok(report.tables.requests && report.tables.review);
      assert.ok(report.checks.length >= 4 && report.checks.every((check) => check.ok));
      const refused = runCli(['report', 'annual', '--year', '2018', '--agency', '上海市长宁区人民政府'], env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /2019 年及以后/);
    });

    it('survives SIGKILL in the middle of an ingest, and a re-run completes it', async () => {
      const { killed, stderr } = await killCliWhen(['ingest', files.path], env, /进度 15\/40/);
      assert.ok(killed, `the ingest finished before it could be killed:\n${stderr}`);

      const db = engine === 'pglite' ? await openPglite(env.DATA_DIR) : await openPostgres(env.DATABASE_URL!);
      // Consistent: every file that was stored is stored whole.
      const partial = await db.query(sql`
        select s.file_name from source_files s left join documents d on d.source_file_id = s.id
        group by s.id, s.file_name, s.document_count having count(d.id) <> s.document_count`);
      assert.deepEqual(partial, []);
      const filesAfterKill = (await db.query<{ n: number }>(sql`select count(*)::int as n from source_files where file_name like 'v%'`))[0]!.n;
      assert.ok(filesAfterKill < 40, 'the kill interrupted the run');
      await db.close();

      const rerun = runCli(['ingest', files.path], env);
      assert.equal(rerun.status, 0, rerun.stderr);

      // The same store as one uninterrupted ingest of the same files into an empty database.
      const state = async (database: Database) => ({
        sources: await database.query(sql`select source_key, sha256, document_count from source_files order by source_key`),
        documents: await database.query(sql`select doc_key, content_hash from documents order by doc_key`),
      });
      const reference = await openPglite();
      await migrate(reference);
      await createIngestService(reference, testLimits).ingest([seedsDir, files.path]);
      const expected = await state(reference);
      await reference.close();
      const final = engine === 'pglite' ? await openPglite(env.DATA_DIR) : await openPostgres(env.DATABASE_URL!);
      assert.ok(expected.documents.length > 200);
      assert.deepEqual(await state(final), expected);
      await final.close();
    });
  });
}
