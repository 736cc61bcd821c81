import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { lockDataDir } from './lock.ts';
import { sql, type SqlFragment } from './sql.ts';

/** What both engines offer: parameterised queries and multi-statement scripts. */
export interface Queryable {
  query<R = Record<string, unknown>>(fragment: SqlFragment): Promise<R[]>;
  execScript(text: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only transaction (a write in it fails): for reads that need one (a
   * `set local`, one snapshot for several statements). A public read's may run on a replica.
   */
  readTransaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` on every NOTIFY of `channel` by any process's committed
   * transaction (and once after a lost connection is restored: notices may
   * have been missed). Resolves to the function that stops listening. On the
   * primary only: a standby does not relay notices.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A read-only transaction made of an ordinary one, on either engine. */
function readOnly(transaction: Database['transaction']): Database['readTransaction'] {
  return (work) =>
    transaction(async (tx) => {
      await tx.execScript('set transaction read only');
      return work(tx);
    });
}

// Calendar dates stay 'YYYY-MM-DD' strings (no time-zone drift); counts come back as numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
const DATE_ARRAY_OID = 1182;
const INT8_ARRAY_OID = 1016;
const TEXT_ARRAY_OID = 1009;
const parseDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

/** A folder on disk (not memory:// or another scheme): one process's alone, see lock.ts. */
const isFolder = (dataDir: string | undefined): dataDir is string => dataDir !== undefined && !/^[a-z]+:\/\//i.test(dataDir);

export async function openPglite(dataDir?: string): Promise<Database> {
  const lock = isFolder(dataDir) ? lockDataDir(dataDir) : null;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir, {
      parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
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
  const transaction: Database['transaction'] = (work) => db.transaction((tx) => work(wrap(tx)));
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction,
    readTransaction: readOnly(transaction),
    listen: (channel, onNotify) => db.listen(channel, () => onNotify()),
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** A prepared statement's name, from its text: one text, one statement on each connection. */
function statementName(text: string): string {
  return `plan_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
}

export interface PostgresOptions {
  searchPath?: string;
  /** Fail at once if the server does not answer (default); a replica may be down when the portal starts. */
  probe?: boolean;
  /** How long to wait for a connection (default 10 s; a replica's is short: the primary answers instead). */
  connectTimeoutMs?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
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
    max: 10,
    // While the server is unreachable, a request fails within seconds instead of waiting in line
    // (a refused connection fails at once). The same limit bounds the wait for a free connection,
    // so it is kept well above what a burst of slow writes (publications) holds one for.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types: types as pg.CustomTypesConfig,
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
  });
  // An idle connection that dies (the server restarted, an administrator ended it) is reported
  // here; unheard, the event would end the process. The pool drops it, the next query opens anew.
  pool.on('error', () => undefined);
  // Fail at start, with the server's own reason, rather than at the first query.
  if (options.probe ?? true) {
    const probe = await pool.connect().catch((error: Error) => {
      throw new AppError('database_unavailable', `无法连接数据库:${error.message}`, { reason: error.message });
    });
    probe.release();
  }
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(fragment: SqlFragment) {
      const { text, values, keepPlan } = fragment.compile();
      const result = await (keepPlan ? target.query({ name: statementName(text), text, values }) : target.query(text, values)).catch(asUnavailable);
      return result.rows as R[];
    },
    async execScript(text: string) {
      await target.query(text).catch(asUnavailable);
    },
  });
  const transaction: Database['transaction'] = async (work) => {
    const client = await pool.connect().catch(asUnavailable);
    // A connection that dies while checked out reports here (the pool listens only to idle ones).
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('begin').catch(asUnavailable);
      const result = await work(wrap(client));
      await client.query('commit').catch(asUnavailable);
      return result;
    } catch (error) {
      if (isUnavailable(error)) broken ??= error as Error;
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is closed, never handed to the next caller.
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction,
    readTransaction: readOnly(transaction),
    listen: (channel, onNotify) => listenOnPostgres(() => new pg.Client({ connectionString: url, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 }), channel, onNotify),
    close: () => pool.end(),
  };
}

/** How long a lost listening connection waits before it is opened again. */
const relistenMs = 1_000;

/**
 * A connection of its own that LISTENs (a pooled one would be handed to
 * others). When it is lost it is opened again a second later, and again
 * every second until it listens; `onNotify` is then called once, for the
 * notices missed. The first connection's failure is the caller's.
 */
async function listenOnPostgres(connect: () => pg.Client, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const later = () => {
    if (!stopped) retry = setTimeout(() => void open().then(() => stopped || onNotify(), later), relistenMs);
  };
  const open = async (): Promise<void> => {
    const next = connect();
    const lost = () => {
      if (client !== next) return; // not listening yet: open's caller hears of it
      client = null;
      next.end().catch(() => undefined);
      later();
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    try {
      await next.connect();
      await next.query(`listen ${quoted}`);
    } catch (error) {
      next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) await next.end().catch(() => undefined);
    else client = next;
  };
  await open().catch(asUnavailable);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const last = client;
    client = null;
    await last?.end().catch(() => undefined);
  };
}

// Connection-level failures, as opposed to a statement's own error: the server is away.
const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', // admin_shutdown: the server is stopping or the backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
]);
const unavailableMessages = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|not queryable/i;

export function isUnavailable(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'database_unavailable';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && unavailableCodes.has(code)) || unavailableMessages.test(error.message);
}

function asUnavailable(error: unknown): never {
  if (isUnavailable(error) && !(error instanceof AppError)) {
    throw new AppError('database_unavailable', '数据库暂时无法访问,请稍后再试', { reason: (error as Error).message });
  }
  throw error;
}

/** Whether the database answers (the readiness check). */
export async function databaseAnswers(db: Queryable): Promise<void> {
  await db.query(sql`select 1 as ok`);
}
