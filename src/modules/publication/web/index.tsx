import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { PublicationsPage } from './publications.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [{ path: '/publications', menu: '主动公开', ability: 'publication.read', element: <PublicationsPage /> }];
