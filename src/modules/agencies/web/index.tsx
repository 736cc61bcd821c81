import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { AgenciesPage } from './agencies.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [{ path: '/agencies', menu: '机关名录', ability: 'agencies.manage', element: <AgenciesPage /> }];
