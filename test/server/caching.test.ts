import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openPostgres, type Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createPageCache } from '../../src/server/portal/page.cache.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

/** A browser that already holds a page asks with its ETag and gets 304 and no body; a page that changed comes whole. */
describe('HTTP revalidation of portal pages (ETag, 304)', () => {
  let database: TestDatabase;
  let context: AppContext;
  let app: ReturnType<typeof buildServer>;
  let documentId: number;

  before(async () => {
    database = await openTestDatabase('pglite');
    context = await createContext(loadConfig({}), { db: database.db, migrate: false });
    await context.ingest.ingest([seedsDir]);
    app = buildServer(context);
    documentId = (await database.db.query<{ id: number }>(sql`select id::int as id from documents order by id limit 1`))[0]!.id;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('gives a document page an ETag, answers a matching If-None-Match with 304, and a changed page with 200', async () => {
    const url = `/documents/${documentId}`;
    const first = await app.inject({ url });
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"[^"]+"$/);
    assert.equal(first.headers['cache-control'], 'public, no-cache', 'kept, but checked on every use');
    assert.match(String(first.headers.vary), /cookie/i, 'the large-text page is another page');

    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');

    const large = await app.inject({ url, headers: { 'if-none-match': etag, cookie: 'text=large' } });
    assert.equal(large.statusCode, 200, 'the large-text rendering is not the page the browser holds');
    assert.notEqual(large.headers.etag, etag);

    await database.db.query(sql`update documents set title = title || '(修订)', display_title = display_title || '(修订)' where id = ${documentId}`);
    const changed = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200, 'a changed document is sent again');
    assert.match(changed.body, /(修订)/);
  });

  it('keeps pages that must not be stored out of shared caches', async () => {
    const [agency] = await database.db.query<{ id: number }>(sql`select id::int as id from agencies order by id limit 1`);
    const receipt = await context.disclosure.submit(
      { agencyId: agency!.id, applicant: { type: 'natural_person', name: '某人', idNumber: '310101199001011234', phone: '13800000000' }, description: '某信息', deliveryForm: 'paper', deliveryWay: 'mail' },
      { id: 'public' },
    );
    const tracking = await app.inject({ url: `/requests/track/${receipt.trackingCode}` });
    assert.equal(tracking.statusCode, 200);
    assert.equal(tracking.headers['cache-control'], 'no-store', "an applicant's progress is never kept by a shared cache");
  });
});

describe('the page cache (PAGE_CACHE_SECONDS)', () => {
  it('keeps a page for the seconds set, drops every page on clear, and never keeps one rendered before the clear', async () => {
    const cache = createPageCache(0.2)!;
    cache.put('a', 'A', cache.generation);
    assert.equal(cache.get('a')?.body.toString(), 'A');
    const renderedBefore = cache.generation;
    cache.clear();
    assert.equal(cache.get('a'), undefined, 'cleared');
    cache.put('a', 'stale', renderedBefore);
    assert.equal(cache.get('a'), undefined, 'rendered from data read before the clear: not kept');
    cache.put('a', 'A2', cache.generation);
    assert.equal(cache.get('a')?.body.toString(), 'A2');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(cache.get('a'), undefined, 'older than its age');
  });

  it('drops the oldest pages when full', () => {
    const cache = createPageCache(60, { entries: 2, bytes: 1_000 })!;
    const put = (key: string, body: string) => cache.put(key, body, cache.generation);
    put('a', 'A');
    put('b', 'B');
    put('c', 'C');
    assert.deepEqual(['a', 'b', 'c'].map((key) => cache.get(key)?.body.toString()), [undefined, 'B', 'C']);
    put('big', 'x'.repeat(999));
    assert.deepEqual(['b', 'c', 'big'].map((key) => cache.get(key)?.body.length), [undefined, 1, 999], 'bounded by bytes too: the oldest dropped until 1,000 fit');
    assert.equal(createPageCache(0), null, 'off at 0');
  });

  for (const engine of engines) {
    describe(`on ${engine}, two portal processes`, () => {
      let database: TestDatabase;
      let other: Database;
      const apps: ReturnType<typeof buildServer>[] = [];
      let writer: AppContext;

      before(async () => {
        database = await openTestDatabase(engine);
        // A second process of the same portal: on PostgreSQL a connection pool of its own.
        other = engine === 'postgres' ? await openPostgres(database.env.DATABASE_URL!) : database.db;
        for (const db of [database.db, other]) {
          const context = await createContext(loadConfig({ PAGE_CACHE_SECONDS: '3600' }), { db, migrate: false });
          apps.push(buildServer(context));
          writer ??= context;
        }
        await writer.ingest.ingest([seedsDir]);
        await Promise.all(apps.map((app) => app.ready()));
      });
      after(async () => {
        for (const app of apps) await app.close();
        if (other !== database.db) await other.close();
        await database.close();
      });

      /** The page as each process serves it, once the notice has had time to arrive. */
      const served = async (url: string, expected: RegExp) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const bodies = await Promise.all(apps.map(async (app) => (await app.inject({ url })).body));
          if (bodies.every((body) => expected.test(body))) return bodies;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return Promise.all(apps.map(async (app) => (await app.inject({ url })).body));
      };

      it('keeps a rendered page, and drops it in every process when the library changes', async () => {
        const [document] = await database.db.query<{ id: number }>(sql`select id::int as id from documents order by id limit 1`);
        const url = `/documents/${document!.id}`;
        const first = await Promise.all(apps.map((app) => app.inject({ url })));
        assert.ok(first.every((response) => response.statusCode === 200 && !/已更正/.test(response.body)));
        const kept = await Promise.all(apps.map((app) => app.inject({ url })));
        assert.deepEqual(kept.map((response) => response.headers.etag), first.map((response) => response.headers.etag), 'kept');
        // A correction written by one process: both serve it, without waiting an hour.
        await database.db.query(sql`update documents set display_title = display_title || '(已更正)' where id = ${document!.id}`);
        const after = await served(url, /已更正/);
        assert.ok(after.every((body) => /已更正/.test(body)), 'every process renders the page again');
      });

      // PGlite runs in the process: it has no connection to lose.
      if (engine === 'postgres') it('listens again when its connection is lost, and drops the pages it may have missed notices for', async () => {
        const [document] = await database.db.query<{ id: number }>(sql`select id::int as id from documents order by id desc limit 1`);
        const url = `/documents/${document!.id}`;
        await Promise.all(apps.map((app) => app.inject({ url })));
        const ended = await database.db.query<{ ended: boolean }>(sql`
          select pg_terminate_backend(pid) as ended from pg_stat_activity where query = 'listen "library_changed"' and pid <> pg_backend_pid()`);
        assert.ok(ended.length >= 2, 'both processes were listening');
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await database.db.query(sql`update documents set display_title = display_title || '(再次更正)' where id = ${document!.id}`);
        const after = await served(url, /再次更正/);
        assert.ok(after.every((body) => /再次更正/.test(body)), 'heard again after the connection was opened anew');
      });
    });
  }
});
