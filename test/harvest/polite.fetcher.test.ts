import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPoliteFetcher, type FetcherOptions } from '../../src/modules/harvest/polite.fetcher.ts';

describe('the polite fetcher', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();
  before(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      if (path === '/robots.txt') return response.writeHead(200).end('User-agent: *\nDisallow: /no/\n');
      if (path === '/busy.htm' && hit === 1) return response.writeHead(429, { 'retry-after': '3' }).end();
      if (path === '/flaky.htm' && hit <= 2) return response.writeHead(503).end();
      if (path === '/big.htm') return response.writeHead(200).end('x'.repeat(5000));
      if (path === '/moved.htm') return response.writeHead(301, { location: '/no/secret.htm' }).end();
      response.writeHead(200, { etag: '"1"' }).end(`page ${path}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const waits: number[] = [];
  const options: FetcherOptions = {
    userAgent: 'Gongkai/test',
    robotsAgent: 'gongkai',
    requestsPerSecond: 1000,
    timeoutMs: 5000,
    maxBytes: 1000,
    retries: 2,
    retryBaseMs: 100,
    maxRetryWaitMs: 2000,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };

  it('waits as Retry-After says (bounded) after a 429, then gets the page', async () => {
    waits.length = 0;
    const result = await createPoliteFetcher(options).fetch(`${origin}/busy.htm`);
    assert.equal(result.status, 'fetched');
    assert.ok(waits.includes(2000), `waited ${waits.join(', ')} ms: Retry-After 3 s, bounded to 2 s`);
  });

  it('backs off, doubling, on 5xx and succeeds within the retries', async () => {
    waits.length = 0;
    const result = await createPoliteFetcher(options).fetch(`${origin}/flaky.htm`);
    assert.equal(result.status, 'fetched');
    assert.deepEqual(waits.filter((ms) => ms >= 100), [100, 200]);
    assert.equal(hits.get('/flaky.htm'), 3);
  });

  it('refuses a response over the size limit, naming the address', async () => {
    await assert.rejects(createPoliteFetcher(options).fetch(`${origin}/big.htm`), (error: Error & { code?: string }) => error.code === 'file_too_large' && error.message.includes('/big.htm'));
  });

  it('does not follow a redirect into a disallowed path', async () => {
    await assert.rejects(createPoliteFetcher(options).fetch(`${origin}/moved.htm`), /no\/secret\.htm: robots\.txt 不允许抓取/);
    assert.equal(hits.get('/no/secret.htm'), undefined);
  });

  it("keeps to the site's Crawl-delay when it is slower than the rate", async () => {
    const slow = createServer((request, response) => {
      if (request.url === '/robots.txt') return response.writeHead(200).end('User-agent: *\nCrawl-delay: 3\n');
      response.writeHead(200).end('page');
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      waits.length = 0;
      const fetcher = createPoliteFetcher(options);
      await fetcher.fetch(`${address}/a.htm`);
      await fetcher.fetch(`${address}/b.htm`);
      // The second page waits out the 3 s after the first (less the moment the first took).
      assert.ok(waits.some((ms) => ms > 2500 && ms <= 3000), `waited ${waits.join(', ')} ms`);
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('a site whose robots.txt cannot be reached is not harvested', async () => {
    const closed = createServer((_request, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      const refusal = await createPoliteFetcher({ ...options, retries: 0 }).refusalOf(`${address}/a.htm`);
      assert.match(refusal ?? '', /robots\.txt 无法获取\(HTTP 503\)/);
    } finally {
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    }
  });
});
