import { z } from 'zod';
import { declareForm, formSchema, type FormValues } from '../../core/forms/form.fields.ts';
import { text } from '../../core/validation.ts';
import { maxReplyFileBytes } from './disclosure.reply.rules.ts';
import { consultationKinds, deliveryWays, replyCategories, replyDeliveries, reviewKinds, reviewOutcomes, type RequestAction } from './disclosure.types.ts';

/**
 * What each of the 13 staff actions asks for, declared once: the server's
 * schemas are built from these (formSchema) and the console renders its
 * inputs from the same objects (DeclaredFields), so a label or a limit is
 * written in one place. Every action happens on a date.
 */
const on = { kind: 'date', label: '办理日期' } as const;

/** The reply's category, by its Chinese name; each category's sub-reasons, grouped under it. */
const categoryLabels = Object.fromEntries(Object.entries(replyCategories).map(([value, category]) => [value, category.label]));
const reasonGroups = Object.fromEntries(Object.entries(replyCategories).map(([value, category]) => [value, { label: category.label, options: category.reasons as Record<string, string> }]));

export const actionForms = {
  request_correction: declareForm({
    on,
    correctBy: { kind: 'date', label: '补正期限' },
    what: { kind: 'text', label: '需补正的内容', max: 2000, multiline: true, hint: '一次性告知需要补正的全部事项(《条例》第三十条)' },
  }),
  receive_correction: declareForm({ on }),
  lapse_correction: declareForm({ on }),
  consult: declareForm({
    on,
    kind: { kind: 'choice', label: '征求对象', options: consultationKinds, widget: 'radio' },
    party: { kind: 'text', label: '征求意见对象', max: 200 },
  }),
  answer_consultation: declareForm({
    on,
    consultationId: { kind: 'reference', label: '意见征询', from: 'openConsultations' },
    answer: { kind: 'choice', label: '意见', options: { consent: '同意公开', objection: '不同意公开', silence: '逾期未提出意见(共同制作机关视为同意)' }, widget: 'radio' },
  }),
  extend: declareForm({
    on,
    days: { kind: 'number', label: '延长工作日数', min: 1, max: 20, initial: 20, hint: '最长 20 个工作日' },
    approver: { kind: 'text', label: '批准人(政府信息公开工作机构负责人)', max: 50 },
    reason: { kind: 'text', label: '延期理由', max: 2000, multiline: true },
  }),
  send_fee_notice: declareForm({
    on,
    mode: { kind: 'choice', label: '计费方式', options: { per_item: '按件计收', per_volume: '按量计收' }, widget: 'radio' },
    pages: { kind: 'number', label: '页数', min: 0, max: 1_000_000, optional: true, hint: '按量计收时填写' },
  }),
  receive_fee: declareForm({ on }),
  lapse_fee: declareForm({ on }),
  reply: declareForm({
    on,
    category: { kind: 'choice', label: '答复类型', options: categoryLabels },
    // Every sub-reason of every category is accepted here: which one fits the category is checked by the rules.
    reason: { kind: 'choice', label: '具体理由', options: {}, groups: reasonGroups, optional: true, hint: '不予公开、无法提供、不予处理、其他处理时必选' },
    basis: { kind: 'text', label: '法律依据', max: 2000, multiline: true },
    // 予以公开、部分公开: the information itself as text, and/or one file (replyAttachment), and how it reaches the applicant.
    content: { kind: 'text', label: '公开的内容(与附件至少提供一项)', max: 20000, multiline: true, optional: true },
    delivery: { kind: 'choice', label: '提供方式', options: replyDeliveries, widget: 'radio', optional: true },
  }),
  deliver: declareForm({ on, way: { kind: 'choice', label: '送达方式', options: deliveryWays } }),
  close: declareForm({ on }),
  record_review: declareForm({
    on,
    kind: { kind: 'choice', label: '复议或诉讼', options: reviewKinds, widget: 'radio' },
    outcome: { kind: 'choice', label: '结果', options: reviewOutcomes },
    note: { kind: 'text', label: '备注', max: 1000, multiline: true, optional: true },
  }),
} satisfies Record<RequestAction, unknown>;

/** The file a reply may give, as base64 in the JSON body: the one field no declaration describes (the console has its own control). */
const replyAttachment = z
  .strictObject(
    {
      name: text('附件文件名', 200),
      data: z
        .string()
        .max(Math.ceil((maxReplyFileBytes * 4) / 3) + 4, `附件不能超过 ${maxReplyFileBytes / 1024 / 1024} MB`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, '附件内容应为 base64 编码'),
    },
    { error: '附件应为 { name, data }' },
  )
  .optional();

/** The server's check of each action, built from its declaration. */
export const actionInputs = Object.fromEntries(
  Object.entries(actionForms).map(([action, form]) => [action, action === 'reply' ? formSchema(form, { attachment: replyAttachment }) : formSchema(form)]),
) as { [A in RequestAction]: z.ZodType<ActionInput<A>> };

export type ActionInput<A extends RequestAction> = { on: string } & FormValues<(typeof actionForms)[A]> & (A extends 'reply' ? { attachment?: z.infer<typeof replyAttachment> } : unknown);
