import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { messageKinds, ratings, type MessageAction } from './participation.types.ts';

/**
 * Every form of the module, declared once: the server's schemas are built
 * from these (formSchema) and the console and the public pages read their
 * labels and limits from them.
 */

/** What anyone writes to an agency (POST /api/messages, the public form). */
export const messageForm = declareForm({
  agencyId: { kind: 'reference', label: '留言对象(机关)', from: 'agencies' },
  documentId: { kind: 'reference', label: '所涉文件', from: 'documents', optional: true },
  kind: { kind: 'choice', label: '类别', options: messageKinds, widget: 'radio' },
  subject: { kind: 'text', label: '标题', max: 100 },
  body: { kind: 'text', label: '内容', max: 5000, multiline: true },
  name: { kind: 'text', label: '姓名', max: 50 },
  contact: { kind: 'text', label: '联系方式(电话或电子邮箱)', max: 100, hint: '只有办理机关的工作人员能看到' },
  keepPrivate: { kind: 'flag', label: '不公开我的留言和答复', optional: true },
});
export type MessageInput = FormValues<typeof messageForm>;

const on = { kind: 'date', label: '办理日期' } as const;

/** What each staff action asks for. */
export const messageActionForms = {
  accept: declareForm({ on }),
  mark_simple: declareForm({ on }),
  transfer: declareForm({
    on,
    agencyId: { kind: 'reference', label: '转交给(主管机关)', from: 'agencies' },
    reason: { kind: 'text', label: '转交理由(将告知留言人)', max: 500, multiline: true },
  }),
  merge: declareForm({ on, into: { kind: 'text', label: '相同留言的查询码', max: 20 } }),
  reply: declareForm({ on, reply: { kind: 'text', label: '答复内容', max: 5000, multiline: true } }),
  publish: declareForm({
    subject: { kind: 'text', label: '公开的标题(已去除个人信息)', max: 100 },
    body: { kind: 'text', label: '公开的留言内容(已去除个人信息和不当言论)', max: 5000, multiline: true },
    reply: { kind: 'text', label: '公开的答复内容', max: 5000, multiline: true },
  }),
  withhold: declareForm({ reason: { kind: 'text', label: '不公开的理由', max: 500, multiline: true } }),
} satisfies Record<MessageAction, unknown>;
export type MessageActionInput<A extends MessageAction> = FormValues<(typeof messageActionForms)[A]>;

/** The sender's rating of the reply, with the tracking code. */
export const ratingForm = declareForm({ rating: { kind: 'choice', label: '评价', options: ratings, widget: 'radio' } });
