import type { CalendarService, WorkingCalendar } from '../calendar/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { recordAudit, type Actor } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { insertMissingDeadlineRules, lockLedger, readDeadlineRules, readLedger, saveLedger, readRefreshableLedgers, updateClockCaches, updateDeadlineRule, type ClockSubject } from './clock.repository.ts';
import { appendClockEvent, evaluateClock, explainClock } from './clock.rules.ts';
import type { ClockEvent, ClockExplanation, ClockState, DeadlineRule } from './clock.types.ts';

/**
 * Clocks kept in the database: each change appends to the ledger inside the
 * caller's transaction (the change and its clock commit together) and
 * refreshes the cached due date that lists sort on.
 */
export interface ClockService {
  /**
   * The rules and the calendar, read before a transaction opens: on the
   * embedded database a transaction holds the only connection, so nothing
   * inside it may wait for another.
   */
  context(): Promise<ClockContext>;
  /** Appends an event (a "started" event creates the clock); returns the clock as it now stands. */
  record(tx: Queryable, context: ClockContext, subject: ClockSubject, event: ClockEvent, today: string): Promise<ClockState>;
  state(db: Queryable, subject: ClockSubject, today: string): Promise<ClockState | null>;
  /** Changes a rule's limit or source; clocks already started keep the terms they started with. */
  setRule(code: string, change: { limit: number; source: string }, actor: Actor): Promise<DeadlineRule>;
  /**
   * Re-derives the cached due date of every clock the calendar can still
   * change (running, paused, or estimated): after a year is loaded or corrected.
   * Returns how many clocks were looked at.
   */
  refreshCaches(today: string): Promise<number>;
  explain(db: Queryable, subject: ClockSubject, today: string): Promise<ClockExplanation | null>;
}

export interface ClockContext {
  rules: Map<string, DeadlineRule>;
  calendar: WorkingCalendar;
}

/** `defaultRules`: the rules a new installation starts with, as the modules declare them (src/modules/modules.ts). */
export function createClockService(db: Database, calendar: CalendarService, defaultRules: readonly DeadlineRule[]): ClockService {
  let seeded = false;
  async function rules(): Promise<Map<string, DeadlineRule>> {
    if (!seeded) {
      await db.transaction((tx) => insertMissingDeadlineRules(tx, defaultRules, 'system:defaults'));
      seeded = true;
    }
    return readDeadlineRules(db);
  }

  return {
    async context() {
      return { rules: await rules(), calendar: await calendar.current() };
    },
    async record(tx, { rules: ruleMap, calendar: cal }, subject, event, today) {
      const ledger = await lockLedger(tx, subject);
      if (ledger === null && event.kind !== 'started') throw new AppError('invalid_transition', '该计时尚未开始', { subject });
      if (ledger !== null && event.kind === 'started') throw new AppError('invalid_transition', '该计时已经开始', { subject });
      // A new clock keeps the rule's terms as they stand today (see ClockEvent).
      const first = event.kind === 'started' ? { ...event, terms: event.terms ?? ruleMap.get(event.rule) } : event;
      const next = ledger === null ? [first] : appendClockEvent(ledger, event, ruleMap, cal);
      const state = evaluateClock(next, ruleMap, cal, today);
      await saveLedger(tx, subject, state.rule.code, next, state);
      return state;
    },
    async setRule(code, change, actor) {
      const current = (await rules()).get(code);
      if (!current) throw new AppError('not_found', `没有期限规则「${code}」`);
      if (!Number.isInteger(change.limit) || change.limit < 1 || change.limit > 3650) throw new AppError('validation_failed', '期限应为 1 到 3650 之间的整数');
      if (!change.source.trim()) throw new AppError('validation_failed', '请写明新期限的依据');
      const next = { ...current, limit: change.limit, source: change.source.trim() };
      await db.transaction(async (tx) => {
        await updateDeadlineRule(tx, next, actor.id);
        await recordAudit(tx, actor, { action: 'deadline_rule.change', subjectType: 'deadline_rule', subjectId: code, before: { limit: current.limit, source: current.source }, after: { limit: next.limit, source: next.source } });
      });
      return next;
    },
    async refreshCaches(today) {
      const { rules: ruleMap, calendar: cal } = await this.context();
      const rows = await readRefreshableLedgers(db);
      const states = rows.map((row) => evaluateClock(row.ledger, ruleMap, cal, today));
      await db.transaction((tx) => updateClockCaches(tx, rows.map((row) => row.id), states));
      return rows.length;
    },
    async state(reader, subject, today) {
      const ledger = await readLedger(reader, subject);
      return ledger === null ? null : evaluateClock(ledger, await rules(), await calendar.current(), today);
    },
    async explain(reader, subject, today) {
      const ledger = await readLedger(reader, subject);
      return ledger === null ? null : explainClock(ledger, await rules(), await calendar.current(), today);
    },
  };
}
