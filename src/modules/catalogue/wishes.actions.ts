import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { wishOutcomes } from './wishes.types.ts';

/** Anyone asks for data the catalogue does not list (no account; a tracking code). */
export const wishForm = declareForm({
  title: { kind: 'text', label: '需要的数据', max: 100, hint: '如:本区公共充电桩位置及实时状态' },
  description: { kind: 'text', label: '数据内容说明', max: 2000, multiline: true, hint: '需要哪些字段、时间范围、更新频率' },
  purpose: { kind: 'text', label: '用途', max: 1000, multiline: true },
  agencyId: { kind: 'reference', label: '可能掌握该数据的单位', from: 'agencies', optional: true },
  name: { kind: 'text', label: '姓名或单位名称', max: 100 },
  contact: { kind: 'text', label: '联系方式(电话或电子邮箱)', max: 100 },
});
export type WishInput = FormValues<typeof wishForm>;

/** The big-data centre (or the agency named) answers; the answer and the title it publishes are public. */
export const wishAnswerForm = declareForm({
  outcome: { kind: 'choice', label: '答复结果', options: wishOutcomes, widget: 'radio' },
  answer: { kind: 'text', label: '答复内容', max: 2000, multiline: true },
  publishedTitle: { kind: 'text', label: '公开的需求名称(去除个人信息)', max: 100 },
  resourceId: { kind: 'number', label: '相关数据资源编号(已有或新编入目录的)', min: 1, max: 999_999_999_999, optional: true },
});
export type WishAnswerInput = FormValues<typeof wishAnswerForm>;
