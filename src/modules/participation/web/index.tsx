import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { ConsultationPage, ConsultationsPage } from './consultations.page.tsx';
import { DecisionPage, DecisionsPage } from './decisions.page.tsx';
import { MessagePage, MessagesPage } from './messages.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/messages', menu: '政民互动', ability: 'participation.read', element: <MessagesPage /> },
  { path: '/messages/:id', ability: 'participation.read', element: <MessagePage /> },
  { path: '/consultations', menu: '征求意见', ability: 'participation.read', element: <ConsultationsPage /> },
  { path: '/consultations/:id', ability: 'participation.read', element: <ConsultationPage /> },
  { path: '/decisions', menu: '重大决策目录', ability: 'participation.read', element: <DecisionsPage /> },
  { path: '/decisions/:id', ability: 'participation.read', element: <DecisionPage /> },
];
