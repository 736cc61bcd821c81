import { recordAudit, type Actor } from '../audit/audit.ts';
import type { StaffUser } from '../auth/auth.types.ts';
import { dayNumberOf, isoDateOf, todayInChina, type CalendarService } from '../calendar/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { MailService } from '../mail/index.ts';
import type { DueWork, PendingWork } from '../module.ts';
import { repeatEvery } from '../repeat.ts';
import { emailOf, markRead, recordReminders, remindersOf, setEmail, staffOfAgencies, unreadCount, type NewReminder } from './reminders.repository.ts';
import { reminderMailBody, reminderTitle, reminderWindowWorkingDays, stageOf } from './reminders.rules.ts';
import type { DueCase, DueOverview, StaffReminder } from './reminders.types.ts';

export interface ReminderService {
  /** What falls due for the user's agency (every agency's for a supervisor), the most urgent first, and what waits without a clock. */
  overview(user: StaffUser, today?: string): Promise<DueOverview>;
  reminders(user: StaffUser, limit?: number): Promise<StaffReminder[]>;
  unread(user: StaffUser): Promise<number>;
  /** Marks the user's reminders read (these ids, or all). */
  markRead(user: StaffUser, ids: readonly number[] | null): Promise<number>;
  email(user: StaffUser): Promise<string | null>;
  /** The address the user's reminders are mailed to (null: console only). */
  setEmail(user: StaffUser, email: string | null, actor: Actor): Promise<void>;
  /**
   * The job: gives each member of staff, once, every reminder now due (in the
   * console, and in one mail per person through the outbox), in one
   * transaction; run again, or by two servers at once, it gives nothing twice.
   */
  remind(today?: string): Promise<{ reminders: number; mails: number }>;
  /** Runs the job every `minutes` until the returned function is called. */
  schedule(minutes: number, onError: (error: unknown) => void): () => void;
}

export interface ReminderSources {
  work: Readonly<Record<string, DueWork>>;
  pending: readonly PendingWork[];
}

/** Who the audit log names for what the reminder job does by itself. */
const reminderJob = { id: 'system:reminders' };

/** The most the console's overview shows, of each kind: the most urgent. */
const overviewLimit = 500;
/** The most one run of the job reminds of, of each kind (the most urgent; the next run takes the rest). */
const reminderJobLimit = 20_000;

export function createReminderService(db: Database, calendar: CalendarService, mail: MailService, sources: ReminderSources, publicUrl: string): ReminderService {
  /** What falls due by the end of the window, every module's, for one agency or every agency (null), most urgent first. */
  async function dueCases(today: string, agencyId: number | null, limit: number, from?: string): Promise<{ soon: string; cases: DueCase[] }> {
    const soon = (await calendar.current()).addWorkingDays(today, reminderWindowWorkingDays).date;
    const cases: DueCase[] = [];
    for (const [type, work] of Object.entries(sources.work)) {
      for (const row of await work.due(db, { until: soon, from, agencyId, limit })) {
        const stage = stageOf(row.dueOn, today, soon);
        if (!stage) continue;
        const purpose = work.purposes?.[row.purpose];
        cases.push({
          key: `${type}:${row.id}:${row.purpose}`,
          subjectType: type,
          subjectId: row.id,
          purpose: row.purpose,
          kind: purpose ? `${work.label} · ${purpose}` : work.label,
          name: row.name,
          link: row.link,
          agencyIds: row.agencyIds,
          dueOn: row.dueOn,
          stage,
        });
      }
    }
    cases.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
    return { soon, cases: cases.slice(0, limit) };
  }

  async function remind(today = todayInChina()) {
    // A month back: what fell due before that was reminded then (or is on the dashboard).
    const { cases } = await dueCases(today, null, reminderJobLimit, isoDateOf(dayNumberOf(today)! - 31));
    const staff = cases.length === 0 ? [] : await staffOfAgencies(db, [...new Set(cases.flatMap((due) => due.agencyIds))]);
    const rows: NewReminder[] = [];
    for (const due of cases) {
      for (const person of staff.filter((member) => due.agencyIds.includes(member.agencyId))) {
        rows.push({ userId: person.userId, subjectType: due.subjectType, subjectId: due.subjectId, purpose: due.purpose, stage: due.stage, dueOn: due.dueOn, title: reminderTitle(due.stage, due.kind, due.name, due.dueOn), link: due.link });
      }
    }
    return db.transaction(async (tx) => {
      const recorded = await recordReminders(tx, rows);
      let mails = 0;
      for (const person of staff) {
        const mine = recorded.filter((reminder) => reminder.userId === person.userId);
        if (mine.length === 0 || !person.email) continue;
        const items = mine.map((reminder) => ({ title: reminder.title, url: `${publicUrl}/console${reminder.link}` }));
        await mail.queue(tx, { recipient: person.email, subject: `【工作提醒】${mine.length} 项事项即将到期或已逾期`, body: reminderMailBody(person.displayName, items), aboutType: 'user', aboutId: String(person.userId) });
        mails += 1;
      }
      if (recorded.length > 0) await recordAudit(tx, reminderJob, { action: 'reminders.remind', subjectType: 'reminders', subjectId: today, after: { reminders: recorded.length, mails } });
      return { reminders: recorded.length, mails };
    });
  }

  return {
    async overview(user, today = todayInChina()) {
      // A system administrator handles no cases; a supervisor (no agency) watches every agency.
      if (user.role === 'system_admin') return { today, soon: today, cases: [], pending: [], unread: await unreadCount(db, user.id) };
      const agencyId = user.agencyId;
      const [{ soon, cases }, unread, pending] = await Promise.all([
        dueCases(today, agencyId, overviewLimit),
        unreadCount(db, user.id),
        Promise.all(sources.pending.map(async (work) => ({ label: work.label, link: work.link, count: await work.count(db, agencyId) }))),
      ]);
      return { today, soon, cases, pending, unread };
    },
    reminders: (user, limit = 100) => remindersOf(db, user.id, Math.min(limit, 500)),
    unread: (user) => unreadCount(db, user.id),
    markRead: (user, ids) => db.transaction((tx) => markRead(tx, user.id, ids)),
    email: (user) => emailOf(db, user.id),
    async setEmail(user, email, actor) {
      await db.transaction(async (tx: Queryable) => {
        const before = await emailOf(tx, user.id);
        await setEmail(tx, user.id, email);
        await recordAudit(tx, actor, { action: 'user.set_reminder_email', subjectType: 'user', subjectId: String(user.id), before: { email: before }, after: { email } });
      });
    },
    remind,
    schedule: (minutes, onError) => repeatEvery(minutes * 60_000, () => remind(), onError, { runNow: true }),
  };
}
