import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { auditKinds, type AuditItemAction, type TaskAction } from './supervision.types.ts';

/**
 * Every form of the module, declared once: the server's schemas are built
 * from these (formSchema) and the console renders its inputs from them.
 */

const on = { kind: 'date', label: '办理日期' } as const;
const reason = (label: string) => ({ kind: 'text', label, max: 1000, multiline: true }) as const;

/** Importing a document's tasks: the due date for those whose text gives none. */
export const importForm = declareForm({
  dueOn: { kind: 'date', label: '完成期限', optional: true, hint: '文件未写明完成时限的任务,按此期限办理' },
});
export type ImportInput = FormValues<typeof importForm>;

/** A name documents use for an agency ("区编办"), mapped once to the agency of the register. */
export const nameMappingForm = declareForm({
  name: { kind: 'text', label: '文件中的单位名称', max: 60 },
  agencyId: { kind: 'reference', label: '对应的机关', from: 'agencies' },
});
export type NameMappingInput = FormValues<typeof nameMappingForm>;

/** A task added by hand. */
export const taskForm = declareForm({
  text: { kind: 'text', label: '任务内容', max: 2000, multiline: true },
  leadAgencyId: { kind: 'reference', label: '牵头单位', from: 'agencies' },
  responsibleAgencyId: { kind: 'reference', label: '责任单位', from: 'agencies', optional: true },
  dueOn: { kind: 'date', label: '完成期限' },
});
export type TaskInput = FormValues<typeof taskForm>;

/** What each task action asks for. */
export const taskActionForms = {
  report: declareForm({
    on,
    progress: { kind: 'number', label: '完成进度(%)', min: 0, max: 100 },
    text: reason('进展情况'),
  }),
  submit: declareForm({ on, text: reason('办结情况') }),
  accept: declareForm({ on }),
  send_back: declareForm({ on, reason: reason('退回理由') }),
  notice: declareForm({ on, requirement: reason('督办要求') }),
  close_unfinished: declareForm({ on, reason: reason('未完成的原因') }),
  cancel: declareForm({ on, reason: reason('撤销理由'), approval: { kind: 'text', label: '批准人或批准文件', max: 200 } }),
} satisfies Record<TaskAction, unknown>;
export type TaskActionInput<A extends TaskAction> = FormValues<(typeof taskActionForms)[A]>;

/** An audit report (or decision) taking effect, for one audited unit. */
export const auditReportForm = declareForm({
  title: { kind: 'text', label: '审计报告(决定)名称', max: 200 },
  reportNumber: { kind: 'text', label: '文号', max: 60, optional: true },
  auditedAgencyId: { kind: 'reference', label: '被审计单位', from: 'agencies' },
  effectiveOn: { kind: 'date', label: '生效日期', hint: '整改期限自生效之日起计算(90 日)' },
  kind: { kind: 'choice', label: '审计类别', options: auditKinds, optional: true, widget: 'radio' },
  noticeServedOn: { kind: 'date', label: '审计通知书送达日期', optional: true, hint: '政府投资项目审计:应在实施审计三个工作日前送达' },
  auditStartsOn: { kind: 'date', label: '实施审计日期', optional: true },
  urgent: { kind: 'flag', label: '遇特殊情况,经区政府批准直接持审计通知书实施审计', optional: true },
});
export type AuditReportInput = FormValues<typeof auditReportForm>;

/** One finding: the problem, who answers for it and the measure, the three linked lists of 000 L218. */
export const auditItemForm = declareForm({
  problem: { kind: 'text', label: '审计查出的问题', max: 2000, multiline: true },
  responsibility: { kind: 'text', label: '责任主体及责任', max: 500, multiline: true },
  measure: { kind: 'text', label: '整改要求(措施)', max: 2000, multiline: true },
  agencyId: { kind: 'reference', label: '整改责任单位', from: 'agencies', optional: true, hint: '不选则为被审计单位' },
});
export type AuditItemInput = FormValues<typeof auditItemForm>;

/** What each audit item action asks for. */
export const auditItemActionForms = {
  report_result: declareForm({ on, result: reason('整改结果'), evidence: { ...reason('证明材料说明'), optional: true, hint: '已上传证明材料文件的,可不填' } }),
  plan: declareForm({ on, reason: reason('尚未整改到位的原因'), plan: reason('整改计划(具体措施)'), planDueOn: { kind: 'date', label: '计划完成日期' } }),
  progress: declareForm({ on, text: reason('整改进展') }),
  extend: declareForm({ on, days: { kind: 'number', label: '延长天数', min: 1, max: 90 }, reason: reason('延期原因') }),
  close: declareForm({ on }),
  return: declareForm({ on, reason: reason('退回理由') }),
} satisfies Record<AuditItemAction, unknown>;
export type AuditItemActionInput<A extends AuditItemAction> = FormValues<(typeof auditItemActionForms)[A]>;

/** The draft report sent to the audited unit for its comments (001 L1680). */
export const draftForm = declareForm({ on: { kind: 'date', label: '征求意见稿送达日期' } });
/** The audited unit's written comments on the draft. */
export const draftCommentForm = declareForm({ on, comment: reason('书面意见') });
