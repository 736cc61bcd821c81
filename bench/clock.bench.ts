/**
 * npm run bench:clock — how fast deadlines are computed.
 *
 * Due dates (N working days after a date) through Gongkai's calendar, side by
 * side in the same run with the chinese-days package's own findWorkday and a
 * plain day-by-day loop over the same calendar; then whole clocks evaluated
 * from ledgers with pauses and an extension. Every engine answers the same
 * questions, and the answers are checked to agree before anything is timed.
 * Target: at least 1,000,000 due dates a second.
 */
import chineseDays from 'chinese-days';
import { buildWorkingCalendar, dayNumberOf, isoDateOf, type WorkingCalendar } from '../src/core/calendar/index.ts';
import { packagedCalendarYears } from '../src/core/calendar/calendar.package.ts';
import { defaultDeadlineRules, evaluateClock, type ClockEvent } from '../src/core/clock/index.ts';

const calendar = buildWorkingCalendar(packagedCalendarYears());
const rules = new Map(defaultDeadlineRules.map((rule) => [rule.code, rule]));

// Fixed questions: receipt days across 2010-2025, limits of 1 to 40 working days.
const first = dayNumberOf('2010-01-01')!;
const questions = Array.from({ length: 10_000 }, (_, i) => ({ from: isoDateOf(first + ((i * 7919) % 5800)), days: 1 + ((i * 31) % 40) }));

function dayByDay(cal: WorkingCalendar, from: string, days: number): string {
  let day = dayNumberOf(from)!;
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (cal.days.isWorking(day)) counted += 1;
  }
  return isoDateOf(day);
}

const engines: { name: string; due(from: string, days: number): string }[] = [
  { name: 'gongkai calendar (precomputed ranks)', due: (from, days) => calendar.addWorkingDays(from, days).date },
  { name: 'day-by-day loop (same calendar)', due: (from, days) => dayByDay(calendar, from, days) },
  { name: 'chinese-days findWorkday', due: (from, days) => chineseDays.findWorkday(days, from) },
];

for (const question of questions.slice(0, 2_000)) {
  const answers = engines.map((engine) => engine.due(question.from, question.days));
  if (new Set(answers).size !== 1) throw new Error(`engines disagree on ${question.from} + ${question.days}: ${answers.join(' / ')}`);
}

function rate(run: (i: number) => unknown, seconds = 2): number {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 1_000; i++) run(calls + i);
    calls += 1_000;
  }
  return calls / ((performance.now() - started) / 1000);
}

console.log('| what | per second |');
console.log('| --- | ---: |');
for (const engine of engines) {
  const perSecond = rate((i) => {
    const question = questions[i % questions.length]!;
    return engine.due(question.from, question.days);
  }, engine.name.startsWith('chinese-days') ? 1 : 2);
  console.log(`| due date: ${engine.name} | ${Math.round(perSecond).toLocaleString('en-US')} |`);
}

const ledgers: ClockEvent[][] = questions.slice(0, 1_000).map(({ from }) => {
  const start = dayNumberOf(from)!;
  return [
    { kind: 'started', on: from, rule: 'disclosure.reply' },
    { kind: 'paused', on: isoDateOf(start + 3), pause: 'a', reason: '征求第三方意见' },
    { kind: 'paused', on: isoDateOf(start + 5), pause: 'b', reason: '征求共同制作机关意见' },
    { kind: 'resumed', on: isoDateOf(start + 12), pause: 'a' },
    { kind: 'resumed', on: isoDateOf(start + 20), pause: 'b' },
    { kind: 'extended', on: isoDateOf(start + 25), days: 20, approver: '政务公开办负责人', basis: '《条例》第三十三条' },
  ];
});
const clocks = rate((i) => evaluateClock(ledgers[i % ledgers.length]!, rules, calendar, '2026-11-22'));
console.log(`| whole clock from its ledger (2 overlapping pauses, 1 extension) | ${Math.round(clocks).toLocaleString('en-US')} |`);
console.log('\ntarget: >= 1,000,000 due dates per second');
