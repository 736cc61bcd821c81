import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { subjectCategories } from '../../src/modules/documents/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

/** Issue "What a citizen and a new clerk tripped on": items 4, 12, A (subject categories) and B (suggestions). */
for (const engine of engines) {
  describe(`portal browsing and suggestions on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    const get = (url: string) => app.inject({ url });
    const total = async (query: Record<string, string>) =>
      ((await get(`/api/search?${new URLSearchParams({ ...query, pageSize: '1' })}`)).json() as { total: number }).total;
    const statusCount = (body: string) => Number(/<p role="status">共 <strong>(\d+)<\/strong>/.exec(body)?.[1] ?? 'NaN');

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      await context.ingest.ingest([seedsDir]);
      app = buildServer(context);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('does not list the document a notice issues as a citation not in the library (item 4)', async () => {
      const notices = await database.db.query<{ id: number; attachment: string }>(sql`
        select id, attachment_title as attachment from documents where attachment_title is not null`);
      assert.ok(notices.length >= 10);
      for (const notice of notices) {
        const page = await get(`/documents/${notice.id}`);
        assert.equal(page.statusCode, 200);
        const cited = /<h3>本文引用<\/h3><ul>(.*?)<\/ul>/.exec(page.body)?.[1] ?? '';
        assert.ok(!cited.includes(`《${notice.attachment}》`), notice.attachment);
      }
      // A citation of the issued plan stored before the parser knew better is not shown either.
      const [notice] = notices;
      await database.db.query(sql`insert into document_relations (document_id, kind, target_title) values (${notice!.id}, 'cites', ${notice!.attachment})`);
      const stale = await get(`/documents/${notice!.id}`);
      assert.ok(!(/<h3>本文引用<\/h3><ul>(.*?)<\/ul>/.exec(stale.body)?.[1] ?? '').includes(`《${notice!.attachment}》`));
      // Another document citing the issued plan by its title links to the notice that carries it.
      const [interpretation] = await database.db.query<{ id: number }>(sql`select id from documents where display_title = '《长宁区公共数据管理办法》政策解读'`);
      const [policy] = await database.db.query<{ id: number }>(sql`select id from documents where attachment_title = '长宁区公共数据管理办法'`);
      const page = await get(`/documents/${interpretation!.id}`);
      const cited = /<h3>本文引用<\/h3><ul>(.*?)<\/ul>/.exec(page.body)?.[1] ?? '';
      assert.match(cited, new RegExp(`<li><a href="/documents/${policy!.id}">`));
    });

    it('serves an icon, links it, and keeps the header placeholder short (item 12)', async () => {
      const ico = await get('/favicon.ico');
      assert.equal(ico.statusCode, 200);
      assert.equal(ico.headers['content-type'], 'image/x-icon');
      assert.match(String(ico.headers['cache-control']), /max-age=\d{4,}/);
      assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
      assert.deepEqual([...ico.rawPayload.subarray(22, 26)], [0x89, 0x50, 0x4e, 0x47], 'holding a PNG');
      const svg = await get('/favicon.svg');
      assert.equal(svg.statusCode, 200);
      assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
      for (const url of ['/', '/search', '/subjects']) {
        const page = await get(url);
        assert.match(page.body, /<html lang="zh-CN">/);
        assert.match(page.body, /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml">/);
        const placeholder = /id="site-q"[^>]*placeholder="([^"]*)"/.exec(page.body)?.[1] ?? '';
        assert.ok(placeholder.length > 0 && placeholder.length <= 12, `placeholder "${placeholder}" fits the header box`);
      }
    });

    it('asks for the validity date as YYYY-MM-DD text, not a native date control (item 12)', async () => {
      const page = await get('/search?on=2026-11-28');
      assert.doesNotMatch(page.body, /type="date"/);
      assert.match(page.body, /<input id="on" type="text" name="on" value="2026-11-28" inputmode="numeric" pattern="\\d\{4\}-\\d\{2\}-\\d\{2\}" placeholder="YYYY-MM-DD"/);
      assert.match(page.body, /<form action="\/search" method="get" class="no-print filters">/);
    });

    it('shows no empty section on the home page (item 12)', async () => {
      const inForce = await total({ normative: 'true', validity: '现行有效' });
      const home = await get('/');
      assert.equal(home.statusCode, 200);
      if (inForce === 0) assert.doesNotMatch(home.body, /现行有效的规范性文件/);
      else assert.match(home.body, new RegExp(`全部现行有效的规范性文件\\(${inForce}\\)`));
      assert.doesNotMatch(home.body, /\(0\)/);
      for (const [, list] of home.body.matchAll(/<h2 id="[^"]+">[^<]+<\/h2>(<ul class="plain">[\s\S]*?<\/ul>)/g)) assert.match(list!, /<li>/);
    });

    it('browses by subject category, with counts that add up, and filters search by it (item A)', async () => {
      const page = await get('/subjects');
      assert.equal(page.statusCode, 200);
      const listed = [...page.body.matchAll(/<a href="\/subjects\/([^"]+)">([^<]+)<\/a> <span class="muted">\((\d+) 篇\)/g)].map((m) => ({ name: m[2]!, count: Number(m[3]) }));
      assert.ok(listed.length >= 5);
      assert.equal(listed.reduce((sum, s) => sum + s.count, 0), await total({}));
      for (const subject of listed) {
        assert.ok(subjectCategories.includes(subject.name));
        assert.equal(await total({ subject: subject.name }), subject.count, subject.name);
        const one = await get(`/subjects/${encodeURIComponent(subject.name)}`);
        assert.equal(statusCount(one.body), subject.count, subject.name);
      }
      // The search page's facet offers the same counts.
      const search = await get('/search');
      const facet = /<section><h2>主题分类<\/h2>([\s\S]*?)<\/section>/.exec(search.body)?.[1] ?? '';
      const health = listed.find((s) => s.name === '卫生、体育')!;
      assert.match(facet, new RegExp(`<a href="/search\\?subject=${encodeURIComponent(health.name).replace(/%/g, '%')}">卫生、体育</a> <span class="muted">\\(${health.count}\\)`));
      const filtered = await get(`/search?subject=${encodeURIComponent('卫生、体育')}`);
      assert.equal(statusCount(filtered.body), health.count);
      assert.equal((await get('/search?subject=nonsense')).statusCode, 400);
      assert.equal((await get('/subjects/nonsense')).statusCode, 404);
      // A document's 主题分类 leads to its category.
      const [document] = await database.db.query<{ id: number }>(sql`select id from documents where doc_number = '沪府发〔2017〕17号'`);
      const shown = await get(`/documents/${document!.id}`);
      const link = /<th scope="row">主题分类<\/th><td><a href="(\/subjects\/[^"]+)">([^<]+)<\/a>/.exec(shown.body);
      assert.ok(link, 'the category is a link');
      assert.equal(decodeURIComponent(link[1]!.slice('/subjects/'.length)), link[2]);
      assert.equal((await get(link[1]!)).statusCode, 200);
    });

    it('suggests the words one by one when a search finds nothing (item B)', async () => {
      const page = await get(`/search?q=${encodeURIComponent('行政协助 火星人')}`);
      assert.equal(statusCount(page.body), 0);
      assert.match(page.body, /<h2 id="suggestions">检索建议<\/h2>/);
      const words = [...page.body.matchAll(/<li>(?:<a href="([^"]+)">)?([^<]+)(?:<\/a>)? <span class="muted">\((\d+) 篇\)<\/span><\/li>/g)];
      assert.ok(words.length >= 2, 'each word listed');
      for (const [, href, word, count] of words) {
        assert.equal(Number(count), await total({ q: word! }), word);
        if (Number(count) > 0) assert.equal(href, `/search?q=${encodeURIComponent(word!)}`);
        else assert.equal(href, undefined);
      }
      assert.ok(words.some(([, , word, count]) => word === '行政协助' && Number(count) > 0));
    });

    it('offers the same words in expired and repealed documents when only those match (item B)', async () => {
      const expired = (await get(`/api/search?validity=${encodeURIComponent('已失效')}&pageSize=50`)).json() as { items: { title: string }[] };
      let checked = 0;
      for (const { title } of expired.items) {
        const q = `"${title}"`;
        if ((await total({ q, validity: '现行有效' })) !== 0) continue;
        const everywhere = await total({ q });
        const page = await get(`/search?q=${encodeURIComponent(q)}&validity=${encodeURIComponent('现行有效')}`);
        assert.equal(statusCount(page.body), 0);
        assert.match(page.body, new RegExp(`其他有效性的文件中有 ${everywhere} 篇:<a href="/search\\?${new URLSearchParams({ q }).toString().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">检索全部有效性的文件</a>`));
        checked++;
      }
      assert.ok(checked > 0, 'some expired document found only among the expired');
    });

    it('offers a near spelling from the titles (item B)', async () => {
      const page = await get(`/search?q=${encodeURIComponent('危险化学铺')}`);
      assert.equal(statusCount(page.body), 0);
      const count = await total({ q: '危险化学品' });
      assert.ok(count > 0);
      assert.match(page.body, new RegExp(`您是不是要找:<a href="/search\\?q=${encodeURIComponent('危险化学品')}">危险化学品</a> <span class="muted">\\(${count} 篇\\)`));
    });
  });
}
