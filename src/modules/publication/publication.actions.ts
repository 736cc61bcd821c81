import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
// biome-ignore lint/style/noRestrictedImports: the console bundles these forms, and documents/index.ts would bring the ingestion worker into it; the categories are plain data.
import { subjectCategories } from '../documents/catalogue.rules.ts';
import { attributes } from './publication.types.ts';

/**
 * Every staff form of proactive disclosure, declared once: the service's
 * schemas are built from these (formSchema) and the console renders its
 * inputs, labels and limits from the same objects (DeclaredFields).
 */

/** A new document or a draft's changes: the disclosure attribute is decided here, at source. */
export const draftForm = declareForm({
  title: { kind: 'text', label: '标题', max: 200, min: 4 },
  docNumber: { kind: 'text', label: '发文字号', max: 50, optional: true },
  signedOn: { kind: 'date', label: '成文日期' },
  addressees: { kind: 'text', label: '主送机关', max: 300, optional: true },
  bodyText: { kind: 'text', label: '正文', max: 200_000, min: 10, multiline: true },
  normative: { kind: 'flag', label: '是否规范性文件', optional: true },
  policy: { kind: 'flag', label: '是否重要政策文件', optional: true },
  attribute: { kind: 'choice', label: '公开属性', options: attributes, widget: 'radio', optional: true },
  notPublicReason: { kind: 'text', label: '不予公开的理由', max: 500, multiline: true, optional: true },
  interpretationText: { kind: 'text', label: '政策解读', max: 50_000, multiline: true, optional: true },
  subject: { kind: 'choice', label: '主题分类', options: Object.fromEntries(subjectCategories.map((name) => [name, name])), optional: true, hint: '不选择时按标题自动归类' },
  effectiveOn: { kind: 'date', label: '施行日期', optional: true },
  expiresOn: { kind: 'date', label: '有效期至', optional: true },
});
export type DraftInput = FormValues<typeof draftForm>;

/** A published text is never edited in place: the corrected text and why. */
export const correctionForm = declareForm({
  bodyText: { kind: 'text', label: '更正后的正文', max: 200_000, min: 10, multiline: true },
  reason: { kind: 'text', label: '更正理由', max: 500, min: 2, multiline: true },
});

/** A published text marked repealed or expired, from the day it happened. */
export const invalidForm = declareForm({
  kind: { kind: 'choice', label: '废止或失效', options: { repealed: '废止', expired: '失效' }, widget: 'radio' },
  eventOn: { kind: 'date', label: '废止或失效的日期', hint: '应在废止或失效之日起 20 个工作日内标注。' },
});

/** A document kept from proactive disclosure, checked again. */
export const reviewForm = declareForm({
  decision: { kind: 'choice', label: '复核结论', options: { keep: '继续不公开', publish: '转为主动公开' } },
  note: { kind: 'text', label: '复核意见', max: 1000, min: 2, multiline: true },
});
