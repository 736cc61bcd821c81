/**
 * Supervised tasks (督查督办) and audit rectification (审计整改), docs/domain.md F.
 * Labels are what staff and the public read; the codes are stable.
 */

export const taskStates = {
  in_progress: '办理中',
  awaiting_acceptance: '已报办结,待验收',
  completed: '按期完成',
  completed_late: '逾期完成',
  not_completed: '未完成',
  cancelled: '经批准撤销',
} as const;
export type TaskState = keyof typeof taskStates;
export const openTaskStates: readonly TaskState[] = ['in_progress', 'awaiting_acceptance'];

/** What staff do to a task; each is declared as a form in supervision.actions.ts. */
export const taskActionLabels = {
  report: '报送进展',
  submit: '申请办结',
  accept: '验收通过',
  send_back: '退回重办',
  notice: '发督办单',
  close_unfinished: '未完成销项',
  cancel: '撤销任务',
} as const;
export type TaskAction = keyof typeof taskActionLabels;

/** How an open task stands by the clock: green, yellow, red. */
export const taskSignals = { normal: '正常', due_soon: '临期', overdue: '逾期' } as const;
export type TaskSignal = keyof typeof taskSignals;

export const taskRoles = { lead: '牵头单位', responsible: '责任单位' } as const;
export type TaskRole = keyof typeof taskRoles;

export interface TaskAgency {
  id: number;
  name: string;
  role: TaskRole;
}

export interface TaskRow {
  id: number;
  documentId: number | null;
  documentTitle: string | null;
  documentNumber: string | null;
  anchor: string | null;
  text: string;
  assignedOn: string;
  dueOn: string;
  state: TaskState;
  progress: number;
  lastReportOn: string | null;
  notices: number;
  closedOn: string | null;
  closeReason: string | null;
  unresolved: string[];
  agencies: TaskAgency[];
}

export interface SupervisionEvent {
  onDate: string;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string;
  agencyName?: string | null;
  agencyId: number | null;
  note: string | null;
  details: Record<string, unknown>;
  at?: string;
}

/** A name in a document's task tag, and the agency of the register it stands for, if any. */
export interface ResolvedName {
  name: string;
  agencyId: number | null;
}

/** One extracted task of a document, as the supervisor sees it before importing. */
export interface TaskCandidate {
  seq: number;
  anchor: string | null;
  text: string;
  lead: ResolvedName[];
  responsible: ResolvedName[];
  /** The due date the text gives, when it gives one. */
  dueOn: string | null;
  /** Already in the ledger. */
  imported: boolean;
}

export const auditItemStates = {
  open: '待整改',
  reported: '已报整改结果,待核查',
  planned: '尚未整改到位,限期整改中',
  closed: '已对账销号',
} as const;
export type AuditItemState = keyof typeof auditItemStates;

export const auditItemActionLabels = {
  report_result: '报送整改结果',
  plan: '报送限期整改计划',
  progress: '报告整改进展',
  extend: '延长整改期限',
  close: '对账销号',
  return: '退回整改',
} as const;
export type AuditItemAction = keyof typeof auditItemActionLabels;

export const auditKinds = { regular: '审计报告(决定)', investment: '政府投资项目审计' } as const;
export type AuditKind = keyof typeof auditKinds;

export interface AuditReportRow {
  id: number;
  title: string;
  reportNumber: string | null;
  kind: AuditKind;
  auditedAgencyId: number;
  auditedAgencyName: string;
  effectiveOn: string;
  noticeServedOn: string | null;
  auditStartsOn: string | null;
  draftSentOn: string | null;
  /** The last day for the unit's written comments on the draft (10 working days, 001 L1680). */
  draftDueOn: string | null;
  draftComment: string | null;
  draftCommentedOn: string | null;
  publishedAt: string | null;
}

export interface AuditItemRow {
  id: number;
  reportId: number;
  seq: number;
  problem: string;
  responsibility: string;
  measure: string;
  agencyId: number;
  agencyName: string;
  state: AuditItemState;
  result: string | null;
  evidence: string | null;
  planReason: string | null;
  plan: string | null;
  planDueOn: string | null;
  reportedOn: string | null;
  closedOn: string | null;
  /** The rectification clock's last day (90 days from the report taking effect, plus extensions). */
  dueOn: string | null;
}

/** What the public reads of a published audit report: the problems and whether each is rectified, no internal notes. */
export interface PublishedAuditReport {
  id: number;
  title: string;
  reportNumber: string | null;
  auditedAgencyName: string;
  effectiveOn: string;
  items: { seq: number; problem: string; measure: string; state: string; closedOn: string | null }[];
}

/** An evidence file (证明材料) as listed on its task or audit item. */
export interface EvidenceFile {
  position: number;
  name: string;
  mediaType: string;
  size: number;
  agencyName: string | null;
  addedAt: string;
}
