import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { messagePolicy } from './participation.policy.ts';
import { messageCodesOf } from './participation.repository.ts';
import { registerMessagePages } from './participation.pages.ts';
import { registerMessageApi } from './participation.routes.ts';
import { createParticipationService, type ParticipationService } from './participation.service.ts';
import { messageActionLabels } from './participation.types.ts';
import { participationOpenApi } from './participation.openapi.ts';
import { participationMeasures } from './participation.measures.queries.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** Public participation: messages (留言、咨询、建议). */
    participation: ParticipationService;
  }
}

/** Public participation (政民互动, docs/domain.md D). */
export const participationModule: ModuleManifest<AppContext> = {
  name: 'participation',
  measures: participationMeasures,
  label: '政民互动',
  policy: messagePolicy,
  services: (context) => ({ participation: createParticipationService(context.db, context.clocks) }),
  routes(app, context) {
    registerMessageApi(app, context);
    registerMessagePages(app, context);
  },
  portalNav: [{ href: '/messages', label: '政民互动' }],
  openApiPaths: participationOpenApi,
  deadlineRules: [
    { code: 'interaction.reply', label: '网上咨询、留言答复期限', limit: 5, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
    { code: 'interaction.simple_reply', label: '简单咨询答复期限', limit: 1, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
  ],
  auditActions: {
    'participation.submit': '收到留言',
    'participation.rate': '留言人评价答复',
    ...Object.fromEntries(Object.entries(messageActionLabels).map(([action, label]) => [`participation.${action}`, `留言:${label}`])),
  },
  auditSubjects: { participation_message: '留言' },
  securitySweep: [{ url: '/api/staff/messages/1/reply', payload: { on: '2026-01-05', reply: '答复' } }],
  auditSubjectNames: { participation_message: messageCodesOf },
};
