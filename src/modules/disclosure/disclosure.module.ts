import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { disclosureOpenApi } from './disclosure.openapi.ts';
import { registerRequestPages } from './disclosure.pages.ts';
import { requestPolicy } from './disclosure.policy.ts';
import { trackingCodesOf } from './disclosure.repository.ts';
import { registerDisclosureApi } from './disclosure.routes.ts';
import { actionLabels } from './disclosure.types.ts';
import { disclosureMeasures } from './disclosure.measures.queries.ts';
import { requestsFallingDue } from './disclosure.queries.ts';

/** Disclosure on request (依申请公开, docs/domain.md C). */
export const disclosureModule: ModuleManifest<AppContext> = {
  name: 'disclosure',
  measures: disclosureMeasures,
  label: '依申请公开',
  policy: requestPolicy,
  routes(app, context) {
    registerDisclosureApi(app, context);
    registerRequestPages(app, context);
  },
  openApiPaths: disclosureOpenApi,
  deadlineRules: [
    {
      code: 'disclosure.reply',
      label: '依申请公开答复期限',
      limit: 20,
      unit: 'working_days',
      source: '《中华人民共和国政府信息公开条例》第三十三条第二款',
      extension: { times: 1, maxDays: 20, source: '《政府信息公开条例》第三十三条第二款:经政府信息公开工作机构负责人同意并告知申请人,可以延长,延长期限最长不得超过20个工作日' },
    },
    { code: 'disclosure.correction_notice', label: '补正告知期限', limit: 7, unit: 'working_days', source: '《政府信息公开条例》第三十条', extension: null },
    { code: 'disclosure.third_party', label: '第三方意见征询期限', limit: 15, unit: 'working_days', source: '《政府信息公开条例》第三十二条', extension: null },
    { code: 'disclosure.co_producer', label: '共同制作机关意见征询期限', limit: 15, unit: 'working_days', source: '《政府信息公开条例》第三十四条(逾期未提出意见的视为同意公开)', extension: null },
    { code: 'disclosure.offline_entry', label: '线下申请录入期限', limit: 2, unit: 'working_days', source: '2021年长宁区政务公开工作要点(001 L370)', extension: null },
  ],
  auditActions: {
    'disclosure.submit': '收到申请',
    'disclosure.read_applicant': '查看申请人信息',
    'disclosure.lookup_applicant_requests': '查询申请人在本机关的其他申请',
    ...Object.fromEntries(Object.entries(actionLabels).map(([action, label]) => [`disclosure.${action}`, label])),
  },
  auditSubjects: { disclosure_request: '依申请公开申请' },
  auditSubjectNames: { disclosure_request: trackingCodesOf },
  dueWork: { disclosure_request: requestsFallingDue },
};
