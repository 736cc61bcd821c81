/**
 * Public participation (政民互动, docs/domain.md D): messages to an agency
 * (留言、咨询、建议), answered on a clock and published after moderation.
 * Labels are what the public and staff read; the codes are stable.
 */

export const messageKinds = { question: '咨询', suggestion: '建议', complaint: '投诉', other: '其他' } as const;
export type MessageKind = keyof typeof messageKinds;

export const messageStates = {
  received: '已收到,待受理',
  accepted: '已受理,办理中',
  replied: '已答复,待公开审核',
  published: '已答复并公开',
  closed: '已办结(不公开)',
  merged: '已与相同留言合并办理',
} as const;
export type MessageState = keyof typeof messageStates;

/** What staff do to a message; each is declared as a form in participation.actions.ts. */
export const messageActionLabels = {
  accept: '受理',
  mark_simple: '标为简单咨询(1 个工作日内答复)',
  transfer: '转交主管机关',
  merge: '与相同留言合并',
  reply: '答复',
  publish: '审核并公开',
  withhold: '答复后不公开',
} as const;
export type MessageAction = keyof typeof messageActionLabels;

export const ratings = { satisfied: '满意', fairly_satisfied: '基本满意', dissatisfied: '不满意' } as const;
export type Rating = keyof typeof ratings;

/** A message as staff of the handling agency see it (the sender's name and contact included). */
export interface MessageRow {
  id: number;
  trackingCode: string;
  agencyId: number;
  agencyName: string;
  documentId: number | null;
  documentTitle: string | null;
  kind: MessageKind;
  subject: string;
  body: string;
  senderName: string;
  senderContact: string;
  keepPrivate: boolean;
  state: MessageState;
  simple: boolean;
  receivedOn: string;
  dueOn: string | null;
  repliedOn: string | null;
  reply: string | null;
  mergedInto: string | null;
  rating: Rating | null;
}

export interface MessageEvent {
  onDate: string;
  actor: string;
  action: string;
  fromState: MessageState | null;
  toState: MessageState;
  publicNote: string | null;
  details: Record<string, unknown>;
  at?: string;
}

/** A published exchange, as anyone reads it (国办发〔2017〕47号: 受理日期, 答复日期, 答复部门, the reply). */
export interface PublishedMessage {
  trackingCode: string;
  kind: MessageKind;
  subject: string;
  body: string;
  agencyName: string;
  receivedOn: string;
  repliedOn: string;
  reply: string;
  rating: Rating | null;
}

/** What the holder of a tracking code sees: no sender data. */
export interface MessageTracking {
  trackingCode: string;
  state: string;
  agencyName: string;
  receivedOn: string;
  dueOn: string | null;
  reply: string | null;
  repliedOn: string | null;
  rating: Rating | null;
  steps: { on: string; note: string }[];
}
