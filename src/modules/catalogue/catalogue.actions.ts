import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { disputeOutcomes, openAttributes, requesterKinds, sharingAttributes, updateFrequencies, type RequestAction } from './catalogue.types.ts';

/**
 * Every form of the module, declared once: the server's schemas are built
 * from these (formSchema), the console renders them, the public pages and the
 * spreadsheet template read their labels from them.
 */

/** A catalogue entry (数据资源), as staff edit it and as one row of the template. Lists are typed as text: see catalogue.rules.ts. */
export const resourceForm = declareForm({
  name: { kind: 'text', label: '数据资源名称', max: 200 },
  description: { kind: 'text', label: '数据资源摘要', max: 2000, multiline: true },
  classificationCode: { kind: 'text', label: '资源分类代码', max: 50, optional: true },
  domain: { kind: 'text', label: '所属领域', max: 50 },
  sharing: { kind: 'choice', label: '共享属性', options: sharingAttributes, widget: 'radio' },
  sharingReason: { kind: 'text', label: '不予共享理由', max: 1000, multiline: true, optional: true, hint: '授权共享、非共享的必填(第十四条)' },
  sharingBasis: { kind: 'text', label: '不予共享依据', max: 500, optional: true, hint: '法律、法规、规章依据;授权共享、非共享的必填' },
  open: { kind: 'choice', label: '开放属性', options: openAttributes, widget: 'radio' },
  openReason: { kind: 'text', label: '不予开放理由', max: 1000, multiline: true, optional: true, hint: '非开放的必填(第十四条)' },
  openBasis: { kind: 'text', label: '不予开放依据', max: 500, optional: true, hint: '法律、法规、规章依据;非开放的必填' },
  updateFrequency: { kind: 'choice', label: '更新频率', options: updateFrequencies, widget: 'select' },
  timeCoverage: { kind: 'text', label: '时间范围', max: 100, optional: true, hint: '如 2019-01-01 至今' },
  formats: { kind: 'text', label: '数据格式', max: 200, hint: '多个用顿号分隔,如 CSV、XLSX' },
  keywords: { kind: 'text', label: '关键字', max: 200, optional: true, hint: '多个用顿号分隔' },
  contact: { kind: 'text', label: '联系方式', max: 100, optional: true },
  fields: { kind: 'text', label: '数据项', max: 20000, multiline: true, optional: true, hint: '每行一项:名称|类型|说明' },
});
export type ResourceInput = FormValues<typeof resourceForm>;

/** Why a change makes an attribute more restrictive: asked of whoever proposes it. */
export const restrictionReasonForm = declareForm({
  changeReason: { kind: 'text', label: '调整为更严格属性的理由', max: 1000, multiline: true },
});

/** A second member of staff decides on the stricter attribute. */
export const restrictionDecisionForms = {
  approve: declareForm({ note: { kind: 'text', label: '审批意见', max: 1000, multiline: true, optional: true } }),
  refuse: declareForm({ note: { kind: 'text', label: '不予批准的理由', max: 1000, multiline: true } }),
};

/** The resource's data was refreshed on a day (the update-frequency check counts from it). */
export const dataUpdatedForm = declareForm({ on: { kind: 'date', label: '数据更新日期' } });

/** A request for a resource (Art. 17): from anyone on the portal, or from an agency's staff. */
export const dataRequestForm = declareForm({
  requesterKind: { kind: 'choice', label: '申请人类型', options: { person: requesterKinds.person, company: requesterKinds.company }, widget: 'radio' },
  name: { kind: 'text', label: '申请人名称', max: 100 },
  contact: { kind: 'text', label: '联系方式(电话或电子邮箱)', max: 100, hint: '只有审核部门能看到' },
  purpose: { kind: 'text', label: '用途', max: 1000, multiline: true },
  scenario: { kind: 'text', label: '应用场景', max: 1000, multiline: true },
});

/** An agency's request for shared data (授权共享): the requesting agency is the user's. */
export const agencyRequestForm = declareForm({
  purpose: { kind: 'text', label: '用途(履职需要)', max: 1000, multiline: true },
  scenario: { kind: 'text', label: '应用场景', max: 1000, multiline: true },
});

/** The requester's objection to a refusal (Art. 17 第二款: 申请协调处理). */
export const disputeForm = declareForm({
  dispute: { kind: 'text', label: '异议内容', max: 2000, multiline: true },
});

/** What an approved requester reports of the data's use afterwards (how, for what, with what result). */
export const useReportForm = declareForm({
  use: { kind: 'text', label: '数据使用情况', max: 2000, multiline: true, hint: '使用的场景、成效,以及是否遵守了使用条件' },
});

const on = { kind: 'date', label: '办理日期' } as const;

/** What each staff action on a request asks for. */
export const requestActionForms = {
  centre_approve: declareForm({ on, conditions: { kind: 'text', label: '使用条件', max: 1000, multiline: true, optional: true } }),
  agency_approve: declareForm({ on, conditions: { kind: 'text', label: '使用条件', max: 1000, multiline: true, optional: true } }),
  refuse: declareForm({ on, reason: { kind: 'text', label: '不予同意的具体原因(将告知申请人)', max: 1000, multiline: true } }),
  resolve_dispute: declareForm({
    on,
    outcome: { kind: 'choice', label: '协调结论', options: disputeOutcomes, widget: 'radio' },
    conclusion: { kind: 'text', label: '结论说明(将告知申请人)', max: 2000, multiline: true },
  }),
} satisfies Record<RequestAction, unknown>;
export type RequestActionInput<A extends RequestAction> = FormValues<(typeof requestActionForms)[A]>;

/** A distribution that is a link to an external API (数据接口): its address and what it answers. */
export const apiLinkForm = declareForm({
  title: { kind: 'text', label: '接口名称', max: 200 },
  url: { kind: 'text', label: '接口地址', max: 2000, hint: '以 https:// 或 http:// 开头' },
  description: { kind: 'text', label: '接口说明', max: 2000, multiline: true, hint: '调用方式、参数、返回内容' },
});
