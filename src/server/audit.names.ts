import { accountNamesOf } from '../core/auth/auth.repository.ts';
import type { Queryable } from '../core/db/database.ts';
import { moduleAuditSubjectNames } from '../modules/modules.ts';
import type { AuditNames } from './audit.labels.ts';

/**
 * Looks up who the "user:N" actors are and what the subjects are called, for
 * the entries about to be shown: accounts here, each module's subjects by the
 * look-up its manifest declares.
 */
export async function lookUpAuditNames(db: Queryable, entries: readonly { actor: string; subjectType?: string; subjectId?: string }[]): Promise<AuditNames> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.subjectType === type && /^\d{1,15}$/.test(e.subjectId ?? '')).map((e) => e.subjectId!))];
  const userIds = [...new Set([...entries.map((e) => /^user:(\d{1,15})$/.exec(e.actor)?.[1]).filter((id): id is string => id !== undefined), ...ids('user')])];
  const kinds = Object.keys(moduleAuditSubjectNames).filter((kind) => ids(kind).length > 0);
  const [users, ...named] = await Promise.all([userIds.length ? accountNamesOf(db, userIds) : [], ...kinds.map((kind) => moduleAuditSubjectNames[kind]!(db, ids(kind)))]);
  const subjects: Record<string, string> = {};
  for (const user of users) subjects[`user ${user.id}`] = `${user.displayName}(${user.username})`;
  kinds.forEach((kind, i) => {
    for (const row of named[i]!) subjects[`${kind} ${row.id}`] = row.name;
  });
  return { users: Object.fromEntries(users.map((user) => [user.id, { displayName: user.displayName, role: user.role }])), subjects };
}
