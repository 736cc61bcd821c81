import { createTransport } from 'nodemailer';
import { recordAudit } from '../audit/audit.ts';
import type { Database, Queryable } from '../db/database.ts';
import { repeatEvery } from '../repeat.ts';
import { claimDueMail, listMail, markAttemptFailed, markSent, queueMail } from './mail.repository.ts';
import { describeMailError, maskAddress, retryDelayAfter } from './mail.rules.ts';
import type { MailTransport, OutgoingMail, QueuedMail } from './mail.types.ts';

export interface MailConfig {
  /** smtp:// or smtps:// URL; null: mail is not sent (messages are recorded as skipped). */
  smtpUrl: string | null;
  from: string;
}

export interface MailService {
  readonly enabled: boolean;
  /** Queues a message in the caller's transaction. */
  queue(tx: Queryable, mail: OutgoingMail): Promise<void>;
  /** Sends what is due once; returns how many were sent and how many failed. */
  sendDue(limit?: number): Promise<{ sent: number; failed: number }>;
  list(filter?: { aboutType?: string; aboutId?: string; limit?: number }): Promise<QueuedMail[]>;
  /** Sends what is due every `seconds` until the returned function is called. */
  schedule(seconds: number, onError: (error: unknown) => void): () => void;
}

/** Who the audit log names for what the outbox does by itself. */
const mailer = { id: 'system:mail' };

/** How long a claimed message is held before another sender may try it (longer than any SMTP exchange). */
const leaseSeconds = 120;

export function smtpTransport(url: string): MailTransport {
  const transport = createTransport(url);
  return {
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

export function createMailService(db: Database, config: MailConfig, transport: MailTransport | null = config.smtpUrl ? smtpTransport(config.smtpUrl) : null): MailService {
  const sendDue = async (limit = 20) => {
    if (!transport) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    // Claimed in a short transaction of its own; the SMTP exchange holds no database lock.
    const claimed = await db.transaction((tx) => claimDueMail(tx, limit, leaseSeconds));
    for (const mail of claimed) {
      try {
        await transport.send({ from: config.from, to: mail.recipient, subject: mail.subject, text: mail.body });
        await db.transaction(async (tx) => {
          await markSent(tx, mail.id);
          await recordAudit(tx, mailer, { action: 'mail.send', subjectType: mail.aboutType, subjectId: mail.aboutId, after: { mail: mail.id, to: maskAddress(mail.recipient), subject: mail.subject } });
        });
        sent += 1;
      } catch (error) {
        const retryIn = retryDelayAfter(mail.attempts);
        const reason = describeMailError(error);
        await db.transaction(async (tx) => {
          await markAttemptFailed(tx, mail.id, reason, retryIn);
          if (retryIn === null) await recordAudit(tx, mailer, { action: 'mail.give_up', subjectType: mail.aboutType, subjectId: mail.aboutId, after: { mail: mail.id, to: maskAddress(mail.recipient), attempts: mail.attempts, error: reason } });
        });
        failed += 1;
      }
    }
    return { sent, failed };
  };
  return {
    enabled: transport !== null,
    queue: (tx, mail) => queueMail(tx, mail, transport ? 'pending' : 'skipped'),
    sendDue,
    list: (filter = {}) => listMail(db, { ...filter, limit: filter.limit ?? 100 }),
    schedule: (seconds, onError) => repeatEvery(seconds * 1000, sendDue, onError),
  };
}
