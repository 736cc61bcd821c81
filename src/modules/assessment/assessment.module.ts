import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { reportCommand } from './report.command.ts';
import { reportOpenApi } from './report.openapi.ts';
import { reportPolicy } from './report.policy.ts';
import { registerReportPages } from './report.pages.ts';
import { reportNamesOf } from './report.repository.ts';
import { registerReportApi } from './report.routes.ts';
import { createAnnualReportService, type AnnualReportService } from './report.service.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** The annual report on government information disclosure. */
    annualReports: AnnualReportService;
  }
}

/** Assessment (考核评估, docs/domain.md H): the annual report in the national formats, from live data. */
export const assessmentModule: ModuleManifest<AppContext> = {
  name: 'assessment',
  label: '年度报告与考核评估',
  policy: reportPolicy,
  services: (context) => ({ annualReports: createAnnualReportService(context.db, context.disclosure) }),
  routes(app, context) {
    registerReportApi(app, context);
    registerReportPages(app, context);
  },
  portalNav: [{ href: '/annual-reports', label: '年度报告' }],
  openApiPaths: reportOpenApi,
  auditActions: {
    'assessment.report_save': '保存年度报告',
    'assessment.report_publish': '发布年度报告',
  },
  auditSubjects: { annual_report: '年度报告' },
  auditSubjectNames: { annual_report: reportNamesOf },
  securitySweep: [
    { url: '/api/staff/annual-reports/1/2024', method: 'PUT', payload: { texts: '' } },
    { url: '/api/staff/annual-reports/1/2024/publish', payload: { on: '2025-01-20' } },
  ],
  commands: { report: reportCommand },
};
