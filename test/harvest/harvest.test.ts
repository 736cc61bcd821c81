import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/core/db/sql.ts';
import { createIngestService, getDocument } from '../../src/modules/documents/index.ts';
import { documentBody } from '../../src/modules/documents/document.view.ts';
import { createHarvestService, type HarvestRequest, type HarvestService } from '../../src/modules/harvest/index.ts';
import { testLimits } from '../support/corpus.ts';
import { count, engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

const fixtures = new URL('../fixtures/harvest/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));

const pages: Record<string, string> = {
  '/zhengce/content/2018-11/12/content_5339579.htm': 'govcn-5339579.html',
  '/zhengce/content/2018-11/28/content_5344150.htm': 'govcn-5344150.html',
  '/zhengce/content/2018-12/03/content_5345402.htm': 'govcn-5345402.html',
};
const documentPaths = Object.keys(pages);
const lastModified = 'Mon, 03 Dec 2018 08:00:00 GMT';

interface Served {
  path: string;
  at: number;
  status: number;
  headers: IncomingMessage['headers'];
}

/** A saved portal: the fixtures at their addresses, with ETags, 304s for conditional requests, and one page that always fails. */
class TestPortal {
  server: Server;
  requests: Served[] = [];
  /** Bytes to serve instead of a fixture (a page corrected on the portal). */
  replaced = new Map<string, Buffer>();
  failing = new Map<string, number>();

  constructor() {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://portal').pathname;
      const reply = (status: number, body: Buffer | string = '', headers: Record<string, string> = {}) => {
        this.requests.push({ path, at: performance.now(), status, headers: request.headers });
        response.writeHead(status, headers);
        response.end(body);
      };
      // A page the portal serves empty (a CMS error page with no body).
      if (path === '/zhengce/content/empty.htm') return reply(200, '', { 'content-type': 'text/html' });
      const failing = this.failing.get(path);
      if (failing !== undefined) return reply(failing, '服务暂时不可用');
      const named: Record<string, string> = {
        '/robots.txt': 'robots.txt',
        '/sitemap.xml': 'sitemap.xml',
        '/sitemap-2018.xml': 'sitemap-2018.xml',
        '/zhengce/list.htm': 'list.htm',
        '/zhengce/list_1.htm': 'list_1.htm',
        '/private/content_0000001.htm': 'govcn-5339579.html',
        ...pages,
      };
      const name = named[path];
      if (!name) return reply(404, 'not found');
      const body = this.replaced.get(path) ?? fixture(name);
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (request.headers['if-none-match'] === etag) return reply(304);
      const type = name.endsWith('.xml') ? 'application/xml' : name.endsWith('.txt') ? 'text/plain' : 'text/html; charset=utf-8';
      reply(200, body, { 'content-type': type, etag, 'last-modified': lastModified });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  served(path: string): Served[] {
    return this.requests.filter((request) => request.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

for (const engine of engines) {
  describe(`harvest on ${engine}`, () => {
    let database: TestDatabase;
    let portal: TestPortal;
    let origin: string;
    let harvester: HarvestService;
    // Fast for the tests, but still limited: 20 requests a second per host.
    const run = (request: Partial<HarvestRequest> & Pick<HarvestRequest, 'start'>) =>
      harvester.harvest({ requestsPerSecond: 20, retries: 1, retryBaseMs: 10, timeoutMs: 5000, ...request });

    before(async () => {
      database = await openTestDatabase(engine);
      portal = new TestPortal();
      origin = await portal.start();
      portal.failing.set('/zhengce/content/broken.htm', 500);
      harvester = createHarvestService(database.db, createIngestService(database.db, testLimits), { maxBytes: testLimits.maxFileBytes });
    });
    after(async () => {
      await portal.close();
      await database.close();
    });

    it('harvests a sitemap index: each page stored with its title, 文号 and address; the page robots.txt disallows is never requested; a 500 is reported and the rest kept', async () => {
      const summary = await run({ start: { url: `${origin}/sitemap.xml` } });
      assert.deepEqual(
        { pages: summary.pages, new: summary.new, failed: summary.failed, skipped: summary.skipped, added: summary.documentsAdded },
        { pages: 5, new: 3, failed: 1, skipped: 1, added: 3 },
      );
      const failed = summary.outcomes.find((outcome) => outcome.status === 'failed')!;
      assert.equal(failed.url, `${origin}/zhengce/content/broken.htm`);
      assert.match(failed.error!.message, /broken\.htm.*HTTP 500/);
      // Tried twice (one retry), then given up.
      assert.equal(portal.served('/zhengce/content/broken.htm').length, 2);
      assert.equal(portal.served('/private/content_0000001.htm').length, 0);
      assert.equal(summary.outcomes.find((outcome) => outcome.status === 'skipped')!.url, `${origin}/private/content_0000001.htm`);
      assert.equal(portal.served('/robots.txt').length, 1);
      assert.match(String(portal.requests[0]!.headers['user-agent']), /^Gongkai\//);

      const rows = await database.db.query<{ doc_number: string; display_title: string; source_url: string; path: string }>(sql`
        select d.doc_number, d.display_title, s.source_url, s.path from documents d join source_files s on s.id = d.source_file_id order by s.source_url`);
      assert.deepEqual(
        rows.map((row) => [row.doc_number, row.source_url]),
        [
          ['国办函〔2018〕74号', `${origin}/zhengce/content/2018-11/12/content_5339579.htm`],
          ['国函〔2018〕145号', `${origin}/zhengce/content/2018-11/28/content_5344150.htm`],
          ['国函〔2006〕38号', `${origin}/zhengce/content/2018-12/03/content_5345402.htm`],
        ],
      );
      assert.equal(rows[0]!.display_title, '国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知');
      const harvested = await database.db.query<{ url: string; status: string; etag: string | null; document_id: number | null; last_error: string | null }>(sql`
        select url, status, etag, document_id, last_error from harvested_pages order by url`);
      assert.equal(harvested.length, 4);
      const broken = harvested.find((row) => row.url.endsWith('broken.htm'))!;
      assert.equal(broken.status, 'failed');
      assert.match(broken.last_error!, /HTTP 500/);
      for (const row of harvested.filter((row) => !row.url.endsWith('broken.htm'))) {
        assert.equal(row.status, 'new');
        assert.ok(row.etag && row.document_id);
      }
      // The document's page names where it was read from, next to the original kept as for an ingested file.
      const [first] = await database.db.query<{ id: number }>(sql`select id from documents where doc_number = '国办函〔2018〕74号'`);
      const detail = (await getDocument(database.db, Number(first!.id), '2024-01-01'))!;
      assert.equal(detail.sourceUrl, `${origin}/zhengce/content/2018-11/12/content_5339579.htm`);
      assert.ok(detail.original, 'the page is kept as the original');
      assert.match(String(documentBody(detail)), new RegExp(`来源网页:<a href="${origin}/zhengce/content/2018-11/12/content_5339579\\.htm" rel="nofollow`));
      assert.equal((await database.db.query<{ n: number }>(sql`select count(*)::int as n from stored_files`))[0]!.n >= 3, true);
    });

    it('a second run sends conditional requests, gets 304 and ingests nothing; a page whose <lastmod> predates the last fetch is not asked for', async () => {
      const before = portal.requests.length;
      const updatedAt = await database.db.query(sql`select id, updated_at from documents order by id`);
      const summary = await run({ start: { url: `${origin}/sitemap.xml` } });
      assert.deepEqual({ unchanged: summary.unchanged, new: summary.new, changed: summary.changed, failed: summary.failed }, { unchanged: 3, new: 0, changed: 0, failed: 1 });
      const listedWithLastmod = '/zhengce/content/2018-12/03/content_5345402.htm';
      assert.equal(summary.outcomes.find((outcome) => outcome.url === origin + listedWithLastmod)!.requested, false);
      const pageRequests = portal.requests.slice(before).filter((request) => documentPaths.includes(request.path));
      assert.deepEqual(pageRequests.map((request) => request.path).sort(), documentPaths.filter((path) => path !== listedWithLastmod).sort());
      for (const request of pageRequests) {
        assert.ok(request.headers['if-none-match'], `${request.path} asked with If-None-Match`);
        assert.equal(request.headers['if-modified-since'], lastModified);
        assert.equal(request.status, 304);
      }
      assert.equal(await count(database.db, 'documents'), 3);
      assert.deepEqual(await database.db.query(sql`select id, updated_at from documents order by id`), updatedAt);
    });

    it('a page corrected on the portal is ingested again and updates its document in place', async () => {
      const path = '/zhengce/content/2018-11/12/content_5339579.htm';
      const [document] = await database.db.query<{ id: number }>(sql`select id from documents where doc_number = '国办函〔2018〕74号'`);
      const corrected = fixture('govcn-5339579.html').toString('utf8').replace('现将调整后的名单通知如下：', '现将调整后的名单（更正）通知如下：');
      portal.replaced.set(path, Buffer.from(corrected));
      try {
        const summary = await run({ start: { url: `${origin}/sitemap.xml` } });
        assert.deepEqual({ changed: summary.changed, unchanged: summary.unchanged, updated: summary.documentsUpdated, added: summary.documentsAdded }, { changed: 1, unchanged: 2, updated: 1, added: 0 });
        assert.equal(portal.served(path).at(-1)!.status, 200);
        assert.equal(await count(database.db, 'documents'), 3);
        const [after] = await database.db.query<{ id: number; body_text: string }>(sql`select id, body_text from documents where doc_number = '国办函〔2018〕74号'`);
        assert.equal(Number(after!.id), Number(document!.id));
        assert.match(after!.body_text, /（更正）/);
        const [row] = await database.db.query<{ status: string; document_id: number }>(sql`select status, document_id from harvested_pages where url = ${origin + path}`);
        assert.equal(row!.status, 'changed');
        assert.equal(Number(row!.document_id), Number(document!.id));
      } finally {
        portal.replaced.delete(path);
      }
    });

    it('a server without validators: the same bytes again are not ingested again', async () => {
      // The corrected page is gone, so the original comes back: changed again; then served again unchanged with the ETag ignored.
      await run({ start: { url: `${origin}/sitemap.xml` } });
      const path = '/zhengce/content/2018-12/03/content_5345402.htm';
      await database.db.query(sql`update harvested_pages set etag = null, last_modified = null where url = ${origin + path}`);
      const summary = await run({ start: { urlsFile: { name: 'urls.txt', text: `# one page\n${origin}${path}\n` } } });
      assert.deepEqual({ unchanged: summary.unchanged, requested: summary.outcomes[0]!.requested }, { unchanged: 1, requested: true });
      assert.equal(portal.requests.at(-1)!.status, 200);
    });

    it('reads a list page and its next page, following only the body links to documents on the same host', async () => {
      const before = portal.requests.length;
      const summary = await run({ start: { url: `${origin}/zhengce/list.htm` }, listPages: 2 });
      assert.deepEqual(
        summary.outcomes.map((outcome) => [outcome.url.slice(origin.length), outcome.status]),
        documentPaths.map((path) => [path, 'unchanged']),
      );
      const asked = portal.requests.slice(before).map((request) => request.path);
      assert.ok(!asked.includes('/index.htm') && !asked.includes('/about.htm'), 'navigation is not harvested');
      assert.ok(asked.includes('/zhengce/list_1.htm'));
    });

    it('keeps to the rate: requests to one host leave at least 1/rate apart', async () => {
      // Timed where the rate is kept, as each request leaves: arrival at the server jitters with the machine's load.
      const departures: number[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (input, init) => {
        if (String(input).startsWith(origin)) departures.push(performance.now());
        return realFetch(input, init);
      };
      const before = portal.requests.length;
      try {
        await run({ start: { url: `${origin}/zhengce/list.htm` }, requestsPerSecond: 10 });
      } finally {
        globalThis.fetch = realFetch;
      }
      assert.ok(departures.length >= 3);
      assert.equal(portal.requests.length - before, departures.length, 'every request reached the portal');
      for (let index = 1; index < departures.length; index++) {
        const gap = departures[index]! - departures[index - 1]!;
        // Timers fire no earlier than asked, up to the clock's millisecond rounding.
        assert.ok(gap >= 99, `request ${index} left ${gap.toFixed(1)} ms after the one before`);
      }
    });

    it('a page that cannot be read is reported by its address and changes nothing', async () => {
      const before = await database.db.query(sql`select id, updated_at, source_file_id from documents order by id`);
      const files = await database.db.query(sql`select count(*)::int as n from source_files`);
      const summary = await run({ start: { urlsFile: { name: 'urls.txt', text: `${origin}/zhengce/content/empty.htm\n` } } });
      assert.equal(summary.failed, 1);
      assert.equal(summary.outcomes[0]!.error!.code, 'file_empty');
      assert.match(summary.outcomes[0]!.error!.message, /content\/empty\.htm: 文件为空/);
      assert.deepEqual(await database.db.query(sql`select id, updated_at, source_file_id from documents order by id`), before);
      assert.deepEqual(await database.db.query(sql`select count(*)::int as n from source_files`), files);
      const [row] = await database.db.query<{ status: string; sha256: string | null }>(sql`select status, sha256 from harvested_pages where url = ${`${origin}/zhengce/content/empty.htm`}`);
      assert.deepEqual({ ...row }, { status: 'failed', sha256: null });
    });

    it('a list page fetched as if it were a document is refused, not stored as an untitled one', async () => {
      const documents = await count(database.db, 'documents');
      const summary = await run({ start: { urlsFile: { name: 'urls.txt', text: `${origin}/zhengce/list_1.htm\n` } } });
      assert.equal(summary.outcomes[0]!.error!.code, 'no_documents');
      assert.match(summary.outcomes[0]!.error!.message, /list_1\.htm: 页面中没有可识别的公文/);
      assert.equal(await count(database.db, 'documents'), documents);
    });

    it('refuses a file of addresses with a line that is not one, naming the line, and fetches nothing', async () => {
      const before = portal.requests.length;
      await assert.rejects(
        run({ start: { urlsFile: { name: 'urls.txt', text: `${origin}/zhengce/list.htm\nftp://example.org/a.htm\n` } } }),
        (error: Error & { code?: string }) => error.code === 'validation_failed' && /urls\.txt: 第 2 行「ftp:\/\/example\.org\/a\.htm」/.test(error.message),
      );
      assert.equal(portal.requests.length, before);
    });

    it('a start address the server refuses is an error naming it', async () => {
      await assert.rejects(
        run({ start: { url: `${origin}/missing-sitemap.xml` } }),
        (error: Error & { code?: string }) => error.code === 'fetch_failed' && error.message.includes('/missing-sitemap.xml') && /HTTP 404/.test(error.message),
      );
    });
  });
}
