import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database, Queryable } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService } from '../../src/modules/documents/index.ts';
import { createSearchService, readSearchParams, type SearchService } from '../../src/modules/search/index.ts';
import type { FacetValue } from '../../src/modules/search/search.types.ts';
import { seedsDir, testLimits } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { extendedPolicy, tempDir } from '../support/files.ts';

/** The database, with the text of every statement run through it kept in `statements`. */
function recordingStatements(db: Database, statements: string[]): Database {
  const recording = (target: Queryable): Queryable => ({
    query: (fragment) => {
      statements.push(fragment.compile().text);
      return target.query(fragment);
    },
    execScript: (text) => target.execScript(text),
  });
  return { ...db, ...recording(db), transaction: (work) => db.transaction((tx) => work(recording(tx))), readTransaction: (work) => db.readTransaction((tx) => work(recording(tx))) };
}

const repealedPolicy = `上海市长宁区人民政府关于印发《长宁区公共数据管理办法》的通知
(2019年3月1日)
长府规〔2019〕1号
区政府各委、办、局:
《长宁区公共数据管理办法》已经区政府常务会议通过,现予印发。
长宁区公共数据管理办法
第一条 (目的) 为规范公共数据管理,制定本办法。
第二条 (施行日期) 本办法自2019年4月1日起施行,有效期至2023年12月31日。
`;

for (const engine of engines) {
  describe(`search on ${engine}`, () => {
    let database: TestDatabase;
    let search: SearchService;
    const run = (q: string, extra: Record<string, unknown> = {}) => search.search(readSearchParams({ q, ...extra }, '2026-11-22'), { facets: true });

    before(async () => {
      database = await openTestDatabase(engine);
      await createIngestService(database.db, testLimits).ingest([seedsDir]);
      search = createSearchService(database.db);
    });
    after(async () => {
      await database.close();
    });

    it('finds the administrative assistance measures first, expired since 2019-03-31', async () => {
      const result = await run('行政协助');
      assert.equal(result.items[0]?.docNumber, '沪府发〔2017〕17号');
      assert.equal(result.items[0]?.validity, '已失效');
      assert.equal((await run('行政协助', { on: '2018-06-01' })).items[0]?.validity, '现行有效');
      assert.equal((await run('行政协助', { on: '2017-03-31' })).items[0]?.validity, '尚未生效');
      assert.ok(result.items[0]!.highlights.length > 0);
    });

    it('finds a document by its number however it is typed, and the documents citing a number', async () => {
      for (const typed of ['沪府发〔2017〕17号', '沪府发[2017]17号', '沪府发(2017)17号', '沪府发2017 17号', '沪府发〔2017〕17']) {
        assert.equal((await run(typed)).items[0]?.docNumber, '沪府发〔2017〕17号', typed);
      }
      assert.deepEqual((await run('沪府发〔2015〕39号')).items.map((item) => item.docNumber), ['静府发〔2016〕12号']);
    });

    it('ranks a title match before a mention in the body', async () => {
      const result = await run('审计整改');
      assert.equal(result.items[0]?.docNumber, '静府办发〔2016〕12号');
      assert.ok(result.items.length >= 2);
    });

    it('counts every facet to the total, and a filter narrows to its count', async () => {
      const result = await run('');
      assert.equal(result.total, 48);
      for (const [name, values] of Object.entries(result.facets!) as [string, FacetValue[]][]) {
        assert.equal(values.reduce((sum, value) => sum + value.count, 0), result.total, name);
      }
      const expired = result.facets!.validity.find((value) => value.value === '已失效')!;
      assert.equal((await run('', { validity: '已失效' })).total, expired.count);
      const issuer = result.facets!.issuer.find((value) => value.value === '上海市人民政府办公厅')!;
      assert.equal((await run('', { issuer: '上海市人民政府办公厅' })).total, issuer.count);
      assert.equal((await run('', { normative: 'true' })).total, 3);
    });

    it('counts exactly up to its limit, then says "more than", with facets over the same documents', async () => {
      const capped = createSearchService(database.db, { countLimit: 20 });
      const result = await capped.search(readSearchParams({ q: '' }, '2026-11-22'), { facets: true });
      assert.deepEqual([result.total, result.totalExact], [20, false]);
      for (const values of Object.values(result.facets!) as FacetValue[][]) assert.equal(values.reduce((sum, v) => sum + v.count, 0), 20);
      const exact = await capped.search(readSearchParams({ q: '行政协助' }, '2026-11-22'));
      assert.deepEqual([exact.total, exact.totalExact], [2, true]);
    });

    it('skips counting when the words times the library\'s share of the validity asked for surely exceed the limit', async () => {
      // Validity on a day is no column the planner has statistics for; its share is sampled (here the whole library).
      await database.db.execScript('analyze search_entries'); // the words' estimate is the planner's, from statistics
      const statements: string[] = [];
      const capped = createSearchService(recordingStatements(database.db, statements), { countLimit: 1 });
      const ask = (validity: string) => readSearchParams({ q: '通知', validity }, '2026-11-22');
      const exact = async (validity: string) => (await search.search(ask(validity))).total;
      assert.ok((await exact('现行有效')) > 5 && (await exact('已废止')) <= 1);
      const counted = () => statements.splice(0).some((text) => /select count\(\*\)::int as (total|scanned)/.test(text));
      const common = await capped.search(ask('现行有效'));
      assert.deepEqual([common.total, common.totalExact, counted()], [1, false, false]);
      // A status few documents have is counted, however common the words.
      const rare = await capped.search(ask('已废止'));
      assert.deepEqual([rare.total, rare.totalExact, counted()], [await exact('已废止'), true, true]);
    });

    it('keeps statistics of ten thousand common words, so a common pair is known to be common', async () => {
      await database.db.execScript('analyze search_entries');
      const [stats] = await database.db.query<{ n: number }>(
        sql`select array_length(most_common_elems, 1) as n from pg_stats where schemaname = current_schema() and tablename = 'search_entries' and attname = 'search_vector'`,
      );
      // The default list keeps 1,000 lexemes; the seeds' 48 documents share more than that.
      assert.ok((stats?.n ?? 0) > 1_000, `most common lexemes kept: ${stats?.n}`);
    });

    it('gives the same pages whichever way it gathers the matches', async () => {
      // Counted in full, matches are gathered; capped at one they are walked newest first, and
      // a walk of three documents mostly gives up and gathers.
      const services = [search, createSearchService(database.db, { countLimit: 1 }), createSearchService(database.db, { countLimit: 1, walkRows: 3 })];
      const asks: Record<string, string>[] = [
        { q: '通知' },
        { q: '公开' },
        { q: '"政务公开"' },
        { q: '审计 整改' },
        { q: '上海市', sort: 'date' },
        { q: '工作', type: '通知' },
        { q: '', year: '2016' },
        { q: '沪府发〔2017〕17号 行政协助' },
      ];
      for (const ask of asks) {
        for (const page of ['1', '2', '3']) {
          const pages = await Promise.all(services.map(async (service) => (await service.search(readSearchParams({ ...ask, page, pageSize: '5' }, '2026-11-22'))).items.map((item) => item.id)));
          assert.ok(page !== '1' || pages[0]!.length > 0, `${JSON.stringify(ask)} finds something`);
          assert.deepEqual(pages[1], pages[0], `${JSON.stringify(ask)} page ${page}, walked`);
          assert.deepEqual(pages[2], pages[0], `${JSON.stringify(ask)} page ${page}, walk given up`);
        }
      }
    });

    it('counts from the newest documents when they answer, and the same as the index would', async () => {
      // The seeds' 48 documents are fewer than the probe of the newest: it counts them all, no index count runs.
      const statements: string[] = [];
      const recorded = createSearchService(recordingStatements(database.db, statements));
      const indexCounted = () => statements.splice(0).some((text) => /select count\(\*\)::int as total/.test(text));
      // Capped at one and walking three: the probe is the newest three, the walk the newest six.
      const walking = createSearchService(recordingStatements(database.db, statements), { countLimit: 1, walkRows: 3 });
      for (const q of ['"政务公开"', '通知', '审计 整改', '行政协助']) {
        const params = readSearchParams({ q, pageSize: '100' }, '2026-11-22');
        const all = await recorded.search(params);
        assert.deepEqual([all.total, all.totalExact, indexCounted()], [all.items.length, true, false], q);
        const capped = await walking.search(params);
        assert.deepEqual([capped.total, capped.totalExact], all.total > 1 ? [1, false] : [all.total, true], q);
        statements.length = 0;
      }
    });

    it('pages through every match once, newest first, when sorted by date', async () => {
      // Matches of words are gathered a few years at a time, newest years first, then the undated.
      for (const ask of [{ q: '通知' }, { q: '公开' }, { q: '审计 整改' }, { q: '"政务公开"' }, { q: '工作', type: '通知' }]) {
        const seen: { id: number; date: string | null }[] = [];
        let total = 0;
        for (let page = 1; page === 1 || seen.length < total; page++) {
          const result = await search.search(readSearchParams({ ...ask, sort: 'date', page: String(page), pageSize: '7' }, '2026-11-22'));
          assert.ok(result.totalExact && result.items.length > 0, `${JSON.stringify(ask)} page ${page}`);
          total = result.total;
          seen.push(...result.items.map((item) => ({ id: item.id, date: item.date })));
        }
        assert.equal(new Set(seen.map((item) => item.id)).size, total, `${JSON.stringify(ask)}: each match once`);
        const newestFirst = [...seen].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
        assert.deepEqual(seen, newestFirst, `${JSON.stringify(ask)}: newest first`);
        assert.ok(new Set(seen.map((item) => item.date?.slice(0, 4))).size > 1, `${JSON.stringify(ask)}: spans several years`);
      }
    });

    it('with words, a filter finds exactly the word\'s matches that the filter alone finds', async () => {
      // With words the filters are asked of the facets vector (migration 0046); without, of the columns.
      const ids = async (q: string, extra: Record<string, unknown> = {}) => new Set((await run(q, { pageSize: 100, ...extra })).items.map((item) => item.id));
      const filters: Record<string, string>[] = [
        { type: '通知' }, { type: '意见' }, { issuer: '上海市人民政府办公厅' }, { year: '2016' }, { year: '2019' },
        { normative: 'true' }, { normative: 'false' }, { type: '通知', year: '2016' },
        ...['现行有效', '已失效', '已废止', '已修改', '尚未生效'].map((validity) => ({ validity })),
      ];
      let narrowed = 0;
      for (const q of ['通知', '上海市', '"政务公开"']) {
        const matches = await ids(q);
        for (const filter of filters) {
          const expected = [...(await ids('', filter))].filter((id) => matches.has(id)).sort();
          assert.deepEqual([...(await ids(q, filter))].sort(), expected, `${q} ${JSON.stringify(filter)}`);
          if (expected.length > 0 && expected.length < matches.size) narrowed++;
        }
      }
      assert.ok(narrowed >= 10, `only ${narrowed} filters narrowed a search`);
      assert.equal((await run('通知', { issuer: "上海市'人民政府\\办公厅" })).total, 0, 'a quote in a filter is a value, not syntax');
    });

    it('pages through results and sorts by date', async () => {
      const first = await run('', { pageSize: 20 });
      const second = await run('', { pageSize: 20, page: 2 });
      const beyond = await run('', { pageSize: 20, page: 9 });
      assert.equal(new Set([...first.items, ...second.items].map((item) => item.id)).size, 40);
      assert.deepEqual([beyond.items.length, beyond.total], [0, 48]);
      const dated = (await run('通知', { sort: 'date' })).items.map((item) => item.date).filter(Boolean) as string[];
      assert.deepEqual(dated, [...dated].sort().reverse());
    });

    it('answers any input with results or an empty page', async () => {
      for (const q of ['', ' ', '政'.repeat(10_000), "& | ! ( ) :* ' \\", "'; drop table documents; --", '😀🏛️ 公开', 'abc公开ДЕФ', '\u0000\u0007\u001b公开']) {
        const result = await run(q);
        assert.ok(result.total >= 0);
      }
      assert.equal((await run('')).total, 48, 'nothing was dropped');
    });

    it('keeps validity current as extensions and repeals arrive, in either order', async () => {
      const dir = tempDir();
      try {
        const ingest = createIngestService(database.db, testLimits);
        await ingest.ingest([dir.write('policy-2012.txt', extendedPolicy), dir.write('data-2019.txt', repealedPolicy)]);
        // Extended by 沪府办发〔2017〕28号 to 2022-03-31 (ingested before it).
        assert.equal((await run('沪府办发〔2012〕20号', { on: '2020-01-01' })).items[0]?.validity, '现行有效');
        assert.equal((await run('沪府办发〔2012〕20号', { on: '2023-01-01' })).items[0]?.validity, '已失效');
        // Repealed by 长府规〔2021〕2号 from the day it takes effect, 2021-06-01.
        assert.equal((await run('长府规〔2019〕1号', { on: '2021-05-31' })).items.find((i) => i.docNumber === '长府规〔2019〕1号')?.validity, '现行有效');
        assert.equal((await run('长府规〔2019〕1号', { on: '2021-06-01' })).items.find((i) => i.docNumber === '长府规〔2019〕1号')?.validity, '已废止');
        // The repeal arrived after the document: the filter by validity, with and without words, finds it repealed.
        for (const q of ['', '公共数据']) {
          const repealed = await run(q, { on: '2021-06-01', validity: '已废止', pageSize: 100 });
          assert.ok(repealed.items.some((i) => i.docNumber === '长府规〔2019〕1号'), `${q}: repealed`);
          const before = await run(q, { on: '2021-05-31', validity: '已废止', pageSize: 100 });
          assert.ok(!before.items.some((i) => i.docNumber === '长府规〔2019〕1号'), `${q}: not yet repealed`);
        }
      } finally {
        dir.remove();
      }
    });
  });
}
