/**
 * Public participation at volume, on PostgreSQL, each figure beside the same
 * kind of work on the disclosure module's tables in the same run:
 * - public comments on a draft taken per second through the service (each
 *   one validated, stored and queued for moderation), against disclosure
 *   requests submitted per second (validated, stored, clock started);
 * - the published-message list (the portal's 政民互动 page: newest first, by
 *   agency, kind and words) p50/p95 at 100,000 messages, against the staff's
 *   request list at 100,000 requests;
 * - the public page of a consultation with 20,000 comments (the draft, the
 *   moderated comments, the adoption counts of its feedback report), against
 *   the disclosure annual report's tables over 20,000 requests.
 *
 * BENCH_MESSAGES (default 100000), BENCH_COMMENTS (default 20000) and
 * BENCH_SUBMISSIONS (default 3000) set the sizes; BENCH_DATABASE_URL uses an
 * existing server instead of starting one.
 */
import { createContext, type AppContext } from '../src/app.ts';
import type { StaffUser } from '../src/core/auth/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { openPostgres } from '../src/core/db/database.ts';
import { SqlFragment, sql } from '../src/core/db/sql.ts';
import { todayInChina } from '../src/core/calendar/index.ts';
import { percentile, startBenchPostgres } from './bench.support.ts';

const messages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const comments = Number(process.env.BENCH_COMMENTS ?? 20_000);
const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const concurrency = 8;

const ms = (value: number) => value.toFixed(1);

/** Runs `work(i)` for i in 0..count-1, `concurrency` at a time; returns the rate per second. */
async function rate(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** Latencies of `rounds` calls cycling through the cases, after one warm-up pass. */
async function latency<T>(cases: T[], rounds: number, call: (value: T) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (const value of cases) await call(value);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await call(cases[i % cases.length]!);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}


const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `bench${id}`, displayName: `基准${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const actor = { id: 'cli:bench', address: '127.0.0.1' };
const publicActor = (i: number) => ({ id: 'public', address: `198.51.${(i >> 8) & 255}.${i & 255}` });
const kinds = ['question', 'suggestion', 'complaint', 'other'] as const;
const topics = ['加装电梯', '停车收费', '垃圾分类', '学区划分', '社区医院', '公交线路', '老旧小区改造', '养老服务'];

async function agenciesFor(context: AppContext): Promise<number[]> {
  const names = ['上海市长宁区房屋管理局', '上海市长宁区民政局', '上海市长宁区教育局', '上海市长宁区卫生健康委员会', '上海市长宁区交通委员会'];
  const ids: number[] = [];
  for (const name of names) {
    const [row] = await context.db.query<{ id: number }>(sql`insert into agencies (name) values (${name}) on conflict (name) do update set name = excluded.name returning id::int as id`);
    ids.push(row!.id);
  }
  return ids;
}

/** Comments per second, and disclosure requests per second, through the services. */
async function writes(context: AppContext, agencyIds: number[], consultationId: number) {
  const comment = await rate(submissions, (i) =>
    context.consultations.comment(consultationId, { article: `第${'一二三'[i % 3]}条`, body: `关于${topics[i % topics.length]}的意见第${i}号:建议细化条款,明确责任部门和办理时限。`, name: `市民${i}`, contact: `u${i}@example.com` }, publicActor(i)),
  );
  const request = await rate(submissions, (i) =>
    context.disclosure.submit(
      {
        agencyId: agencyIds[i % agencyIds.length]!,
        applicant: { type: 'natural_person', name: `申请人${i}`, idNumber: '310101199001011234', phone: '13800000000', address: '上海市长宁区某路1号' },
        description: `${topics[i % topics.length]}项目的批复文件(第${i}件)`,
        deliveryForm: 'electronic',
        deliveryWay: 'email',
      },
      publicActor(i),
    ),
  );
  return { comment, request };
}

/** Fills the tables to size in SQL (the services' per-row work is measured above, not here). */
async function fill(context: AppContext, agencyIds: number[], consultationId: number) {
  const { db } = context;
  const today = todayInChina();
  await db.query(sql`
    insert into participation_messages (tracking_code, agency_id, first_agency_id, kind, subject, body, sender_name, sender_contact, state,
      received_on, replied_on, reply, replied_by, published_subject, published_body, published_reply, published_at)
    select 'BM' || g, a, a, (${kinds as unknown as string[]}::text[])[1 + g % 4], t || '的问题' || g, '请问' || t || '如何办理?编号' || g, '某' || g, 'x' || g || '@example.com', 'published',
      ${today}::date - (g % 700), ${today}::date - (g % 700) + 3, '答复:' || t || '按规定办理。', a,
      t || '的问题' || g, '请问' || t || '如何办理?编号' || g, '答复:' || t || '按规定办理。', now() - (g || ' minutes')::interval
    from generate_series(1, ${messages}::int) g,
      lateral (select (${agencyIds}::bigint[])[1 + g % ${agencyIds.length}::int] as a, (${topics}::text[])[1 + g % ${topics.length}::int] as t) x`);
  // Requests: copies of those submitted above, each with its own code and day.
  const columns = await requestColumns(context);
  const copied = columns.map((c) => (c === 'tracking_code' ? `'BR' || g || '-' || r.id` : c === 'received_on' ? 'r.received_on - (g % 300)' : `r.${c}`));
  await db.query(sql`
    insert into disclosure_requests (${raw(columns.join(', '))})
    select ${raw(copied.join(', '))}
    from disclosure_requests r, generate_series(1, ${Math.ceil(messages / submissions)}::int) g
    where r.tracking_code not like 'BR%'`);
  await db.query(sql`
    insert into participation_comments (consultation_id, article, body, sender_name, sender_contact, state, published_body, adoption, adoption_reason, theme, received_on)
    select ${consultationId}, '第' || substr('一二三', 1 + g % 3, 1) || '条', '意见' || g, '某' || g, 'c' || g || '@example.com',
      case when g % 10 = 0 then 'rejected' else 'published' end, case when g % 10 = 0 then null else '意见' || g end,
      (array['adopted', 'partly_adopted', 'not_adopted'])[1 + g % 3], '理由' || (g % 7), (${topics}::text[])[1 + g % ${topics.length}::int], ${today}
    from generate_series(1, ${Math.max(0, comments - submissions)}::int) g`);
  // The steady state autovacuum keeps: statistics and the visibility map up to date.
  await db.execScript('vacuum analyze');
}

/** Column names read from the catalogue, never from input. */
const raw = (text: string) => new SqlFragment([text], []);

async function requestColumns(context: AppContext): Promise<string[]> {
  const rows = await context.db.query<{ column_name: string }>(sql`
    select column_name from information_schema.columns
    where table_name = 'disclosure_requests' and table_schema = current_schema() and column_name <> 'id' order by ordinal_position`);
  return rows.map((row) => row.column_name);
}

async function main() {
  const postgres = startBenchPostgres('postgres-participation', 55494);
  const db = await openPostgres(postgres.url);
  const context = await createContext(loadConfig({}), { db });
  try {
    const agencyIds = await agenciesFor(context);
    const clerk = staff(1, 'clerk', agencyIds[0]!);
    const today = todayInChina();
    const consultationId = await context.consultations.open(
      { title: '长宁区老旧小区加装电梯管理办法(征求意见稿)', draftText: '第一条 为了规范加装电梯,制定本办法。\n第二条 加装电梯应当经业主同意。\n第三条 本办法自发布之日起施行。', explanation: '起草说明。', howToComment: '网上提交', opensOn: today, closesOn: new Date(Date.parse(today) + 40 * 86_400_000).toISOString().slice(0, 10) },
      clerk,
      actor,
    );

    const written = await writes(context, agencyIds, consultationId);
    console.log(`writes: ${submissions} comments at ${written.comment.toFixed(0)}/s, ${submissions} disclosure requests at ${written.request.toFixed(0)}/s (${concurrency} at a time)`);
    let started = performance.now();
    await fill(context, agencyIds, consultationId);
    const [{ count: requestCount } = { count: 0 }] = await db.query<{ count: number }>(sql`select count(*)::int as count from disclosure_requests`);
    console.log(`filled: ${messages} published messages, ${requestCount} requests, ${comments} comments in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const filters = [
      { page: 1, pageSize: 20 },
      { page: 5, pageSize: 20 },
      { agencyId: agencyIds[1]!, page: 1, pageSize: 20 },
      { kind: 'complaint' as const, page: 1, pageSize: 20 },
      { words: ['电梯'], page: 1, pageSize: 20 },
      { agencyId: agencyIds[2]!, words: ['学区'], page: 2, pageSize: 20 },
    ];
    const messageList = await latency(filters, 300, (filter) => context.participation.published(filter));
    for (const filter of filters) {
      const one = await latency([filter], 30, (f) => context.participation.published(f));
      console.log(`  message list ${JSON.stringify(filter)}: p50 ${ms(one.p50)} ms, p95 ${ms(one.p95)} ms`);
    }
    const supervisor = { id: 'user:2', agencyId: null };
    const requestFilters = [{}, { state: 'received' as const }, { code: 'BR1' }, { from: '2026-01-01', to: '2026-06-30' }];
    const requestList = await latency(requestFilters, 300, (filter) => context.disclosure.find(filter, supervisor));

    const pageTimes = await latency([consultationId], 20, (id) => context.consultations.view(id));
    const reportTimes = await latency([Number(today.slice(0, 4))], 20, (year) => context.disclosure.annualReport(year));

    console.log('');
    console.log('| what (PostgreSQL, one run) | participation | disclosure reference | target |');
    console.log('| --- | ---: | ---: | --- |');
    console.log(`| submissions per second (${concurrency} at a time) | ${written.comment.toFixed(0)} comments/s | ${written.request.toFixed(0)} requests/s | ≥ 300 comments/s |`);
    console.log(`| list p50 / p95 ms (${messages} messages; ${requestCount} requests) | ${ms(messageList.p50)} / ${ms(messageList.p95)} | ${ms(requestList.p50)} / ${ms(requestList.p95)} | p95 ≤ 50 ms |`);
    console.log(`| feedback report p50 / p95 ms (${comments} comments; annual report over ${requestCount} requests) | ${ms(pageTimes.p50)} / ${ms(pageTimes.p95)} | ${ms(reportTimes.p50)} / ${ms(reportTimes.p95)} | ≤ 1,000 ms |`);
  } finally {
    await context.close();
    postgres.stop();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
