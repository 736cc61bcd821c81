import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { assistanceFallingDue } from './assistance.reminders.queries.ts';
import { assistancePolicy } from './assistance.policy.ts';
import { matterTitlesOf, requestCodesOf } from './assistance.repository.ts';
import { registerAssistanceApi } from './assistance.routes.ts';
import { assistanceDeadlineRules } from './assistance.rules.ts';
import { createAssistanceService, type AssistanceService } from './assistance.service.ts';
import { requestActionLabels } from './assistance.types.ts';
import { assistanceMeasures } from './assistance.measures.queries.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** Administrative assistance between agencies (行政协助). */
    assistance: AssistanceService;
  }
}

/** Administrative assistance between agencies (行政协助, docs/domain.md E). */
export const assistanceModule: ModuleManifest<AppContext> = {
  name: 'assistance',
  measures: assistanceMeasures,
  label: '行政协助',
  policy: assistancePolicy,
  services: (context) => ({ assistance: createAssistanceService(context.db, context.clocks, { maxAttachmentBytes: context.config.limits.maxAnnexBytes }) }),
  routes: registerAssistanceApi,
  deadlineRules: assistanceDeadlineRules,
  auditActions: {
    'assistance.matter_register': '行政协助目录:登记备案事项',
    'assistance.matter_adjust': '行政协助目录:调整事项',
    'assistance.matter_cancel': '行政协助目录:取消事项',
    'assistance.submit': '提出行政协助请求',
    'assistance.attach': '行政协助:添加附件',
    ...Object.fromEntries(Object.entries(requestActionLabels).map(([action, label]) => [`assistance.${action}`, `行政协助:${label}`])),
  },
  auditSubjects: { assistance_request: '行政协助请求', assistance_matter: '行政协助事项' },
  auditSubjectNames: { assistance_request: requestCodesOf, assistance_matter: matterTitlesOf },
  dueWork: { assistance_request: assistanceFallingDue },
  securitySweep: [
    { url: '/api/staff/assistance/matters', payload: { title: '事项', requestingAgencyId: '1', requestedAgencyId: '2', form: 'inquiry', legalBasis: '依据', registeredOn: '2026-01-05' } },
    { url: '/api/staff/assistance/matters/1/cancel', payload: { on: '2026-01-05', reason: '理由' } },
    { url: '/api/staff/assistance/requests', payload: { requestedAgencyId: '2', subject: '事项', body: '内容', legalBasis: '依据', channel: 'written', obstacleOn: '2026-01-05', requestedOn: '2026-01-05' } },
    { url: '/api/staff/assistance/requests/1/accept', payload: { on: '2026-01-05' } },
    { url: '/api/staff/assistance/requests/1/attachments', payload: {} },
  ],
};
