/** The two moments staff are reminded of a clock: when it is due within the window, and once it is overdue. */
export const reminderStages = { due_soon: '即将到期', overdue: '已逾期' } as const;
export type ReminderStage = keyof typeof reminderStages;

/** A clock that falls due, with the case it times, as one agency's staff see it. */
export interface DueCase {
  /** subject type, id and purpose: what a reminder is given once for. */
  key: string;
  subjectType: string;
  subjectId: number;
  purpose: string;
  /** 留言 · 答复 */
  kind: string;
  name: string;
  link: string;
  agencyIds: number[];
  dueOn: string;
  stage: ReminderStage;
}

/** A reminder a member of staff was given, in the console. */
export interface StaffReminder {
  id: number;
  stage: ReminderStage;
  dueOn: string;
  title: string;
  link: string;
  createdAt: string;
  read: boolean;
}

/** What the console shows a member of staff: what falls due for their agency (every agency for a supervisor), what waits, their reminders. */
export interface DueOverview {
  today: string;
  /** The end of the window: due by this day is "due soon". */
  soon: string;
  cases: DueCase[];
  pending: { label: string; link: string; count: number }[];
  unread: number;
}
