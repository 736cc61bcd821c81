import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cliPath } from '../support/cli.ts';

/**
 * A PostgreSQL restart under a running portal. The test starts a PostgreSQL of
 * its own (scripts/postgres.sh installs it if missing), so it never touches a
 * shared server, and runs the real `gongkai serve` as a subprocess.
 */
const postgresScript = fileURLToPath(new URL('../../scripts/postgres.sh', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const postgres = (...args: string[]) => execFileSync(postgresScript, args, { encoding: 'utf8' }).trim();

interface Sample {
  status: number;
  code?: string;
  retryAfter?: string | null;
  body: string;
}

async function sample(base: string, path: string, accept = 'text/html'): Promise<Sample> {
  const response = await fetch(`${base}${path}`, { headers: { accept }, signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  const code = response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(body) as { error?: { code: string } }).error?.code : undefined;
  return { status: response.status, code, retryAfter: response.headers.get('retry-after'), body };
}

describe('a PostgreSQL restart under load', () => {
  const pgDir = mkdtempSync(join(tmpdir(), 'gongkai-outage-pg-'));
  let port = 0;
  let url = '';
  let server: ChildProcessWithoutNullStreams;
  let base = '';
  let output = '';

  before(async () => {
    port = await freePort();
    url = postgres('start', pgDir, String(port));
    server = spawn(process.execPath, [cliPath, 'serve'], { env: { ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' } });
    base = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const address = /门户网站已启动: (http:\/\/\S+)/.exec(output)?.[1];
        if (address) resolve(address);
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.on('exit', (code) => reject(new Error(`gongkai serve exited (${code}):\n${output}`)));
    });
  });

  after(() => {
    if (server.exitCode === null) server.kill('SIGTERM');
    postgres('stop', pgDir);
    rmSync(pgDir, { recursive: true, force: true });
  });

  it('answers 503 while the database is away, never dies, and serves again once it is back', async () => {
    assert.equal((await sample(base, '/')).status, 200);
    assert.equal((await sample(base, '/readyz', 'application/json')).status, 200);

    // Load: a few clients in a bounded loop on loopback, while PostgreSQL stops and starts again.
    let stopped = false;
    const seen: Sample[] = [];
    const load = Promise.all(
      [0, 1, 2].map(async (client) => {
        for (let i = 0; i < 2000 && !stopped; i++) {
          seen.push(await sample(base, client === 2 ? '/api/documents?q=%E9%80%9A%E7%9F%A5' : '/', client === 2 ? 'application/json' : 'text/html').catch((error: Error) => ({ status: 0, body: error.message })));
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    postgres('stop', pgDir);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(server.exitCode, null, `the server survived the restart of PostgreSQL:\n${output}`);
    // While the database is down: clear 503s, the page and the JSON alike, with Retry-After.
    const down = await sample(base, '/');
    assert.equal(down.status, 503);
    assert.match(down.body, /数据库暂时无法访问/);
    assert.equal(down.retryAfter, '5');
    const downJson = await sample(base, '/api/documents', 'application/json');
    assert.equal(downJson.status, 503);
    assert.equal(downJson.code, 'database_unavailable');
    const ready = await sample(base, '/readyz', 'application/json');
    assert.equal(ready.status, 503, 'readiness reports the database');
    assert.equal((await sample(base, '/healthz', 'application/json')).status, 200, 'liveness: the process is up');
    postgres('start', pgDir, String(port));
    // Back by itself: no restart of the portal.
    let back: Sample | undefined;
    for (let i = 0; i < 100; i++) {
      back = await sample(base, '/');
      if (back.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stopped = true;
    await load;
    assert.equal(back?.status, 200, back?.body);
    assert.equal((await sample(base, '/readyz', 'application/json')).status, 200);
    assert.equal(server.exitCode, null, `the server is still running:\n${output}`);
    const statuses = new Set(seen.map((s) => s.status));
    assert.ok(statuses.has(503), `some requests under load met the outage: ${[...statuses]}`);
    assert.deepEqual([...statuses].filter((s) => s !== 200 && s !== 503), [], `only 200 or 503 under load:\n${seen.filter((s) => s.status !== 200 && s.status !== 503).map((s) => s.body.slice(0, 200)).join('\n')}`);
  });
});
