import type { Queryable } from '../db/database.ts';
import { joinSql, planOnce, sql } from '../db/sql.ts';

/** Who made a change and from where: a staff account, a command line, or the public. */
export interface Actor {
  /** e.g. "user:12", "cli:root", "public". */
  id: string;
  address?: string | null;
}

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Every append takes this lock for the rest of its transaction, so the chain never forks. */
const chainLock = 7_212_019;
export async function lockAuditChain(tx: Queryable): Promise<void> {
  await tx.query(planOnce(sql`select pg_advisory_xact_lock(${chainLock})`));
}

/**
 * Writes one audit event; call it inside the transaction that makes the change.
 * The event is chained to the one before it (see migrations/0009).
 */
export async function recordAudit(tx: Queryable, actor: Actor, event: AuditEvent): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await lockAuditChain(tx);
  // Every audited change runs this one text: planned once per connection.
  await tx.query(planOnce(sql`
    insert into audit_events (at, actor, address, action, subject_type, subject_id, before, after, prev_hash, hash)
    select v.at, v.actor, v.address, v.action, v.subject_type, v.subject_id, v.before, v.after, last.hash,
      audit_event_hash(last.hash, v.at, v.actor, v.address, v.action, v.subject_type, v.subject_id, v.before, v.after)
    from (select clock_timestamp() as at, ${actor.id}::text as actor, ${actor.address ?? null}::text as address, ${event.action}::text as action,
        ${event.subjectType}::text as subject_type, ${event.subjectId}::text as subject_id, ${json(event.before)}::jsonb as before, ${json(event.after)}::jsonb as after) v
      left join lateral (select hash from audit_events order by id desc limit 1) last on true`));
}

export interface ChainCheck {
  events: number;
  /**
   * The last event's hash. Anyone who can write to the database could rewrite
   * the chain from some point on, or cut off its newest events: signed
   * checkpoints (audit.checkpoint.ts) make that visible.
   */
  head: string | null;
  /** The first event where the chain breaks, and how. */
  broken: { id: number; reason: 'content_changed' | 'previous_missing_or_changed' } | null;
}

/** Recomputes every event's hash and link, in order: the first break is reported. */
export async function verifyAuditChain(db: Queryable): Promise<ChainCheck> {
  const rows = await db.query<{ id: number; intact: boolean; linked: boolean; hash: string }>(sql`
    select id, hash,
      hash = audit_event_hash(prev_hash, at, actor, address, action, subject_type, subject_id, before, after) as intact,
      prev_hash is not distinct from lag(hash) over (order by id) as linked
    from audit_events order by id`);
  const bad = rows.find((row) => !row.intact || !row.linked);
  return {
    events: rows.length,
    head: rows.at(-1)?.hash ?? null,
    broken: bad ? { id: bad.id, reason: bad.intact ? 'previous_missing_or_changed' : 'content_changed' } : null,
  };
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  address: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  actor?: string;
  /** A prefix: "disclosure." matches every disclosure action. */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  beforeId?: number;
}

/** The log newest first, filtered, a page at a time (keyset on id). */
export async function readAuditLog(db: Queryable, filter: AuditFilter, limit = 100): Promise<AuditEntry[]> {
  const conditions = [sql`true`];
  if (filter.actor) conditions.push(sql`actor = ${filter.actor}`);
  if (filter.action) conditions.push(sql`starts_with(action, ${filter.action})`);
  if (filter.subjectType) conditions.push(sql`subject_type = ${filter.subjectType}`);
  if (filter.subjectId) conditions.push(sql`subject_id = ${filter.subjectId}`);
  if (filter.from) conditions.push(sql`at >= ${filter.from}::date`);
  if (filter.to) conditions.push(sql`at < ${filter.to}::date + 1`);
  if (filter.beforeId) conditions.push(sql`id < ${filter.beforeId}`);
  return db.query<AuditEntry>(sql`
    select id, to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as at, actor, address, action,
      subject_type as "subjectType", subject_id as "subjectId", before, after
    from audit_events where ${joinSql(conditions, sql` and `)}
    order by id desc limit ${Math.min(Math.max(limit, 1), 500)}`);
}
