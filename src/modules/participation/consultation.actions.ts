import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import { adoptions, type CommentAction, type ConsultationAction } from './consultation.types.ts';

/** Staff open a consultation on a draft: the text and/or a document of the library, its explanation and window. */
export const consultationForm = declareForm({
  title: { kind: 'text', label: '征求意见稿标题', max: 200 },
  draftText: { kind: 'text', label: '草案全文(每条一段,可按条发表意见)', max: 50000, multiline: true, optional: true },
  draftDocumentId: { kind: 'number', label: '草案文件(文件库编号)', min: 1, max: 1_000_000_000, optional: true },
  explanation: { kind: 'text', label: '起草说明', max: 10000, multiline: true },
  howToComment: { kind: 'text', label: '意见反馈方式', max: 1000, multiline: true, hint: '除网上提交外,还可写明信函、电子邮箱等方式' },
  opensOn: { kind: 'date', label: '开始日期' },
  closesOn: { kind: 'date', label: '截止日期', hint: '公开征求意见的期限一般不少于 30 日' },
  shortWindowReason: { kind: 'text', label: '缩短征求意见期限的理由', max: 500, multiline: true, optional: true, hint: '期限短于规定时必填,随草案向社会公开' },
});
export type ConsultationInput = FormValues<typeof consultationForm>;

/** What anyone writes on a draft, without an account (the article is picked on the page). */
export const commentForm = declareForm({
  article: { kind: 'text', label: '针对的条款', max: 50, optional: true },
  body: { kind: 'text', label: '意见内容', max: 3000, multiline: true },
  name: { kind: 'text', label: '姓名', max: 50 },
  contact: { kind: 'text', label: '联系方式(电话或电子邮箱)', max: 100, hint: '只有征求意见的机关能看到,不会公开' },
});
export type CommentInput = FormValues<typeof commentForm>;

export const consultationActionForms = {
  revise: declareForm({
    draftText: { kind: 'text', label: '修改后的草案全文(每条一段)', max: 50000, multiline: true },
    reason: { kind: 'text', label: '修改说明(随新稿公开)', max: 2000, multiline: true },
  }),
  decide: declareForm({
    documentId: { kind: 'number', label: '决策文件(文件库编号)', min: 1, max: 1_000_000_000 },
    issuedOn: { kind: 'date', label: '决策文件印发日期', hint: '意见采纳情况应在印发后 10 个工作日内公开' },
  }),
  report: declareForm({
    summary: { kind: 'text', label: '意见收集情况(收到多少意见、来自哪些方面)', max: 5000, multiline: true },
    adopted: { kind: 'text', label: '采纳情况', max: 10000, multiline: true },
    notAdopted: { kind: 'text', label: '较为集中的意见未予采纳的理由', max: 10000, multiline: true },
  }),
} satisfies Record<ConsultationAction, unknown>;
export type ConsultationActionInput<A extends ConsultationAction> = FormValues<(typeof consultationActionForms)[A]>;

export const commentActionForms = {
  publish: declareForm({ body: { kind: 'text', label: '公开的意见内容(已去除个人信息和不当言论)', max: 3000, multiline: true } }),
  reject: declareForm({ reason: { kind: 'text', label: '不予公开的理由', max: 500, multiline: true } }),
  assess: declareForm({
    adoption: { kind: 'choice', label: '采纳情况', options: adoptions, widget: 'radio' },
    reason: { kind: 'text', label: '理由', max: 2000, multiline: true, optional: true },
    theme: { kind: 'text', label: '归类(主题)', max: 50, optional: true },
  }),
} satisfies Record<CommentAction, unknown>;
export type CommentActionInput<A extends CommentAction> = FormValues<(typeof commentActionForms)[A]>;
