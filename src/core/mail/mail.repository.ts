import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { MailState, OutgoingMail, QueuedMail } from './mail.types.ts';

/** Queues a message inside the caller's transaction: it exists only if the change that caused it commits. */
export async function queueMail(tx: Queryable, mail: OutgoingMail, state: 'pending' | 'skipped'): Promise<void> {
  await tx.query(sql`
    insert into mail_outbox (recipient, subject, body, about_type, about_id, state)
    values (${mail.recipient}, ${mail.subject}, ${mail.body}, ${mail.aboutType}, ${mail.aboutId}, ${state})`);
}

/**
 * Claims up to `limit` messages that are due (pending, or sending with an
 * expired claim: a sender that died mid-send), for `leaseSeconds`. Rows
 * another sender holds are skipped, so two senders never claim the same one.
 */
export async function claimDueMail(db: Queryable, limit: number, leaseSeconds: number): Promise<QueuedMail[]> {
  return db.query<QueuedMail>(sql`
    update mail_outbox set state = 'sending', claimed_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
    where id in (
      select id from mail_outbox
      where next_attempt_at <= now() and (state = 'pending' or (state = 'sending' and claimed_until < now()))
      order by id limit ${limit}
      for update skip locked)
    returning id::int as id, recipient, subject, body, about_type as "aboutType", about_id as "aboutId", state, attempts,
      last_error as "lastError", to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "createdAt", to_char(sent_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "sentAt"`);
}

export async function markSent(db: Queryable, id: number): Promise<void> {
  await db.query(sql`update mail_outbox set state = 'sent', sent_at = now(), claimed_until = null, last_error = null where id = ${id} and state = 'sending'`);
}

/** A failed attempt: tried again after `retryInSeconds`, or given up (failed) when that is null. */
export async function markAttemptFailed(db: Queryable, id: number, error: string, retryInSeconds: number | null): Promise<void> {
  const state: MailState = retryInSeconds === null ? 'failed' : 'pending';
  await db.query(sql`
    update mail_outbox set state = ${state}, last_error = ${error.slice(0, 500)}, claimed_until = null,
      next_attempt_at = now() + make_interval(secs => ${retryInSeconds ?? 0})
    where id = ${id} and state = 'sending'`);
}

export async function listMail(db: Queryable, filter: { aboutType?: string; aboutId?: string; limit: number }): Promise<QueuedMail[]> {
  return db.query<QueuedMail>(sql`
    select id::int as id, recipient, subject, body, about_type as "aboutType", about_id as "aboutId", state, attempts,
      last_error as "lastError", to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "createdAt", to_char(sent_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "sentAt"
    from mail_outbox
    where (${filter.aboutType ?? null}::text is null or about_type = ${filter.aboutType ?? null})
      and (${filter.aboutId ?? null}::text is null or about_id = ${filter.aboutId ?? null})
    order by id desc limit ${filter.limit}`);
}
