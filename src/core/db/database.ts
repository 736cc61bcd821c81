import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlFragment } from './sql.ts';

/** What both engines offer: parameterised queries and multi-statement scripts. */
export interface Queryable {
  query<R = Record<string, unknown>>(fragment: SqlFragment): Promise<R[]>;
  execScript(text: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Calendar dates stay 'YYYY-MM-DD' strings (no time-zone drift); counts come back as numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const DATE_ARRAY_OID = 1182;
const INT8_ARRAY_OID = 1016;
const TEXT_ARRAY_OID = 1009;
const parseDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, {
    parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
  });
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(fragment: SqlFragment) {
      const { text, values } = fragment.compile();
      const result = await target.query<R>(text, values);
      return result.rows;
    },
    async execScript(text: string) {
      await target.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

export async function openPostgres(url: string, options: { searchPath?: string } = {}): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return parseDate;
      if (oid === INT8_OID) return parseInt8;
      // Arrays the same way, element by element (pg would give strings and Date objects).
      if (oid === INT8_ARRAY_OID || oid === DATE_ARRAY_OID) {
        const parseArray = (pg.types.getTypeParser as (oid: number, format: string) => (value: string) => (string | null)[])(TEXT_ARRAY_OID, 'text');
        const element = oid === INT8_ARRAY_OID ? parseInt8 : parseDate;
        return (value: string) => parseArray(value).map((item) => (item === null ? null : element(item)));
      }
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: types as pg.CustomTypesConfig,
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
  });
  // Fail at start, with the server's own reason, rather than at the first query.
  const probe = await pool.connect();
  probe.release();
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(fragment: SqlFragment) {
      const { text, values } = fragment.compile();
      const result = await target.query(text, values);
      return result.rows as R[];
    },
    async execScript(text: string) {
      await target.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
