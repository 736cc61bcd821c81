import type { Queryable } from '../../core/db/database.ts';
import { sql } from '../../core/db/sql.ts';
import type { MessageInput } from './participation.actions.ts';
import type { MessageEvent, MessageRow, MessageState, Rating } from './participation.types.ts';

const messageColumns = sql`
  m.id::int as id, m.tracking_code as "trackingCode", m.agency_id::int as "agencyId", a.name as "agencyName",
  m.document_id::int as "documentId", d.display_title as "documentTitle", m.kind, m.subject, m.body,
  m.sender_name as "senderName", m.sender_contact as "senderContact", m.keep_private as "keepPrivate", m.state, m.simple,
  m.received_on::text as "receivedOn", c.due_on::text as "dueOn", m.replied_on::text as "repliedOn", m.reply,
  t.tracking_code as "mergedInto", m.rating`;
const messagesWithDue = sql`
  participation_messages m
  join agencies a on a.id = m.agency_id
  left join documents d on d.id = m.document_id
  left join participation_messages t on t.id = m.merged_into
  left join clocks c on c.subject_type = 'participation_message' and c.subject_id = m.id and c.purpose in ('reply', 'simple_reply') and c.status <> 'stopped'`;

export async function insertMessage(tx: Queryable, message: { trackingCode: string; input: MessageInput; agencyId: number; receivedOn: string }): Promise<number> {
  const { input } = message;
  const [row] = await tx.query<{ id: number }>(sql`
    insert into participation_messages (tracking_code, agency_id, first_agency_id, document_id, kind, subject, body, sender_name, sender_contact, keep_private, state, received_on)
    values (${message.trackingCode}, ${message.agencyId}, ${message.agencyId}, ${input.documentId ?? null}, ${input.kind}, ${input.subject}, ${input.body},
      ${input.name}, ${input.contact}, ${input.keepPrivate ?? false}, 'received', ${message.receivedOn})
    returning id::int as id`);
  return row!.id;
}

export async function readMessage(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<MessageRow | null> {
  const [row] = await db.query<MessageRow>(sql`select ${messageColumns} from ${messagesWithDue} where m.id = ${id}${options.lock ? sql` for update of m` : sql``}`);
  return row ?? null;
}

export async function findMessageIdByCode(db: Queryable, code: string): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(sql`select id::int as id from participation_messages where tracking_code = ${code}`);
  return row?.id ?? null;
}

export interface MessageChanges {
  state?: MessageState;
  agencyId?: number;
  simple?: boolean;
  repliedOn?: string;
  reply?: string;
  repliedBy?: number;
  mergedInto?: number;
  published?: { subject: string; body: string; reply: string };
}

export async function updateMessage(tx: Queryable, id: number, changes: MessageChanges): Promise<void> {
  await tx.query(sql`
    update participation_messages set
      state = coalesce(${changes.state ?? null}, state),
      agency_id = coalesce(${changes.agencyId ?? null}::bigint, agency_id),
      simple = coalesce(${changes.simple ?? null}::boolean, simple),
      replied_on = coalesce(${changes.repliedOn ?? null}::date, replied_on),
      reply = coalesce(${changes.reply ?? null}, reply),
      replied_by = coalesce(${changes.repliedBy ?? null}::bigint, replied_by),
      merged_into = coalesce(${changes.mergedInto ?? null}::bigint, merged_into),
      published_subject = coalesce(${changes.published?.subject ?? null}, published_subject),
      published_body = coalesce(${changes.published?.body ?? null}, published_body),
      published_reply = coalesce(${changes.published?.reply ?? null}, published_reply),
      published_at = case when ${changes.published ? 1 : 0} = 1 then now() else published_at end
    where id = ${id}`);
}

export async function recordRating(tx: Queryable, id: number, rating: Rating): Promise<boolean> {
  const rows = await tx.query(sql`update participation_messages set rating = ${rating}, rated_at = now() where id = ${id} and rating is null returning id`);
  return rows.length === 1;
}

export async function insertMessageEvent(tx: Queryable, messageId: number, event: MessageEvent): Promise<void> {
  await tx.query(sql`
    insert into participation_message_events (message_id, on_date, actor, action, from_state, to_state, public_note, details)
    values (${messageId}, ${event.onDate}, ${event.actor}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.publicNote}, ${JSON.stringify(event.details)}::jsonb)`);
}

export async function readMessageEvents(db: Queryable, messageId: number): Promise<MessageEvent[]> {
  return db.query<MessageEvent>(sql`
    select on_date::text as "onDate", actor, action, from_state as "fromState", to_state as "toState", public_note as "publicNote", details, at::text as at
    from participation_message_events where message_id = ${messageId} order by id`);
}

/** Messages by id as the audit log names them: their tracking codes. */
export async function messageCodesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.query(sql`select id::text as id, tracking_code as name from participation_messages where id::text = any(${ids}::text[])`);
}
