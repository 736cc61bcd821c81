import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { assistanceForms, refusalGrounds, requestChannels, satisfaction, type RequestAction } from './assistance.types.ts';

/**
 * Every form of the module, declared once: the server's schemas are built
 * from these (formSchema) and the console renders its inputs from them.
 */

/** A matter entered in the catalogue by the staffing office (Art. 6). */
export const matterForm = declareForm({
  title: { kind: 'text', label: '协助事项', max: 200 },
  requestingAgencyId: { kind: 'reference', label: '请求机关', from: 'agencies' },
  requestedAgencyId: { kind: 'reference', label: '被请求机关', from: 'agencies' },
  form: { kind: 'choice', label: '协助形式', options: assistanceForms },
  legalBasis: { kind: 'text', label: '法律依据', max: 1000, multiline: true },
  registeredOn: { kind: 'date', label: '登记备案日期' },
});
export type MatterInput = FormValues<typeof matterForm>;

/** Adjusting or cancelling a matter: the staffing office only, with its reason (Art. 6). */
export const matterChangeForms = {
  adjust: declareForm({
    title: { kind: 'text', label: '协助事项', max: 200 },
    legalBasis: { kind: 'text', label: '法律依据', max: 1000, multiline: true },
    reason: { kind: 'text', label: '调整理由', max: 500, multiline: true },
  }),
  cancel: declareForm({ on: { kind: 'date', label: '取消日期' }, reason: { kind: 'text', label: '取消理由', max: 500, multiline: true } }),
};

/** A request for assistance, made by staff of the requesting agency (Arts. 7-10, 13, 18). */
export const requestForm = declareForm({
  matterId: { kind: 'reference', label: '目录内协助事项', from: 'matters', optional: true, hint: '紧急情形下可以先请求、后登记备案(第六条)' },
  requestedAgencyId: { kind: 'reference', label: '被请求机关', from: 'agencies' },
  form: { kind: 'choice', label: '协助形式', options: assistanceForms, optional: true, hint: '选择目录内事项时按目录' },
  subject: { kind: 'text', label: '请求事项', max: 200 },
  body: { kind: 'text', label: '请求内容与理由', max: 5000, multiline: true },
  legalBasis: { kind: 'text', label: '法律依据', max: 1000, multiline: true },
  channel: { kind: 'choice', label: '请求方式', options: requestChannels, widget: 'radio' },
  emergency: { kind: 'flag', label: '紧急情形', optional: true },
  obstacleOn: { kind: 'date', label: '行使职权遇到障碍之日' },
  requestedOn: { kind: 'date', label: '提出请求日期' },
  notOwnDuty: { kind: 'flag', label: '确认:请求内容不属于被请求机关的法定义务(第十三条)', optional: true },
  entrustedBy: { kind: 'reference', label: '委托机关(本单位为受委托组织时)', from: 'agencies', optional: true },
  principalConsent: { kind: 'flag', label: '已事先征得委托机关同意(第七条)', optional: true },
});
export type RequestInput = FormValues<typeof requestForm>;

const on = { kind: 'date', label: '办理日期' } as const;
const agency = { kind: 'reference', label: '机关', from: 'agencies' } as const;

/** What each action asks for. */
export const requestActionForms = {
  accept: declareForm({ on }),
  refuse: declareForm({ on, ground: { kind: 'choice', label: '不予协助的依据', options: refusalGrounds }, reason: { kind: 'text', label: '理由(将告知请求机关)', max: 2000, multiline: true } }),
  forward: declareForm({ on, agencyId: { ...agency, label: '转请协助的机关' }, reason: { kind: 'text', label: '转请理由', max: 500, multiline: true } }),
  complete: declareForm({
    on,
    result: { kind: 'text', label: '协助结果', max: 5000, multiline: true },
    partial: { kind: 'flag', label: '部分协助(未协助部分在结果中说明理由)', optional: true },
  }),
  extend: declareForm({ on, days: { kind: 'number', label: '延长工作日数', min: 1, max: 30 }, basis: { kind: 'text', label: '依据的法律、法规', max: 500, multiline: true } }),
  complete_formalities: declareForm({ on }),
  change_agency: declareForm({ on, agencyId: { ...agency, label: '新的被请求机关' }, reason: { kind: 'text', label: '特殊理由(第八条)', max: 500, multiline: true } }),
  withdraw: declareForm({ on, reason: { kind: 'text', label: '撤回理由', max: 500, multiline: true } }),
  dispute: declareForm({ on, note: { kind: 'text', label: '争议事项与意见', max: 2000, multiline: true } }),
  escalate: declareForm({ on, note: { kind: 'text', label: '协商或处理情况', max: 2000, multiline: true } }),
  resolve_assist: declareForm({ on, note: { kind: 'text', label: '处理结果', max: 2000, multiline: true } }),
  resolve_uphold: declareForm({ on, note: { kind: 'text', label: '处理结果', max: 2000, multiline: true } }),
  rate: declareForm({ rating: { kind: 'choice', label: '满意度', options: satisfaction, widget: 'radio' }, note: { kind: 'text', label: '意见', max: 500, multiline: true, optional: true } }),
} satisfies Record<RequestAction, unknown>;
export type RequestActionInput<A extends RequestAction> = FormValues<(typeof requestActionForms)[A]>;
