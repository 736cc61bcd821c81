import { declareForm, type FormValues } from '../../core/forms/form.fields.ts';
import type { CatalogueAction } from './decision.types.ts';

/** Staff start their agency's catalogue of a year. */
export const catalogueForm = declareForm({ year: { kind: 'number', label: '年度', min: 2000, max: 2100 } });

const reason = { kind: 'text', label: '变更理由(目录公布后必填,向社会公开)', max: 1000, multiline: true, optional: true } as const;
const itemFields = {
  title: { kind: 'text', label: '决策事项名称', max: 200 },
  decidingBody: { kind: 'text', label: '决策机关', max: 100 },
  plannedOn: { kind: 'date', label: '计划完成时间', optional: true },
  draft: { kind: 'text', label: '决策草案', max: 20000, multiline: true, optional: true },
  background: { kind: 'text', label: '决策背景', max: 5000, multiline: true },
  opinionMethod: { kind: 'text', label: '征求意见方式(公开征求意见、听证会等)', max: 2000, multiline: true },
  consultationId: { kind: 'number', label: '关联的征求意见(编号)', min: 1, max: 1_000_000_000, optional: true },
  hearingOn: { kind: 'date', label: '听证会日期', optional: true },
  hearingNoticeOn: { kind: 'date', label: '听证公告日期', optional: true, hint: '应在听证会 10 日前公告' },
  hearingParticipants: { kind: 'text', label: '听证参加人', max: 1000, multiline: true, optional: true },
  meeting: { kind: 'text', label: '审议会议', max: 200, optional: true },
  resultDocumentId: { kind: 'number', label: '决策结果文件(文件库编号)', min: 1, max: 1_000_000_000, optional: true },
} as const;
const itemId = { kind: 'number', label: '事项编号', min: 1, max: 1_000_000_000 } as const;

export const catalogueActionForms = {
  add_item: declareForm({ ...itemFields, reason }),
  revise_item: declareForm({ itemId, ...itemFields, reason }),
  withdraw_item: declareForm({ itemId, reason: { kind: 'text', label: '撤回理由(向社会公开)', max: 1000, multiline: true } }),
  publish: declareForm({}),
} satisfies Record<CatalogueAction, unknown>;
export type CatalogueActionInput<A extends CatalogueAction> = FormValues<(typeof catalogueActionForms)[A]>;
export type DecisionItemInput = CatalogueActionInput<'add_item'>;

/** A government meeting that stakeholders or the public attended. */
export const meetingForm = declareForm({
  heldOn: { kind: 'date', label: '会议日期' },
  title: { kind: 'text', label: '会议名称', max: 200 },
  attendees: { kind: 'text', label: '列席的利益相关方、公众代表', max: 1000, multiline: true },
});
export type MeetingInput = FormValues<typeof meetingForm>;
