import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';

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

/** Writes one audit event; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Queryable, actor: Actor, event: AuditEvent): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await tx.query(sql`
    insert into audit_events (actor, address, action, subject_type, subject_id, before, after)
    values (${actor.id}, ${actor.address ?? null}, ${event.action}, ${event.subjectType}, ${event.subjectId},
      ${json(event.before)}::jsonb, ${json(event.after)}::jsonb)`);
}
