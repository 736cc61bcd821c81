/**
 * npm run probe:hardening [-- http://127.0.0.1:PORT] — replays crafted input
 * against a running Gongkai and prints, for each probe, the status and whether
 * it was answered with a clear 4xx (or, for redirects, host headers and
 * paths, safely) and changed nothing: the audit log's head, the requests,
 * the publications and the annual report are compared before and after.
 *
 * Without a URL it starts its own server on a temporary embedded database
 * with an agency, a clerk, a system administrator and one request. Against a
 * running server give PROBE_ADMIN / PROBE_ADMIN_PASSWORD (a system
 * administrator: reads the audit log), and optionally PROBE_CLERK /
 * PROBE_CLERK_PASSWORD / PROBE_REQUEST (a clerk and one of their requests).
 * Loopback only; every request has a timeout and the list is fixed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../src/app.ts';
import { todayInChina } from '../src/core/calendar/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildServer } from '../src/server/server.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let base = new URL('http://127.0.0.1');
let source = 0;

/** One request over loopback; each from its own 127.0.0.x address so per-address rate limits do not decide the answer. */
function send(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        localAddress: `127.0.0.${2 + (source++ % 250)}`,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 512 * 1024) chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, headers: {}, body: String(error.message) }));
    if (body) req.write(body);
    req.end();
  });
}

interface Who {
  cookie: string;
  csrf: string;
}

async function signIn(username: string, password: string): Promise<Who | null> {
  const answer = await send('POST', '/api/staff/sign-in', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (answer.status !== 200) return null;
  return { cookie: String(answer.headers['set-cookie']).split(';')[0]!, csrf: (JSON.parse(answer.body) as { csrfToken: string }).csrfToken };
}

const staff = (who: Who | null): Record<string, string> => (who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {});
const json = (who: Who | null = null): Record<string, string> => ({ 'content-type': 'application/json', ...staff(who) });
const form = (who: Who | null = null): Record<string, string> => ({ 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) });

interface Probe {
  group: string;
  name: string;
  run(): Promise<Answer>;
  /** Rejected: a 4xx other than 429 with a message. Safe: the answer's own check (no off-site redirect, no forged host, no file leaked). */
  safe?: (answer: Answer) => boolean;
}

const evil = 'evil.example';
const isClear4xx = (answer: Answer) => answer.status >= 400 && answer.status < 500 && answer.status !== 429 && answer.body.length > 0 && !/"code":"internal"/.test(answer.body);
const staysOnSite = (answer: Answer) => {
  if (answer.status >= 400 && answer.status < 500) return true;
  const location = String(answer.headers.location ?? '');
  return !location || (/^\/(?![/\\])/.test(location) && !/[\s\u0000-\u001f]/.test(location) && !location.includes(evil));
};
const noForgedHost = (answer: Answer) => answer.status < 500 && !answer.body.includes(evil) && !String(answer.headers.location ?? '').includes(evil);
const noFileLeaked = (answer: Answer) => answer.status < 500 && !answer.body.includes('"name": "gongkai"') && !answer.body.includes('root:x:0:0');

async function main() {
  const given = process.argv[2];
  let stop = async () => {};
  let admin: Who | null;
  let clerk: Who | null = null;
  let requestId = Number(process.env.PROBE_REQUEST ?? 0);
  if (given) {
    base = new URL(given);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new Error('the probe runs against loopback only (127.0.0.1, localhost, [::1])');
    admin = await signIn(process.env.PROBE_ADMIN ?? 'admin', process.env.PROBE_ADMIN_PASSWORD ?? '');
    if (!admin) throw new Error('set PROBE_ADMIN and PROBE_ADMIN_PASSWORD to a system administrator of that server');
    if (process.env.PROBE_CLERK) clerk = await signIn(process.env.PROBE_CLERK, process.env.PROBE_CLERK_PASSWORD ?? '');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-probe-'));
    const context = await createContext(loadConfig({ DATA_DIR: join(dir, 'data'), FILES_DIR: join(dir, 'files') }));
    const bootstrap = { id: 'cli:probe' };
    const password = 'probe password long enough';
    const agency = await context.agencies.add({ name: '探测市测试局', parentId: null }, null, bootstrap);
    await context.auth.createUser({ username: 'probe.admin', displayName: '探测管理员', role: 'system_admin', agencyId: null, password }, null, bootstrap);
    await context.auth.createUser({ username: 'probe.clerk', displayName: '探测经办', role: 'clerk', agencyId: agency.id, password }, null, bootstrap);
    requestId = (
      await context.disclosure.submit(
        { agencyId: agency.id, applicant: { type: 'natural_person', name: '探测', idNumber: '310101199001011234', phone: '13800000000' }, description: '探测用申请', deliveryForm: 'paper', deliveryWay: 'mail' },
        { id: 'public' },
      )
    ).id;
    const app = buildServer(context);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    base = new URL(`http://127.0.0.1:${address.port}`);
    stop = async () => {
      await app.close();
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    };
    admin = await signIn('probe.admin', password);
    clerk = await signIn('probe.clerk', password);
  }

  const year = todayInChina().slice(0, 4);
  const today = todayInChina();
  /** What must not move: the audit log's newest events, every request and publication, and this year's report. */
  async function fingerprint(): Promise<string> {
    const parts = await Promise.all([
      send('GET', '/api/staff/audit', { headers: staff(admin) }),
      send('GET', '/api/staff/requests', { headers: staff(admin) }),
      send('GET', '/api/staff/publications', { headers: staff(admin) }),
      send('GET', `/api/requests/report?year=${year}`),
    ]);
    // A refused sign-in is recorded in the audit log by design (auth.sign_in_failed): not a change of the data.
    const audit = parts[0]!;
    if (audit.status === 200) {
      const log = JSON.parse(audit.body) as { items: { action: string }[] };
      parts[0] = { ...audit, body: JSON.stringify(log.items.filter((item) => item.action !== 'auth.sign_in_failed')) };
    }
    return createHash('sha256').update(parts.map((part) => `${part.status}:${part.body}`).join('\n')).digest('hex');
  }

  const request = { agencyId: 1, applicant: { type: 'natural_person', name: '某', idNumber: '1', phone: '13800000000' }, description: '某某', deliveryForm: 'paper', deliveryWay: 'mail' };
  const post = (path: string, body: unknown, who: Who | null = null) => () => send('POST', path, { headers: json(who), body: JSON.stringify(body) });
  const get = (path: string, who: Who | null = null, headers: Record<string, string> = {}) => () => send('GET', path, { headers: { ...staff(who), ...headers } });
  const postForm = (path: string, body: string, who: Who | null = null) => () => send('POST', path, { headers: form(who), body: who ? `${body}&_csrf=${encodeURIComponent(who.csrf)}` : body });

  const probes: Probe[] = [];
  const add = (group: string, name: string, run: () => Promise<Answer>, safe?: (answer: Answer) => boolean) => probes.push({ group, name, run, ...(safe ? { safe } : {}) });
  const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  // Prototype keys in query parameters, JSON bodies, form fields, reply categories, action names and roles.
  for (const key of keys) {
    if (clerk && requestId) {
      add('prototype', `reply reason ${key}`, post(`/api/staff/requests/${requestId}/reply`, { on: today, category: 'refuse', reason: key, basis: '探测' }, clerk));
      add('prototype', `reply category ${key}`, post(`/api/staff/requests/${requestId}/reply`, { on: today, category: key, basis: '探测' }, clerk));
      add('prototype', `action ${key}`, post(`/api/staff/requests/${requestId}/${encodeURIComponent(key)}`, { on: today }, clerk));
      add('prototype', `request state ?state=${key}`, get(`/api/staff/requests?state=${encodeURIComponent(key)}`, clerk));
    }
    add('prototype', `role ${key}`, post('/api/staff/users', { username: 'probe.role', displayName: '探测', role: key, agencyId: null }, admin));
    add('prototype', `?validity=${key}`, get(`/api/search?validity=${encodeURIComponent(key)}`));
    add('prototype', `deliveryWay ${key}`, post('/api/requests', { ...request, deliveryWay: key }));
  }
  add('prototype', 'role valueOf (form)', postForm('/api/staff/users', 'username=probe.form&displayName=x&role=valueOf&agencyId=', admin));
  add('prototype', 'applicantType toString (form)', postForm('/requests', 'agencyId=1&applicantType=toString&name=x&idNumber=1&phone=13800000000&description=x&deliveryForm=paper&deliveryWay=mail'));
  add('prototype', 'JSON body {"__proto__":…}', () => send('POST', '/api/requests', { headers: json(), body: `{"__proto__":{"isAdmin":true},${JSON.stringify(request).slice(1)}` }));
  add('prototype', 'JSON body {"constructor":{"prototype":…}}', () => send('POST', '/api/requests', { headers: json(), body: `{"constructor":{"prototype":{"isAdmin":true}},${JSON.stringify(request).slice(1)}` }));
  add('prototype', 'form __proto__[x]=1', postForm('/requests', '__proto__[isAdmin]=1&agencyId=1&applicantType=toString'));

  // NUL bytes and year 0000.
  add('nul/0000', '?issuer=%00', get('/api/search?issuer=%00'));
  add('nul/0000', '?q=%00', get('/api/search?q=a%00b'));
  add('nul/0000', '?on=0000-01-01', get('/api/search?on=0000-01-01'));
  add('nul/0000', 'document ?on=0000-01-01', get('/api/documents/1?on=0000-01-01'));
  add('nul/0000', 'audit ?from=0000-01-01', get('/api/staff/audit?from=0000-01-01', admin));
  add('nul/0000', 'audit ?actor=%00', get('/api/staff/audit?actor=%00', admin));
  add('nul/0000', 'audit log ?to=0000-01-01', get('/api/staff/audit?to=0000-01-01', admin));
  add('nul/0000', 'request name U+0000', post('/api/requests', { ...request, applicant: { ...request.applicant, name: '某\u0000' } }));
  add('nul/0000', 'form name %00', postForm('/requests', 'agencyId=1&applicantType=natural_person&name=%00&idNumber=1&phone=13800000000&description=x&deliveryForm=paper&deliveryWay=mail'));
  add('nul/0000', 'tracking code %00', get('/api/requests/YSQ%00'));
  if (clerk) {
    add('nul/0000', 'draft title U+0000', post('/api/staff/publications', { title: '关于探测\u0000的通知', signedOn: today, bodyText: '探测正文'.repeat(5) }, clerk));
    add('nul/0000', 'draft signedOn 0000-01-01', post('/api/staff/publications', { title: '关于探测的通知', signedOn: '0000-01-01', bodyText: '探测正文'.repeat(5) }, clerk));
    if (requestId) add('nul/0000', 'action on 0000-01-01', post(`/api/staff/requests/${requestId}/record_review`, { on: '0000-01-01', kind: 'litigation', outcome: 'pending' }, clerk));
    add('nul/0000', 'register submittedOn 0000-01-01', post('/api/staff/requests', { ...request, channel: 'in_person', submittedOn: '0000-01-01' }, clerk));
  }

  // Types: no coercion of booleans or arrays, no unknown fields.
  add('types', 'agencyId true', post('/api/requests', { ...request, agencyId: true }));
  add('types', 'agencyId [9]', post('/api/requests', { ...request, agencyId: [9] }));
  add('types', 'name ["x"]', post('/api/requests', { ...request, applicant: { ...request.applicant, name: ['x'] } }));
  add('types', 'unknown field', post('/api/requests', { ...request, isAdmin: true }));

  // Bodies the server must refuse before reading them.
  add('bodies', 'JSON > 1 MiB', () => send('POST', '/api/requests', { headers: json(), body: JSON.stringify({ ...request, description: 'x'.repeat(1_100_000) }) }));
  add('bodies', 'form > 64 KiB', () => send('POST', '/requests', { headers: form(), body: `description=${'x'.repeat(70 * 1024)}` }));
  add('bodies', 'invalid JSON', () => send('POST', '/api/requests', { headers: json(), body: '{"agencyId":' }));
  add('bodies', 'multipart', () => send('POST', '/api/requests', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="agencyId"\r\n\r\n1\r\n--x--\r\n' }));

  // Redirects, hosts and paths.
  add('redirect', 'back=/%09/evil.example/phish', get(`/preferences/text?size=large&back=/%09/${evil}/phish`), staysOnSite);
  add('redirect', 'back=//evil.example', get(`/preferences/text?size=large&back=//${evil}`), staysOnSite);
  add('redirect', 'back=/\\evil.example', get(`/preferences/text?size=large&back=/%5C${evil}`), staysOnSite);
  // The retired /staff pages redirect to the console: never off the site.
  add('redirect', 'staff next=//evil.example', get(`/staff/sign-in?next=//${evil}`), staysOnSite);
  add('redirect', '/staff//evil.example', get(`/staff//${evil}/x`), staysOnSite);
  add('redirect', '/staff/%2F%2Fevil.example', get(`/staff/%2F%2F${evil}`), staysOnSite);
  for (const path of ['/sitemap.xml', '/feed.xml', '/robots.txt']) add('host', `Host: ${evil} ${path}`, get(path, null, { host: evil }), noForgedHost);
  add('host', `X-Forwarded-Host: ${evil} /sitemap.xml`, get('/sitemap.xml', null, { 'x-forwarded-host': evil }), noForgedHost);
  for (const path of ['/console/assets/..%2f..%2fpackage.json', '/console/assets/%2e%2e/%2e%2e/package.json', '/console/assets/../../package.json', '/console/assets/..%5c..%5cpackage.json', '/console/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
    add('traversal', path, get(path), noFileLeaked);
  }

  const rows: { group: string; name: string; status: number; ok: boolean; why: string }[] = [];
  for (const probe of probes) {
    const before = await fingerprint();
    const answer = await probe.run();
    const changed = (await fingerprint()) !== before;
    const answered = probe.safe ? probe.safe(answer) : isClear4xx(answer);
    const why = changed ? 'state changed' : !answered ? (probe.safe ? 'unsafe answer' : answer.status >= 500 ? 'server error' : 'not a clear 4xx') : '';
    rows.push({ group: probe.group, name: probe.name, status: answer.status, ok: answered && !changed, why });
  }
  await stop();

  const width = Math.max(...rows.map((row) => row.name.length)) + 2;
  console.log(`${'group'.padEnd(11)}${'probe'.padEnd(width)}status  clear & unchanged`);
  for (const row of rows) console.log(`${row.group.padEnd(11)}${row.name.padEnd(width)}${String(row.status).padEnd(8)}${row.ok ? 'yes' : `NO (${row.why})`}`);
  const passed = rows.filter((row) => row.ok).length;
  console.log(`\n${passed} of ${rows.length} answered with a clear 4xx (or safely) and no change`);
  process.exitCode = passed === rows.length ? 0 : 1;
}

await main();
