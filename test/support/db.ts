import { randomBytes } from 'node:crypto';
import { openPglite, openPostgres, type Database } from '../../src/core/db/database.ts';
import { migrate } from '../../src/core/db/migrator.ts';
import { sql } from '../../src/core/db/sql.ts';

/**
 * Every test that touches SQL runs on a real engine: PGlite always, and
 * PostgreSQL as well when TEST_DATABASE_URL is set. Each database is fresh:
 * an in-memory PGlite, or a schema of its own on the PostgreSQL server.
 */
export type Engine = 'pglite' | 'postgres';

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  db: Database;
  /** A DATABASE_URL-style setting for subprocesses that must see the same data. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export function postgresUrlFor(schema: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function openTestDatabase(engine: Engine, options: { dataDir?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openPglite(options.dataDir);
    if (options.migrate ?? true) await migrate(db);
    return { db, env: options.dataDir ? { DATA_DIR: options.dataDir } : {}, close: () => db.close() };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(process.env.TEST_DATABASE_URL!);
  await admin.execScript(`create schema ${schema}`);
  const db = await openPostgres(process.env.TEST_DATABASE_URL!, { searchPath: schema });
  if (options.migrate ?? true) await migrate(db);
  return {
    db,
    env: { DATABASE_URL: postgresUrlFor(schema) },
    async close() {
      await db.close();
      await admin.execScript(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}

const countQueries = {
  documents: sql`select count(*)::int as n from documents`,
  source_files: sql`select count(*)::int as n from source_files`,
  gazette_issues: sql`select count(*)::int as n from gazette_issues`,
  document_relations: sql`select count(*)::int as n from document_relations`,
  appointments: sql`select count(*)::int as n from appointments`,
  document_tasks: sql`select count(*)::int as n from document_tasks`,
} as const;

export async function count(db: Database, table: keyof typeof countQueries): Promise<number> {
  const rows = await db.query<{ n: number }>(countQueries[table]);
  return rows[0]!.n;
}
