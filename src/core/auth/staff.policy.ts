import { allow, definePolicy } from './policy.ts';

/**
 * The abilities of the staff side that belong to no module: accounts, the
 * audit log, the holiday calendar and the deadline rules. Declared once,
 * checked on the server, and sent to the console (as `staff.<ability>`) so its
 * menus follow them.
 */
export const staffPolicy = definePolicy<undefined, 'dashboard' | 'manageUsers' | 'readAudit' | 'manageCalendar' | 'manageRules'>({
  dashboard: { allows: () => true, refusal: '请先登录' },
  manageUsers: { allows: allow.roles('system_admin', 'agency_admin'), refusal: '只有系统管理员和机关管理员可以管理账号' },
  readAudit: { allows: allow.roles('supervisor', 'system_admin'), refusal: '只有监督人员和系统管理员可以查看审计日志' },
  manageCalendar: { allows: allow.roles('system_admin'), refusal: '只有系统管理员可以维护节假日安排' },
  manageRules: { allows: allow.roles('system_admin'), refusal: '只有系统管理员可以修改法定期限' },
});
