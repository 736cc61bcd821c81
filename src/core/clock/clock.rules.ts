import type { WorkingCalendar } from '../calendar/index.ts';
import { AppError } from '../errors.ts';
import type { ClockDay, ClockEvent, ClockExplanation, ClockPause, ClockState, DeadlineRule } from './clock.types.ts';

/**
 * A clock is derived from its ledger of events, never stored as the only
 * truth. Conventions (the calendar's, see calendar.rules.ts): the start (or a
 * restart) is day zero and counting begins the next working day; the deadline
 * is the end of the Nth counted day. A pause covers the days after it begins
 * up to and including the day it ends: the day a consultation goes out still
 * counts, and the day the answer comes back is day zero again, as a receipt
 * is. Pauses may overlap; a day covered by any of them does not count. A
 * restart (a corrected request, 《条例》第三十条) begins a new count from
 * day zero with the rule's full limit, and drops the earlier pauses and
 * extensions.
 */

interface Ledger {
  rule: DeadlineRule;
  start: number;
  restarts: { on: string; reason: string }[];
  pauses: (ClockPause & { fromDay: number; toDay: number })[];
  extensions: { on: string; days: number; approver: string; basis: string }[];
  stoppedOn: number | null;
}

/** How days are counted under a rule: working days on the official calendar, or every day. */
interface Counter {
  /** Counting days in (after, upTo]. */
  count(after: number, upTo: number): number;
  /** The nth counting day after `after`. */
  nth(after: number, n: number): number;
}

function counterFor(rule: DeadlineRule, calendar: WorkingCalendar): Counter {
  if (rule.unit === 'calendar_days') return { count: (after, upTo) => upTo - after, nth: (after, n) => after + n };
  const { days } = calendar;
  return {
    count: (after, upTo) => days.rank(upTo) - days.rank(after),
    nth: (after, n) => (n === 0 ? after : days.workingDay(days.rank(after) + n - 1)),
  };
}

const refuse = (message: string, details: Record<string, unknown> = {}) => new AppError('invalid_transition', message, details);

/** Reads and checks a ledger: every event must be legal after the ones before it. */
function readLedger(events: readonly ClockEvent[], rules: ReadonlyMap<string, DeadlineRule>, calendar: WorkingCalendar): Ledger {
  const [first] = events;
  if (!first || first.kind !== 'started') throw refuse('计时必须从“开始”起算');
  const rule = first.terms ?? rules.get(first.rule);
  if (!rule) throw refuse(`未知的期限规则「${first.rule}」`, { rule: first.rule });
  const ledger: Ledger = { rule, start: calendar.days.of(first.on), restarts: [], pauses: [], extensions: [], stoppedOn: null };
  let last = ledger.start;
  for (const event of events.slice(1)) {
    const day = calendar.days.of(event.on);
    if (ledger.stoppedOn !== null) throw refuse('计时已结束,不能再有变动');
    if (day < last) throw refuse(`${event.on} 早于上一次变动,变动须按时间先后记录`, { on: event.on });
    last = day;
    switch (event.kind) {
      case 'started':
        throw refuse('计时已经开始');
      case 'paused':
        if (ledger.pauses.some((p) => p.pause === event.pause)) throw refuse(`暂停「${event.pause}」已记录过`);
        ledger.pauses.push({ pause: event.pause, reason: event.reason, from: event.on, to: null, fromDay: day, toDay: Number.POSITIVE_INFINITY });
        break;
      case 'resumed': {
        const pause = ledger.pauses.find((p) => p.pause === event.pause && p.to === null);
        if (!pause) throw refuse(`没有进行中的暂停「${event.pause}」可以恢复`);
        pause.to = event.on;
        pause.toDay = day;
        break;
      }
      case 'restarted':
        ledger.restarts.push({ on: event.on, reason: event.reason });
        ledger.start = day;
        ledger.pauses = [];
        ledger.extensions = [];
        break;
      case 'extended': {
        const { extension } = rule;
        if (!extension) throw refuse(`「${rule.label}」不能延长`);
        if (ledger.extensions.length >= extension.times) throw refuse(`「${rule.label}」只能延长 ${extension.times} 次(${extension.source})`);
        if (!Number.isInteger(event.days) || event.days < 1 || event.days > extension.maxDays) {
          throw refuse(`延长天数应为 1 到 ${extension.maxDays} 个工作日(${extension.source})`, { days: event.days });
        }
        ledger.extensions.push({ on: event.on, days: event.days, approver: event.approver, basis: event.basis });
        break;
      }
      case 'stopped':
        ledger.stoppedOn = day;
        break;
    }
  }
  return ledger;
}

/** The pauses as merged periods of excluded days (from, to], in order. */
function excludedPeriods(ledger: Ledger): { from: number; to: number }[] {
  const periods = ledger.pauses.map((p) => ({ from: p.fromDay, to: p.toDay })).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const period of periods) {
    const previous = merged.at(-1);
    if (previous && period.from <= previous.to) previous.to = Math.max(previous.to, period.to);
    else merged.push({ ...period });
  }
  return merged;
}

/** The due day, or null when an open pause is reached first. */
function dueDay(start: number, limit: number, periods: { from: number; to: number }[], counter: Counter): number | null {
  let cursor = start;
  let remaining = limit;
  for (const period of periods) {
    if (period.from > cursor) {
      const available = counter.count(cursor, period.from);
      if (available >= remaining) return counter.nth(cursor, remaining);
      remaining -= available;
    }
    if (period.to === Number.POSITIVE_INFINITY) return null;
    cursor = Math.max(cursor, period.to);
  }
  return counter.nth(cursor, remaining);
}

/** Counting days in (start, until] outside the excluded periods. */
function usedDays(start: number, until: number, periods: { from: number; to: number }[], counter: Counter): number {
  if (until <= start) return 0;
  let used = counter.count(start, until);
  for (const period of periods) {
    const from = Math.max(period.from, start);
    const to = Math.min(period.to, until);
    if (to > from) used -= counter.count(from, to);
  }
  return used;
}

export function evaluateClock(events: readonly ClockEvent[], rules: ReadonlyMap<string, DeadlineRule>, calendar: WorkingCalendar, today: string): ClockState {
  return evaluate(readLedger(events, rules, calendar), calendar, calendar.days.of(today)).state;
}

function evaluate(ledger: Ledger, calendar: WorkingCalendar, today: number) {
  const counter = counterFor(ledger.rule, calendar);
  const periods = excludedPeriods(ledger);
  const limit = ledger.rule.limit + ledger.extensions.reduce((sum, extension) => sum + extension.days, 0);
  const due = dueDay(ledger.start, limit, periods, counter);
  const until = ledger.stoppedOn ?? today;
  const used = usedDays(ledger.start, until, periods, counter);
  const paused = ledger.pauses.some((p) => p.to === null);
  const horizon = Math.max(due ?? until, until);
  const unloadedYears = ledger.rule.unit === 'working_days' && horizon > ledger.start ? calendar.days.unloadedYearsBetween(ledger.start, horizon) : [];
  const state: ClockState = {
    status: ledger.stoppedOn !== null ? 'stopped' : paused ? 'paused' : 'running',
    rule: ledger.rule,
    startedOn: calendar.days.iso(ledger.start),
    restarts: ledger.restarts,
    pauses: ledger.pauses.map(({ pause, reason, from, to }) => ({ pause, reason, from, to })),
    extensions: ledger.extensions,
    limit,
    due: due === null ? null : calendar.days.iso(due),
    used,
    remaining: limit - used,
    overdue: used > limit || (due !== null && until > due),
    stoppedOn: ledger.stoppedOn === null ? null : calendar.days.iso(ledger.stoppedOn),
    estimated: unloadedYears.length > 0,
    unloadedYears,
  };
  return { state, periods, due, until };
}

/** How long an explanation may run: a year and a half past day zero is more than any limit here. */
const maxExplainedDays = 550;

/** The clock day by day: which days counted, which did not and why, and each limit's source. */
export function explainClock(events: readonly ClockEvent[], rules: ReadonlyMap<string, DeadlineRule>, calendar: WorkingCalendar, today: string): ClockExplanation {
  const ledger = readLedger(events, rules, calendar);
  const { state, due, until } = evaluate(ledger, calendar, calendar.days.of(today));
  const end = Math.min(Math.max(due ?? until, until), ledger.start + maxExplainedDays);
  const days: ClockDay[] = [{ date: state.startedOn, kind: 'day_zero', count: null, note: ledger.restarts.length > 0 ? `重新起算(${ledger.restarts.at(-1)!.reason}),当日不计` : '收到之日,不计入期限' }];
  let count = 0;
  for (let day = ledger.start + 1; day <= end; day++) {
    const date = calendar.days.iso(day);
    if (ledger.stoppedOn !== null && day > ledger.stoppedOn) {
      days.push({ date, kind: 'after_stop', count: null, note: '计时已结束' });
      continue;
    }
    const covering = ledger.pauses.filter((p) => day > p.fromDay && day <= p.toDay);
    if (covering.length > 0) {
      days.push({ date, kind: 'paused', count: null, note: `暂停:${covering.map((p) => p.reason).join(';')}` });
      continue;
    }
    const info = ledger.rule.unit === 'working_days' ? calendar.describe(date) : null;
    if (info && !info.working) {
      days.push({ date, kind: info.kind === 'holiday' ? 'holiday' : 'weekend', count: null, note: info.kind === 'holiday' ? `${info.name}(法定节假日)` : '周末' });
      continue;
    }
    count += 1;
    const estimate = info?.estimated ? ',当年节假日安排未载入,按周末估算' : '';
    const kind = info?.kind === 'workday' ? `调休上班(${info.name}),计入` : '';
    days.push({ date, kind: 'counted', count, note: `第 ${count} ${ledger.rule.unit === 'working_days' ? '个工作日' : '日'}${kind ? `,${kind}` : ''}${estimate}` });
  }
  const unit = ledger.rule.unit === 'working_days' ? '个工作日' : '日';
  const limits = [
    { label: `${ledger.rule.label}:${ledger.rule.limit} ${unit}`, days: ledger.rule.limit, source: ledger.rule.source },
    ...ledger.extensions.map((e) => ({ label: `延长 ${e.days} ${unit}(${e.approver} 批准)`, days: e.days, source: e.basis })),
  ];
  return { state, limits, days };
}

/** Appends an event after checking it is legal; the ledger is returned unchanged otherwise. */
export function appendClockEvent(
  events: readonly ClockEvent[],
  event: ClockEvent,
  rules: ReadonlyMap<string, DeadlineRule>,
  calendar: WorkingCalendar,
): ClockEvent[] {
  const next = [...events, event];
  readLedger(next, rules, calendar);
  return next;
}
