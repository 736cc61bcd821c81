import { describeAuditAction, describeAuditSubject, type AuditNames } from '../core/audit/audit.words.ts';
import { moduleAuditActions, moduleAuditSubjects } from '../modules/modules.ts';

/**
 * The audit log's codes in the words a clerk reads: who (user:2 → 孙经办(经办人员)),
 * did what (disclosure.read_applicant → 查看申请人信息) to what
 * (disclosure_request 1 → 依申请公开申请 YSQ…): the labels every module declares,
 * sent to the console with the entries (audit.names.ts).
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
  'mail.send': '发送邮件通知',
  'mail.give_up': '邮件多次发送失败,停止重试',
  'reminders.remind': '发出到期提醒',
  'user.set_reminder_email': '设置提醒邮箱',

  'deadline_rule.change': '修改期限规则',
  ...moduleAuditActions,
};

export const auditSubjectTypes: Record<string, string> = {
  user: '账号',
  session: '登录会话',
  deadline_rule: '期限规则',
  calendar_year: '工作日历',
  audit_log: '审计日志',
  reminders: '到期提醒',
  ...moduleAuditSubjects,
};

export type { AuditNames } from '../core/audit/audit.words.ts';
export { auditActorLabel } from '../core/audit/audit.words.ts';

export const auditActionLabel = (action: string): string => describeAuditAction(action, { actions: auditActionLabels });

export const auditSubjectLabel = (subjectType: string, subjectId: string, names?: Pick<AuditNames, 'subjects'>): string =>
  describeAuditSubject(subjectType, subjectId, { subjects: names?.subjects ?? {}, subjectTypes: auditSubjectTypes });
