import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { ClockEvent, ClockState, DeadlineRule } from './clock.types.ts';

export interface ClockSubject {
  type: string;
  id: number;
  /** Which of the subject's clocks (a request has its reply clock, its correction clock …). */
  purpose: string;
  /** The agency whose deadline it is, kept from the first event on (for boards that count by agency). */
  agencyId?: number;
}

export async function insertMissingDeadlineRules(tx: Queryable, rules: readonly DeadlineRule[], by: string): Promise<void> {
  for (const rule of rules) {
    await tx.query(sql`
      insert into deadline_rules (code, label, limit_value, unit, source, extension, updated_by)
      values (${rule.code}, ${rule.label}, ${rule.limit}, ${rule.unit}, ${rule.source}, ${rule.extension ? JSON.stringify(rule.extension) : null}::jsonb, ${by})
      on conflict (code) do nothing`);
  }
}

export async function readDeadlineRules(db: Queryable): Promise<Map<string, DeadlineRule>> {
  const rows = await db.query<{ code: string; label: string; limit_value: number; unit: DeadlineRule['unit']; source: string; extension: DeadlineRule['extension'] }>(sql`
    select code, label, limit_value, unit, source, extension from deadline_rules`);
  return new Map(rows.map((row) => [row.code, { code: row.code, label: row.label, limit: row.limit_value, unit: row.unit, source: row.source, extension: row.extension }]));
}

/** The ledger, locked for the rest of the transaction so two changes cannot interleave. */
export async function lockLedger(tx: Queryable, subject: ClockSubject): Promise<ClockEvent[] | null> {
  const [row] = await tx.query<{ ledger: ClockEvent[] }>(sql`
    select ledger from clocks where subject_type = ${subject.type} and subject_id = ${subject.id} and purpose = ${subject.purpose} for update`);
  return row?.ledger ?? null;
}

export async function readLedger(db: Queryable, subject: ClockSubject): Promise<ClockEvent[] | null> {
  const [row] = await db.query<{ ledger: ClockEvent[] }>(sql`
    select ledger from clocks where subject_type = ${subject.type} and subject_id = ${subject.id} and purpose = ${subject.purpose}`);
  return row?.ledger ?? null;
}

export async function saveLedger(tx: Queryable, subject: ClockSubject, ruleCode: string, ledger: ClockEvent[], state: ClockState): Promise<void> {
  await tx.query(sql`
    insert into clocks (subject_type, subject_id, purpose, rule_code, ledger, status, due_on, estimated, agency_id)
    values (${subject.type}, ${subject.id}, ${subject.purpose}, ${ruleCode}, ${JSON.stringify(ledger)}::jsonb, ${state.status}, ${state.due}, ${state.estimated}, ${subject.agencyId ?? null})
    on conflict (subject_type, subject_id, purpose) do update
      set ledger = excluded.ledger, status = excluded.status, due_on = excluded.due_on, estimated = excluded.estimated,
        agency_id = coalesce(excluded.agency_id, clocks.agency_id)`);
}

export async function updateClockCaches(tx: Queryable, ids: number[], states: ClockState[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(sql`
    update clocks c set status = u.status, due_on = u.due_on::date, estimated = u.estimated
    from unnest(${ids}::bigint[], ${states.map((s) => s.status)}::text[], ${states.map((s) => s.due)}::text[], ${states.map((s) => s.estimated)}::boolean[])
      as u(id, status, due_on, estimated)
    where c.id = u.id`);
}

/** The clocks a calendar change can move: not yet stopped, or counted over a year that was not loaded. */
export async function readRefreshableLedgers(db: Queryable): Promise<{ id: number; ledger: ClockEvent[] }[]> {
  return db.query(sql`select id, ledger from clocks where status <> 'stopped' or estimated`);
}

export async function updateDeadlineRule(tx: Queryable, rule: DeadlineRule, by: string): Promise<void> {
  await tx.query(sql`update deadline_rules set limit_value = ${rule.limit}, source = ${rule.source}, updated_at = now(), updated_by = ${by} where code = ${rule.code}`);
}
