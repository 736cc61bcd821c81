import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { CataloguePage } from './catalogue.page.tsx';
import { MonitorPage } from './monitor.page.tsx';
import { AssistanceRequestPage, AssistanceRequestsPage } from './requests.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/assistance', menu: '行政协助', ability: 'assistance.read', element: <AssistanceRequestsPage /> },
  { path: '/assistance/requests/:id', ability: 'assistance.read', element: <AssistanceRequestPage /> },
  { path: '/assistance/catalogue', menu: '行政协助目录', ability: 'assistance.read', element: <CataloguePage /> },
  { path: '/assistance/monitor', menu: '行政协助监控', ability: 'assistance.monitor', element: <MonitorPage /> },
];
