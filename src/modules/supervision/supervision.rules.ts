import { AppError } from '../../core/errors.ts';
import {
  auditItemActionLabels,
  auditItemStates,
  taskActionLabels,
  taskStates,
  type AuditItemAction,
  type AuditItemState,
  type TaskAction,
  type TaskSignal,
  type TaskState,
} from './supervision.types.ts';

/**
 * A task's state machine (立项 → 交办 → 办理 → 反馈 → 验收 → 办结, anchors.md):
 * for each state, the actions allowed and the state each leads to. Reporting
 * progress and issuing a supervision notice keep the state.
 */
const taskTransitions: Record<TaskState, Partial<Record<TaskAction, TaskState>>> = {
  in_progress: { report: 'in_progress', submit: 'awaiting_acceptance', notice: 'in_progress', close_unfinished: 'not_completed', cancel: 'cancelled' },
  awaiting_acceptance: { accept: 'completed', send_back: 'in_progress', cancel: 'cancelled' },
  completed: {},
  completed_late: {},
  not_completed: {},
  cancelled: {},
};

export function allowedTaskActions(state: TaskState): TaskAction[] {
  return Object.keys(taskTransitions[state]) as TaskAction[];
}

/** The state an action leads to; accepting a task finished after its due date closes it as completed late. */
export function nextTaskState(state: TaskState, action: TaskAction, late = false): TaskState {
  const next = Object.hasOwn(taskTransitions[state], action) ? taskTransitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedTaskActions(state).map((a) => taskActionLabels[a]).join('、');
    throw new AppError('invalid_transition', `任务当前“${taskStates[state]}”,不能${taskActionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next === 'completed' && late ? 'completed_late' : next;
}

/** An audit item's state machine (000 L215-218): results or a time-bound plan from the unit, 对账销号 or return by the audit bureau. */
const itemTransitions: Record<AuditItemState, Partial<Record<AuditItemAction, AuditItemState>>> = {
  open: { report_result: 'reported', plan: 'planned', progress: 'open', extend: 'open' },
  planned: { report_result: 'reported', progress: 'planned', extend: 'planned' },
  reported: { close: 'closed', return: 'open' },
  closed: {},
};

export function allowedItemActions(state: AuditItemState): AuditItemAction[] {
  return Object.keys(itemTransitions[state]) as AuditItemAction[];
}

export function nextItemState(state: AuditItemState, action: AuditItemAction): AuditItemState {
  const next = Object.hasOwn(itemTransitions[state], action) ? itemTransitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedItemActions(state).map((a) => auditItemActionLabels[a]).join('、');
    throw new AppError('invalid_transition', `整改事项当前“${auditItemStates[state]}”,不能${auditItemActionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next;
}

/**
 * Green, yellow or red: overdue after its due date, due soon from `soon` (the
 * supervisor's warning window, a few working days ahead) on.
 */
export function taskSignalOf(dueOn: string, today: string, soon: string): TaskSignal {
  if (dueOn < today) return 'overdue';
  if (dueOn <= soon) return 'due_soon';
  return 'normal';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The due date a task's tag gives ("完成时限:2021年6月底前", "2016年底前"), as a
 * date: a named day, the last day of a named month, or 31 December of a year.
 * Null when the text names no date ("长期坚持", "年内").
 */
export function dueDateOfText(text: string | null): string | null {
  if (!text) return null;
  const day = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return month >= 1 && month <= 12 && date >= 1 && date <= lastDayOf(year, month) ? `${year}-${pad(month)}-${pad(date)}` : null;
  }
  const month = /(\d{4})年(\d{1,2})月/.exec(text);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return m >= 1 && m <= 12 ? `${year}-${pad(m)}-${pad(lastDayOf(year, m))}` : null;
  }
  const year = /(\d{4})年(?:年)?底/.exec(text);
  return year ? `${year[1]}-12-31` : null;
}
