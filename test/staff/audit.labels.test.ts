import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { actionLabels } from '../../src/modules/disclosure/disclosure.types.ts';
import { modules } from '../../src/modules/modules.ts';
import { auditActionLabel, auditActionLabels, auditActorLabel, auditSubjectLabel, auditSubjectTypes, type AuditNames } from '../../src/server/audit.labels.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';

const srcDir = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'web' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every action code the code writes to the audit log: each `recordAudit(` call's
 * `action:` expression, its string literals read as codes; a template such as
 * `disclosure.${action}` is expanded over what it can stand for.
 */
const moduleActionCodes = (prefix: string) => modules.flatMap((module) => Object.keys(module.auditActions ?? {})).filter((code) => code.startsWith(prefix));

function writtenAuditActions(): { codes: Set<string>; calls: number } {
  const codes = new Set<string>();
  let calls = 0;
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/recordAudit\(/g)) {
      const call = text.slice(match.index, match.index + 600);
      if (/export async function recordAudit/.test(text.slice(Math.max(0, match.index - 30), match.index + 12))) continue;
      calls += 1;
      const action = /action:\s*([\s\S]*?),\s*\n?\s*subjectType/.exec(call)?.[1];
      assert.ok(action, `an action in ${file}: ${call.slice(0, 120)}`);
      const template = /^`([a-z_]+\.)\$\{([\s\S]*)\}`$/.exec(action.trim());
      if (template) {
        const [, prefix, expression] = template;
        // `cond ? 'a' : 'b'`: the two branches (the condition's own literals are no codes).
        const branches = /\?\s*'([a-z_]+)'\s*:\s*'([a-z_]+)'\s*$/.exec(expression!.trim());
        const literals = branches ? [branches[1]!, branches[2]!] : [...expression!.matchAll(/^'([a-z_]+)'$/g)].map((m) => m[1]!);
        if (literals.length > 0) for (const literal of literals) codes.add(`${prefix}${literal}`);
        // `module.${action}`: a module's action table; every code its manifest declares under that prefix is what it writes.
        else if (expression === 'action' && moduleActionCodes(prefix!).length > 0) for (const code of moduleActionCodes(prefix!)) codes.add(code);
        else assert.fail(`cannot tell which codes ${action} writes (${file})`);
        continue;
      }
      const literals = [...action.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
      assert.ok(literals.length > 0, `cannot tell which codes ${action} writes (${file})`);
      for (const literal of literals) codes.add(literal);
    }
  }
  return { codes, calls };
}

describe('the audit log in Chinese', () => {
  it('has a Chinese label for every action code the code writes', () => {
    const { codes, calls } = writtenAuditActions();
    assert.ok(calls >= 20, `found ${calls} recordAudit calls`);
    for (const known of ['disclosure.read_applicant', 'disclosure.reply', 'publication.publish', 'publication.file', 'user.disable', 'calendar.load', 'auth.sign_in_failed']) assert.ok(codes.has(known), `the scan finds ${known}`);
    const missing = [...codes].filter((code) => !/\p{Script=Han}/u.test(auditActionLabels[code] ?? ''));
    assert.deepEqual(missing, [], 'audit actions without a Chinese label');
  });

  it('names actors and subjects instead of showing codes', () => {
    const names = { users: { '2': { displayName: '孙经办', role: 'clerk' as const } }, subjects: { 'disclosure_request 1': 'YSQ20261102ABCD', 'publication 3': '长宁区政务公开工作规范' } };
    assert.equal(auditActorLabel('user:2', names), '孙经办(经办人员)');
    assert.equal(auditActorLabel('user:9', names), '工作人员 #9');
    assert.equal(auditActorLabel('public'), '公众');
    assert.equal(auditActorLabel('cli:unknown'), '命令行');
    assert.equal(auditActorLabel('system:chinese-days'), '系统');
    assert.equal(auditSubjectLabel('disclosure_request', '1', names), '依申请公开申请 YSQ20261102ABCD');
    assert.equal(auditSubjectLabel('disclosure_request', '7', names), '依申请公开申请 #7');
    assert.equal(auditSubjectLabel('publication', '3', names), '主动公开文件《长宁区政务公开工作规范》');
    // Every subject type written has its Chinese name.
    const types = new Set(sourceFiles(srcDir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/recordAudit\([^;]*?subjectType:\s*'([a-z_]+)'/gs)].map((m) => m[1]!)));
    assert.ok(types.size >= 5);
    assert.deepEqual([...types].filter((type) => !(type in auditSubjectTypes)), []);
  });
});

for (const engine of engines) {
  describe(`the audit log and case record pages on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let requestId: number;
    const password = 'correct horse battery staple';

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      const agency = await context.agencies.add({ name: '上海市长宁区人民政府办公室', parentId: null }, null, { id: 'cli:test' });
      await context.auth.createUser({ username: 'clerk.a', displayName: '甲经办', role: 'clerk', agencyId: agency.id, password }, null, { id: 'cli:test' });
      await context.auth.createUser({ username: 'admin', displayName: '管理员', role: 'system_admin', agencyId: null, password }, null, { id: 'cli:test' });
      requestId = (await context.disclosure.submit({ agencyId: agency.id, applicant: { type: 'natural_person', name: '钱七', idNumber: '310101199001011234', phone: '13800000000' }, description: '2021年区政府常务会议纪要', deliveryForm: 'paper', deliveryWay: 'mail' }, { id: 'public' })).id;
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const signIn = async (username: string) => String((await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password } })).headers['set-cookie']).split(';')[0]!;
    type Entry = { actor: string; action: string; subjectType: string; subjectId: string };

    it('shows names and Chinese labels, with the codes in the titles', async () => {
      // The console labels what the API sends with these same functions (request.page.tsx, audit.page.tsx).
      const clerk = await signIn('clerk.a');
      const file = await app.inject({ url: `/api/staff/requests/${requestId}`, headers: { cookie: clerk } });
      assert.equal(file.statusCode, 200);
      const { events, names: caseNames } = file.json() as { events: { action: string; actor: string }[]; names: AuditNames };
      const received = events.find((event) => !(event.action in actionLabels))!;
      assert.deepEqual([received.actor, auditActorLabel(received.actor, caseNames)], ['public', '公众']);

      const admin = await signIn('admin');
      const log = await app.inject({ url: '/api/staff/audit', headers: { cookie: admin } });
      assert.equal(log.statusCode, 200);
      const { items, names } = log.json() as { items: Entry[]; names: AuditNames };
      // Each cell: the code (its title) and the label shown.
      const shown = items.flatMap((e) => [
        { code: e.actor, text: auditActorLabel(e.actor, names) },
        { code: e.action, text: auditActionLabel(e.action) },
        { code: `${e.subjectType} ${e.subjectId}`, text: auditSubjectLabel(e.subjectType, e.subjectId, names) },
      ]);
      const labelled = (code: string) => shown.find((cell) => cell.code === code)?.text;
      assert.equal(labelled('user:1'), '甲经办(经办人员)');
      assert.equal(labelled('cli:test'), '命令行');
      assert.equal(labelled('public'), '公众');
      assert.equal(labelled('disclosure.read_applicant'), '查看申请人信息');
      const [request] = await database.db.query<{ code: string }>(sql`select tracking_code as code from disclosure_requests where id = ${requestId}`);
      assert.equal(labelled(`disclosure_request ${requestId}`), `依申请公开申请 ${request!.code}`);
      assert.ok(shown.every((cell) => !/^(user:|cli:|[a-z_]+\.[a-z_]+$|disclosure_request )/.test(cell.text)), 'no code shown as a cell text');
      assert.equal(names.users['1']!.displayName, '甲经办');
    });
  });
}
