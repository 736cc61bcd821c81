import type { Role } from '../core/auth/auth.types.ts';
import type { Queryable } from '../core/db/database.ts';
import { sql } from '../core/db/sql.ts';
import type { AuditNames } from './audit.labels.ts';

/** Looks up who the "user:N" actors are and what the subjects are called, for the entries about to be shown. */
export async function lookUpAuditNames(db: Queryable, entries: readonly { actor: string; subjectType?: string; subjectId?: string }[]): Promise<AuditNames> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.subjectType === type && /^\d{1,15}$/.test(e.subjectId ?? '')).map((e) => e.subjectId!))];
  const userIds = [...new Set([...entries.map((e) => /^user:(\d{1,15})$/.exec(e.actor)?.[1]).filter((id): id is string => id !== undefined), ...ids('user')])];
  const [users, requests, publications, agencies] = await Promise.all([
    userIds.length ? db.query<{ id: string; displayName: string; role: Role; username: string }>(sql`select id::text as id, display_name as "displayName", role, username from users where id::text = any(${userIds}::text[])`) : [],
    ids('disclosure_request').length ? db.query<{ id: string; name: string }>(sql`select id::text as id, tracking_code as name from disclosure_requests where id::text = any(${ids('disclosure_request')}::text[])`) : [],
    ids('publication').length ? db.query<{ id: string; name: string }>(sql`select id::text as id, title as name from publications where id::text = any(${ids('publication')}::text[])`) : [],
    ids('agency').length ? db.query<{ id: string; name: string }>(sql`select id::text as id, name from agencies where id::text = any(${ids('agency')}::text[])`) : [],
  ]);
  const subjects: Record<string, string> = {};
  for (const user of users) subjects[`user ${user.id}`] = `${user.displayName}(${user.username})`;
  for (const row of requests) subjects[`disclosure_request ${row.id}`] = row.name;
  for (const row of publications) subjects[`publication ${row.id}`] = row.name;
  for (const row of agencies) subjects[`agency ${row.id}`] = row.name;
  return { users: Object.fromEntries(users.map((user) => [user.id, { displayName: user.displayName, role: user.role }])), subjects };
}
