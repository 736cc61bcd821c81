import type { Queryable } from '../../core/db/database.ts';
import { joinSql, sql } from '../../core/db/sql.ts';
import type { MessageKind, MessageState, PublishedMessage } from './participation.types.ts';

export interface MessageListFilter {
  agencyId?: number;
  kind?: MessageKind;
  /** Words, each found in the published subject, text or reply. */
  words?: string[];
  page: number;
  pageSize: number;
}

/**
 * Matches are counted exactly up to this many, as the library's search counts
 * (beyond it the list says "more than"): counting all of 100,000 published
 * messages at every page view cost more than reading the page itself.
 */
export const messageCountLimit = 10_000;

/** With words, each row is read to find them: counted exactly only up to 1,000 (50 pages), as the library counts a phrase. */
export const wordsCountLimit = 1_000;

/** Published exchanges, newest first: the moderated text only, never the sender. */
export async function findPublishedMessages(db: Queryable, filter: MessageListFilter, countLimit = messageCountLimit): Promise<{ items: PublishedMessage[]; total: number; totalExact: boolean }> {
  const conditions = [sql`m.state = 'published'`];
  if (filter.agencyId !== undefined) conditions.push(sql`m.replied_by = ${filter.agencyId}`);
  if (filter.kind !== undefined) conditions.push(sql`m.kind = ${filter.kind}`);
  for (const word of filter.words ?? []) conditions.push(sql`strpos(m.published_text, ${word}) > 0`);
  const limit = filter.words?.length ? Math.min(countLimit, wordsCountLimit) : countLimit;
  const where = joinSql(conditions, sql` and `);
  const [count] = await db.query<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from participation_messages m where ${where} limit ${limit + 1}) m`);
  const items = await db.query<PublishedMessage>(sql`
    select m.tracking_code as "trackingCode", m.kind, m.published_subject as subject, m.published_body as body, a.name as "agencyName",
      m.received_on::text as "receivedOn", m.replied_on::text as "repliedOn", m.published_reply as reply, m.rating
    from participation_messages m join agencies a on a.id = m.replied_by
    where ${where}
    order by m.published_at desc, m.id desc
    limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`);
  const counted = count!.n;
  return { items, total: Math.min(counted, limit), totalExact: counted <= limit };
}

export interface StaffMessageFilter {
  state?: MessageState;
}

export interface StaffMessageItem {
  id: number;
  trackingCode: string;
  agencyName: string;
  kind: MessageKind;
  subject: string;
  state: MessageState;
  simple: boolean;
  receivedOn: string;
  dueOn: string | null;
}

/** An agency's messages (every agency's for a supervisor), those due soonest first. */
export async function findStaffMessages(db: Queryable, filter: StaffMessageFilter, agencyId: number | null): Promise<StaffMessageItem[]> {
  const conditions = [sql`true`];
  if (agencyId !== null) conditions.push(sql`m.agency_id = ${agencyId}`);
  if (filter.state !== undefined) conditions.push(sql`m.state = ${filter.state}`);
  return db.query<StaffMessageItem>(sql`
    select m.id::int as id, m.tracking_code as "trackingCode", a.name as "agencyName", m.kind, m.subject, m.state, m.simple,
      m.received_on::text as "receivedOn", c.due_on::text as "dueOn"
    from participation_messages m
    join agencies a on a.id = m.agency_id
    left join clocks c on c.subject_type = 'participation_message' and c.subject_id = m.id and c.purpose in ('reply', 'simple_reply') and c.status <> 'stopped'
    where ${joinSql(conditions, sql` and `)}
    order by c.due_on nulls last, m.id desc
    limit 200`);
}
