import { z } from 'zod';
import { consultationKinds, deliveryWays, reviewKinds, reviewOutcomes, type RequestAction } from './disclosure.types.ts';
import { isoDate } from '../../core/validation.ts';

/** What each staff action needs, checked before anything is written. Every action happens on a date. */
const on = isoDate('办理日期');
const note = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const actionInputs = {
  request_correction: z.object({ on, correctBy: isoDate('补正期限'), what: note('需补正的内容', 2000) }),
  receive_correction: z.object({ on }),
  lapse_correction: z.object({ on }),
  consult: z.object({ on, kind: z.enum(Object.keys(consultationKinds) as ['third_party', 'co_producer'], { error: '请选择征求对象' }), party: note('征求意见对象', 200) }),
  answer_consultation: z.object({ on, consultationId: z.coerce.number().int().positive(), answer: z.enum(['consent', 'objection', 'silence'], { error: '请选择意见' }) }),
  extend: z.object({ on, days: z.coerce.number().int().min(1).max(20, '延长期限最长不得超过 20 个工作日'), approver: note('批准人(政府信息公开工作机构负责人)', 50), reason: note('延期理由', 500) }),
  send_fee_notice: z.object({ on, mode: z.enum(['per_item', 'per_volume'], { error: '请选择计费方式' }), pages: z.coerce.number().int().min(0).max(1_000_000).optional() }),
  receive_fee: z.object({ on }),
  lapse_fee: z.object({ on }),
  reply: z.object({ on, category: note('答复类型', 20), reason: z.string().max(40).optional(), basis: note('法律依据', 1000) }),
  deliver: z.object({ on, way: z.enum(Object.keys(deliveryWays) as ['mail', 'pick_up', 'email', 'online', 'fax'], { error: '请选择送达方式' }) }),
  close: z.object({ on }),
  record_review: z.object({
    on,
    kind: z.enum(Object.keys(reviewKinds) as ['reconsideration', 'litigation'], { error: '请选择复议或诉讼' }),
    outcome: z.enum(Object.keys(reviewOutcomes) as ['upheld', 'corrected', 'other', 'pending'], { error: '请选择结果' }),
    note: z.string().trim().max(1000).optional(),
  }),
} satisfies Record<RequestAction, z.ZodType>;

export type ActionInput<A extends RequestAction> = z.infer<(typeof actionInputs)[A]>;
