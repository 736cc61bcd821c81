/**
 * The annual report and the assessment at volume, on PostgreSQL, each beside
 * the bare aggregate query over the same rows in the same run:
 * - the whole annual report of a city government rolled up from 100
 *   agencies (1,000,000 disclosure requests, 200,000 documents), against one
 *   `group by` over the requests and one over the documents;
 * - a full assessment of the 100 agencies, against one `group by` over the
 *   late-reply clocks.
 *
 * BENCH_REQUESTS (default 1000000) and BENCH_DOCUMENTS (default 200000) set
 * the sizes; BENCH_DATABASE_URL uses an existing server instead of starting one.
 */
import { createContext, type AppContext } from '../src/app.ts';
import type { StaffUser } from '../src/core/auth/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { openPostgres } from '../src/core/db/database.ts';
import { SqlFragment, sql } from '../src/core/db/sql.ts';
import { percentile, startBenchPostgres } from './bench.support.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const documents = Number(process.env.BENCH_DOCUMENTS ?? 200_000);
const agencyCount = 100;
const year = 2025;
const templates = 200;

const ms = (value: number) => value.toFixed(0);
const raw = (text: string) => new SqlFragment([text], []);
const staff = (id: number, role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id, username: `bench${id}`, displayName: `基准${id}`, role, agencyId, agencyName: null, mustChangePassword: false });
const actor = { id: 'cli:bench', address: '127.0.0.1' };

/** Latencies of `rounds` calls after one warm-up call. */
async function latency(rounds: number, call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** A city government and 100 agencies under it. */
async function agencies(context: AppContext): Promise<{ cityId: number; agencyIds: number[] }> {
  const { db } = context;
  const [city] = await db.query<{ id: number }>(sql`insert into agencies (name) values ('基准市人民政府') returning id::int as id`);
  const rows = await db.query<{ id: number }>(sql`
    insert into agencies (name, parent_id) select '基准市第' || g || '局', ${city!.id} from generate_series(1, ${agencyCount}::int) g returning id::int as id`);
  return { cityId: city!.id, agencyIds: rows.map((row) => row.id) };
}

async function columnsOf(context: AppContext, table: string): Promise<string[]> {
  const rows = await context.db.query<{ column_name: string }>(sql`
    select column_name from information_schema.columns
    where table_name = ${table} and table_schema = current_schema() and column_name <> 'id' order by ordinal_position`);
  return rows.map((row) => row.column_name);
}

/**
 * Requests: a few through the service (so every column and clock is as the
 * service writes it), then copied in SQL to size with their clocks, spread
 * over the agencies and the year, with outcomes and replies (a tenth late).
 */
async function fillRequests(context: AppContext, agencyIds: number[]) {
  const { db } = context;
  for (let i = 0; i < templates; i++) {
    await context.disclosure.submit(
      {
        agencyId: agencyIds[i % agencyIds.length]!,
        applicant: i % 3 === 0 ? { type: 'natural_person', name: `申请人${i}`, idNumber: '310101199001011234', phone: '13800000000', address: '某路1号' } : { type: 'natural_person', name: `申请人${i}`, idNumber: '310101199001011234', phone: '13800000000', address: '某路2号' },
        description: `项目批复文件(第${i}件)`,
        deliveryForm: 'electronic',
        deliveryWay: 'email',
      },
      { id: 'public', address: `198.51.100.${i % 250}` },
    );
  }
  const columns = await columnsOf(context, 'disclosure_requests');
  const outcomes = `(array['disclose','partial','refuse','unable','not_handled','other'])[1 + g % 6]`;
  const reasons = `(array[null,null,'third_party_rights','not_held','repeated','other'])[1 + g % 6]`;
  const copied = columns.map(
    (c) =>
      ({
        tracking_code: `'BR' || g || '-' || r.id`,
        agency_id: `(${'$agencies'})[1 + g % ${agencyIds.length}]`,
        received_on: `date '${year}-01-01' + (g % 360)`,
        submitted_on: `date '${year}-01-01' + (g % 360)`,
        state: `case when g % 20 = 0 then 'received' else 'closed' end`,
        reply_category: `case when g % 20 = 0 then null else ${outcomes} end`,
        reply_reason: `case when g % 20 = 0 then null else ${reasons} end`,
        replied_on: `case when g % 20 = 0 then null else date '${year}-01-01' + (g % 360) + case when g % 10 = 1 then 40 else 10 end end`,
        closed_on: `case when g % 20 = 0 then null else date '${year}-01-01' + (g % 360) + case when g % 10 = 1 then 40 else 10 end end`,
      })[c] ?? `r.${c}`,
  );
  const perTemplate = Math.ceil(requests / templates);
  await db.query(sql`
    insert into disclosure_requests (${raw(columns.join(', '))})
    select ${raw(copied.join(', ').replaceAll('$agencies', `'{${agencyIds.join(',')}}'::bigint[]`))}
    from disclosure_requests r, generate_series(1, ${perTemplate}::int) g
    where r.tracking_code not like 'BR%'`);
  // Each copy's reply clock: stopped on its reply day (or running), due 28 days after receipt.
  const clockColumns = (await columnsOf(context, 'clocks')).filter((c) => !['subject_id', 'agency_id', 'status', 'due_on', 'ledger'].includes(c));
  await db.query(sql`
    insert into clocks (subject_id, agency_id, status, due_on, ledger, ${raw(clockColumns.join(', '))})
    select n.id, n.agency_id, case when n.replied_on is null then 'running' else 'stopped' end, n.received_on + 28,
      case when n.replied_on is null then t.ledger else t.ledger || jsonb_build_array(jsonb_build_object('type', 'stop', 'on', n.replied_on)) end, ${raw(clockColumns.map((c) => `t.${c}`).join(', '))}
    from disclosure_requests n
    cross join lateral (select * from clocks where subject_type = 'disclosure_request' and purpose = 'reply' limit 1) t
    where n.tracking_code like 'BR%'`);
}

/** Documents: normative documents and orders issued by the agencies, signed over two years, a tenth repealed. */
async function fillDocuments(context: AppContext, agencyIds: number[]) {
  const { db } = context;
  const [file] = await db.query<{ id: number }>(sql`
    insert into source_files (source_key, file_name, path, sha256, size_bytes, encoding, kind, document_count)
    values ('bench', 'bench.txt', '/bench', 'x', 0, 'utf-8', 'collection', ${documents}) returning id::int as id`);
  await db.query(sql`
    insert into documents (doc_key, source_file_id, seq, title, display_title, doc_number, doc_number_printed, issuer, signed_on, doc_type, normative, body, body_text, line_start, line_end, content_hash, repealed_on)
    select 'bench-' || g, ${file!.id}, g, '基准文件' || g, '基准文件' || g,
      case when g % 50 = 0 then '基准令第' || g || '号' else '基准规〔' || g || '〕号' end,
      case when g % 50 = 0 then '基准令第' || g || '号' else '基准规〔' || g || '〕号' end,
      '基准市第' || (1 + g % ${agencyIds.length}::int) || '局', date '${raw(String(year - 1))}-01-01' + (g % 730),
      case when g % 50 = 0 then '令' else '通知' end, g % 3 <> 0, '[]'::jsonb, '正文' || g, 1, 2, md5(g::text),
      case when g % 10 = 0 then date '${raw(String(year))}-01-01' + (g % 365) end
    from generate_series(1, ${documents}::int) g`);
}

async function main() {
  const postgres = startBenchPostgres('postgres-report', 55492);
  const db = await openPostgres(postgres.url);
  const context = await createContext(loadConfig({}), { db });
  try {
    let started = performance.now();
    const { cityId, agencyIds } = await agencies(context);
    await fillRequests(context, agencyIds);
    await fillDocuments(context, agencyIds);
    await db.execScript('vacuum analyze');
    const [counted] = await db.query<{ requests: number; documents: number }>(sql`
      select (select count(*) from disclosure_requests)::int as requests, (select count(*) from documents)::int as documents`);
    console.log(`filled: ${counted!.requests} requests, ${counted!.documents} documents over ${agencyIds.length} agencies in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const supervisor = staff(1, 'supervisor', null);
    const report = await latency(5, () => context.annualReports.view(cityId, year, supervisor));
    const ids = `{${[cityId, ...agencyIds].join(',')}}`;
    const reportReference = await latency(5, () =>
      Promise.all([
        db.query(sql`select applicant_type, reply_category, reply_reason, count(*) from disclosure_requests where agency_id = any(${ids}::bigint[]) group by 1, 2, 3`),
        db.query(sql`select issuer, normative, count(*) from documents group by 1, 2`),
      ]),
    );
    const assessment = await latency(3, () => context.assessment.run(year, cityId, supervisor, `${year + 1}-01-15`));
    const assessmentReference = await latency(3, () =>
      db.query(sql`select r.agency_id, count(*) from clocks c join disclosure_requests r on r.id = c.subject_id where c.subject_type = 'disclosure_request' and c.due_on < coalesce(r.replied_on, date '${raw(String(year + 1))}-01-15') group by 1`),
    );
    void actor;

    console.log('');
    console.log('| what (PostgreSQL, one run) | gongkai p50 / p95 ms | bare aggregate p50 / p95 ms | target |');
    console.log('| --- | ---: | ---: | --- |');
    console.log(`| city report, ${agencyIds.length} agencies, ${counted!.requests} requests, ${counted!.documents} documents | ${ms(report.p50)} / ${ms(report.p95)} | ${ms(reportReference.p50)} / ${ms(reportReference.p95)} | ≤ 2,000 ms |`);
    console.log(`| full assessment of ${agencyIds.length} agencies | ${ms(assessment.p50)} / ${ms(assessment.p95)} | ${ms(assessmentReference.p50)} / ${ms(assessmentReference.p95)} | ≤ 5,000 ms |`);
  } finally {
    await context.close();
    postgres.stop();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
