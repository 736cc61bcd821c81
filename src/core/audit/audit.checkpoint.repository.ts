import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { Checkpoint } from './audit.checkpoint.ts';

/** The SQL of audit checkpoints (audit_checkpoints beside audit_events). */

export async function headMovedSinceCheckpoint(tx: Queryable): Promise<boolean> {
  const [state] = await tx.query<{ moved: boolean }>(sql`
    select coalesce((select max(id) from audit_events) is distinct from (select max(event_id) from audit_checkpoints), true) as moved`);
  return state!.moved;
}

export async function readChainHead(tx: Queryable): Promise<{ eventId: number; head: string; events: number } | null> {
  const [head] = await tx.query<{ eventId: number; head: string; events: number }>(sql`
    select id as "eventId", hash as head, (select count(*)::int from audit_events) as events from audit_events order by id desc limit 1`);
  return head ?? null;
}

export async function insertCheckpoint(tx: Queryable, checkpoint: Checkpoint): Promise<void> {
  await tx.query(sql`
    insert into audit_checkpoints (event_id, events, head_hash, at, key_fingerprint, signature)
    values (${checkpoint.eventId}, ${checkpoint.events}, ${checkpoint.head}, ${checkpoint.at}::timestamptz, ${checkpoint.key}, ${checkpoint.signature})`);
}

export async function latestCheckpoint(db: Queryable): Promise<Checkpoint | null> {
  const [row] = await db.query<Checkpoint>(sql`
    select event_id as "eventId", events, head_hash as head,
      to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, key_fingerprint as key, signature
    from audit_checkpoints order by event_id desc, id desc limit 1`);
  return row ?? null;
}

/** The event a checkpoint names (its hash), how many events lie up to it and after it. */
export async function chainAround(db: Queryable, eventId: number): Promise<{ hash: string | null; upTo: number; after: number }> {
  const [row] = await db.query<{ hash: string | null; upTo: number; after: number }>(sql`
    select (select hash from audit_events where id = ${eventId}) as hash,
      (select count(*)::int from audit_events where id <= ${eventId}) as "upTo",
      (select count(*)::int from audit_events where id > ${eventId}) as after`);
  return row!;
}
