import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { auditItemsFallingDue, auditReportsFallingDue, tasksFallingDue } from './supervision.reminders.queries.ts';
import { createRectificationService, type RectificationService } from './rectification.service.ts';
import { supervisionOpenApi } from './supervision.openapi.ts';
import { registerSupervisionPages } from './supervision.pages.ts';
import { registerSupervisionResultPages } from './supervision.results.pages.ts';
import { supervisionPolicy } from './supervision.policy.ts';
import { auditItemNamesOf, auditReportNamesOf, taskNamesOf } from './supervision.repository.ts';
import { registerSupervisionApi } from './supervision.routes.ts';
import { supervisionPanel } from './supervision.results.queries.ts';
import { createSupervisionResultsService, type SupervisionResultsService } from './supervision.results.service.ts';
import { createSupervisionService, type SupervisionService } from './supervision.service.ts';
import { auditItemActionLabels, taskActionLabels } from './supervision.types.ts';
import { tasksCommand } from './supervision.command.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** Supervised tasks (督查督办). */
    supervision: SupervisionService;
    /** Audit rectification (审计整改). */
    rectification: RectificationService;
    /** Supervision results published on the portal, by document (督查落实情况). */
    supervisionResults: SupervisionResultsService;
  }
}

const rectificationSource = '静府办发〔2016〕12号《关于进一步建立健全审计整改制度的实施意见》';
const investmentSource = '长审规〔2021〕1号《长宁区政府投资项目审计监督办法》';

/** Supervised tasks and audit rectification (督查督办、审计整改, docs/domain.md F). */
export const supervisionModule: ModuleManifest<AppContext> = {
  name: 'supervision',
  label: '督查督办',
  policy: supervisionPolicy,
  services: (context) => ({ supervision: createSupervisionService(context.db, context.clocks, { maxEvidenceBytes: context.config.limits.maxAnnexBytes }), rectification: createRectificationService(context.db, context.clocks, { maxEvidenceBytes: context.config.limits.maxAnnexBytes }), supervisionResults: createSupervisionResultsService(context.db) }),
  routes(app, context) {
    registerSupervisionApi(app, context);
    registerSupervisionPages(app, context);
    registerSupervisionResultPages(app, context);
  },
  portalNav: [{ href: '/supervision-results', label: '督查落实' }],
  documentPanel: supervisionPanel,
  openApiPaths: supervisionOpenApi,
  deadlineRules: [
    {
      code: 'audit.rectification',
      label: '审计整改期限',
      limit: 90,
      unit: 'calendar_days',
      source: `${rectificationSource}二(二)(000 L215)`,
      extension: { times: 2, maxDays: 90, source: `${rectificationSource}四(二):因特殊原因需延长办理时间的,应报告延期原因(000 L223)` },
    },
    { code: 'audit.notice', label: '投资审计通知书送达(审计前)', limit: 3, unit: 'working_days', source: `${investmentSource}第十一条(001 L1652)`, extension: null },
    { code: 'audit.draft_comment', label: '审计报告征求意见期限(逾期未提出视同无异议)', limit: 10, unit: 'working_days', source: `${investmentSource}第十七条(001 L1680)`, extension: null },
  ],
  auditActions: {
    'supervision.create': '交办督查任务',
    'supervision.map_name': '对应文件中的单位名称',
    'supervision.attach_evidence': '督查任务:上传证明材料',
    'supervision.publish_results': '公开文件的督查落实情况',
    'supervision.withdraw_results': '撤回公开的督查落实情况',
    ...Object.fromEntries(Object.entries(taskActionLabels).map(([action, label]) => [`supervision.${action}`, `督查任务:${label}`])),
    'rectification.create_report': '登记审计报告',
    'rectification.add_item': '列入审计整改事项',
    'rectification.publish': '公开审计整改结果',
    'rectification.send_draft': '送达审计报告征求意见稿',
    'rectification.comment_draft': '被审计单位对征求意见稿提出书面意见',
    'rectification.attach_evidence': '审计整改:上传证明材料',
    ...Object.fromEntries(Object.entries(auditItemActionLabels).map(([action, label]) => [`rectification.${action}`, `审计整改:${label}`])),
  },
  auditSubjects: { supervision_task: '督查任务', audit_report: '审计报告', audit_item: '审计整改事项' },
  auditSubjectNames: { supervision_task: taskNamesOf, audit_report: auditReportNamesOf, audit_item: auditItemNamesOf },
  dueWork: { supervision_task: tasksFallingDue, audit_item: auditItemsFallingDue, audit_report: auditReportsFallingDue },
  securitySweep: [
    { url: '/api/staff/supervision/documents/1/import', payload: { dueOn: '2099-12-31' } },
    { url: '/api/staff/supervision/agency-names', payload: { name: '区编办', agencyId: '1' } },
    { url: '/api/staff/supervision/tasks', payload: { text: '任务', leadAgencyId: '1', dueOn: '2099-12-31' } },
    { url: '/api/staff/supervision/tasks/sheet', payload: {} },
    { url: '/api/staff/supervision/tasks/1/evidence', payload: {} },
    { url: '/api/staff/audit-items/1/evidence', payload: {} },
    { url: '/api/staff/supervision/tasks/1/report', payload: { on: '2026-01-05', progress: '50', text: '进展' } },
    { url: '/api/staff/audit-reports', payload: { title: '审计报告', auditedAgencyId: '1', effectiveOn: '2026-01-05' } },
    { url: '/api/staff/audit-reports/1/items', payload: { problem: '问题', responsibility: '责任', measure: '措施' } },
    { url: '/api/staff/audit-reports/1/publish', payload: {} },
    { url: '/api/staff/audit-reports/1/draft', payload: { on: '2026-01-05' } },
    { url: '/api/staff/audit-reports/1/comment', payload: { on: '2026-01-05', comment: '无异议' } },
    { url: '/api/staff/audit-items/1/close', payload: { on: '2026-01-05' } },
    { url: '/api/staff/supervision/documents/1/results', payload: {} },
    { url: '/api/staff/supervision/documents/1/results/withdraw', payload: {} },
  ],
  commands: { tasks: tasksCommand },
};
