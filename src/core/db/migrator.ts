import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';
import type { Database } from './database.ts';
import { sql } from './sql.ts';

/** Forward-only plain-SQL migrations: applied in name order, each once, never edited. */
export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

interface Migration {
  name: string;
  text: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8');
      return { name, text, checksum: createHash('sha256').update(text).digest('hex') };
    }),
  );
}

export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
  await db.execScript(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = new Map(
    (await db.query<{ name: string; checksum: string }>(sql`select name, checksum from schema_migrations`)).map(
      (row) => [row.name, row.checksum],
    ),
  );
  const done: string[] = [];
  for (const migration of await readMigrations(dir)) {
    const previous = applied.get(migration.name);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new AppError('migration_changed', `迁移文件 ${migration.name} 在应用后被修改;迁移只能新增,不能修改`, {
          migration: migration.name,
        });
      }
      continue;
    }
    await db.transaction(async (tx) => {
      await tx.execScript(migration.text);
      await tx.query(sql`insert into schema_migrations (name, checksum) values (${migration.name}, ${migration.checksum})`);
    });
    done.push(migration.name);
  }
  return done;
}
