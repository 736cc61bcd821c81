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
import { evaluateClock, type ClockEvent } from '../src/core/clock/index.ts';
import { deadlineRules as defaultDeadlineRules } from '../src/modules/modules.ts';

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

/**
 * The staff deadline dashboard over 100,000 open requests in PostgreSQL (the
 * biggest agency holds 40,000 of them), beside what it would cost to derive
 * every clock from its ledger at each view instead of reading the cached due
 * dates. BENCH_DATABASE_URL names a server; otherwise one is started.
 */
async function dashboardBench(): Promise<void> {
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const { openPostgres } = await import('../src/core/db/database.ts');
  const { migrate } = await import('../src/core/db/migrator.ts');
  const { sql } = await import('../src/core/db/sql.ts');
  const { createCalendarService } = await import('../src/core/calendar/index.ts');
  const { createClockService } = await import('../src/core/clock/index.ts');
  const { createDisclosureService } = await import('../src/modules/disclosure/index.ts');

  const root = fileURLToPath(new URL('../', import.meta.url));
  let url = process.env.BENCH_DATABASE_URL;
  let stop = () => {};
  if (!url) {
    const dir = join(root, '.bench', 'postgres-clock');
    url = execFileSync(join(root, 'scripts/postgres.sh'), ['start', dir, '55497'], { encoding: 'utf8' }).trim();
    stop = () => execFileSync(join(root, 'scripts/postgres.sh'), ['stop', dir]);
  }
  const admin = await openPostgres(url);
  await admin.execScript('drop schema if exists bench_clock cascade; create schema bench_clock');
  await admin.close();
  const db = await openPostgres(url, { searchPath: 'bench_clock' });
  try {
    await migrate(db);
    const calendar = createCalendarService(db);
    const clocks = createClockService(db, calendar, defaultDeadlineRules);
    const disclosure = createDisclosureService(db, clocks);
    await clocks.context();
    const started = performance.now();
    await db.execScript(`
      insert into agencies (name) select '机关' || n from generate_series(1, 20) n;
      insert into disclosure_requests (tracking_code, agency_id, state, channel, submitted_on, received_on, applicant_type, description, delivery_form, delivery_way, created_by)
      select 'YSQ' || lpad(n::text, 12, '0'),
        case when n <= 40000 then 1 else 2 + n % 19 end,
        case when n % 10 = 0 then 'correction_requested' else 'received' end,
        'online', d, d, 'natural_person', '申请内容', 'paper', 'mail', 'bench'
      from generate_series(1, 100000) n, lateral (select date '2026-06-01' + (n % 170) as d) x;
      insert into clocks (subject_type, subject_id, purpose, rule_code, ledger, status, due_on, estimated, agency_id)
      select 'disclosure_request', r.id, 'reply', 'disclosure.reply',
        jsonb_build_array(jsonb_build_object('kind', 'started', 'on', r.received_on::text, 'rule', 'disclosure.reply')),
        case when r.state = 'correction_requested' then 'paused' else 'running' end,
        case when r.state = 'correction_requested' then null else r.received_on + 28 end, false, r.agency_id
      from disclosure_requests r;
      analyze;`);
    console.log(`\ndashboard: 100,000 open requests written in ${((performance.now() - started) / 1000).toFixed(1)} s (PostgreSQL)`);
    const agencies = await db.query<{ id: number }>(sql`select id from agencies order by id`);
    const clerkOf = (id: number) => ({ id: 'bench', agencyId: id });
    const supervisor = { id: 'bench', agencyId: null };
    const timed = async (run: () => Promise<unknown>, rounds = 40) => {
      await run();
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await run();
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      return { p50: samples[Math.floor(rounds * 0.5)]!, p95: samples[Math.floor(rounds * 0.95)]! };
    };
    const today = '2026-11-22';
    const rows: [string, { p50: number; p95: number }][] = [
      ['clerk dashboard, agency with 40,000 open', await timed(() => disclosure.deadlines(clerkOf(agencies[0]!.id), today))],
      ['clerk dashboard, agency with ~3,200 open', await timed(() => disclosure.deadlines(clerkOf(agencies[5]!.id), today))],
      ['supervisor dashboard, all 100,000', await timed(() => disclosure.deadlines(supervisor, today))],
      ['supervisor overview by agency', await timed(() => disclosure.deadlinesByAgency(supervisor, today))],
      ['supervisor\'s whole board as served (totals, most urgent, by agency: one pass)', await timed(() => disclosure.supervisorDeadlines(supervisor, today))],
      ['(comparison) the same board as two passes, as before', await timed(async () => [await disclosure.deadlines(supervisor, today), await disclosure.deadlinesByAgency(supervisor, today)])],
      ['(comparison) derive all 100,000 clocks from their ledgers', await timed(async () => {
        const ledgers = await db.query<{ ledger: ClockEvent[] }>(sql`select ledger from clocks`);
        const context = await clocks.context();
        return ledgers.map((row) => evaluateClock(row.ledger, context.rules, context.calendar, today));
      }, 5)],
    ];
    console.log('| dashboard query | p50 ms | p95 ms |');
    console.log('| --- | ---: | ---: |');
    for (const [label, figures] of rows) console.log(`| ${label} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} |`);
    console.log('\ntarget: the staff deadline dashboard in <= 100 ms with 100,000 open requests');
  } finally {
    await db.close();
    stop();
  }
}

await dashboardBench();
