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
  describe(`server on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
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

    it('lists the documents on the home page in Chinese, newest first', async () => {
      const response = await app.inject({ url: '/' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /text\/html/);
      assert.match(response.body, /<html lang="zh-CN">/);
      assert.match(response.body, /共 48 篇文件/);
      assert.ok(response.body.indexOf('长府办〔2021〕15号') < response.body.indexOf('静府发〔2016〕12号'));
    });

    it('shows a document with its facts and resolved relations', async () => {
      const [row] = await database.db.query<{ id: number }>(sql`select id from documents where doc_number = '长府规〔2021〕2号'`);
      const response = await app.inject({ url: `/documents/${row!.id}` });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /2021-06-01 起施行,有效期至 2025-12-31/);
      assert.match(response.body, /废止:《长宁区公共数据管理办法》\(长府规〔2019〕1号\)\(库内暂无\)/);
      assert.match(response.body, /id="a-art-26"/);
    });

    it('answers the JSON API with bounded pages and 404 for unknown ids', async () => {
      const list = await app.inject({ url: '/api/documents?pageSize=1000&page=-3' });
      assert.equal(list.statusCode, 200);
      const body = list.json() as { total: number; page: number; pageSize: number; items: unknown[] };
      assert.deepEqual([body.total, body.page, body.pageSize, body.items.length], [48, 1, 100, 48]);
      for (const url of ['/api/documents/999999', '/api/documents/abc', '/documents/0', '/no-such-page']) {
        const response = await app.inject({ url });
        assert.equal(response.statusCode, 404, url);
      }
      assert.deepEqual((await app.inject({ url: '/api/documents/abc' })).json(), { error: { code: 'not_found', message: '没有这篇文件' } });
    });

    it('shows text from documents escaped, never as markup', async () => {
      const dir = tempDir();
      try {
        const hostile = `上海市某区人民政府关于<script>alert(1)</script>的通知\n(2020年1月2日)\n某府发〔2020〕99号\n各部门:\n<img src=x onerror=alert(2)>特此通知。\n`;
        await context.ingest.ingest([dir.write('hostile.txt', hostile)]);
        const [row] = await database.db.query<{ id: number }>(sql`select id from documents where doc_number = '某府发〔2020〕99号'`);
        const response = await app.inject({ url: `/documents/${row!.id}` });
        assert.ok(!response.body.includes('<script>alert'), 'script tag rendered');
        assert.ok(!response.body.includes('<img src=x'), 'img tag rendered');
        assert.match(response.body, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
      } finally {
        dir.remove();
      }
    });
  });
}
