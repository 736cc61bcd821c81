import type { ConsoleScreen } from '../../../web/web.modules.ts';
import { AnnualReportPage } from './annual-report.page.tsx';
import { AssessmentPage } from './assessment.page.tsx';

/** The module's console screens: found by the console at build time (src/web/web.modules.ts). */
export const screens: ConsoleScreen[] = [
  { path: '/annual-reports', menu: '年度报告', ability: 'assessment.read', element: <AnnualReportPage /> },
  { path: '/assessment', menu: '考核评估', ability: 'assessment.read', element: <AssessmentPage /> },
];
