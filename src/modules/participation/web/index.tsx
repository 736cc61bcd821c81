import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { MessagePage, MessagesPage } from './messages.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/messages', menu: '政民互动', ability: 'participation.read', element: <MessagesPage /> },
  { path: '/messages/:id', ability: 'participation.read', element: <MessagePage /> },
];
