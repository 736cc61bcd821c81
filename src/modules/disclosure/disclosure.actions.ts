import { z } from 'zod';
import { choice, fields, isoDate, optionalText, text, wholeNumber } from '../../core/validation.ts';
import { maxReplyFileBytes } from './disclosure.reply.rules.ts';
import { consultationKinds, deliveryWays, replyCategories, replyDeliveries, reviewKinds, reviewOutcomes, type RequestAction } from './disclosure.types.ts';

/** What each staff action needs, checked before anything is written. Every action happens on a date. */
const on = isoDate('办理日期');
const note = (label: string, max: number) => text(label, max, { multiline: true });

/** Every sub-reason code of every reply category: which one fits the category is checked by the rules. */
const replyReasons = Object.fromEntries(Object.values(replyCategories).flatMap((category) => Object.entries(category.reasons as Record<string, string>)));

export const actionInputs = {
  request_correction: fields({ on, correctBy: isoDate('补正期限'), what: note('需补正的内容', 2000) }),
  receive_correction: fields({ on }),
  lapse_correction: fields({ on }),
  consult: fields({ on, kind: choice(consultationKinds, '征求对象'), party: text('征求意见对象', 200) }),
  answer_consultation: fields({ on, consultationId: wholeNumber('意见征询', { missing: '请选择意见征询' }), answer: choice({ consent: '', objection: '', silence: '' }, '意见') }),
  extend: fields({
    on,
    days: wholeNumber('延长工作日数', { min: 1, max: 20 }),
    approver: text('批准人(政府信息公开工作机构负责人)', 50),
    reason: note('延期理由', 2000),
  }),
  send_fee_notice: fields({ on, mode: choice({ per_item: '', per_volume: '' }, '计费方式'), pages: wholeNumber('页数', { min: 0, max: 1_000_000 }).optional() }),
  receive_fee: fields({ on }),
  lapse_fee: fields({ on }),
  reply: fields({
    on,
    category: choice(replyCategories, '答复类型'),
    reason: choice(replyReasons, '具体理由').optional(),
    basis: note('法律依据', 2000),
    // 予以公开、部分公开: the information itself as text, and/or one file, and how it reaches the applicant.
    content: optionalText('公开的内容', 20000, { multiline: true }),
    attachment: z
      .strictObject({ name: text('附件文件名', 200), data: z.string().max(Math.ceil((maxReplyFileBytes * 4) / 3) + 4, `附件不能超过 ${maxReplyFileBytes / 1024 / 1024} MB`).regex(/^[A-Za-z0-9+/]*={0,2}$/, '附件内容应为 base64 编码') }, { error: '附件应为 { name, data }' })
      .optional(),
    delivery: choice(replyDeliveries, '提供方式').optional(),
  }),
  deliver: fields({ on, way: choice(deliveryWays, '送达方式') }),
  close: fields({ on }),
  record_review: fields({ on, kind: choice(reviewKinds, '复议或诉讼'), outcome: choice(reviewOutcomes, '结果'), note: optionalText('备注', 1000, { multiline: true }) }),
} satisfies Record<RequestAction, z.ZodType>;

export type ActionInput<A extends RequestAction> = z.infer<(typeof actionInputs)[A]>;
