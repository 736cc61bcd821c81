import { z } from 'zod';
import { declareForm } from '../../core/forms/form.fields.ts';

const label = (what: string) => z.string({ error: `${what}应为文字` }).trim().min(1, `请填写${what}`).max(200, `${what}不能超过 200 字`);
const code = z.string().regex(/^[a-z][a-z0-9_.]{1,60}$/, '代码只能由小写字母、数字、点和下划线组成');
const points = (what: string) => z.number({ error: `${what}应为数字` }).min(0, `${what}不能为负`).max(100, `${what}不能超过 100`);

const indicator = z.strictObject({
  code,
  label: label('指标名称'),
  points: points('分值'),
  method: z.enum(['computed', 'judged'], { error: '计分方式应为 computed(按数据扣分)或 judged(评估人员评分)' }),
  measure: code.optional(),
  perOccurrence: points('每次扣分').optional(),
  appliesTo: z.enum(['all', 'government', 'department']).optional(),
});

/** A scheme as a supervisor submits it (the definition's shape: assessment.scheme.ts). */
export const schemeSchema = z.strictObject({
  dimensions: z.array(z.strictObject({ code, label: label('维度名称'), indicators: z.array(indicator).min(1, '每个维度至少一个指标') })).min(1, '至少一个维度'),
  vetoes: z.array(z.strictObject({ code, label: label('一票否决项') })),
  bonus: z.strictObject({ label: label('加分项'), max: points('加分上限'), threshold: points('加分门槛') }),
  grades: z.array(z.strictObject({ label: label('等次'), min: points('等次分数线') })).min(1, '至少一个等次'),
});

export const schemeChangeForm = declareForm({ reason: { kind: 'text', label: '修改理由', max: 500, multiline: true } });

export const judgementForm = declareForm({
  indicator: { kind: 'text', label: '指标', max: 64 },
  points: { kind: 'number', label: '得分', min: 0, max: 100 },
  evidence: { kind: 'text', label: '评分依据(佐证材料)', max: 2000, multiline: true },
});

export const adjustmentForm = declareForm({
  points: { kind: 'number', label: '调整分值(可为负)', min: -100, max: 100 },
  reason: { kind: 'text', label: '调整理由', max: 1000, multiline: true },
});

export const resultsPublishForm = declareForm({ on: { kind: 'date', label: '发布日期' } });
