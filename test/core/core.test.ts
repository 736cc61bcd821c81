import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../src/core/config.ts';
import { migrate, migrationsDir } from '../../src/core/db/migrator.ts';
import { joinSql, planOnce, sql } from '../../src/core/db/sql.ts';
import { AppError, describeError } from '../../src/core/errors.ts';
import { addDays, chineseNumberValue, findDate } from '../../src/modules/gazette/text.rules.ts';
import { engines, openTestDatabase } from '../support/db.ts';

describe('sql tag', () => {
  it('numbers parameters across nested fragments and never inlines values', () => {
    const where = joinSql([sql`a = ${1}`, sql`b = ${"x'; drop table documents; --"}`], sql` and `);
    const query = sql`select * from t where ${where} limit ${10}`.compile();
    assert.equal(query.text, 'select * from t where a = $1 and b = $2 limit $3');
    assert.deepEqual(query.values, [1, "x'; drop table documents; --", 10]);
  });
});

describe('configuration', () => {
  it('defaults to the embedded database and lists every problem at once', () => {
    assert.deepEqual(loadConfig({}).database, { kind: 'pglite', dataDir: './data' });
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database.kind, 'postgres');
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', MAX_FILE_MB: '-1' });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'config_invalid');
      assert.equal((error.details.problems as string[]).length, 3);
    }
  });

  it('reads several replicas from DATABASE_READ_URL, and refuses them without DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'postgres://u@r1/db, postgresql://u@r2/db', DATABASE_READ_HEADER: 'on' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@primary/db', readUrls: ['postgres://u@r1/db', 'postgresql://u@r2/db'], readHeader: true });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@primary/db' }).database, { kind: 'postgres', url: 'postgres://u@primary/db', readUrls: [], readHeader: false });
    for (const [env, problem] of [
      [{ DATABASE_READ_URL: 'postgres://u@r1/db' }, /DATABASE_READ_URL: needs DATABASE_URL/],
      [{ DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: 'postgres://u@r1/db,mysql://r2' }, /DATABASE_READ_URL: must be postgres/],
    ] as const) {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof AppError && error.code === 'config_invalid' && problem.test(error.message));
    }
  });

  it('reads a variable set to nothing as unset (SMTP_URL= in an env file)', () => {
    const config = loadConfig({ SMTP_URL: '', DATABASE_URL: '', PORT: '' });
    assert.deepEqual([config.mail.smtpUrl, config.database.kind], [null, 'pglite']);
  });
});

describe('errors', () => {
  it('maps codes to statuses and never leaks an internal message', () => {
    assert.deepEqual(describeError(new AppError('not_found', '没有')), { code: 'not_found', message: '没有', http: 404, exit: 3 });
    assert.deepEqual(describeError(new Error('password=hunter2')), { code: 'internal', message: '内部错误', http: 500, exit: 70 });
  });
});

describe('Chinese dates and numerals', () => {
  it('reads numerals up to the hundreds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 199 }), (n) => {
        const digits = '〇一二三四五六七八九';
        const hundreds = Math.floor(n / 100);
        const tens = Math.floor((n % 100) / 10);
        const ones = n % 10;
        let text = hundreds ? `${hundreds === 1 ? '一' : digits[hundreds]}百` : '';
        if (tens) text += `${tens === 1 && !hundreds ? '' : digits[tens]}十`;
        else if (hundreds && ones) text += '零';
        if (ones) text += digits[ones];
        assert.equal(chineseNumberValue(text), n, text);
      }),
    );
  });

  it('reads every calendar date in both scripts and refuses impossible ones', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        assert.equal(findDate(`${y}年${m}月${d}日`), iso);
        assert.equal(findDate(`${y} 年 ${m} 月 ${d} 日`), iso);
        assert.equal(addDays(addDays(iso, 30), -30), iso);
      }),
    );
    assert.equal(findDate('二○二一年七月二日出版'), '2021-07-02');
    assert.equal(findDate('二OO六年二月二十日'), '2006-02-20', 'the letter O typed for 〇');
    assert.equal(findDate('二ＯＯ六年二月二十日'), '2006-02-20');
    assert.equal(findDate('2021年2月30日'), null);
  });
});

for (const engine of engines) {
  describe(`migrations on ${engine}`, () => {
    it('apply once, and refuse a migration edited after it was applied', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-migrations-'));
      const database = await openTestDatabase(engine, { migrate: false });
      try {
        cpSync(migrationsDir, dir, { recursive: true });
        assert.ok((await migrate(database.db, dir)).length > 0);
        assert.deepEqual(await migrate(database.db, dir), []);
        const [first] = (await import('node:fs')).readdirSync(dir).sort();
        writeFileSync(join(dir, first!), '-- edited\n', { flag: 'a' });
        await assert.rejects(migrate(database.db, dir), (error: unknown) => error instanceof AppError && error.code === 'migration_changed');
      } finally {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

for (const engine of engines) {
  describe(`queries planned once on ${engine}`, () => {
    it('give the same rows with new parameters, and on PostgreSQL stay prepared on the connection', async () => {
      const database = await openTestDatabase(engine, { migrate: false });
      try {
        const square = (n: number) => planOnce(sql`select ${n}::int * ${n}::int as square`);
        await database.db.transaction(async (tx) => {
          assert.deepEqual(await tx.query(square(3)), [{ square: 9 }]);
          assert.deepEqual(await tx.query(square(4)), [{ square: 16 }]);
          await tx.query(sql`select ${5}::int as plain`);
          if (engine !== 'postgres') return;
          const prepared = await tx.query<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements`);
          assert.equal(prepared.length, 1, 'one statement for the two calls, none for the plain query');
          assert.match(prepared[0]!.name, /^plan_/);
          assert.match(prepared[0]!.statement, /as square/);
        });
      } finally {
        await database.close();
      }
    });
  });
}
