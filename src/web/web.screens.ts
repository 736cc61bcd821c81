import type { Role } from '../core/auth/auth.types.ts';

/** Who sees which screen in the menu; the server checks every call again. */
export const screens = {
  dashboard: { path: '/', label: '工作台', roles: ['clerk', 'agency_admin', 'supervisor', 'system_admin'] },
  users: { path: '/users', label: '账号管理', roles: ['system_admin', 'agency_admin'] },
  audit: { path: '/audit', label: '审计日志', roles: ['supervisor', 'system_admin'] },
  calendar: { path: '/calendar', label: '节假日安排', roles: ['system_admin'] },
  rules: { path: '/rules', label: '法定期限', roles: ['system_admin'] },
} satisfies Record<string, { path: string; label: string; roles: Role[] }>;
