/**
 * Consultations on drafts (公开征求意见, docs/domain.md D): a draft open for
 * comment in a window, comments moderated before they are public, and the
 * feedback report (意见采纳情况) due within 10 working days after the
 * decision document is issued (001 L392, 002 L10-11).
 */

/** Where a consultation stands; derived from its dates and report, never stored. */
export const consultationStates = { upcoming: '即将开始', open: '正在征求意见', closed: '征求意见已结束', reported: '已公布意见采纳情况' } as const;
export type ConsultationState = keyof typeof consultationStates;

export const commentStates = { pending: '待审核', published: '已公开', rejected: '不予公开' } as const;
export type CommentState = keyof typeof commentStates;

export const adoptions = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '未采纳' } as const;
export type Adoption = keyof typeof adoptions;

/** What staff do to a consultation, and to one of its comments; each is a declared form (consultation.actions.ts). */
export const consultationActionLabels = { revise: '修改草案(形成新的征求意见稿)', decide: '登记决策文件(开始意见采纳情况公开计时)', report: '公布意见采纳情况' } as const;
export type ConsultationAction = keyof typeof consultationActionLabels;
export const commentActionLabels = { publish: '审核并公开', reject: '不予公开', assess: '标注采纳情况' } as const;
export type CommentAction = keyof typeof commentActionLabels;

export interface ConsultationRow {
  id: number;
  agencyId: number;
  agencyName: string;
  title: string;
  draftText: string | null;
  /** The draft's current version: 1 when opened, one more at each revision. */
  draftVersion: number;
  draftDocumentId: number | null;
  draftDocumentTitle: string | null;
  explanation: string;
  howToComment: string;
  opensOn: string;
  closesOn: string;
  /** Why the window is shorter than the rule; published. */
  shortWindowReason: string | null;
  decisionDocumentId: number | null;
  decisionDocumentTitle: string | null;
  decisionIssuedOn: string | null;
  report: FeedbackReport | null;
  /** The feedback report's due date while its clock runs (or once stopped, the day it was due). */
  reportDueOn: string | null;
}

export interface FeedbackReport {
  summary: string;
  adopted: string;
  notAdopted: string;
  publishedOn: string;
}

/** A comment as the consulting agency's staff see it (the sender included). */
export interface CommentRow {
  id: number;
  article: string | null;
  body: string;
  senderName: string;
  senderContact: string;
  state: CommentState;
  adoption: Adoption | null;
  adoptionReason: string | null;
  theme: string | null;
  receivedOn: string;
}

/** A published comment, as anyone reads it: never the sender. */
export interface PublicComment {
  article: string | null;
  /** The draft's version it was made on. */
  draftVersion: number;
  body: string;
  receivedOn: string;
  adoption: Adoption | null;
  adoptionReason: string | null;
}

/** The public list (GET /api/consultations: a fixed contract). */
export interface ConsultationListItem {
  id: number;
  title: string;
  agencyName: string;
  opensOn: string;
  closesOn: string;
  state: ConsultationState;
  commentCount: number;
  reportPublishedOn: string | null;
}

/** The counts the feedback report states: how many comments, how many adopted. */
export interface CommentCounts {
  total: number;
  published: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
}
