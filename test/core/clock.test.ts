import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildWorkingCalendar, dayNumberOf, isoDateOf } from '../../src/core/calendar/index.ts';
import { packagedCalendarYears } from '../../src/core/calendar/calendar.package.ts';
import { appendClockEvent, evaluateClock, explainClock, type ClockEvent } from '../../src/core/clock/index.ts';
import { deadlineRules as defaultDeadlineRules } from '../../src/modules/modules.ts';

const calendar = buildWorkingCalendar(packagedCalendarYears());
const rules = new Map(defaultDeadlineRules.map((rule) => [rule.code, rule]));
const start = (on: string, rule = 'disclosure.reply'): ClockEvent => ({ kind: 'started', on, rule });
const pause = (on: string, id: string, reason = '征求第三方意见'): ClockEvent => ({ kind: 'paused', on, pause: id, reason });
const resume = (on: string, id: string): ClockEvent => ({ kind: 'resumed', on, pause: id });
const evaluate = (events: ClockEvent[], today = '2026-11-22') => evaluateClock(events, rules, calendar, today);

describe('the clock engine', () => {
  it('runs 20 working days from the day after receipt', () => {
    const clock = evaluate([start('2024-02-08')], '2024-02-20');
    assert.deepEqual([clock.status, clock.due, clock.limit, clock.used, clock.remaining, clock.overdue], ['running', '2024-03-13', 20, 4, 16, false]);
    assert.equal(evaluate([start('2024-02-08')], '2024-03-14').overdue, true);
  });

  it('does not count a pause: the day it begins counts, the day it ends is day zero again', () => {
    // Worked by hand: 9/3-9/6 are days 1-4; (9/6, 9/20] paused; 9/23 is day 5; Sunday 9/29 and
    // Saturday 10/12 are make-up working days; 10/1-7 off; day 20 is 10/17.
    const events = [start('2024-09-02'), pause('2024-09-06', 'a'), resume('2024-09-20', 'a')];
    assert.equal(evaluate(events).due, '2024-10-17');
    const during = evaluate(events.slice(0, 2), '2024-09-13');
    assert.deepEqual([during.status, during.due, during.used, during.remaining], ['paused', null, 4, 16]);
  });

  it('counts overlapping pauses once, and stays paused until the last ends', () => {
    const events = [start('2024-09-02'), pause('2024-09-06', 'a'), pause('2024-09-10', 'b', '征求共同制作机关意见'), resume('2024-09-20', 'a')];
    assert.deepEqual([evaluate(events).status, evaluate(events).due], ['paused', null]);
    // Paused (9/6, 9/25]: 9/26 is day 5 … day 20 is 10/22 (worked by hand).
    assert.equal(evaluate([...events, resume('2024-09-25', 'b')]).due, '2024-10-22');
  });

  it('restarts from day zero with the full limit when a corrected request arrives', () => {
    const events = [start('2024-03-01'), pause('2024-03-05', 'c', '补正'), { kind: 'restarted', on: '2024-03-15', reason: '收到补正后的申请' } as ClockEvent];
    const clock = evaluate(events);
    // 3/18 is day 1; Qingming 4/4-6 off, Sunday 4/7 counts; day 20 is 4/15.
    assert.deepEqual([clock.status, clock.startedOn, clock.due, clock.pauses.length], ['running', '2024-03-15', '2024-04-15', 0]);
  });

  it('extends once, by at most 20 working days, and says who approved it on what basis', () => {
    const extended: ClockEvent = { kind: 'extended', on: '2024-03-01', days: 20, approver: '区府办政务公开科科长', basis: '《条例》第三十三条第二款' };
    const clock = evaluate([start('2024-02-08'), extended]);
    assert.deepEqual([clock.limit, clock.due], [40, '2024-04-11']);
    assert.throws(() => appendClockEvent([start('2024-02-08'), extended], { ...extended, days: 5 }, rules, calendar), { code: 'invalid_transition' });
    assert.throws(() => appendClockEvent([start('2024-02-08')], { ...extended, days: 21 }, rules, calendar), { code: 'invalid_transition' });
    assert.throws(() => appendClockEvent([start('2024-02-08', 'disclosure.third_party')], extended, rules, calendar), { code: 'invalid_transition' });
  });

  it('stops, on time or late, and takes nothing after', () => {
    const onTime = evaluate([start('2024-02-08'), { kind: 'stopped', on: '2024-03-13', reason: '已答复' }]);
    assert.deepEqual([onTime.status, onTime.overdue, onTime.used, onTime.stoppedOn], ['stopped', false, 20, '2024-03-13']);
    assert.equal(evaluate([start('2024-02-08'), { kind: 'stopped', on: '2024-03-14', reason: '已答复' }]).overdue, true);
    assert.throws(() => appendClockEvent([start('2024-02-08'), { kind: 'stopped', on: '2024-03-13', reason: '已答复' }], pause('2024-03-14', 'x'), rules, calendar), { code: 'invalid_transition' });
  });

  it('refuses an impossible ledger with a clear reason', () => {
    const refused = (events: ClockEvent[]) => assert.throws(() => evaluate(events), { code: 'invalid_transition' });
    refused([pause('2024-03-01', 'a')]);
    refused([start('2024-03-01'), resume('2024-03-02', 'a')]);
    refused([start('2024-03-05'), pause('2024-03-04', 'a')]);
    refused([start('2024-03-01'), pause('2024-03-02', 'a'), pause('2024-03-03', 'a')]);
    refused([start('2024-03-01'), start('2024-03-02')]);
    refused([start('2024-03-01', 'no.such.rule')]);
  });

  it('counts calendar days for a rule in days, and flags a year with no notice loaded', () => {
    assert.equal(evaluate([start('2024-01-01', 'audit.rectification')]).due, '2024-03-31');
    const late = evaluate([start('2026-12-15')], '2026-12-16');
    assert.deepEqual([late.estimated, late.unloadedYears], [true, [2027]]);
  });

  it('explains itself day by day, with the source of every limit', () => {
    const explanation = explainClock([start('2024-02-08'), pause('2024-02-20', 'a'), resume('2024-02-22', 'a')], rules, calendar, '2024-02-23');
    const byDate = new Map(explanation.days.map((day) => [day.date, day]));
    assert.equal(byDate.get('2024-02-08')?.kind, 'day_zero');
    assert.deepEqual([byDate.get('2024-02-12')?.kind, byDate.get('2024-02-12')?.note], ['holiday', '春节(法定节假日)']);
    assert.deepEqual([byDate.get('2024-02-18')?.kind, byDate.get('2024-02-18')?.count], ['counted', 2]);
    assert.match(byDate.get('2024-02-18')!.note, /调休上班/);
    assert.equal(byDate.get('2024-02-21')?.kind, 'paused');
    assert.equal(byDate.get('2024-02-24')?.kind, 'weekend');
    const last = explanation.days.at(-1)!;
    assert.deepEqual([last.date, last.count], [explanation.state.due, 20]);
    assert.match(explanation.limits[0]!.source, /第三十三条/);
  });

  it('keeps its laws: no pause equals the calendar, an empty pause changes nothing, a pause never brings the due day nearer', () => {
    const anyDay = fc.integer({ min: dayNumberOf('2005-01-01')!, max: dayNumberOf('2025-06-30')! });
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (day, after, length) => {
        const from = isoDateOf(day);
        const plain = evaluate([start(from)]).due!;
        assert.equal(plain, calendar.addWorkingDays(from, 20).date);
        const pausedOn = isoDateOf(day + after);
        assert.equal(evaluate([start(from), pause(pausedOn, 'p'), resume(pausedOn, 'p')]).due, plain);
        const paused = evaluate([start(from), pause(pausedOn, 'p'), resume(isoDateOf(day + after + length), 'p')]).due!;
        assert.ok(paused >= plain);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});
