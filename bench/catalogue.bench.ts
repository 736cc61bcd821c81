/**
 * The public data catalogue at volume, on PostgreSQL: resources imported from
 * the XLSX template (rows per second, 5,000-row sheets, one per agency), then
 * CKAN's `package_search` over HTTP (words, organisation, tag and format
 * filters, facets, paging) p50/p95, beside the same words through the
 * library's search (`/api/search`) over a generated library in the same
 * database and run as the reference.
 *
 * BENCH_RESOURCES (default 50000) sets the catalogue's size, BENCH_DOCS
 * (default 20000) the reference library's; BENCH_DATABASE_URL uses an
 * existing server instead of starting one.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/core/config.ts';
import { openPostgres } from '../src/core/db/database.ts';
import { sql } from '../src/core/db/sql.ts';
import { templateColumns } from '../src/modules/catalogue/catalogue.template.ts';
import { buildServer } from '../src/server/server.ts';
import { writeSearchCorpus } from './search.corpus.ts';
import { benchWork, percentile, startBenchPostgres } from './bench.support.ts';

const resources = Number(process.env.BENCH_RESOURCES ?? 50_000);
const documents = Number(process.env.BENCH_DOCS ?? 20_000);
const perSheet = 5000;

const subjects = ['停车', '公交', '医疗', '教育', '养老', '人口', '环境', '企业', '住房', '旅游', '气象', '就业'];
const things = ['基本信息', '统计数据', '设施分布', '服务网点', '许可信息', '监测数据', '名录', '年度报表'];
const domains = ['交通出行', '医疗卫生', '教育文化', '社会保障', '生态环境', '经济发展', '城市建设', '公共安全'];
const formats = ['CSV', 'XLSX', 'JSON', 'API', 'XML'];

const ms = (value: number) => value.toFixed(1);


/** One agency's sheet in the template: every fifth resource conditionally open, every tenth closed, each with its reason. */
async function sheetOf(agencyName: string, sheet: number, rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const table = workbook.addWorksheet('数据资源目录');
  table.addRow(templateColumns.map((column) => column.header));
  for (let i = 0; i < rows; i++) {
    const n = sheet * perSheet + i;
    const subject = subjects[n % subjects.length]!;
    const open = n % 10 === 0 ? '非开放' : n % 5 === 0 ? '有条件开放' : '无条件开放';
    const cells: Record<string, string> = {
      数据资源名称: `${subject}${things[(n >> 3) % things.length]}第${n}号`,
      数据资源摘要: `全区${subject}相关的${things[n % things.length]},按月汇总。`,
      提供单位: agencyName,
      所属领域: domains[n % domains.length]!,
      共享属性: '无条件共享',
      开放属性: open,
      ...(open === '无条件开放' ? {} : { 不予开放理由: '含个人信息', 不予开放依据: '《中华人民共和国个人信息保护法》' }),
      更新频率: '每月',
      数据格式: `${formats[n % formats.length]}、${formats[(n + 1) % formats.length]}`,
      关键字: `${subject}、${domains[n % domains.length]}`,
      数据项: '名称|字符串|全称\n数量|整数|合计',
    };
    table.addRow(templateColumns.map((column) => cells[column.header] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function latencies(base: string, paths: string[], rounds: number): Promise<{ p50: number; p95: number; hits: number }> {
  let hits = 0;
  for (const path of paths) await fetch(base + path).then((response) => response.arrayBuffer());
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const response = await fetch(base + paths[i % paths.length]!);
    const body = (await response.json()) as { result?: { count: number }; total?: number };
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${paths[i % paths.length]}: ${response.status}`);
    hits += body.result?.count ?? body.total ?? 0;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits: Math.round(hits / rounds) };
}

async function main() {
  const corpusDir = join(benchWork, `search-corpus-${documents}`);
  writeSearchCorpus(corpusDir, documents);
  const postgres = startBenchPostgres('postgres-catalogue', 55495);
  const db = await openPostgres(postgres.url);
  const context = await createContext(loadConfig({}), { db });
  const server = buildServer(context);
  try {
    let started = performance.now();
    const loaded = await context.ingest.ingest([corpusDir]);
    console.log(`reference library: ${loaded.added} documents loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const sheets = Math.ceil(resources / perSheet);
    let importSeconds = 0;
    let imported = 0;
    for (let sheet = 0; sheet < sheets; sheet++) {
      const name = `上海市长宁区数据测试第${sheet + 1}局`;
      const [agency] = await db.query<{ id: number }>(sql`insert into agencies (name) values (${name}) on conflict (name) do update set name = excluded.name returning id::int as id`);
      const bytes = await sheetOf(name, sheet, Math.min(perSheet, resources - sheet * perSheet));
      started = performance.now();
      const summary = await context.catalogue.importSheet(bytes, agency!.id, null, { id: 'cli:bench' });
      importSeconds += (performance.now() - started) / 1000;
      imported += summary.created + summary.updated;
      process.stdout.write(`\rimported ${imported} resources`);
    }
    console.log(` in ${importSeconds.toFixed(0)} s`);
    await db.execScript('vacuum analyze');

    await server.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const [someAgency] = await db.query<{ id: number }>(sql`select agency_id::int as id from catalogue_resources limit 1`);
    const words = ['停车', '医疗 统计数据', '养老', '不存在的词'];
    const ckan = [
      ...words.map((q) => `/api/3/action/package_search?q=${encodeURIComponent(q)}`),
      `/api/3/action/package_search?fq=${encodeURIComponent(`organization:agency-${someAgency!.id}`)}`,
      `/api/3/action/package_search?fq=${encodeURIComponent('tags:停车 res_format:"JSON"')}`,
      `/api/3/action/package_search?q=${encodeURIComponent('公交')}&facet.field=${encodeURIComponent('["organization","res_format","tags"]')}`,
      '/api/3/action/package_search?rows=20&start=400&sort=name%20asc',
    ];
    const library = words.map((q) => `/api/search?${new URLSearchParams({ q, pageSize: '10' })}`);
    const catalogue = await latencies(base, ckan, 400);
    const reference = await latencies(base, library, 400);
    for (const path of ckan) {
      const one = await latencies(base, [path], 20);
      console.log(`  ${decodeURIComponent(path)}: p50 ${ms(one.p50)} ms, p95 ${ms(one.p95)} ms, ${one.hits} found`);
    }

    console.log('');
    console.log('| PostgreSQL, one run, over HTTP | p50 ms | p95 ms | target |');
    console.log('| --- | ---: | ---: | --- |');
    console.log(`| package_search, ${imported} resources (words, filters, facets, paging) | ${ms(catalogue.p50)} | ${ms(catalogue.p95)} | p95 ≤ 50 ms |`);
    console.log(`| library search, same words, ${loaded.added} documents (reference) | ${ms(reference.p50)} | ${ms(reference.p95)} | |`);
    console.log(`\nXLSX import: ${(imported / importSeconds).toFixed(0)} rows/s (${sheets} sheets of up to ${perSheet} rows, each one transaction)`);
  } finally {
    await server.close();
    await context.close();
    postgres.stop();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
