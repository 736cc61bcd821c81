import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

for (const engine of engines) {
  describe(`portal on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
    const idOf = async (number: string) =>
      (await database.db.query<{ id: number }>(sql`select id from documents where doc_number = ${number}`))[0]!.id;

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

    it('opens on the library: latest documents, gazettes, issuers, types, years', async () => {
      const response = await get('/');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<html lang="zh-CN">/);
      assert.match(response.body, /<a class="skip" href="#main">跳到主要内容<\/a>/);
      assert.match(response.body, /本库收录政府公报和政府文件 48 篇/);
      assert.match(response.body, /href="\/gazettes\/\d+">上海市人民政府公报 2017年第9期\(总第393期\)<\/a>/);
      assert.match(response.body, /href="\/issuers\/%E4%B8%8A%E6%B5%B7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%8E%85">上海市人民政府办公厅<\/a> <span class="muted">\(9\)/);
    });

    it('searches with marked passages, facets and filters, and never fails on odd input', async () => {
      const response = await get(`/search?q=${encodeURIComponent('行政协助')}`);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /共 <strong>2<\/strong> 篇文件/);
      assert.match(response.body, /<mark>行政协助<\/mark>/);
      assert.match(response.body, /已失效/);
      for (const q of ['', "'&|!():*", '政'.repeat(10_000), '😀', '<script>alert(1)</script>']) {
        const odd = await get(`/search?q=${encodeURIComponent(q)}&page=99999&pageSize=100000`);
        assert.equal(odd.statusCode, 200, q.slice(0, 20));
        assert.ok(!odd.body.includes('<script>alert(1)</script>'));
      }
      const bad = await get('/search?year=abc');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /检索条件有误/);
    });

    it('goes straight to a document when the query is its number, however typed', async () => {
      const id = await idOf('沪府发〔2017〕17号');
      for (const typed of ['沪府发2017 17号', '沪府发[2017]17号', '沪府发〔2017〕17']) {
        const response = await get(`/search?q=${encodeURIComponent(typed)}`);
        assert.equal(response.statusCode, 303, typed);
        assert.equal(response.headers.location, `/documents/${id}`);
      }
    });

    it('shows a document with the catalogue block, anchors, validity over time and its gazette', async () => {
      const response = await get(`/documents/${await idOf('沪府发〔2017〕17号')}`);
      assert.equal(response.statusCode, 200);
      for (const label of ['索引号', '主题分类', '发文机关', '成文日期', '发布日期', '发文字号', '有效性']) {
        assert.match(response.body, new RegExp(`<th scope="row">${label}</th>`), label);
      }
      assert.match(response.body, /已失效\(2017-04-01 起施行,有效期至 2019-03-31\)/);
      assert.match(response.body, /<time datetime="2019-03-31">2019-03-31<\/time> 有效期至此日/);
      assert.match(response.body, /id="a-art-18"/);
      assert.match(response.body, /href="#a-art-18">第十八条 期限<\/a>/);
      assert.match(response.body, /href="\/gazettes\/\d+">上海市人民政府公报 2017年第9期/);
    });

    it('links an interpretation and its policy both ways, and repeals to what they repeal', async () => {
      const policy = await get(`/documents/${await idOf('长府规〔2021〕2号')}`);
      assert.match(policy.body, /政策解读:<\/strong><a href="\/documents\/\d+">《长宁区公共数据管理办法》政策解读<\/a>/);
      assert.match(policy.body, /本文废止<\/h3><ul><li>《长宁区公共数据管理办法》\(长府规〔2019〕1号\) <span class="muted">\(本库暂未收录\)<\/span>/);
      const [interpretation] = await database.db.query<{ id: number }>(sql`select id from documents where title = '《长宁区公共数据管理办法》政策解读'`);
      const page = await get(`/documents/${interpretation!.id}`);
      assert.match(page.body, new RegExp(`解读的政策:</strong><a href="/documents/${await idOf('长府规〔2021〕2号')}">`));
    });

    it('dates a gazette document by its signing (成文日期) and its issue (发布日期)', async () => {
      const response = await get(`/documents/${await idOf('沪府发〔2017〕17号')}`);
      assert.match(response.body, /<th scope="row">成文日期<\/th><td>2017-03-30<\/td>/);
      assert.match(response.body, /<th scope="row">发布日期<\/th><td>2017-05-05<\/td>/);
    });

    it('gives an interpretation read from a gazette its policy’s issuer, the issue’s date and an index number of its own', async () => {
      const [interpretation] = await database.db.query<{ id: number }>(sql`select id from documents where title = '《长宁区公共数据管理办法》政策解读'`);
      const page = await get(`/documents/${interpretation!.id}`);
      assert.match(page.body, /<th scope="row">发文机关<\/th><td><a href="[^"]+">上海市长宁区人民政府<\/a><\/td>/);
      assert.match(page.body, /<th scope="row">发布日期<\/th><td>2021-07-02<\/td>/);
      const own = /<th scope="row">索引号<\/th><td>([^<]+)<\/td>/.exec(page.body)![1]!;
      assert.match(own, /^\d{9}\/2021-\d{5}$/);
      const policy = await get(`/documents/${await idOf('长府规〔2021〕2号')}`);
      assert.notEqual(/<th scope="row">索引号<\/th><td>([^<]+)<\/td>/.exec(policy.body)![1], own);
      assert.match(policy.body, /<th scope="row">来源<\/th><td colspan="3"><a href="\/gazettes\/\d+">/, 'a gazette document keeps its issue as 来源');
    });

    it('shows a gazette issue with its contents linked to the documents', async () => {
      const [issue] = await database.db.query<{ id: number }>(sql`select id from gazette_issues where issue = '2017年第9期(总第393期)'`);
      const response = await get(`/gazettes/${issue!.id}`);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<h3>【市政府文件】<\/h3>/);
      assert.match(response.body, new RegExp(`href="/documents/${await idOf('沪府发〔2017〕17号')}">上海市行政协助管理办法\\(试行\\)</a> <span class="muted">第 3 页`));
    });

    it('publishes a feed, a sitemap and robots.txt', async () => {
      const feed = await get('/feed.xml');
      assert.match(feed.headers['content-type'] as string, /application\/atom\+xml/);
      assert.equal((feed.body.match(/<entry>/g) ?? []).length, 48);
      const sitemap = await get('/sitemap.xml');
      assert.equal((sitemap.body.match(/\/documents\/\d+<\/loc>/g) ?? []).length, 48);
      assert.match((await get('/robots.txt')).body, /Sitemap: http:\/\/127\.0\.0\.1:3000\/sitemap.xml/);
    });

    it('answers the JSON API in the documented shapes, with 404s for unknown ids', async () => {
      const search = (await get(`/api/search?q=${encodeURIComponent('行政协助')}`)).json() as { total: number; items: Record<string, unknown>[] };
      assert.equal(search.total, 2);
      assert.deepEqual(Object.keys(search.items[0]!).slice(0, 7), ['id', 'title', 'docNumber', 'issuer', 'date', 'validity', 'type']);
      const document = (await get(`/api/documents/${await idOf('沪府发〔2017〕17号')}?on=2018-01-01`)).json() as { validity: string };
      assert.equal(document.validity, '现行有效');
      for (const url of ['/api/documents/999999', '/api/documents/abc', '/api/gazettes/0', '/documents/1e3', '/gazettes/-1']) {
        assert.equal((await get(url)).statusCode, 404, url);
      }
      const spec = (await get('/api/docs')).json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(spec.openapi, '3.1.0');
      assert.ok(spec.paths['/api/search']);
    });

    it('keeps the larger-text mode in a cookie and redirects only within the site', async () => {
      const set = await get('/preferences/text?size=large&back=%2Fsearch%3Fq%3Dx');
      assert.equal(set.statusCode, 303);
      assert.equal(set.headers.location, '/search?q=x');
      assert.match(String(set.headers['set-cookie']), /text=large/);
      assert.equal((await get('/preferences/text?size=large&back=https://evil.example/')).headers.location, '/');
      assert.equal((await get('/preferences/text?size=large&back=//evil.example/')).headers.location, '/');
      assert.match((await get('/', { cookie: 'text=large' })).body, /<html lang="zh-CN" class="large-text">/);
    });

    it('shows text from documents escaped, never as markup', async () => {
      const dir = tempDir();
      try {
        const hostile = `上海市某区人民政府关于<script>alert(1)</script>的通知\n(2020年1月2日)\n某府发〔2020〕99号\n各部门:\n<img src=x onerror=alert(2)>特此通知。\n`;
        await context.ingest.ingest([dir.write('hostile.txt', hostile)]);
        const response = await get(`/documents/${await idOf('某府发〔2020〕99号')}`);
        assert.ok(!response.body.includes('<script>alert'), 'script tag rendered');
        assert.ok(!response.body.includes('<img src=x'), 'img tag rendered');
        assert.match(response.body, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
      } finally {
        dir.remove();
      }
    });
  });
}
