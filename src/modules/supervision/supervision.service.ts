import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockService } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { evidenceDownload, keepEvidence, type EvidenceUpload, type KeptEvidence } from './supervision.evidence.ts';
import { noticeAnswerWorkingDays, supervisionNoticeOf, type SupervisionNotice } from './supervision.notice.ts';
import { importForm, nameMappingForm, taskActionForms, taskForm, type TaskActionInput } from './supervision.actions.ts';
import { supervisionPolicy, type SupervisedCase } from './supervision.policy.ts';
import { findDocumentByNumber, findDocumentsWithTasks, findTasks, readDashboard, readDocumentHeading, type Dashboard, type DocumentHeading, type TaskListFilter, type TaskListItem } from './supervision.queries.ts';
import * as repository from './supervision.repository.ts';
import { readTaskSheet } from './supervision.sheet.ts';
import { allowedTaskActions, dueDateOfText, nextTaskState, taskSignalOf } from './supervision.rules.ts';
import { openTaskStates, taskStates, type EvidenceFile, type SupervisionEvent, type TaskAction, type TaskCandidate, type TaskRole, type TaskRow, type TaskSignal } from './supervision.types.ts';

/** The supervisor's warning window: a task due within this many working days is 临期 (yellow). */
export const dueSoonWorkingDays = 3;

export interface TaskFile {
  task: TaskRow;
  signal: TaskSignal | null;
  events: SupervisionEvent[];
  /** The evidence files the responsible agencies attached to their progress reports. */
  evidence: EvidenceFile[];
  /** The actions the reader may take now. */
  actions: TaskAction[];
  abilities: Record<'read' | 'report' | 'lead' | 'supervise', boolean>;
}

export interface ImportPreview {
  document: DocumentHeading;
  tasks: TaskCandidate[];
  /** Names no agency of the register stands for yet: a supervisor maps each once. */
  unresolved: string[];
}

export interface ImportResult {
  documentId: number;
  documentNumber: string | null;
  created: number;
  tasks: TaskListItem[];
}

export interface SupervisionService {
  documents(user: StaffUser): Promise<DocumentHeading[]>;
  preview(documentId: number, user: StaffUser): Promise<ImportPreview>;
  mapName(input: unknown, user: StaffUser, actor: Actor): Promise<void>;
  importDocument(documentId: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<ImportResult>;
  /** The same by 文号, for the CLI (gongkai tasks import). */
  importByNumber(documentNumber: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<ImportResult>;
  add(input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<number>;
  /** Tasks from a spreadsheet (任务分解表, XLSX): all rows or none, every problem listed by row. */
  importSheet(bytes: Buffer, user: StaffUser, actor: Actor, today?: string): Promise<{ created: number }>;
  list(filter: TaskListFilter, user: StaffUser, today?: string): Promise<TaskListItem[]>;
  file(id: number, user: StaffUser, today?: string): Promise<TaskFile>;
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<string>;
  dashboard(user: StaffUser, today?: string): Promise<Dashboard>;
  /** An evidence file for a progress report, from a clerk of an agency party to the open task; checked by content and size. */
  attachEvidence(id: number, file: EvidenceUpload, user: StaffUser, actor: Actor): Promise<KeptEvidence>;
  /** The level-th supervision notice (督办单) issued on a task, as printed, to whoever may see the task. */
  notice(id: number, level: number, user: StaffUser): Promise<SupervisionNotice>;
  /** An evidence file, to whoever may see the task. */
  evidence(id: number, position: number, user: StaffUser): Promise<{ name: string; contentType: string; data: Buffer }>;
}

const caseOf = (task: TaskRow): SupervisedCase => ({
  agencyIds: task.agencies.map((agency) => agency.id),
  leadAgencyIds: task.agencies.filter((agency) => agency.role === 'lead').map((agency) => agency.id),
});

/** Which ability each action needs: parties report, the lead asks to close, supervisors do the rest. */
const abilityFor = (action: TaskAction) => (action === 'report' ? 'report' : action === 'submit' ? 'lead' : 'supervise');

export function createSupervisionService(db: Database, clocks: ClockService, limits: { maxEvidenceBytes: number }): SupervisionService {
  async function soonFrom(today: string): Promise<string> {
    const { calendar } = await clocks.context();
    return calendar.addWorkingDays(today, dueSoonWorkingDays).date;
  }

  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<TaskRow> {
    const task = await repository.readTask(tx, id, { lock });
    if (!task || !supervisionPolicy.can(user, 'read', caseOf(task))) throw new AppError('not_found', '没有这项任务');
    return task;
  }

  async function preview(tx: Queryable, documentId: number): Promise<ImportPreview> {
    const document = await readDocumentHeading(tx, documentId);
    if (!document) throw new AppError('not_found', '文件库中没有这篇文件');
    const rows = await repository.documentTaskRows(tx, documentId);
    const names = [...new Set(rows.flatMap((row) => [...row.lead, ...row.responsible]))];
    const resolved = await repository.resolveAgencyNames(tx, names);
    const imported = await repository.importedSeqs(tx, documentId);
    const resolve = (name: string) => ({ name, agencyId: resolved.get(name) ?? null });
    return {
      document,
      tasks: rows.map((row) => ({ seq: row.seq, anchor: row.anchor, text: row.text, lead: row.lead.map(resolve), responsible: row.responsible.map(resolve), dueOn: dueDateOfText(row.due), imported: imported.has(row.seq) })),
      unresolved: names.filter((name) => !resolved.has(name)),
    };
  }

  async function importInto(document: DocumentHeading | null, input: unknown, user: StaffUser, actor: Actor, today: string): Promise<ImportResult> {
    supervisionPolicy.check(user, 'supervise');
    const { dueOn } = parseInput(formSchema(importForm), input);
    if (!document) throw new AppError('not_found', '文件库中没有这篇文件');
    if (dueOn !== undefined && dueOn < today) throw new AppError('validation_failed', `完成期限 ${dueOn} 早于交办日期 ${today}`);
    const created = await db.transaction(async (tx) => {
      const { tasks } = await preview(tx, document.id);
      if (tasks.length === 0) throw new AppError('validation_failed', '这篇文件没有可交办的任务(未识别出牵头或责任单位)');
      const problems: string[] = [];
      const wanted = tasks.filter((task) => !task.imported).map((task) => {
        const agencies = new Map<number, TaskRole>();
        for (const name of task.responsible) if (name.agencyId !== null) agencies.set(name.agencyId, 'responsible');
        for (const name of task.lead) if (name.agencyId !== null) agencies.set(name.agencyId, 'lead');
        const label = `第 ${task.seq + 1} 项任务(${task.text.slice(0, 20)}…)`;
        if (agencies.size === 0) problems.push(`${label}的单位(${[...task.lead, ...task.responsible].map((n) => n.name).join('、')})都没有对应的机关,请先对应`);
        const due = task.dueOn ?? dueOn;
        if (due === undefined) problems.push(`${label}文件未写明完成时限,请填写完成期限`);
        const unresolved = [...task.lead, ...task.responsible].filter((name) => name.agencyId === null).map((name) => name.name);
        return { task, agencies, due, unresolved };
      });
      if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'), { problems: problems.map((message) => ({ field: 'tasks', message })) });
      let count = 0;
      for (const { task, agencies, due, unresolved } of wanted) {
        const id = await repository.insertTask(tx, {
          documentId: document.id, documentSeq: task.seq, anchor: task.anchor, text: task.text, assignedOn: today, dueOn: due!, unresolved,
          agencies: [...agencies].map(([agencyId, role]) => ({ id: agencyId, role })),
        });
        if (id === null) continue;
        count += 1;
        await repository.insertEvent(tx, 'supervision_task', id, { onDate: today, actor: actor.id, action: 'create', fromState: null, toState: 'in_progress', agencyId: null, note: `据《${document.title}》交办`, details: { documentId: document.id, seq: task.seq } });
        await recordAudit(tx, actor, { action: 'supervision.create', subjectType: 'supervision_task', subjectId: String(id), after: { documentId: document.id, seq: task.seq, dueOn: due, agencies: [...agencies.keys()] } });
      }
      return count;
    });
    return { documentId: document.id, documentNumber: document.docNumber, created, tasks: await findTasks(db, { documentId: document.id }, null, today, await soonFrom(today)) };
  }

  return {
    async documents(user) {
      supervisionPolicy.check(user, 'supervise');
      return findDocumentsWithTasks(db);
    },

    async preview(documentId, user) {
      supervisionPolicy.check(user, 'supervise');
      return preview(db, documentId);
    },

    async mapName(input, user, actor) {
      supervisionPolicy.check(user, 'supervise');
      const { name, agencyId } = parseInput(formSchema(nameMappingForm), input);
      await db.transaction(async (tx) => {
        const agency = await readAgency(tx, agencyId);
        if (!agency) throw new AppError('validation_failed', '所选机关不存在');
        await repository.saveAgencyName(tx, name, agencyId, actor.id);
        await recordAudit(tx, actor, { action: 'supervision.map_name', subjectType: 'agency', subjectId: String(agencyId), after: { name } });
      });
    },

    async importDocument(documentId, input, user, actor, today = todayInChina()) {
      return importInto(await readDocumentHeading(db, documentId), input, user, actor, today);
    },

    async importByNumber(documentNumber, input, user, actor, today = todayInChina()) {
      return importInto(await findDocumentByNumber(db, documentNumber.trim()), input, user, actor, today);
    },

    async add(input, user, actor, today = todayInChina()) {
      supervisionPolicy.check(user, 'supervise');
      const parsed = parseInput(formSchema(taskForm), input);
      if (parsed.dueOn < today) throw new AppError('validation_failed', `完成期限 ${parsed.dueOn} 早于交办日期 ${today}`);
      if (parsed.responsibleAgencyId === parsed.leadAgencyId) throw new AppError('validation_failed', '责任单位与牵头单位相同');
      return db.transaction(async (tx) => {
        const agencies: { id: number; role: TaskRole }[] = [{ id: parsed.leadAgencyId, role: 'lead' }];
        if (parsed.responsibleAgencyId !== undefined) agencies.push({ id: parsed.responsibleAgencyId, role: 'responsible' });
        for (const agency of agencies) if (!(await readAgency(tx, agency.id))) throw new AppError('validation_failed', '所选机关不存在');
        const id = (await repository.insertTask(tx, { documentId: null, documentSeq: null, anchor: null, text: parsed.text, assignedOn: today, dueOn: parsed.dueOn, unresolved: [], agencies }))!;
        await repository.insertEvent(tx, 'supervision_task', id, { onDate: today, actor: actor.id, action: 'create', fromState: null, toState: 'in_progress', agencyId: null, note: '交办', details: {} });
        await recordAudit(tx, actor, { action: 'supervision.create', subjectType: 'supervision_task', subjectId: String(id), after: { dueOn: parsed.dueOn, agencies: agencies.map((a) => a.id) } });
        return id;
      });
    },

    async importSheet(bytes, user, actor, today = todayInChina()) {
      supervisionPolicy.check(user, 'supervise');
      const rows = await readTaskSheet(bytes);
      return db.transaction(async (tx) => {
        const resolved = await repository.resolveAgencyNames(tx, [...new Set(rows.flatMap((row) => [...row.lead, ...row.responsible]))]);
        const problems: string[] = [];
        const wanted = rows.map((row) => {
          const agencies = new Map<number, TaskRole>();
          for (const name of row.responsible) if (resolved.has(name)) agencies.set(resolved.get(name)!, 'responsible');
          for (const name of row.lead) if (resolved.has(name)) agencies.set(resolved.get(name)!, 'lead');
          if (agencies.size === 0) problems.push(`第 ${row.row} 行:单位(${[...row.lead, ...row.responsible].join('、') || '未填写'})没有对应的机关`);
          if (row.dueOn === null) problems.push(`第 ${row.row} 行:完成时限“${row.dueText}”不是日期`);
          else if (row.dueOn < today) problems.push(`第 ${row.row} 行:完成时限 ${row.dueOn} 早于交办日期 ${today}`);
          const unresolved = [...row.lead, ...row.responsible].filter((name) => !resolved.has(name));
          return { row, agencies, unresolved };
        });
        if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'), { problems: problems.map((message) => ({ field: 'sheet', message })) });
        for (const { row, agencies, unresolved } of wanted) {
          const id = (await repository.insertTask(tx, {
            documentId: null, documentSeq: null, anchor: null, text: row.text, assignedOn: today, dueOn: row.dueOn!, unresolved,
            agencies: [...agencies].map(([agencyId, role]) => ({ id: agencyId, role })),
          }))!;
          await repository.insertEvent(tx, 'supervision_task', id, { onDate: today, actor: actor.id, action: 'create', fromState: null, toState: 'in_progress', agencyId: null, note: `据任务分解表第 ${row.row} 行交办`, details: { row: row.row } });
          await recordAudit(tx, actor, { action: 'supervision.create', subjectType: 'supervision_task', subjectId: String(id), after: { row: row.row, dueOn: row.dueOn, agencies: [...agencies.keys()] } });
        }
        return { created: wanted.length };
      });
    },

    async list(filter, user, today = todayInChina()) {
      return findTasks(db, filter, user.agencyId, today, await soonFrom(today));
    },

    async file(id, user, today = todayInChina()) {
      const task = await readable(db, id, user);
      const abilities = supervisionPolicy.abilities(user, caseOf(task));
      const actions = allowedTaskActions(task.state).filter((action) => abilities[abilityFor(action)]);
      const signal = openTaskStates.includes(task.state) ? taskSignalOf(task.dueOn, today, await soonFrom(today)) : null;
      return { task, signal, events: await repository.readEvents(db, 'supervision_task', id), evidence: await repository.readEvidenceList(db, 'supervision_task', id), actions, abilities };
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(taskActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(taskActionForms[action]), input) as TaskActionInput<typeof action>;
      const soon = await soonFrom(today);
      return db.transaction(async (tx) => {
        const task = await readable(tx, id, user, true);
        supervisionPolicy.check(user, abilityFor(action), caseOf(task));
        const on = parsed.on;
        if (on < task.assignedOn || on > today) throw new AppError('validation_failed', `办理日期应在交办之日 ${task.assignedOn} 与今天之间`);
        nextTaskState(task.state, action);
        const step = await taskHandlers[action](parsed as never, { task, on, today, soon, user });
        const to = nextTaskState(task.state, action, step.late ?? false);
        await repository.updateTask(tx, id, { ...step.changes, state: to });
        await repository.insertEvent(tx, 'supervision_task', id, { onDate: on, actor: actor.id, action, fromState: task.state, toState: to, agencyId: user.agencyId, note: step.note, details: step.details ?? {} });
        await recordAudit(tx, actor, { action: `supervision.${action}`, subjectType: 'supervision_task', subjectId: String(id), before: { state: task.state }, after: { state: to, ...step.changes } });
        return to;
      });
    },

    async dashboard(user, today = todayInChina()) {
      supervisionPolicy.check(user, 'supervise');
      return readDashboard(db, today, await soonFrom(today));
    },

    async attachEvidence(id, file, user, actor) {
      return db.transaction(async (tx) => {
        const task = await readable(tx, id, user, true);
        supervisionPolicy.check(user, 'report', caseOf(task));
        if (!openTaskStates.includes(task.state)) throw new AppError('invalid_transition', `任务已${taskStates[task.state]},不能再添加证明材料`);
        return keepEvidence(tx, { type: 'supervision_task', id }, file, { actor, agencyId: user.agencyId, maxBytes: limits.maxEvidenceBytes });
      });
    },

    async notice(id, level, user) {
      const task = await readable(db, id, user);
      const notices = (await repository.readEvents(db, 'supervision_task', id)).filter((event) => event.action === 'notice');
      const notice = notices.find((event) => Number(event.details.level) === level);
      if (!notice) throw new AppError('not_found', '没有这份督办单');
      const { calendar } = await clocks.context();
      const earlier = notices.filter((event) => Number(event.details.level) < level);
      return supervisionNoticeOf(task, notice, earlier, calendar.addWorkingDays(notice.onDate, noticeAnswerWorkingDays).date);
    },

    async evidence(id, position, user) {
      await readable(db, id, user);
      return evidenceDownload(db, { type: 'supervision_task', id }, position);
    },
  };
}

interface TaskStepContext {
  task: TaskRow;
  on: string;
  today: string;
  soon: string;
  user: StaffUser;
}
interface TaskStepResult {
  changes: repository.TaskChanges;
  note: string;
  details?: Record<string, unknown>;
  /** Accepting: the work was reported done after the due date. */
  late?: boolean;
}

/** Each action's own work, keyed like the transition table (no switch). */
const taskHandlers: { [A in TaskAction]: (input: TaskActionInput<A>, step: TaskStepContext) => Promise<TaskStepResult> } = {
  async report({ progress, text }, { on, user }) {
    return { changes: { progress, lastReportOn: on }, note: `${user.agencyName ?? ''}报送进展(${progress}%):${text}`, details: { progress } };
  },
  async submit({ text }, { on }) {
    return { changes: { progress: 100, lastReportOn: on }, note: `牵头单位申请办结:${text}` };
  },
  async accept(_input, { task, on }) {
    // Late when the lead reported it done after the due date.
    const doneOn = task.lastReportOn ?? on;
    return { changes: { closedOn: on }, note: doneOn > task.dueOn ? `验收通过(${doneOn} 办结,逾期)` : '验收通过', late: doneOn > task.dueOn };
  },
  async send_back({ reason }) {
    return { changes: {}, note: `退回重办:${reason}`, details: { reason } };
  },
  async notice({ requirement }, { task, today, soon }) {
    if (taskSignalOf(task.dueOn, today, soon) === 'normal') throw new AppError('invalid_transition', '任务尚未临期或逾期,不需督办');
    const level = task.notices + 1;
    // A second notice escalates (三色督查单: the first 督办单, then 催办 to the agency's head).
    const kind = level === 1 ? '督办单' : `第 ${level} 次督办(升级催办)`;
    return { changes: { notices: level }, note: `发出${kind}:${requirement}`, details: { level, requirement } };
  },
  async close_unfinished({ reason }, { on }) {
    return { changes: { closedOn: on, closeReason: reason }, note: `未完成销项:${reason}` };
  },
  async cancel({ reason, approval }, { on }) {
    return { changes: { closedOn: on, closeReason: `${reason}(批准:${approval})` }, note: `经批准撤销:${reason}(${approval})` };
  },
};
