import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildWorkingCalendar, dayNumberOf, isoDateOf, parseCalendarFile } from '../../src/core/calendar/index.ts';
import { packagedCalendarYears } from '../../src/core/calendar/calendar.package.ts';

const calendar = buildWorkingCalendar(packagedCalendarYears());

/** An oracle written from the package's raw data, day by day, independent of the calendar's arrays. */
const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
function oracleWorking(date: string): boolean {
  if (raw.workdays[date]) return true;
  if (raw.holidays[date]) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
function oracleAdd(from: string, n: number): string {
  let day = dayNumberOf(from)!;
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (oracleWorking(isoDateOf(day))) counted += 1;
  }
  return isoDateOf(day);
}

const anyDay = fc.integer({ min: dayNumberOf('2004-01-01')!, max: dayNumberOf('2026-10-31')! }).map(isoDateOf);

describe('the official working calendar', () => {
  it('counts the worked examples around Spring Festival and National Day 2024 and 2025', () => {
    // Each worked out by hand from the State Council notices (day of receipt = day zero).
    const cases: [string, number, string, string][] = [
      ['2024-02-08', 20, '2024-03-13', 'Spring Festival 2024: 2/9 is day 1, 2/10-17 off, Sunday 2/18 is a make-up working day'],
      ['2024-02-03', 7, '2024-02-18', 'received on a Saturday: Sunday 2/4 is day 1, the due day is make-up Sunday 2/18'],
      ['2024-09-30', 15, '2024-10-25', 'National Day 2024: 10/1-7 off, Saturday 10/12 counts'],
      ['2024-10-03', 5, '2024-10-12', 'started on a holiday: counting starts 10/8; day 5 is make-up Saturday 10/12'],
      ['2025-01-24', 20, '2025-02-27', 'Spring Festival 2025: Sunday 1/26 and Saturday 2/8 count, 1/28-2/4 do not'],
      ['2025-09-26', 7, '2025-10-13', 'National Day 2025: Sunday 9/28 and Saturday 10/11 count, 10/1-8 do not'],
      ['2025-02-08', 0, '2025-02-08', 'zero working days is day zero itself'],
    ];
    for (const [from, n, due, why] of cases) assert.equal(calendar.addWorkingDays(from, n).date, due, why);
    assert.equal(calendar.isWorkingDay('2025-10-11'), true);
    assert.equal(calendar.isWorkingDay('2025-10-08'), false);
    assert.equal(calendar.isWorkingDay('2025-10-12'), false);
    assert.deepEqual(calendar.describe('2025-01-29'), { date: '2025-01-29', working: false, kind: 'holiday', name: '春节', estimated: false });
    assert.equal(calendar.countWorkingDays('2024-09-27', '2024-10-14'), 8);
  });

  it('agrees with a day-by-day count of the raw notices', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 60 }), (from, n) => {
        assert.equal(calendar.addWorkingDays(from, n).date, oracleAdd(from, n));
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('counts back what it added, never lands on a day off, and moves forward with N', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 80 }), (from, n) => {
        const due = calendar.addWorkingDays(from, n).date;
        assert.equal(calendar.countWorkingDays(from, due), n);
        assert.equal(calendar.isWorkingDay(due), true);
        assert.ok(calendar.addWorkingDays(from, n + 1).date > due);
        assert.ok(due > from);
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('never counts a holiday and always counts a make-up working day', () => {
    const holidays = Object.keys(raw.holidays).filter((date) => !raw.workdays[date]);
    for (const date of holidays) assert.equal(calendar.isWorkingDay(date), false, date);
    for (const date of Object.keys(raw.workdays)) assert.equal(calendar.isWorkingDay(date), true, date);
  });

  it('flags every answer that reaches a year with no notice loaded, and refuses beyond two years', () => {
    const due = calendar.addWorkingDays('2026-12-10', 20);
    assert.deepEqual([due.estimated, due.unloadedYears], [true, [2027]]);
    assert.equal(calendar.describe('2027-03-01').estimated, true);
    assert.equal(calendar.addWorkingDays('2026-11-02', 10).estimated, false);
    assert.throws(() => calendar.addWorkingDays('2028-12-20', 20), { code: 'calendar_not_loaded' });
    assert.throws(() => calendar.addWorkingDays('2003-12-31', 1), { code: 'calendar_not_loaded' });
    assert.throws(() => calendar.addWorkingDays('2025-02-30', 1), { code: 'validation_failed' });
    assert.throws(() => calendar.addWorkingDays('2025-02-01', -1), { code: 'validation_failed' });
  });

  it('reads a year as an administrator writes it, and lists every problem of a bad one', () => {
    const year = parseCalendarFile('# 2027 年安排\n2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-14 班 春节\n', { source: '国办发明电〔2026〕1号' });
    assert.equal(year.year, 2027);
    assert.equal(year.days.filter((d) => d.kind === 'holiday').length, 8);
    const loaded = buildWorkingCalendar([...packagedCalendarYears(), year]);
    assert.equal(loaded.isWorkingDay('2027-02-14'), true);
    assert.equal(loaded.isWorkingDay('2027-02-08'), false);
    assert.equal(loaded.addWorkingDays('2026-12-10', 20).estimated, false);

    const bad = () => parseCalendarFile('2027-01-01 休 元旦\n2027-01-01 休 元旦\n2027-02-03 班 春节\n2026-05-01 休 劳动节\n明天休息\n', { source: '' });
    assert.throws(bad, (error: { code: string; details: { problems: string[] } }) => {
      assert.equal(error.code, 'validation_failed');
      const text = error.details.problems.join('\n');
      for (const expected of ['第 5 行无法识别', '出现了两次', '本是工作日', '请注明来源']) assert.ok(text.includes(expected), expected);
      return true;
    });
    assert.throws(() => parseCalendarFile('', { source: 'x' }), { code: 'validation_failed' });
    const packaged = parseCalendarFile(JSON.stringify({ holidays: { '2027-01-01': "New Year's Day,元旦,1" }, workdays: {} }), { source: 'chinese-days' });
    assert.deepEqual(packaged.days, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
  });
});
