import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openPostgres, type Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';
import { buildServer } from '../../src/server/server.ts';
import { seedsDir } from '../support/corpus.ts';
import { aClerk, anAgency, aPublishedDocument } from '../support/factories.ts';

/**
 * Read replicas on real servers: a PostgreSQL primary and a streaming replica
 * made from it with pg_basebackup, on this machine. The portal's public reads
 * go to the replica, except what the replica has not replayed yet, and
 * everything while it is down. Needs Debian's PostgreSQL server binaries (CI
 * installs them); without them this test fails, it does not skip.
 */
const script = join(import.meta.dirname, '../../scripts/postgres.sh');

function assertServerBinaries(): void {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((version) => existsSync(join(root, version, 'bin/pg_basebackup'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  // scripts/postgres.sh would install them; this test says what is missing instead.
  if (!newest) throw new Error('PostgreSQL server binaries (pg_ctl, pg_basebackup) not found under /usr/lib/postgresql/*/bin: install the Debian package postgresql');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const startServer = (dir: string, port: number) => execFileSync(script, ['start', dir, String(port)], { encoding: 'utf8' }).trim();
const stopServer = (dir: string) => execFileSync(script, ['stop', dir]);

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const policy = (n: number) => ({
  title: `上海市长宁区人民政府办公室关于印发《长宁区副本测试办法第${n}号》的通知`,
  docNumber: `长府办发〔2026〕${40 + n}号`,
  signedOn: '2026-11-27',
  bodyText: `《长宁区副本测试办法第${n}号》已经区政府同意,现印发给你们,请认真按照执行。\n第一条 为测试只读副本,制定本办法。`,
  attribute: 'proactive',
});

describe('read replicas (PostgreSQL streaming replication)', () => {
  const base = mkdtempSync(join(tmpdir(), 'gongkai-replica-'));
  const primaryDir = join(base, 'primary');
  const replicaDir = join(base, 'replica');
  let primaryUrl = '';
  let replicaUrl = '';
  let replicaPort = 0;
  let primaryAdmin: Database;
  let replicaAdmin: Database;
  let context: AppContext;
  let app: ReturnType<typeof buildServer>;
  let clerk: PublishingActor;

  before(async () => {
    assertServerBinaries();
    // The servers run as the postgres user, who must reach the folders.
    chmodSync(base, 0o755);
    primaryUrl = startServer(primaryDir, await freePort());
    const primaryPort = new URL(primaryUrl).port;
    replicaPort = await freePort();
    // pg_basebackup -R of the primary, started as a hot standby streaming from it.
    replicaUrl = execFileSync(script, ['replica', replicaDir, String(replicaPort), primaryPort], { encoding: 'utf8' }).trim();
    primaryAdmin = await openPostgres(primaryUrl);
    replicaAdmin = await openPostgres(replicaUrl);
    await eventually('the replica to stream', async () => {
      const [row] = await primaryAdmin.query<{ n: number }>(sql`select count(*)::int as n from pg_stat_replication where state = 'streaming'`);
      return row!.n === 1 ? true : undefined;
    });
    const files = join(base, 'files');
    context = await createContext(loadConfig({ DATABASE_URL: primaryUrl, DATABASE_READ_URL: replicaUrl, DATABASE_READ_HEADER: 'on', FILES_DIR: files }));
    await context.ingest.ingest([seedsDir]);
    clerk = aClerk(await anAgency(context.db, { name: '上海市长宁区人民政府办公室', code: '002483041' }));
    app = buildServer(context);
  });
  after(async () => {
    await app?.close();
    await context?.close();
    await primaryAdmin?.close();
    await replicaAdmin?.close().catch(() => undefined);
    stopServer(replicaDir);
    stopServer(primaryDir);
    rmSync(base, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ url });
  const servedBy = async (url: string, source: string) =>
    eventually(`${url} from ${source}`, async () => {
      const response = await get(url);
      return response.headers['x-read-from'] === source ? response : undefined;
    });
  const onReplica = async (id: number) => (await replicaAdmin.query<{ n: number }>(sql`select count(*)::int as n from documents where id = ${id}`))[0]!.n;

  it('serves the public search, document pages and the public API from the replica', async () => {
    const search = await servedBy(`/search?q=${encodeURIComponent('行政协助')}`, 'replica 1');
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /沪府发〔2017〕17号/);
    const api = await servedBy(`/api/search?q=${encodeURIComponent('行政协助')}`, 'replica 1');
    const first = (api.json() as { items: { id: number; docNumber: string }[] }).items[0]!;
    assert.equal(first.docNumber, '沪府发〔2017〕17号');
    const page = await servedBy(`/documents/${first.id}`, 'replica 1');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /沪府发〔2017〕17号/);
    // Staff work and the writes stay on the primary; a browser that has just sent something reads from it for a few seconds.
    assert.equal((await app.inject({ url: '/api/staff/me' })).headers['x-read-from'], 'primary');
    assert.equal((await app.inject({ url: '/healthz' })).headers['x-read-from'], 'none');
    const sent = await app.inject({ method: 'POST', url: '/api/requests', payload: {}, remoteAddress: '198.51.100.7' });
    const wrote = sent.cookies.find((cookie) => cookie.name === 'gk_wrote');
    assert.ok(wrote && wrote.maxAge === 5 && wrote.httpOnly, 'the submission marks the browser');
    const next = await app.inject({ url: `/documents/${first.id}`, cookies: { gk_wrote: wrote.value } });
    assert.equal(next.statusCode, 200);
    assert.equal(next.headers['x-read-from'], 'primary');
  });

  it('reads a document just published from the primary while the replica lags, then from the replica once it has it', async () => {
    await replicaAdmin.query(sql`select pg_wal_replay_pause()`);
    await eventually('replay to pause', async () => {
      const [row] = await replicaAdmin.query<{ state: string }>(sql`select pg_get_wal_replay_pause_state() as state`);
      return row!.state === 'paused' ? true : undefined;
    });
    const { documentIds } = await aPublishedDocument(context, clerk, policy(1), { drafted: '2026-11-27', published: '2026-11-28' });
    const id = documentIds[0]!;
    assert.equal(await onReplica(id), 0, 'the replica has not replayed the publication');

    const page = await get(`/documents/${id}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['x-read-from'], 'primary');
    assert.match(page.body, /长宁区副本测试办法第1号/);
    const api = await get(`/api/documents/${id}`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.headers['x-read-from'], 'primary');
    // Other pages go on being served, from the primary too: the replica is behind what this process wrote.
    const search = await get(`/search?q=${encodeURIComponent('行政协助')}`);
    assert.equal(search.statusCode, 200);
    assert.equal(search.headers['x-read-from'], 'primary');

    await replicaAdmin.query(sql`select pg_wal_replay_resume()`);
    const again = await servedBy(`/documents/${id}`, 'replica 1');
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /长宁区副本测试办法第1号/);
    assert.equal(await onReplica(id), 1);
  });

  it('reads from the primary what another process published, within a fraction of a second, while the replica lags', async () => {
    // A second portal process on the same primary (a staff member publishing behind the load balancer).
    const other = await createContext(loadConfig({ DATABASE_URL: primaryUrl, FILES_DIR: join(base, 'files') }), { migrate: false });
    try {
      await replicaAdmin.query(sql`select pg_wal_replay_pause()`);
      await servedBy(`/search?q=${encodeURIComponent('行政协助')}`, 'replica 1');
      const { documentIds } = await aPublishedDocument(other, clerk, policy(2), { drafted: '2026-11-27', published: '2026-11-28' });
      const id = documentIds[0]!;
      const started = Date.now();
      const page = await eventually('the other process\'s document', async () => {
        const response = await get(`/documents/${id}`);
        return response.statusCode === 200 ? response : undefined;
      }, 2_000);
      assert.ok(Date.now() - started < 1_000, `seen after ${Date.now() - started} ms`);
      assert.equal(page.headers['x-read-from'], 'primary');
      assert.equal(await onReplica(id), 0);
    } finally {
      await replicaAdmin.query(sql`select pg_wal_replay_resume()`);
      await other.close();
    }
  });

  it('falls back to the primary while the replica is down, and returns to it once it is back', async () => {
    await servedBy('/api/gazettes', 'replica 1');
    stopServer(replicaDir);
    const started = Date.now();
    for (const url of [`/search?q=${encodeURIComponent('行政协助')}`, '/api/gazettes', `/api/search?q=${encodeURIComponent('审计整改')}`]) {
      const response = await get(url);
      assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 200)}`);
      assert.equal(response.headers['x-read-from'], 'primary', url);
    }
    assert.ok(Date.now() - started < 3_000, `served in ${Date.now() - started} ms`);
    startServer(replicaDir, replicaPort);
    await servedBy('/api/gazettes', 'replica 1');
  });

  it('shares the submission rate limit between two processes on one database', async () => {
    const other = await createContext(loadConfig({ DATABASE_URL: primaryUrl, FILES_DIR: join(base, 'files') }), { migrate: false });
    const otherApp = buildServer(other);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const server = i % 2 === 0 ? app : otherApp;
        statuses.push((await server.inject({ method: 'POST', url: '/api/requests', payload: {}, remoteAddress: '198.51.100.44' })).statusCode);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    } finally {
      await otherApp.close();
      await other.close();
    }
  });
});
