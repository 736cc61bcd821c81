import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { registerAssessmentPages } from './assessment.pages.ts';
import { resultNamesOf } from './assessment.repository.ts';
import { registerAssessmentApi } from './assessment.routes.ts';
import { createAssessmentService, type AssessmentService } from './assessment.service.ts';
import { figuresPath, registerFiguresPages } from './figures.pages.ts';
import { reportCommand } from './report.command.ts';
import { reportOpenApi } from './report.openapi.ts';
import { assessmentPolicy } from './assessment.policy.ts';
import { registerReportPages } from './report.pages.ts';
import { annualReportPendingWork } from './report.pending.queries.ts';
import { reportNamesOf } from './report.repository.ts';
import { registerReportApi } from './report.routes.ts';
import { createAnnualReportService, type AnnualReportService } from './report.service.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** The annual report on government information disclosure. */
    annualReports: AnnualReportService;
    /** The assessment (考核评估): scheme, scores, judgements, published results. */
    assessment: AssessmentService;
  }
}

/** Assessment (考核评估, docs/domain.md H): the annual report in the national formats and the scoring of agencies, from live data. */
export const assessmentModule: ModuleManifest<AppContext> = {
  name: 'assessment',
  label: '年度报告与考核评估',
  policy: assessmentPolicy,
  services: (context) => ({ annualReports: createAnnualReportService(context.db, context.disclosure), assessment: createAssessmentService(context.db, context.measures) }),
  routes(app, context) {
    registerReportApi(app, context);
    registerReportPages(app, context);
    registerAssessmentApi(app, context);
    registerAssessmentPages(app, context);
    registerFiguresPages(app, context);
  },
  portalNav: [
    { href: '/annual-reports', label: '年度报告' },
    { href: '/assessment-results', label: '考核评估' },
    { href: figuresPath, label: '政务公开数据' },
  ],
  openApiPaths: reportOpenApi,
  auditActions: {
    'assessment.report_save': '保存年度报告',
    'assessment.report_publish': '发布年度报告',
    'assessment.scheme_change': '修改考核评估指标体系',
    'assessment.judge': '考核评估评分',
    'assessment.adjust': '调整考核评估得分',
    'assessment.publish_results': '发布考核评估结果',
  },
  auditSubjects: { annual_report: '年度报告', assessment_scheme: '考核评估指标体系', assessment_result: '考核评估结果' },
  auditSubjectNames: { annual_report: reportNamesOf, assessment_result: resultNamesOf },
  securitySweep: [
    { url: '/api/staff/annual-reports/1/2024', method: 'PUT', payload: { texts: '' } },
    { url: '/api/staff/annual-reports/1/2024/publish', payload: { on: '2025-01-20' } },
    { url: '/api/staff/assessment/2024/scheme', method: 'PUT', payload: { reason: '调整' } },
    { url: '/api/staff/assessment/2024/agencies/1/judge', payload: { indicator: 'bonus', points: '1', evidence: '材料' } },
    { url: '/api/staff/assessment/2024/agencies/1/adjust', payload: { points: '1', reason: '复核' } },
    { url: '/api/staff/assessment/2024/1/publish', payload: { on: '2025-03-20' } },
  ],
  pendingWork: annualReportPendingWork,
  commands: { report: reportCommand },
};
