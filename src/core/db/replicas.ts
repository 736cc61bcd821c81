import { AsyncLocalStorage } from 'node:async_hooks';
import { isUnavailable, type Database } from './database.ts';
import { sql, type SqlFragment } from './sql.ts';

/**
 * Reads sent to PostgreSQL streaming replicas (DATABASE_READ_URL), see
 * docs/adr/0009-read-replicas.md. The application keeps one `Database`: this
 * one. Outside a read scope every statement goes to the primary, as before.
 * Inside one (a public GET request, opened by the server), a statement outside
 * a transaction, or a read-only transaction, goes to a replica that has
 * replayed every write this process knows of, chosen once per scope; otherwise,
 * and whenever a replica fails, to the primary. Read-write transactions and
 * scripts always run on the primary.
 */
export interface RoutedDatabase extends Database {
  /** Runs `work` with its plain reads allowed on a replica (the scope follows every await inside it). */
  readScope<T>(work: () => T): T;
  /** Where the current read scope's statements went: `primary`, `replica 1` …, or null before the first one (or outside a scope). */
  readSource(): string | null;
  /** Tells `listener` each time a replica is marked down (for the server's log). */
  onReplicaDown(listener: (replica: string, error: unknown) => void): void;
  /** The primary itself, for state no reader ever needs fresh from a replica (rate-limit counters): writing it does not hold reads on the primary. */
  readonly primary: Database;
}

/** The primary behind a routed database, or the database itself. */
export function primaryOf(db: Database): Database {
  return 'readScope' in db ? (db as RoutedDatabase).primary : db;
}

export interface Replica {
  /** How logs and the x-read-from header name it: `replica 1`, `replica 2` … */
  name: string;
  db: Database;
}

export interface ReadRoutingOptions {
  /** How long a replica's replay position, and the primary's position for other processes' writes, is trusted. */
  freshnessMs?: number;
  /** How long a replica that failed is left alone before it is tried again. */
  downForMs?: number;
  now?: () => number;
}

interface Target {
  name: string;
  db: Database;
}

interface Scope {
  /** Chosen at the scope's first statement (once, however many run at the same time). */
  choice: Promise<Target> | null;
  target: Target | null;
}

interface ReplicaState extends Replica {
  replayed: bigint | null;
  checkedAt: number;
  downUntil: number;
}

// A replica refuses writes (a GET that records something), or cancels a query that conflicts with
// the replay of the primary's changes: either way the statement is run again on the primary.
const retryOnPrimaryCodes = new Set(['25006', '40001']);

/** A WAL position ('16/B374D848') as a number, for comparison. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const primaryPosition = sql`select pg_current_wal_lsn()::text as lsn`;
const replayPosition = sql`select pg_last_wal_replay_lsn()::text as lsn`;

export function routeReads(primary: Database, replicas: readonly Replica[], options: ReadRoutingOptions = {}): RoutedDatabase {
  const freshnessMs = options.freshnessMs ?? 100;
  const downForMs = options.downForMs ?? 5_000;
  const now = options.now ?? Date.now;
  const scopes = new AsyncLocalStorage<Scope>();
  const states: ReplicaState[] = replicas.map((replica) => ({ ...replica, replayed: null, checkedAt: Number.NEGATIVE_INFINITY, downUntil: 0 }));
  const onPrimary = { name: 'primary', db: primary };
  let nextReplica = 0;
  const downListeners: ((replica: string, error: unknown) => void)[] = [];

  // The WAL position a replica must have replayed to serve a read: every write of this process
  // (exactly: the primary's position is asked again after each), and every write of other processes
  // older than one freshness period (the position sampled at the previous refresh).
  let required = 0n;
  /** Writes this process made (counted), and how many of them `required` covers. */
  let writes = 0;
  let coveredWrites = -1;
  let previousSample = 0n;
  let sampledAt = Number.NEGATIVE_INFINITY;
  let sampling: Promise<void> | null = null;

  function markWritten() {
    writes++;
    const scope = scopes.getStore();
    // What a request wrote, it reads back from the primary.
    if (scope) {
      scope.target = onPrimary;
      scope.choice = Promise.resolve(onPrimary);
    }
  }

  async function samplePrimary(): Promise<void> {
    const writesBefore = writes;
    const [row] = await primary.query<{ lsn: string }>(primaryPosition);
    const position = parseLsn(row!.lsn);
    // After a write of ours, the whole position; otherwise the one sampled a period ago.
    const covered = writesBefore > coveredWrites ? position : previousSample;
    if (covered > required) required = covered;
    coveredWrites = writesBefore;
    previousSample = position;
    sampledAt = now();
  }

  async function requiredPosition(): Promise<bigint> {
    const needed = writes;
    const current = () => coveredWrites >= needed && now() - sampledAt < freshnessMs;
    if (current()) return required;
    // A sample under way may have been asked before our last write: then one more after it.
    if (sampling) {
      await sampling;
      if (current()) return required;
    }
    sampling ??= samplePrimary().finally(() => {
      sampling = null;
    });
    await sampling;
    return required;
  }

  function markDown(state: ReplicaState, error: unknown) {
    state.downUntil = now() + downForMs;
    state.checkedAt = Number.NEGATIVE_INFINITY;
    for (const listener of downListeners) listener(state.name, error);
  }

  /** Whether the replica has replayed `position`; its own position is asked again when old, or (briefly cached) when behind. */
  async function hasReplayed(state: ReplicaState, position: bigint): Promise<boolean> {
    const age = now() - state.checkedAt;
    const behind = state.replayed === null || state.replayed < position;
    if (age >= freshnessMs || (behind && age >= freshnessMs / 5)) {
      const [row] = await state.db.query<{ lsn: string | null }>(replayPosition);
      // Null: the server is not a standby (promoted, or misconfigured): its data may not be the primary's.
      state.replayed = row?.lsn ? parseLsn(row.lsn) : null;
      state.checkedAt = now();
    }
    return state.replayed !== null && state.replayed >= position;
  }

  async function chooseTarget(): Promise<Target> {
    const up = states.filter((state) => state.downUntil <= now());
    if (up.length === 0) return onPrimary;
    const position = await requiredPosition();
    const start = nextReplica++ % up.length;
    for (let i = 0; i < up.length; i++) {
      const state = up[(start + i) % up.length]!;
      try {
        if (await hasReplayed(state, position)) return state;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        markDown(state, error);
      }
    }
    return onPrimary;
  }

  /** Runs a read where the scope's target is, or on the primary if the replica fails it. */
  async function read<T>(scope: Scope, run: (db: Database) => Promise<T>): Promise<T> {
    scope.choice ??= chooseTarget().then((target) => {
      scope.target ??= target;
      return target;
    });
    await scope.choice;
    const target = scope.target!;
    if (target === onPrimary) return run(primary);
    try {
      return await run((target as ReplicaState).db);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const unavailable = isUnavailable(error);
      if (!unavailable && !(typeof code === 'string' && retryOnPrimaryCodes.has(code))) throw error;
      if (unavailable) markDown(target as ReplicaState, error);
      scope.target = onPrimary;
      scope.choice = Promise.resolve(onPrimary);
      const result = await run(primary);
      if (code === '25006') markWritten();
      return result;
    }
  }

  return {
    kind: primary.kind,
    primary,
    async query<R>(fragment: SqlFragment) {
      const scope = scopes.getStore();
      if (scope) return read(scope, (db) => db.query<R>(fragment));
      try {
        return await primary.query<R>(fragment);
      } finally {
        markWritten();
      }
    },
    async execScript(text) {
      try {
        await primary.execScript(text);
      } finally {
        markWritten();
      }
    },
    async transaction(work) {
      try {
        return await primary.transaction(work);
      } finally {
        markWritten();
      }
    },
    readTransaction(work) {
      const scope = scopes.getStore();
      return scope ? read(scope, (db) => db.readTransaction(work)) : primary.readTransaction(work);
    },
    onReplicaDown: (listener) => {
      downListeners.push(listener);
    },
    readScope: (work) => scopes.run({ choice: null, target: null }, work),
    readSource: () => scopes.getStore()?.target?.name ?? null,
    async close() {
      await Promise.all([primary.close(), ...states.map((state) => state.db.close())]);
    },
  };
}
