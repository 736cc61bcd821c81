/**
 * Cases between agencies at volume, on PostgreSQL, beside the disclosure
 * module's dashboard in the same run:
 * - the monitoring views staff open (the staffing office's real-time
 *   monitoring of open assistance requests, Art. 24; the supervisor's task
 *   ledger red first and the supervision dashboard) p50/p95 over 100,000 open
 *   assistance requests and 100,000 open tasks, against the disclosure
 *   dashboard (`/api/staff/deadlines` with the per-agency table) over
 *   100,000 open disclosure requests;
 * - the import of the tasks of 1,000 documents (静府发〔2016〕12号's 39 tasks
 *   each), documents per second through the service.
 * Everything is measured over HTTP through the routes staff use.
 *
 * BENCH_OPEN (default 100000) sets the open cases of each kind, BENCH_IMPORTS
 * (default 1000) the documents imported; BENCH_DATABASE_URL uses an existing
 * server instead of starting one.
 */
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createContext, type AppContext } from '../src/app.ts';
import { todayInChina } from '../src/core/calendar/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { openPostgres } from '../src/core/db/database.ts';
import { SqlFragment, sql } from '../src/core/db/sql.ts';
import { buildServer } from '../src/server/server.ts';
import { benchRoot, benchWork, percentile, startBenchPostgres } from './bench.support.ts';

const openCases = Number(process.env.BENCH_OPEN ?? 100_000);
const imports = Number(process.env.BENCH_IMPORTS ?? 1000);
const documentNumber = '静府发〔2016〕12号';
const ms = (value: number) => value.toFixed(1);
/** Column names read from the catalogue, never from input. */
const raw = (text: string) => new SqlFragment([text], []);

async function columnsOf(context: AppContext, table: string): Promise<string[]> {
  const rows = await context.db.query<{ column_name: string }>(sql`
    select column_name from information_schema.columns
    where table_name = ${table} and table_schema = current_schema() and column_name <> 'id' and is_generated = 'NEVER' order by ordinal_position`);
  return rows.map((row) => row.column_name);
}

/** Twenty agencies under one government, each party to its share of everything. */
async function agencies(context: AppContext): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const [row] = await context.db.query<{ id: number }>(sql`insert into agencies (name) values (${`基准单位${i}`}) on conflict (name) do update set name = excluded.name returning id::int as id`);
    ids.push(row!.id);
  }
  return ids;
}

/** Open assistance requests, open tasks and open disclosure requests, each with its clock, in SQL. */
async function fill(context: AppContext, agencyIds: number[], today: string) {
  const { db } = context;
  const n = agencyIds.length;
  await db.query(sql`
    insert into assistance_requests (code, requesting_agency_id, requested_agency_id, first_requested_agency_id, form, subject, body, legal_basis, channel,
      obstacle_on, requested_on, state, accepted_on, formalities_completed_on)
    select 'XZ-B' || g, x.a, x.b, x.b, (array['execution','investigation','inquiry','opinion','service','materials'])[1 + g % 6],
      '协助事项第' || g || '号', '请协助办理第' || g || '号事项。', '《上海市行政协助管理办法(试行)》', 'written',
      ${today}::date - (g % 40) - 2, ${today}::date - (g % 40), case when g % 3 = 0 then 'submitted' when g % 17 = 0 then 'disputed' else 'accepted' end,
      case when g % 3 = 0 then null else ${today}::date - (g % 40) end, ${today}::date - (g % 40)
    from generate_series(1, ${openCases}::int) g,
      lateral (select (${agencyIds}::bigint[])[1 + g % ${n}::int] as a, (${agencyIds}::bigint[])[1 + (g + 1 + g % 7) % ${n}::int] as b) x`);
  // A handling clock runs from acceptance (Art. 18), as the service starts it.
  await db.query(sql`
    insert into clocks (subject_type, subject_id, purpose, rule_code, ledger, status, due_on)
    select 'assistance_request', r.id, 'handle', 'assistance.handle', '{"events": []}'::jsonb, 'running', r.requested_on + 14
    from assistance_requests r where r.code like 'XZ-B%' and r.state = 'accepted'`);
  await db.query(sql`
    insert into supervision_tasks (text, assigned_on, due_on, state, progress)
    select '基准任务第' || g || '项:按要求推进落实。', ${today}::date - 60, ${today}::date + (g % 90) - 20, case when g % 11 = 0 then 'awaiting_acceptance' else 'in_progress' end, g % 100
    from generate_series(1, ${openCases}::int) g`);
  await db.query(sql`
    insert into supervision_task_agencies (task_id, agency_id, role)
    select t.id, (${agencyIds}::bigint[])[1 + t.id % ${n}::int], 'lead' from supervision_tasks t
    union all
    select t.id, (${agencyIds}::bigint[])[1 + (t.id + 3) % ${n}::int], 'responsible' from supervision_tasks t`);
  // Disclosure requests: copies of a few submitted through the service, each with its own code, day and reply clock.
  for (let i = 0; i < 20; i++) {
    await context.disclosure.submit(
      {
        agencyId: agencyIds[i % n]!,
        applicant: { type: 'natural_person', name: `申请人${i}`, idNumber: '310101199001011234', phone: '13800000000', address: '上海市长宁区某路1号' },
        description: `项目批复文件第${i}件`,
        deliveryForm: 'electronic',
        deliveryWay: 'email',
      },
      { id: 'public', address: '198.51.100.1' },
    );
  }
  const columns = await columnsOf(context, 'disclosure_requests');
  const copied = columns.map((c) => (c === 'tracking_code' ? `'BR' || g || '-' || r.id` : c === 'received_on' ? 'r.received_on - (g % 30)' : `r.${c}`));
  await db.query(sql`
    insert into disclosure_requests (${raw(columns.join(', '))})
    select ${raw(copied.join(', '))}
    from disclosure_requests r, generate_series(1, ${Math.ceil(openCases / 20) - 1}::int) g
    where r.tracking_code not like 'BR%'`);
  await db.query(sql`
    insert into clocks (subject_type, subject_id, purpose, rule_code, ledger, status, due_on, estimated, agency_id)
    select 'disclosure_request', r.id, 'reply', c.rule_code, c.ledger, c.status, c.due_on - (r.id % 30)::int, c.estimated, r.agency_id
    from disclosure_requests r
    join disclosure_requests o on o.id = split_part(r.tracking_code, '-', 2)::bigint
    join clocks c on c.subject_type = 'disclosure_request' and c.subject_id = o.id and c.purpose = 'reply'
    where r.tracking_code like 'BR%'`);
  await db.execScript('vacuum analyze');
}

/** 静府发〔2016〕12号 copied `count` times in SQL (its 39 tasks each), its agency names mapped, for the import. */
async function documentsToImport(context: AppContext, agencyIds: number[], count: number): Promise<number[]> {
  const { db } = context;
  const seeds = join(benchRoot, 'corpus/seeds');
  await context.ingest.ingest([join(seeds, readdirSync(seeds).find((name) => name.startsWith('000'))!)]);
  const [original] = await db.query<{ id: number }>(sql`select id::int as id from documents where doc_number = ${documentNumber} order by id limit 1`);
  const columns = await columnsOf(context, 'documents');
  const copied = columns.map((c) => (c === 'doc_key' ? `d.doc_key || '-bench-' || g` : c === 'seq' ? 'd.seq + 100000 * g' : c === 'index_serial' ? 'null' : `d.${c}`));
  const ids = await db.query<{ id: number }>(sql`
    insert into documents (${raw(columns.join(', '))})
    select ${raw(copied.join(', '))} from documents d, generate_series(1, ${count}::int) g where d.id = ${original!.id}
    returning id::int as id`);
  await db.query(sql`
    insert into document_tasks (document_id, seq, anchor, text, lead_units, responsible_units, due)
    select c.id, k.seq, k.anchor, k.text, k.lead_units, k.responsible_units, k.due
    from documents c join documents d on d.id = ${original!.id} and c.doc_key like d.doc_key || '-bench-%'
    join document_tasks k on k.document_id = d.id`);
  await db.query(sql`
    insert into supervision_agency_names (name, agency_id, mapped_by)
    select name, (${agencyIds}::bigint[])[1 + (row_number() over (order by name))::int % ${agencyIds.length}::int], 'cli:bench'
    from (select distinct unnest(lead_units || responsible_units) as name from document_tasks where document_id = ${original!.id}) names
    on conflict (name) do nothing`);
  await db.execScript('analyze');
  return ids.map((row) => row.id);
}

async function main() {
  const postgres = startBenchPostgres('postgres-supervision', 55489);
  const db = await openPostgres(postgres.url);
  const context = await createContext(loadConfig({ FILES_DIR: join(benchWork, 'files-supervision') }), { db });
  const app = buildServer(context);
  try {
    const today = todayInChina();
    const agencyIds = await agencies(context);
    let started = performance.now();
    await context.clocks.context();
    await fill(context, agencyIds, today);
    const counted = async (query: SqlFragment) => (await db.query<{ n: number }>(query))[0]!.n;
    const openRequests = await counted(sql`select count(*)::int as n from assistance_requests where state in ('submitted', 'accepted', 'disputed')`);
    const openTasks = await counted(sql`select count(*)::int as n from supervision_tasks where state in ('in_progress', 'awaiting_acceptance')`);
    const openDisclosure = await counted(sql`select count(*)::int as n from disclosure_requests where state = 'received'`);
    console.log(`filled: ${openRequests} open assistance requests, ${openTasks} open tasks, ${openDisclosure} open disclosure requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const session = await signIn(context, base);
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, { headers: session });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const latency = async (paths: string[], rounds: number) => {
      for (const path of paths) await get(path);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const at = performance.now();
        await get(paths[i % paths.length]!);
        times.push(performance.now() - at);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const monitorPaths = ['/api/staff/assistance/monitor', `/api/staff/assistance/monitor?agency=${agencyIds[3]}`];
    const taskPaths = ['/api/staff/supervision/tasks?signal=overdue', '/api/staff/supervision/tasks?signal=due_soon', '/api/staff/supervision/tasks'];
    const rows: string[] = [];
    for (const path of [...monitorPaths, ...taskPaths, '/api/staff/supervision/dashboard', '/api/staff/deadlines']) {
      const one = await latency([path], 40);
      rows.push(`  ${path}: p50 ${ms(one.p50)} ms, p95 ${ms(one.p95)} ms`);
    }
    const monitor = await latency(monitorPaths, 100);
    const tasks = await latency(taskPaths, 100);
    const dashboard = await latency(['/api/staff/supervision/dashboard'], 60);
    const reference = await latency(['/api/staff/deadlines'], 100);
    for (const row of rows) console.log(row);

    const documentIds = await documentsToImport(context, agencyIds, imports);
    const supervisor = { id: 1, username: 'bench', displayName: '基准', role: 'supervisor' as const, agencyId: null, agencyName: null, mustChangePassword: false };
    started = performance.now();
    let created = 0;
    for (const id of documentIds) created += (await context.supervision.importDocument(id, { dueOn: `${Number(today.slice(0, 4)) + 1}-12-31` }, supervisor, { id: 'cli:bench', address: '127.0.0.1' })).created;
    const perSecond = documentIds.length / ((performance.now() - started) / 1000);

    console.log('');
    console.log('| what (PostgreSQL, one run, over HTTP) | supervision / assistance | disclosure reference | target |');
    console.log('| --- | ---: | ---: | --- |');
    console.log(`| assistance monitoring p50 / p95 ms (${openRequests} open requests; ${openDisclosure} open disclosure requests) | ${ms(monitor.p50)} / ${ms(monitor.p95)} | ${ms(reference.p50)} / ${ms(reference.p95)} | p95 ≤ 100 ms |`);
    console.log(`| task ledger by signal p50 / p95 ms (${openTasks} open tasks) | ${ms(tasks.p50)} / ${ms(tasks.p95)} | 〃 | p95 ≤ 100 ms |`);
    console.log(`| supervision dashboard p50 / p95 ms (${openTasks} open tasks) | ${ms(dashboard.p50)} / ${ms(dashboard.p95)} | 〃 | p95 ≤ 100 ms |`);
    console.log(`| task import (${documentIds.length} documents, ${created} tasks) | ${perSecond.toFixed(1)} documents/s | | |`);
  } finally {
    await app.close();
    await context.close();
    postgres.stop();
  }
}

/** A supervisor's session for the console's calls (the same cookie and CSRF header the console sends). */
async function signIn(context: AppContext, base: string): Promise<Record<string, string>> {
  const password = 'a long passphrase for the bench';
  await context.auth.createUser({ username: 'bench-supervisor', displayName: '督查员', role: 'supervisor', agencyId: null, password }, null, { id: 'cli:bench' });
  const response = await fetch(`${base}/api/staff/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-supervisor', password }) });
  if (!response.ok) throw new Error(`sign-in: ${response.status}`);
  return { cookie: String(response.headers.get('set-cookie')).split(';')[0]! };
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
