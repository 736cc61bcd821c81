import { roles, type Role } from '../core/auth/auth.types.ts';
import { moduleAuditActions, moduleAuditSubjects } from '../modules/modules.ts';

/**
 * The audit log's codes in the words a clerk reads: who (user:2 → 孙经办(经办人员)),
 * did what (disclosure.read_applicant → 查看申请人信息) to what
 * (disclosure_request 1 → 依申请公开申请 YSQ…). Read by the /staff pages and the
 * console alike; the raw codes stay available as a tooltip.
 */

/** Every action written with recordAudit: the core's here, each module's from its manifest (test/staff/audit.labels.test.ts checks none is missing). */
export const auditActionLabels: Record<string, string> = {
  'auth.sign_in': '登录',
  'auth.sign_in_failed': '登录失败',
  'auth.sign_out': '退出登录',
  'user.create': '新建账号',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'calendar.seed': '载入内置节假日安排',
  'calendar.load': '载入年度工作日历',
  'calendar.correct': '更正年度工作日历',
  'audit.checkpoint': '签发审计日志检查点',

  'deadline_rule.change': '修改期限规则',
  ...moduleAuditActions,
};

export const auditSubjectTypes: Record<string, string> = {
  user: '账号',
  session: '登录会话',
  deadline_rule: '期限规则',
  calendar_year: '工作日历',
  audit_log: '审计日志',
  ...moduleAuditSubjects,
};

/** The people behind "user:N" actors and the names of subjects, looked up for one page of the log. */
export interface AuditNames {
  users: Record<string, { displayName: string; role: Role }>;
  /** Keyed "subjectType subjectId": a tracking code, a title, a name. */
  subjects: Record<string, string>;
}

export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? action;

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

export function auditSubjectLabel(subjectType: string, subjectId: string, names?: Pick<AuditNames, 'subjects'>): string {
  const kind = auditSubjectTypes[subjectType] ?? subjectType;
  const name = names?.subjects[`${subjectType} ${subjectId}`];
  if (name) return subjectType === 'publication' ? `${kind}《${name}》` : `${kind} ${name}`;
  return subjectType === 'calendar_year' ? `${subjectId} 年${kind}` : `${kind} #${subjectId}`;
}
