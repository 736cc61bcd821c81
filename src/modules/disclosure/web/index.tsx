import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { RegisterPage } from './register.page.tsx';
import { RequestPage } from './request.page.tsx';
import { RequestsPage } from './requests.page.tsx';

/** Disclosure's console screens: found by the console at build time (src/web/web.modules.ts); shown as the policy allows. */
export const screens: ConsoleScreen[] = [
  { path: '/requests', menu: '依申请公开', ability: 'disclosure.read', element: <RequestsPage /> },
  { path: '/requests/new', menu: '登记申请', ability: 'disclosure.register', element: <RegisterPage /> },
  { path: '/requests/:id', ability: 'disclosure.read', element: <RequestPage /> },
];
