import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { CataloguePage, ResourcePage } from './catalogue.page.tsx';
import { DataRequestPage, DataRequestsPage, SharedCataloguePage } from './requests.page.tsx';
import { WishesPage } from './wishes.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/catalogue', menu: '数据资源目录', ability: 'catalogue.read', element: <CataloguePage /> },
  { path: '/catalogue/:id', ability: 'catalogue.read', element: <ResourcePage /> },
  { path: '/catalogue-requests', menu: '数据申请审核', ability: 'catalogue.read', element: <DataRequestsPage /> },
  { path: '/catalogue-shared', menu: '申请共享数据', ability: 'catalogue.request_shared', element: <SharedCataloguePage /> },
  { path: '/catalogue-requests/:id', ability: 'catalogue.read', element: <DataRequestPage /> },
  { path: '/catalogue-wishes', menu: '目录外数据需求', ability: 'catalogue.read', element: <WishesPage /> },
];
