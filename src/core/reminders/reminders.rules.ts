import type { ReminderStage } from './reminders.types.ts';

/** Working days before the due date that staff are first reminded: the dashboard's "due soon" window. */
export const reminderWindowWorkingDays = 3;

/** Where a due date stands on `today`, or null while it is not yet in the window. */
export function stageOf(dueOn: string, today: string, soon: string): ReminderStage | null {
  if (dueOn < today) return 'overdue';
  return dueOn <= soon ? 'due_soon' : null;
}

/** The reminder's text, in the console and as the mail's subject. */
export function reminderTitle(stage: ReminderStage, kind: string, name: string, dueOn: string): string {
  return stage === 'overdue' ? `已逾期:${kind} ${name}(期限 ${dueOn})` : `即将到期:${kind} ${name}(期限 ${dueOn})`;
}

/** The mail a member of staff receives, in plain text, with the console link. */
export function reminderMailBody(displayName: string, titles: readonly { title: string; url: string }[]): string {
  const lines = titles.map(({ title, url }) => `- ${title}\n  ${url}`);
  return `${displayName}:\n\n以下事项需要您关注:\n\n${lines.join('\n')}\n\n请登录工作台办理。本邮件由系统自动发送,请勿回复。\n`;
}
