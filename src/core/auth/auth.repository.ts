import type { Queryable } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import type { Role, StaffUser } from './auth.types.ts';

const userColumns = sql`u.id, u.username, u.display_name as "displayName", u.role, u.agency_id as "agencyId", a.name as "agencyName",
  u.must_change_password as "mustChangePassword"`;
const users = sql`users u left join agencies a on a.id = u.agency_id`;

export interface Credentials {
  user: StaffUser;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
}

export async function insertUser(tx: Queryable, user: { username: string; displayName: string; role: Role; agencyId: number | null; passwordHash: string; mustChangePassword: boolean }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(sql`
    insert into users (username, display_name, role, agency_id, password_hash, must_change_password)
    values (${user.username}, ${user.displayName}, ${user.role}, ${user.agencyId}, ${user.passwordHash}, ${user.mustChangePassword})
    returning id`);
  return row!.id;
}

export async function findCredentials(db: Queryable, username: string): Promise<Credentials | null> {
  const [row] = await db.query<StaffUser & { passwordHash: string; failedAttempts: number; lockedUntil: string | null; disabled: boolean }>(sql`
    select ${userColumns}, u.password_hash as "passwordHash", u.failed_attempts as "failedAttempts",
      to_char(u.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lockedUntil", u.disabled
    from ${users} where u.username = ${username}`);
  if (!row) return null;
  const { passwordHash, failedAttempts, lockedUntil, disabled, ...user } = row;
  return { user, passwordHash, failedAttempts, lockedUntil, disabled };
}

export async function readUser(db: Queryable, id: number): Promise<StaffUser | null> {
  const [row] = await db.query<StaffUser>(sql`select ${userColumns} from ${users} where u.id = ${id}`);
  return row ?? null;
}

/**
 * Counts a sign-in attempt before its password is checked, in one statement,
 * so concurrent attempts are counted one after another (the row lock of the
 * update): the attempt that reaches the limit locks the account at once, and
 * no attempt after it gets a row back, so its password is never checked. A
 * lock that has run out starts the count again. A stopped or locked account,
 * or an unknown name, returns null. A successful sign-in clears the count.
 */
export async function claimAttempt(db: Queryable, username: string, limit: number, lockMinutes: number): Promise<{ userId: number; passwordHash: string; attempts: number } | null> {
  const [row] = await db.query<{ userId: number; passwordHash: string; attempts: number }>(sql`
    update users set
      failed_attempts = case when locked_until <= now() then 1 else failed_attempts + 1 end,
      locked_until = case when (case when locked_until <= now() then 1 else failed_attempts + 1 end) >= ${limit}::int
        then now() + ${lockMinutes}::int * interval '1 minute' end
    where username = ${username} and not disabled and (locked_until is null or locked_until <= now())
    returning id as "userId", password_hash as "passwordHash", failed_attempts as attempts`);
  return row ?? null;
}

/** What a refused sign-in's audit event says about the account, if the name is one. */
export async function accountState(db: Queryable, username: string): Promise<{ id: number; disabled: boolean; locked: boolean } | null> {
  const [row] = await db.query<{ id: number; disabled: boolean; locked: boolean }>(sql`
    select id, disabled, coalesce(locked_until > now(), false) as locked from users where username = ${username}`);
  return row ?? null;
}

export async function clearFailures(tx: Queryable, userId: number): Promise<void> {
  await tx.query(sql`update users set failed_attempts = 0, locked_until = null where id = ${userId}`);
}

export async function setPassword(tx: Queryable, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await tx.query(sql`update users set password_hash = ${passwordHash}, must_change_password = ${mustChange}, failed_attempts = 0, locked_until = null where id = ${userId}`);
  await tx.query(sql`delete from sessions where user_id = ${userId}`);
}

/** Stopping an account ends its sessions at once; starting it again needs a new sign-in. */
export async function setDisabled(tx: Queryable, userId: number, disabled: boolean): Promise<void> {
  await tx.query(sql`update users set disabled = ${disabled} where id = ${userId}`);
  if (disabled) await tx.query(sql`delete from sessions where user_id = ${userId}`);
}

export async function insertSession(tx: Queryable, session: { tokenHash: string; userId: number; csrfToken: string; address: string | null; expiresAt: Date }): Promise<void> {
  await tx.query(sql`
    insert into sessions (token_hash, user_id, csrf_token, address, expires_at)
    values (${session.tokenHash}, ${session.userId}, ${session.csrfToken}, ${session.address}, ${session.expiresAt.toISOString()}::timestamptz)`);
}

export async function findSession(db: Queryable, tokenHash: string): Promise<{ user: StaffUser; csrfToken: string; expiresAt: string } | null> {
  const [row] = await db.query<StaffUser & { csrfToken: string; expiresAt: string }>(sql`
    select ${userColumns}, s.csrf_token as "csrfToken", to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt"
    from sessions s join ${users} on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.expires_at > now() and not u.disabled`);
  if (!row) return null;
  const { csrfToken, expiresAt, ...user } = row;
  return { user, csrfToken, expiresAt };
}

export async function deleteSession(tx: Queryable, tokenHash: string): Promise<void> {
  await tx.query(sql`delete from sessions where token_hash = ${tokenHash}`);
}

export async function listUsers(db: Queryable, agencyId: number | null): Promise<(StaffUser & { disabled: boolean; locked: boolean })[]> {
  return db.query(sql`
    select ${userColumns}, u.disabled, coalesce(u.locked_until > now(), false) as locked
    from ${users} ${agencyId === null ? sql`` : sql`where u.agency_id = ${agencyId}`}
    order by a.name nulls first, u.username`);
}

/** Accounts by id as the audit log shows them: name, role and user name. */
export async function accountNamesOf(db: Queryable, ids: readonly string[]): Promise<{ id: string; displayName: string; role: Role; username: string }[]> {
  return db.query(sql`select id::text as id, display_name as "displayName", role, username from users where id::text = any(${ids}::text[])`);
}
