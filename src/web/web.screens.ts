/** The console's own screens (those of no module), each shown when the server says the user has its ability (`GET /api/staff/me`); the server checks every call again. */
export const screens = {
  dashboard: { path: '/', label: '工作台', ability: 'staff.dashboard' },
  users: { path: '/users', label: '账号管理', ability: 'staff.manageUsers' },
  audit: { path: '/audit', label: '审计日志', ability: 'staff.readAudit' },
  calendar: { path: '/calendar', label: '节假日安排', ability: 'staff.manageCalendar' },
  rules: { path: '/rules', label: '法定期限', ability: 'staff.manageRules' },
} satisfies Record<string, { path: string; label: string; ability: string }>;
