import { roles, type Role } from '../core/auth/auth.types.ts';
import { actionLabels } from '../modules/disclosure/disclosure.types.ts';

/**
 * The audit log's codes in the words a clerk reads: who (user:2 → 孙经办(经办人员)),
 * did what (disclosure.read_applicant → 查看申请人信息) to what
 * (disclosure_request 1 → 依申请公开申请 YSQ…). Read by the /staff pages and the
 * console alike; the raw codes stay available as a tooltip.
 */

/** Every action written with recordAudit (test/staff/audit.labels.test.ts checks none is missing). */
export const auditActionLabels: Record<string, string> = {
  'auth.sign_in': '登录',
  'auth.sign_in_failed': '登录失败',
  'auth.sign_out': '退出登录',
  'user.create': '新建账号',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'agency.create': '添加机关',
  'agency.update': '修改机关信息',
  'calendar.seed': '载入内置节假日安排',
  'calendar.load': '载入年度工作日历',
  'calendar.correct': '更正年度工作日历',
  'audit.checkpoint': '签发审计日志检查点',
  'document.repair': '恢复被替换的文件正文',

  'deadline_rule.change': '修改期限规则',
  'publication.draft': '拟制文件',
  'publication.update': '修改文件草稿',
  'publication.return': '退文',
  'publication.publish': '公开文件',
  'publication.file': '文件归档(不主动公开)',
  'publication.correct': '发布更正',
  'publication.mark_invalid': '标注废止或失效',
  'publication.review': '复核不公开的文件',
  'disclosure.submit': '收到申请',
  'disclosure.read_applicant': '查看申请人信息',
  'disclosure.lookup_applicant_requests': '查询申请人在本机关的其他申请',
  ...Object.fromEntries(Object.entries(actionLabels).map(([action, label]) => [`disclosure.${action}`, label])),
};

export const auditSubjectTypes: Record<string, string> = {
  disclosure_request: '依申请公开申请',
  publication: '主动公开文件',
  agency: '机关',
  user: '账号',
  session: '登录会话',
  deadline_rule: '期限规则',
  calendar_year: '工作日历',
  document: '文件库文件',
  audit_log: '审计日志',
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
