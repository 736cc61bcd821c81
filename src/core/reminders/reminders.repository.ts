import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { ReminderStage, StaffReminder } from './reminders.types.ts';

export interface StaffToRemind {
  userId: number;
  agencyId: number;
  displayName: string;
  email: string | null;
}

/** The staff who handle an agency's cases: its clerks and administrators with an active account. */
export async function staffOfAgencies(db: Queryable, agencyIds: readonly number[]): Promise<StaffToRemind[]> {
  return db.query<StaffToRemind>(sql`
    select id::int as "userId", agency_id::int as "agencyId", display_name as "displayName", email
    from users
    where agency_id = any(${agencyIds}::bigint[]) and role in ('clerk', 'agency_admin') and not disabled
    order by id`);
}

export interface NewReminder {
  userId: number;
  subjectType: string;
  subjectId: number;
  purpose: string;
  stage: ReminderStage;
  dueOn: string;
  title: string;
  link: string;
}

/** Records the reminders not given before; returns those it recorded (a second run, or a racing one, records none). */
export async function recordReminders(tx: Queryable, reminders: readonly NewReminder[]): Promise<NewReminder[]> {
  if (reminders.length === 0) return [];
  const column = <K extends keyof NewReminder>(key: K) => reminders.map((reminder) => reminder[key]);
  return tx.query<NewReminder>(sql`
    insert into staff_reminders (user_id, subject_type, subject_id, purpose, stage, due_on, title, link)
    select * from unnest(${column('userId')}::bigint[], ${column('subjectType')}::text[], ${column('subjectId')}::bigint[], ${column('purpose')}::text[],
      ${column('stage')}::text[], ${column('dueOn')}::date[], ${column('title')}::text[], ${column('link')}::text[])
    on conflict (user_id, subject_type, subject_id, purpose, stage, due_on) do nothing
    returning user_id::int as "userId", subject_type as "subjectType", subject_id::int as "subjectId", purpose, stage, due_on::text as "dueOn", title, link`);
}

export async function remindersOf(db: Queryable, userId: number, limit: number): Promise<StaffReminder[]> {
  return db.query<StaffReminder>(sql`
    select id::int as id, stage, due_on::text as "dueOn", title, link, to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as "createdAt", read_at is not null as read
    from staff_reminders where user_id = ${userId} order by id desc limit ${limit}`);
}

export async function unreadCount(db: Queryable, userId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`select count(*)::int as n from staff_reminders where user_id = ${userId} and read_at is null`);
  return row!.n;
}

/** Marks the user's reminders read (those given, or all); returns how many changed. */
export async function markRead(tx: Queryable, userId: number, ids: readonly number[] | null): Promise<number> {
  const rows = await tx.query<{ id: number }>(sql`
    update staff_reminders set read_at = now()
    where user_id = ${userId} and read_at is null and (${ids === null} or id = any(${ids ?? []}::bigint[]))
    returning id::int as id`);
  return rows.length;
}

export async function emailOf(db: Queryable, userId: number): Promise<string | null> {
  const [row] = await db.query<{ email: string | null }>(sql`select email from users where id = ${userId}`);
  return row?.email ?? null;
}

export async function setEmail(tx: Queryable, userId: number, email: string | null): Promise<void> {
  await tx.query(sql`update users set email = ${email} where id = ${userId}`);
}
