import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { isAppError } from '../../src/core/errors.ts';
import { buildServer } from '../../src/server/server.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

/** A raw GET over loopback, the path sent exactly as written (inject would normalise it). */
function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('client errors are answered as such, through the one error model', () => {
  let database: TestDatabase;
  let context: AppContext;
  let app: ReturnType<typeof buildServer>;
  const consoleDir = tempDir();
  let client = 0;
  // Each case from its own address: the public submission routes are rate-limited.
  const post = (url: string, contentType: string, payload: string) =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType }, remoteAddress: `192.0.2.${++client}` });

  before(async () => {
    database = await openTestDatabase('pglite');
    context = await createContext(loadConfig({}), { db: database.db, migrate: false });
    mkdirSync(join(consoleDir.path, 'assets'));
    writeFileSync(join(consoleDir.path, 'index.html'), '<!doctype html><title>工作台</title>');
    writeFileSync(join(consoleDir.path, 'assets', 'app.js'), 'console.log(1)');
    app = buildServer(context, { consoleDir: consoleDir.path });
  });
  after(async () => {
    await app.close();
    await database.close();
    consoleDir.remove();
  });

  const jsonError = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

  it('refuses JSON over 1 MiB with 413', async () => {
    const response = await post('/api/requests', 'application/json', JSON.stringify({ description: 'x'.repeat(1024 * 1024 + 10) }));
    assert.equal(response.statusCode, 413);
    assert.equal(jsonError(response.body).code, 'body_too_large');
    assert.match(jsonError(response.body).message, /过大/);
  });

  it('refuses a form over 64 KiB with 413, as a page', async () => {
    const response = await post('/requests', 'application/x-www-form-urlencoded', `description=${'x'.repeat(65 * 1024)}`);
    assert.equal(response.statusCode, 413);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.match(response.body, /提交的内容过大/);
  });

  it('refuses JSON that does not parse, and __proto__ keys, with 400', async () => {
    for (const payload of ['{"description":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      const response = await post('/api/requests', 'application/json', payload);
      assert.equal(response.statusCode, 400, payload);
      assert.equal(jsonError(response.body).code, 'bad_request', payload);
    }
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  it('refuses multipart and unknown content types with 415', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'application/x-unknown', 'text/xml']) {
      const response = await post('/api/requests', type, '--x\r\n');
      assert.equal(response.statusCode, 415, type);
      assert.equal(jsonError(response.body).code, 'unsupported_media_type', type);
    }
  });

  it('never serves what lies outside the console assets, and answers a bad URL with 400', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    assert.equal(await rawGet(port, '/console/assets/app.js'), 200);
    for (const path of ['/console/assets/%2e%2e/index.html', '/console/assets/..%2f..%2fpackage.json', '/console/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/console/assets/%00']) {
      const status = await rawGet(port, path);
      assert.ok(status === 400 || status === 404, `${path}: ${status}`);
    }
    assert.equal(await rawGet(port, '/%'), 400);
  });
});

describe('every 5xx is logged with a request id the page shows', () => {
  it('shows 错误编号 on the page and in JSON, and logs it at error level', async () => {
    const database = await openTestDatabase('pglite');
    const context = await createContext(loadConfig({}), { db: database.db, migrate: false });
    const lines: Record<string, unknown>[] = [];
    const app = buildServer(context, { logger: { level: 'info', stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } } });
    await app.ready();
    await database.close(); // every query now fails with an internal error
    try {
      const page = await app.inject({ url: '/' });
      assert.equal(page.statusCode, 500);
      const id = /错误编号: <code>([0-9a-f]+)<\/code>/.exec(page.body)?.[1];
      assert.ok(id, page.body);
      assert.equal(page.headers['x-request-id'], id);
      assert.ok(lines.some((line) => line.reqId === id && line.level === 50 && (line.err as { message?: string } | undefined)?.message), JSON.stringify(lines));
      const api = await app.inject({ url: '/api/documents' });
      assert.equal(api.statusCode, 500);
      const body = JSON.parse(api.body) as { error: { code: string; requestId: string } };
      assert.equal(body.error.code, 'internal');
      assert.ok(lines.some((line) => line.reqId === body.error.requestId && line.level === 50));
      assert.ok(!api.body.includes('closed'), 'internals never leak');
    } finally {
      await app.close();
    }
  });
});

describe('absolute links come from PUBLIC_URL, never from the Host header', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  before(async () => {
    database = await openTestDatabase('pglite');
    const context = await createContext(loadConfig({ PUBLIC_URL: 'https://wenjian.example.gov.cn/' }), { db: database.db, migrate: false });
    app = buildServer(context);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('writes the configured address into the sitemap, the feed and robots.txt', async () => {
    for (const url of ['/sitemap.xml', '/feed.xml', '/robots.txt']) {
      const response = await app.inject({ url, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
      assert.equal(response.statusCode, 200, url);
      assert.ok(!response.body.includes('evil.example'), `${url} took the forged Host`);
      assert.match(response.body, /https:\/\/wenjian\.example\.gov\.cn\/(sitemap\.xml|feed\.xml|<)/, url);
    }
  });

  it('validates PUBLIC_URL at start and defaults to http://HOST:PORT', () => {
    assert.equal(loadConfig({ HOST: '127.0.0.1', PORT: '8080' }).server.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://example.gov.cn/wenjian/' }).server.publicUrl, 'https://example.gov.cn/wenjian');
    for (const bad of ['javascript:alert(1)', 'example.gov.cn', 'https://u:p@example.gov.cn', 'https://example.gov.cn/?q=1']) {
      assert.throws(() => loadConfig({ PUBLIC_URL: bad }), (error) => isAppError(error) && error.code === 'config_invalid' && /PUBLIC_URL/.test(error.message), bad);
    }
  });
});

describe('the text-size preference sends the browser back only within the site', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  before(async () => {
    database = await openTestDatabase('pglite');
    app = buildServer(await createContext(loadConfig({}), { db: database.db, migrate: false }));
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('refuses every other site, however written', async () => {
    const evil = ['//evil.example/phish', '/\\evil.example', '/%09/evil.example/phish', '/%0a/evil.example', '%09//evil.example', 'https://evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/%E3%80%80/evil.example', '/%252F%252Fevil.example'.replace('%25', '%'), 'evil.example', '', '/%'];
    for (const back of evil) {
      const response = await app.inject({ url: `/preferences/text?size=large&back=${back}` });
      assert.equal(response.statusCode, 303, back);
      assert.equal(response.headers.location, '/', back);
    }
  });

  it('keeps a path on this site, query and all', async () => {
    for (const [back, location] of [
      [encodeURIComponent('/search?q=%E9%80%9A%E7%9F%A5%20%E5%8A%9E%E6%B3%95&page=2'), '/search?q=%E9%80%9A%E7%9F%A5%20%E5%8A%9E%E6%B3%95&page=2'],
      [encodeURIComponent('/documents/12'), '/documents/12'],
      [encodeURIComponent('/issuers/上海市人民政府'), `/issuers/${encodeURIComponent('上海市人民政府')}`],
    ] as const) {
      const response = await app.inject({ url: `/preferences/text?size=normal&back=${back}` });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, location);
      assert.match(String(response.headers['set-cookie']), /^text=normal;/);
    }
  });
});
