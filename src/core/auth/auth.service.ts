import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { recordAudit, type Actor } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repository from './auth.repository.ts';
import { checkPassword, checkUsername, lockMinutes, maxFailedAttempts, sessionHours, signInRefused } from './auth.rules.ts';
import { roles, type Role, type Session, type StaffUser } from './auth.types.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  /** Omitted: a random one is generated, shown once, and must be changed at first sign-in. */
  password?: string;
}

export interface AuthService {
  /** Creates an account. `by` is the administrator, or null when the command line bootstraps the first one. */
  createUser(input: NewUser, by: StaffUser | null, actor: Actor): Promise<{ id: number; password: string | null }>;
  signIn(username: string, password: string, address: string | null): Promise<{ token: string; session: Session }>;
  session(token: string | undefined): Promise<Session | null>;
  signOut(token: string, actor: Actor): Promise<void>;
  /** An administrator sets a new one-time password; the user's sessions end. */
  resetPassword(userId: number, by: StaffUser, actor: Actor): Promise<string>;
  changePassword(user: StaffUser, current: string, next: string, actor: Actor): Promise<void>;
  /** Stops an account (someone who left or moved) or starts it again; nobody stops their own. */
  setDisabled(userId: number, disabled: boolean, by: StaffUser, actor: Actor): Promise<void>;
  /** The accounts an administrator manages: all for a system administrator, their agency's for an agency administrator. */
  listUsers(by: StaffUser): Promise<(StaffUser & { disabled: boolean; locked: boolean })[]>;
}

/** Password hashing; tests count the verifications through it. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unreadable hash. */
  verify(hash: string, password: string): Promise<boolean>;
}

const argon2: PasswordHasher = { hash: (password) => hash(password), verify: (stored, password) => verify(stored, password).catch(() => false) };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const oneTimePassword = () => randomBytes(12).toString('base64url');

/** Who may manage whose account: system administrators anyone, agency administrators their own agency's staff. */
function mayManage(by: StaffUser | null, target: { role: Role; agencyId: number | null }): boolean {
  if (by === null || by.role === 'system_admin') return true;
  return by.role === 'agency_admin' && by.agencyId !== null && by.agencyId === target.agencyId && (target.role === 'clerk' || target.role === 'agency_admin');
}

export function createAuthService(db: Database, options: { passwords?: PasswordHasher } = {}): AuthService {
  const passwords = options.passwords ?? argon2;
  /**
   * What a refused sign-in verifies instead of the account's own hash (unknown
   * name, stopped or locked account): made the same way, so it costs the same.
   */
  const decoy = passwords.hash(randomBytes(16).toString('base64url'));
  decoy.catch(() => {});
  return {
    async createUser(input, by, actor) {
      checkUsername(input.username);
      if (typeof input.role !== 'string' || !Object.hasOwn(roles, input.role)) throw new AppError('validation_failed', `未知的角色「${input.role}」`);
      if (!input.displayName.trim() || input.displayName.length > 50) throw new AppError('validation_failed', '请填写 50 字以内的姓名');
      const needsAgency = input.role === 'clerk' || input.role === 'agency_admin';
      if (needsAgency && input.agencyId === null) throw new AppError('validation_failed', '经办人员和机关管理员须属于一个机关');
      if (!needsAgency && input.agencyId !== null) throw new AppError('validation_failed', '监督人员和系统管理员不属于某一机关');
      if (!mayManage(by, input)) throw new AppError('forbidden', '无权为该机关或该角色创建账号');
      const password = input.password ?? oneTimePassword();
      if (input.password !== undefined) checkPassword(password, input.username);
      const passwordHash = await passwords.hash(password);
      const id = await db.transaction(async (tx) => {
        if (await repository.findCredentials(tx, input.username)) throw new AppError('conflict', `用户名「${input.username}」已被使用`);
        const created = await repository.insertUser(tx, { ...input, displayName: input.displayName.trim(), passwordHash, mustChangePassword: input.password === undefined });
        await recordAudit(tx, actor, { action: 'user.create', subjectType: 'user', subjectId: String(created), after: { username: input.username, role: input.role, agencyId: input.agencyId } });
        return created;
      });
      return { id, password: input.password === undefined ? password : null };
    },

    /**
     * Every refusal does the same work and gives the same answer: one argon2
     * verification (of the account's hash, or of the decoy when there is none
     * to check), then one audited transaction.
     */
    async signIn(username, password, address) {
      const name = username.slice(0, 40);
      const attempt = await repository.claimAttempt(db, name, maxFailedAttempts, lockMinutes);
      const verified = await passwords.verify(attempt ? attempt.passwordHash : await decoy, password);
      if (!attempt || !verified) {
        await db.transaction(async (tx) => {
          const account = await repository.accountState(tx, name);
          const reason = !account ? 'unknown_user' : attempt ? 'wrong_password' : account.disabled ? 'disabled' : 'locked';
          const after = attempt ? { reason, attempts: attempt.attempts, locked: attempt.attempts >= maxFailedAttempts } : { reason };
          await recordAudit(tx, { id: account ? `user:${account.id}` : 'public', address }, { action: 'auth.sign_in_failed', subjectType: 'user', subjectId: account ? String(account.id) : '', after });
        });
        throw new AppError('forbidden', signInRefused);
      }
      const actor: Actor = { id: `user:${attempt.userId}`, address };
      const token = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
      const user = await db.transaction(async (tx) => {
        await repository.clearFailures(tx, attempt.userId);
        await repository.insertSession(tx, { tokenHash: tokenHash(token), userId: attempt.userId, csrfToken, address, expiresAt });
        await recordAudit(tx, actor, { action: 'auth.sign_in', subjectType: 'user', subjectId: String(attempt.userId) });
        return (await repository.readUser(tx, attempt.userId))!;
      });
      return { token, session: { user, csrfToken, expiresAt: expiresAt.toISOString() } };
    },

    async session(token) {
      if (!token || token.length > 100) return null;
      return repository.findSession(db, tokenHash(token));
    },

    async signOut(token, actor) {
      await db.transaction(async (tx) => {
        await repository.deleteSession(tx, tokenHash(token));
        await recordAudit(tx, actor, { action: 'auth.sign_out', subjectType: 'session', subjectId: tokenHash(token).slice(0, 12) });
      });
    },

    async resetPassword(userId, by, actor) {
      const target = await repository.readUser(db, userId);
      // A user the administrator may not manage is not theirs to see either.
      if (!target || !mayManage(by, target)) throw new AppError('not_found', '没有这个账号');
      const password = oneTimePassword();
      const passwordHash = await passwords.hash(password);
      await db.transaction(async (tx) => {
        await repository.setPassword(tx, userId, passwordHash, true);
        await recordAudit(tx, actor, { action: 'user.reset_password', subjectType: 'user', subjectId: String(userId) });
      });
      return password;
    },

    async setDisabled(userId, disabled, by, actor) {
      const target = await repository.readUser(db, userId);
      if (!target || !mayManage(by, target)) throw new AppError('not_found', '没有这个账号');
      if (target.id === by.id) throw new AppError('forbidden', '不能停用自己的账号');
      await db.transaction(async (tx) => {
        await repository.setDisabled(tx, userId, disabled);
        await recordAudit(tx, actor, { action: disabled ? 'user.disable' : 'user.enable', subjectType: 'user', subjectId: String(userId), after: { disabled } });
      });
    },

    async listUsers(by) {
      if (by.role === 'system_admin') return repository.listUsers(db, null);
      if (by.role === 'agency_admin' && by.agencyId !== null) return repository.listUsers(db, by.agencyId);
      throw new AppError('forbidden', '只有管理员可以管理账号');
    },

    async changePassword(user, current, next, actor) {
      const credentials = await repository.findCredentials(db, user.username);
      if (!credentials || !(await passwords.verify(credentials.passwordHash, current))) throw new AppError('forbidden', '当前密码不正确');
      checkPassword(next, user.username);
      const passwordHash = await passwords.hash(next);
      await db.transaction(async (tx) => {
        await repository.setPassword(tx, user.id, passwordHash, false);
        await recordAudit(tx, actor, { action: 'user.change_password', subjectType: 'user', subjectId: String(user.id) });
      });
    },
  };
}
