import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createPageCache } from '../../src/server/portal/page.cache.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

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
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;

  before(async () => {
    database = await openTestDatabase('pglite');
    const context = await createContext(loadConfig({ PAGE_CACHE_SECONDS: '1' }), { db: database.db, migrate: false });
    await context.ingest.ingest([seedsDir]);
    app = buildServer(context);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('serves a document page as rendered for the seconds set, then renders it again; a missing page is never kept', async () => {
    const [document] = await database.db.query<{ id: number; title: string }>(sql`select id::int as id, display_title as title from documents order by id limit 1`);
    const url = `/documents/${document!.id}`;
    const first = await app.inject({ url });
    assert.equal(first.statusCode, 200);
    await database.db.query(sql`update documents set display_title = display_title || '(已更正)' where id = ${document!.id}`);
    const kept = await app.inject({ url });
    assert.equal(kept.body, first.body, 'within the second: the page as rendered');
    assert.equal(kept.headers.etag, first.headers.etag);
    assert.equal((await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304);
    const large = await app.inject({ url, headers: { cookie: 'text=large' } });
    assert.match(large.body, /已更正/, 'the large-text page is kept apart');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await app.inject({ url });
    assert.match(fresh.body, /已更正/, 'after the second: rendered again');
    assert.notEqual(fresh.headers.etag, first.headers.etag);
    assert.equal((await app.inject({ url: '/documents/999999' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/documents/999999' })).statusCode, 404);
  });

  it('drops the oldest pages when full', () => {
    const cache = createPageCache(60, { entries: 2, bytes: 1_000 })!;
    cache.put('a', 'A');
    cache.put('b', 'B');
    cache.put('c', 'C');
    assert.deepEqual(['a', 'b', 'c'].map((key) => cache.get(key)?.body.toString()), [undefined, 'B', 'C']);
    cache.put('big', 'x'.repeat(999));
    assert.deepEqual(['b', 'c', 'big'].map((key) => cache.get(key)?.body.length), [undefined, 1, 999], 'bounded by bytes too: the oldest dropped until 1,000 fit');
    assert.equal(createPageCache(0), null, 'off at 0');
  });
});
