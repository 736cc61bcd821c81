import { roles, type Role } from '../auth/auth.types.ts';

/**
 * The audit log in the words a clerk reads, for the server and the console
 * alike: who (user:2 → 孙经办(经办人员)), did what (disclosure.read_applicant
 * → 查看申请人信息) to what (disclosure_request 1 → 依申请公开申请 YSQ…). The
 * server looks up the names and labels an entry needs (src/server/audit.names.ts)
 * and sends them with the entries; the raw codes stay available as a tooltip.
 */
export interface AuditNames {
  users: Record<string, { displayName: string; role: Role }>;
  /** Keyed "subjectType subjectId": a tracking code, a title, a name. */
  subjects: Record<string, string>;
  /** The Chinese label of each action code and each kind of subject shown. */
  actions?: Record<string, string>;
  subjectTypes?: Record<string, string>;
}

/** 公众 for the public, 命令行 for the command line, 系统 for the clock and loaders, a member of staff by name and role. */
export function auditActorLabel(actor: string, names?: Pick<AuditNames, 'users'>): string {
  if (actor === 'public') return '公众';
  if (actor.startsWith('cli:')) return '命令行';
  if (actor === 'clock' || actor.startsWith('system:') || actor.startsWith('clock:')) return '系统';
  const user = /^user:(\d+)$/.exec(actor);
  if (user) {
    const known = names?.users[user[1]!];
    return known ? `${known.displayName}(${roles[known.role] ?? known.role})` : `工作人员 #${user[1]}`;
  }
  return actor;
}

export const describeAuditAction = (action: string, names?: Pick<AuditNames, 'actions'>): string => names?.actions?.[action] ?? action;

export function describeAuditSubject(subjectType: string, subjectId: string, names?: Pick<AuditNames, 'subjects' | 'subjectTypes'>): string {
  const kind = names?.subjectTypes?.[subjectType] ?? subjectType;
  const name = names?.subjects[`${subjectType} ${subjectId}`];
  if (name) return subjectType === 'publication' ? `${kind}《${name}》` : `${kind} ${name}`;
  return subjectType === 'calendar_year' ? `${subjectId} 年${kind}` : `${kind} #${subjectId}`;
}
