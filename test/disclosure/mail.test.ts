import type { StaffActor } from '../../src/core/auth/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCalendarService } from '../../src/core/calendar/index.ts';
import { createClockService } from '../../src/core/clock/index.ts';
import { sql } from '../../src/core/db/sql.ts';
import { createMailService, maxAttempts, type MailService } from '../../src/core/mail/index.ts';
import { createDisclosureService, type DisclosureService } from '../../src/modules/disclosure/index.ts';
import { deadlineRules } from '../../src/modules/modules.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { anAgency } from '../support/factories.ts';
import { bodyOf, startSmtp } from '../support/smtp.ts';

const request = (agencyId: number, applicant: Record<string, unknown>, notifyByEmail?: boolean) => ({
  agencyId,
  applicant: { type: 'natural_person', name: '李四', idNumber: '11010519491231002X', ...applicant },
  description: '本区2024年老旧小区改造的批复',
  deliveryForm: 'electronic',
  deliveryWay: 'email',
  ...(notifyByEmail === undefined ? {} : { notifyByEmail }),
});

for (const engine of engines) {
  describe(`applicants told of progress by e-mail on ${engine}`, () => {
    let database: TestDatabase;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mail: MailService;
    let service: DisclosureService;
    let clerk: StaffActor;
    const publicActor = { id: 'public', address: '203.0.113.9' };
    const outbox = async () => database.db.query<{ id: number; recipient: string; subject: string; state: string; attempts: number; last_error: string | null }>(
      sql`select id::int as id, recipient, subject, state, attempts, last_error from mail_outbox order by id`,
    );
    const due = () => database.db.query(sql`update mail_outbox set next_attempt_at = now() where state = 'pending'`);

    before(async () => {
      database = await openTestDatabase(engine);
      smtp = await startSmtp();
      clerk = { id: 'user:clerk', agencyId: await anAgency(database.db, { name: '上海市长宁区民政局', shortName: '区民政局' }) };
      mail = createMailService(database.db, { smtpUrl: smtp.url, from: '政府信息公开 <noreply@example.gov.cn>' });
      const clocks = createClockService(database.db, createCalendarService(database.db), deadlineRules);
      service = createDisclosureService(database.db, clocks, { mail, publicUrl: 'https://xxgk.example.gov.cn' });
    });
    after(async () => {
      await smtp.close();
      await database.close();
    });

    it('queues one message with the submission when asked for, none without the wish or without an address', async () => {
      const asked = await service.submit(request(clerk.agencyId!, { email: 'lisi@example.com' }, true), publicActor, '2024-05-06');
      await service.submit(request(clerk.agencyId!, { email: 'other@example.com' }), publicActor, '2024-05-06');
      await assert.rejects(service.submit(request(clerk.agencyId!, { phone: '13900000000' }, true), publicActor, '2024-05-06'), /选择邮件通知办理进展时须填写电子邮箱/);
      const queued = await outbox();
      assert.deepEqual(queued.map((m) => [m.recipient, m.state]), [['lisi@example.com', 'pending']]);
      assert.match(queued[0]!.subject, new RegExp(`${asked.trackingCode}:已收到申请`));
    });

    it('delivers what is due through SMTP with the tracking link and none of the request', async () => {
      const result = await mail.sendDue();
      assert.deepEqual(result, { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, 1);
      const [message] = smtp.received;
      assert.equal(message!.to, 'lisi@example.com');
      const { tracking_code: trackingCode } = (await database.db.query<{ tracking_code: string }>(sql`select tracking_code from disclosure_requests order by id limit 1`))[0]!;
      const body = bodyOf(message!.data);
      assert.ok(body.includes(`https://xxgk.example.gov.cn/requests/track/${trackingCode}`), body);
      for (const secret of ['李四', '11010519491231002X', '老旧小区']) assert.ok(!body.includes(secret), secret);
      assert.deepEqual((await outbox()).map((m) => m.state), ['sent']);
      assert.deepEqual(await mail.sendDue(), { sent: 0, failed: 0 }, 'nothing is sent twice');
      const audited = await database.db.query<{ actor: string; subject_type: string; after: { to: string } }>(sql`select actor, subject_type, after from audit_events where action = 'mail.send'`);
      assert.deepEqual(audited.map((e) => [e.actor, e.subject_type, e.after.to]), [['system:mail', 'disclosure_request', 'l***@example.com']], 'the sending is in the audit log, the address masked');
    });

    it('queues a message for each public step, and none for a step that is refused and rolled back', async () => {
      const { id } = (await database.db.query<{ id: number }>(sql`select id::int as id from disclosure_requests order by id limit 1`))[0]!;
      await assert.rejects(service.act(id, 'extend', { on: '2024-05-07', days: 21, approver: '王主任', reason: '需要调取档案' }, clerk, '2024-05-08'));
      assert.equal((await outbox()).length, 1);
      await service.act(id, 'extend', { on: '2024-05-07', days: 10, approver: '王主任', reason: '需要调取档案' }, clerk, '2024-05-08');
      const queued = await outbox();
      assert.equal(queued.length, 2);
      assert.match(queued[1]!.subject, /延长答复期限 10 个工作日/);
      const file = await service.caseFile(id, clerk, '2024-05-08');
      assert.deepEqual(file.mails.map((m) => m.state), ['pending', 'sent'], 'the case record shows what was sent');
    });

    it('retries after an SMTP refusal with a delay, and gives up after the last attempt', async () => {
      smtp.state.refuse = true;
      assert.deepEqual(await mail.sendDue(), { sent: 0, failed: 1 });
      let [, second] = await outbox();
      assert.equal(second!.state, 'pending');
      assert.match(second!.last_error ?? '', /mailbox unavailable/);
      assert.deepEqual(await mail.sendDue(), { sent: 0, failed: 0 }, 'not before its retry time');
      for (let attempt = 2; attempt <= maxAttempts; attempt += 1) {
        await due();
        assert.deepEqual(await mail.sendDue(), { sent: 0, failed: 1 });
      }
      [, second] = await outbox();
      assert.deepEqual([second!.state, second!.attempts], ['failed', maxAttempts]);
      const gaveUp = await database.db.query<{ after: { attempts: number; error: string } }>(sql`select after from audit_events where action = 'mail.give_up'`);
      assert.equal(gaveUp.length, 1, 'giving up is in the audit log once');
      assert.equal(gaveUp[0]!.after.attempts, maxAttempts);
      assert.match(gaveUp[0]!.after.error, /mailbox unavailable/);
      smtp.state.refuse = false;
    });

    it('sends each message once when two senders run at the same time', async () => {
      const before = smtp.received.length;
      for (let i = 0; i < 6; i += 1) await service.submit(request(clerk.agencyId!, { email: `a${i}@example.com` }, true), publicActor, '2024-05-06');
      const second = createMailService(database.db, { smtpUrl: smtp.url, from: 'noreply@example.gov.cn' });
      const results = await Promise.all([mail.sendDue(4), second.sendDue(4), mail.sendDue(4)]);
      assert.equal(results.reduce((sum, r) => sum + r.sent, 0), 6);
      const delivered = smtp.received.slice(before).map((m) => m.to).sort();
      assert.deepEqual(delivered, [0, 1, 2, 3, 4, 5].map((i) => `a${i}@example.com`));
    });

    it('records the message as not sent when no mail server is configured, and the step still succeeds', async () => {
      const disabled = createMailService(database.db, { smtpUrl: null, from: 'noreply@example.gov.cn' });
      const clocks = createClockService(database.db, createCalendarService(database.db), deadlineRules);
      const offline = createDisclosureService(database.db, clocks, { mail: disabled, publicUrl: 'https://xxgk.example.gov.cn' });
      await offline.submit(request(clerk.agencyId!, { email: 'late@example.com' }, true), publicActor, '2024-05-06');
      const last = (await outbox()).at(-1)!;
      assert.deepEqual([last.recipient, last.state], ['late@example.com', 'skipped']);
      assert.deepEqual(await disabled.sendDue(), { sent: 0, failed: 0 });
    });
  });
}
