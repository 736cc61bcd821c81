/** A time limit set by law or policy, kept as data so a changed rule is a change of configuration. */
export interface DeadlineRule {
  /** Stable code, e.g. "disclosure.reply". */
  code: string;
  /** What the limit is for, as staff read it (答复期限 …). */
  label: string;
  limit: number;
  unit: 'working_days' | 'calendar_days';
  /** Where the limit comes from (《条例》第三十三条 …). */
  source: string;
  /** How the limit may be extended, if at all. */
  extension: { times: number; maxDays: number; source: string } | null;
}

/**
 * The ledger a clock is derived from. Dates are YYYY-MM-DD; events are kept in
 * the order they happened. A pause names itself so that its resumption is
 * unambiguous when several pauses overlap.
 */
export type ClockEvent =
  /**
   * `terms` is the rule as it stood when the clock started, kept in the ledger:
   * a later change of the rule applies to clocks started after it, not to this one.
   */
  | { kind: 'started'; on: string; rule: string; terms?: DeadlineRule }
  | { kind: 'paused'; on: string; pause: string; reason: string }
  | { kind: 'resumed'; on: string; pause: string }
  | { kind: 'restarted'; on: string; reason: string }
  | { kind: 'extended'; on: string; days: number; approver: string; basis: string }
  | { kind: 'stopped'; on: string; reason: string };

export type ClockStatus = 'running' | 'paused' | 'stopped';

export interface ClockPause {
  pause: string;
  reason: string;
  from: string;
  /** The day it ended, or null while it lasts. */
  to: string | null;
}

export interface ClockExtension {
  on: string;
  days: number;
  approver: string;
  basis: string;
}

export interface ClockState {
  status: ClockStatus;
  rule: DeadlineRule;
  /** Day zero of the current count: the start, or the last restart. */
  startedOn: string;
  restarts: { on: string; reason: string }[];
  pauses: ClockPause[];
  extensions: ClockExtension[];
  /** The rule's limit plus the extensions. */
  limit: number;
  /** The last day to act; null while paused (it moves with the pause). */
  due: string | null;
  /** Days counted up to today, or up to the stop. */
  used: number;
  /** limit - used: negative once overdue. */
  remaining: number;
  overdue: boolean;
  stoppedOn: string | null;
  /** Some counted day lies in a year whose holiday notice is not loaded. */
  estimated: boolean;
  unloadedYears: number[];
}

/** One day of a clock's explanation. */
export interface ClockDay {
  date: string;
  /** counted: the nth day of the limit; the rest say why a day did not count. */
  kind: 'day_zero' | 'counted' | 'weekend' | 'holiday' | 'paused' | 'after_stop';
  /** For counted days: which day of the limit it was. */
  count: number | null;
  note: string;
}

export interface ClockExplanation {
  state: ClockState;
  /** Each limit that applies, with its source: the rule, then every extension. */
  limits: { label: string; days: number; source: string }[];
  days: ClockDay[];
}
