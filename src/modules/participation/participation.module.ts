import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { messagePolicy } from './participation.policy.ts';
import { participationPanel } from './participation.document.queries.ts';
import { messageCodesOf } from './participation.repository.ts';
import { consultationsFallingDue, messagesFallingDue, participationPendingWork } from './participation.reminders.queries.ts';
import { registerMessagePages } from './participation.pages.ts';
import { registerMessageApi } from './participation.routes.ts';
import { createParticipationService, type ParticipationService } from './participation.service.ts';
import { messageActionLabels } from './participation.types.ts';
import { participationOpenApi } from './participation.openapi.ts';
import { participationMeasures } from './participation.measures.queries.ts';
import { consultationOpenApi } from './consultation.openapi.ts';
import { registerConsultationPages } from './consultation.pages.ts';
import { consultationTitlesOf } from './consultation.repository.ts';
import { registerConsultationApi } from './consultation.routes.ts';
import { createConsultationService, type ConsultationService } from './consultation.service.ts';
import { commentActionLabels, consultationActionLabels } from './consultation.types.ts';
import { registerDecisionPages } from './decision.pages.ts';
import { catalogueNamesOf } from './decision.repository.ts';
import { registerDecisionApi } from './decision.routes.ts';
import { createDecisionService, type DecisionService } from './decision.service.ts';
import { catalogueActionLabels } from './decision.types.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** Public participation: messages (留言、咨询、建议). */
    participation: ParticipationService;
    /** Consultations on drafts (征求意见) and their feedback reports. */
    consultations: ConsultationService;
    /** The catalogue of major decisions (重大行政决策事项目录) and stakeholder meetings. */
    decisions: DecisionService;
  }
}

/** Public participation (政民互动, docs/domain.md D). */
export const participationModule: ModuleManifest<AppContext> = {
  name: 'participation',
  measures: participationMeasures,
  label: '政民互动',
  policy: messagePolicy,
  services: (context) => ({
    participation: createParticipationService(context.db, context.clocks),
    consultations: createConsultationService(context.db, context.clocks),
    decisions: createDecisionService(context.db),
  }),
  routes(app, context) {
    registerMessageApi(app, context);
    registerMessagePages(app, context);
    registerConsultationApi(app, context);
    registerConsultationPages(app, context);
    registerDecisionApi(app, context);
    registerDecisionPages(app, context);
  },
  portalNav: [
    { href: '/messages', label: '政民互动' },
    { href: '/consultations', label: '征求意见' },
    { href: '/decisions', label: '重大决策' },
  ],
  openApiPaths: { ...participationOpenApi, ...consultationOpenApi },
  deadlineRules: [
    { code: 'interaction.reply', label: '网上咨询、留言答复期限', limit: 5, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
    { code: 'interaction.simple_reply', label: '简单咨询答复期限', limit: 1, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L384)', extension: null },
    { code: 'participation.comment_period', label: '公开征求意见期限(不少于)', limit: 30, unit: 'calendar_days', source: '《重大行政决策程序暂行条例》第十四条', extension: null },
    { code: 'participation.feedback', label: '意见采纳情况公开期限(决策文件印发后)', limit: 10, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L392);2021年上海市政务公开工作要点(002 L10-11)', extension: null },
  ],
  auditActions: {
    'participation.submit': '收到留言',
    'participation.rate': '留言人评价答复',
    ...Object.fromEntries(Object.entries(messageActionLabels).map(([action, label]) => [`participation.${action}`, `留言:${label}`])),
    'participation.consultation_open': '发布征求意见',
    'participation.comment': '收到对草案的意见',
    ...Object.fromEntries(Object.entries(consultationActionLabels).map(([action, label]) => [`participation.consultation_${action}`, `征求意见:${label}`])),
    ...Object.fromEntries(Object.entries(commentActionLabels).map(([action, label]) => [`participation.comment_${action}`, `对草案的意见:${label}`])),
    'participation.catalogue_create': '建立重大行政决策事项目录',
    ...Object.fromEntries(Object.entries(catalogueActionLabels).map(([action, label]) => [`participation.catalogue_${action}`, `重大行政决策事项目录:${label}`])),
    'participation.meeting_record': '登记利益相关方列席的会议',
  },
  auditSubjects: {
    participation_message: '留言',
    participation_consultation: '征求意见',
    participation_decision_catalogue: '重大行政决策事项目录',
    participation_meeting: '利益相关方列席会议',
  },
  securitySweep: [
    { url: '/api/staff/messages/1/reply', payload: { on: '2026-01-05', reply: '答复' } },
    { url: '/api/staff/consultations', payload: { title: '某草案', draftText: '第一条 内容', explanation: '说明', howToComment: '网上提交', opensOn: '2026-01-05', closesOn: '2026-02-05' } },
    { url: '/api/staff/consultations/1/decide', payload: { documentId: '1', issuedOn: '2026-01-05' } },
    { url: '/api/staff/consultations/1/comments/1/publish', payload: { body: '意见' } },
    { url: '/api/staff/decisions', payload: { year: '2026' } },
    { url: '/api/staff/decisions/1/add_item', payload: { title: '事项', decidingBody: '区政府', background: '背景', opinionMethod: '公开征求意见' } },
    { url: '/api/staff/meetings', payload: { heldOn: '2026-01-05', title: '区政府常务会议', attendees: '居民代表' } },
  ],
  dueWork: { participation_message: messagesFallingDue, participation_consultation: consultationsFallingDue },
  pendingWork: participationPendingWork,
  documentPanel: participationPanel,
  auditSubjectNames: { participation_message: messageCodesOf, participation_consultation: consultationTitlesOf, participation_decision_catalogue: catalogueNamesOf },
};
