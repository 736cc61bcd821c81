import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { AuditReportPage, AuditReportsPage } from './audits.page.tsx';
import { SupervisionDashboardPage } from './dashboard.page.tsx';
import { ImportPage } from './import.page.tsx';
import { NoticePage } from './notice.page.tsx';
import { TaskPage, TasksPage } from './tasks.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/supervision', menu: '督查督办', ability: 'supervision.read', element: <TasksPage /> },
  { path: '/supervision/tasks/:id', ability: 'supervision.read', element: <TaskPage /> },
  { path: '/supervision/tasks/:id/notices/:level', ability: 'supervision.read', element: <NoticePage /> },
  { path: '/supervision/import', ability: 'supervision.supervise', element: <ImportPage /> },
  { path: '/supervision/dashboard', menu: '督查总览', ability: 'supervision.supervise', element: <SupervisionDashboardPage /> },
  { path: '/audit-reports', menu: '审计整改', ability: 'supervision.read', element: <AuditReportsPage /> },
  { path: '/audit-reports/:id', ability: 'supervision.read', element: <AuditReportPage /> },
];
