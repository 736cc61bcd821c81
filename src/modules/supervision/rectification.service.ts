import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockEvent, ClockService, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { evidenceDownload, keepEvidence, type EvidenceUpload, type KeptEvidence } from './supervision.evidence.ts';
import { auditItemActionForms, auditItemForm, auditReportForm, draftCommentForm, draftForm, type AuditItemActionInput } from './supervision.actions.ts';
import { supervisionPolicy, type SupervisedCase } from './supervision.policy.ts';
import { findAuditReports, findPublishedAuditReports, type AuditReportItem } from './supervision.queries.ts';
import * as repository from './supervision.repository.ts';
import { allowedItemActions, nextItemState } from './supervision.rules.ts';
import type { AuditItemAction, EvidenceFile, AuditItemRow, AuditReportRow, PublishedAuditReport, SupervisionEvent } from './supervision.types.ts';

/** The rectification clock of an item: 90 days from the report taking effect (000 L215), on the rule audit.rectification. */
const rectificationClock = (id: number): ClockSubject => ({ type: 'audit_item', id, purpose: 'rectification' });
export const rectificationRule = 'audit.rectification';
/** The audited unit's time to comment on a draft investment-audit report (001 L1680). */
const draftClock = (id: number): ClockSubject => ({ type: 'audit_report', id, purpose: 'draft_comment' });

export interface AuditItemView extends AuditItemRow {
  overdue: boolean;
  /** The actions the reader may take on this item now. */
  actions: AuditItemAction[];
  events: SupervisionEvent[];
  /** The evidence files the responsible unit attached to its results (evidence is their description). */
  evidenceFiles: EvidenceFile[];
}

export interface AuditReportFile {
  report: AuditReportRow;
  /** The draft's comment period ended without written comments: no objection (001 L1680). */
  deemedNoObjection: boolean;
  items: AuditItemView[];
  abilities: { supervise: boolean; comment: boolean };
}

export interface RectificationService {
  createReport(input: unknown, user: StaffUser, actor: Actor): Promise<number>;
  addItem(reportId: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<number>;
  reports(user: StaffUser, today?: string): Promise<AuditReportItem[]>;
  report(id: number, user: StaffUser, today?: string): Promise<AuditReportFile>;
  actOnItem(itemId: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<string>;
  /** Sends the draft report to the audited unit for comments: starts its 10 working days. */
  sendDraft(reportId: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  /** The audited unit's written comments on the draft, within its 10 working days. */
  commentOnDraft(reportId: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  /** Publishes the report's rectification results (000 L233). */
  publish(reportId: number, user: StaffUser, actor: Actor): Promise<void>;
  published(): Promise<PublishedAuditReport[]>;
  /** An evidence file for an open item's rectification results, from the responsible unit; checked by content and size. */
  attachEvidence(itemId: number, file: EvidenceUpload, user: StaffUser, actor: Actor): Promise<KeptEvidence>;
  /** An evidence file, to whoever may see the item. */
  evidence(itemId: number, position: number, user: StaffUser): Promise<{ name: string; contentType: string; data: Buffer }>;
}

const itemCase = (item: AuditItemRow): SupervisedCase => ({ agencyIds: [item.agencyId], leadAgencyIds: [item.agencyId] });
const abilityFor = (action: AuditItemAction) => (action === 'report_result' || action === 'plan' || action === 'progress' ? 'report' : 'supervise');

export function createRectificationService(db: Database, clocks: ClockService, limits: { maxEvidenceBytes: number }): RectificationService {
  async function readableItem(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<AuditItemRow> {
    const item = await repository.readAuditItem(tx, id, { lock });
    if (!item || !supervisionPolicy.can(user, 'read', itemCase(item))) throw new AppError('not_found', '没有这项整改事项');
    return item;
  }

  async function readableReport(tx: Queryable, id: number, user: StaffUser): Promise<{ report: AuditReportRow; items: AuditItemRow[] }> {
    const report = await repository.readAuditReport(tx, id);
    if (!report) throw new AppError('not_found', '没有这份审计报告');
    const all = await repository.readAuditItems(tx, id);
    const items = all.filter((item) => supervisionPolicy.can(user, 'read', itemCase(item)));
    if (user.agencyId !== null && report.auditedAgencyId !== user.agencyId && items.length === 0) throw new AppError('not_found', '没有这份审计报告');
    return { report, items: user.agencyId === report.auditedAgencyId ? all : items };
  }

  return {
    async createReport(input, user, actor) {
      supervisionPolicy.check(user, 'supervise');
      const parsed = parseInput(formSchema(auditReportForm), input);
      if (parsed.kind === 'investment') {
        if (!parsed.noticeServedOn || !parsed.auditStartsOn) throw new AppError('validation_failed', '政府投资项目审计请填写审计通知书送达日期和实施审计日期');
        // 001 L1652: served at least 3 working days before the audit, unless the district government approved going straight in.
        const { rules, calendar } = await clocks.context();
        const notice = rules.get('audit.notice')!;
        const ahead = calendar.countWorkingDays(parsed.noticeServedOn, parsed.auditStartsOn);
        if (ahead < notice.limit && !parsed.urgent) {
          throw new AppError('validation_failed', `审计通知书应在实施审计 ${notice.limit} 个工作日前送达(${notice.source}),现只提前 ${Math.max(ahead, 0)} 个工作日`);
        }
      }
      return db.transaction(async (tx) => {
        if (!(await readAgency(tx, parsed.auditedAgencyId))) throw new AppError('validation_failed', '所选被审计单位不存在');
        const id = await repository.insertAuditReport(tx, parsed);
        await recordAudit(tx, actor, { action: 'rectification.create_report', subjectType: 'audit_report', subjectId: String(id), after: { ...parsed } });
        return id;
      });
    },

    async addItem(reportId, input, user, actor, today = todayInChina()) {
      supervisionPolicy.check(user, 'supervise');
      const parsed = parseInput(formSchema(auditItemForm), input);
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const report = await repository.readAuditReport(tx, reportId);
        if (!report) throw new AppError('not_found', '没有这份审计报告');
        const agencyId = parsed.agencyId ?? report.auditedAgencyId;
        if (!(await readAgency(tx, agencyId))) throw new AppError('validation_failed', '所选整改责任单位不存在');
        const id = await repository.insertAuditItem(tx, reportId, { ...parsed, agencyId });
        await clocks.record(tx, context, rectificationClock(id), { kind: 'started', on: report.effectiveOn, rule: rectificationRule }, today);
        await repository.insertEvent(tx, 'audit_item', id, { onDate: today, actor: actor.id, action: 'create', fromState: null, toState: 'open', agencyId, note: '列入整改台账', details: {} });
        await recordAudit(tx, actor, { action: 'rectification.add_item', subjectType: 'audit_item', subjectId: String(id), after: { reportId, agencyId, problem: parsed.problem } });
        return id;
      });
    },

    async reports(user, today = todayInChina()) {
      return findAuditReports(db, user.agencyId, today);
    },

    async report(id, user, today = todayInChina()) {
      const { report, items } = await readableReport(db, id, user);
      const views = await Promise.all(
        items.map(async (item) => {
          const abilities = supervisionPolicy.abilities(user, itemCase(item));
          return {
            ...item,
            overdue: item.state !== 'closed' && item.dueOn !== null && item.dueOn < today,
            actions: allowedItemActions(item.state).filter((action) => abilities[abilityFor(action)]),
            events: await repository.readEvents(db, 'audit_item', item.id),
            evidenceFiles: await repository.readEvidenceList(db, 'audit_item', item.id),
          };
        }),
      );
      const deemedNoObjection = report.draftSentOn !== null && report.draftComment === null && report.draftDueOn !== null && report.draftDueOn < today;
      const comment = report.draftSentOn !== null && report.draftComment === null && supervisionPolicy.can(user, 'report', { agencyIds: [report.auditedAgencyId], leadAgencyIds: [] });
      return { report, deemedNoObjection, items: views, abilities: { supervise: supervisionPolicy.can(user, 'supervise'), comment } };
    },

    async actOnItem(itemId, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(auditItemActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(auditItemActionForms[action]), input) as AuditItemActionInput<typeof action>;
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const item = await readableItem(tx, itemId, user, true);
        supervisionPolicy.check(user, abilityFor(action), itemCase(item));
        const report = (await repository.readAuditReport(tx, item.reportId))!;
        const on = parsed.on;
        if (on < report.effectiveOn || on > today) throw new AppError('validation_failed', `办理日期应在审计报告生效之日 ${report.effectiveOn} 与今天之间`);
        const to = nextItemState(item.state, action);
        const clock = (event: ClockEvent) => clocks.record(tx, context, rectificationClock(itemId), event, today);
        const step = await itemHandlers[action](parsed as never, { item, on, clock, user, evidenceFiles: () => repository.readEvidenceList(tx, 'audit_item', itemId) });
        await repository.updateAuditItem(tx, itemId, { ...step.changes, state: to });
        await repository.insertEvent(tx, 'audit_item', itemId, { onDate: on, actor: actor.id, action, fromState: item.state, toState: to, agencyId: user.agencyId, note: step.note, details: step.details ?? {} });
        await recordAudit(tx, actor, { action: `rectification.${action}`, subjectType: 'audit_item', subjectId: String(itemId), before: { state: item.state }, after: { state: to, ...step.changes } });
        return to;
      });
    },

    async sendDraft(reportId, input, user, actor, today = todayInChina()) {
      supervisionPolicy.check(user, 'supervise');
      const { on } = parseInput(formSchema(draftForm), input);
      if (on > today) throw new AppError('validation_failed', '送达日期不能晚于今天');
      const context = await clocks.context();
      await db.transaction(async (tx) => {
        const report = await repository.readAuditReport(tx, reportId);
        if (!report) throw new AppError('not_found', '没有这份审计报告');
        if (report.kind !== 'investment') throw new AppError('invalid_transition', '只有政府投资项目审计按此程序征求意见');
        if (report.draftSentOn) throw new AppError('invalid_transition', '征求意见稿已经送达');
        await clocks.record(tx, context, draftClock(reportId), { kind: 'started', on, rule: 'audit.draft_comment' }, today);
        await repository.recordDraft(tx, reportId, { sentOn: on });
        await recordAudit(tx, actor, { action: 'rectification.send_draft', subjectType: 'audit_report', subjectId: String(reportId), after: { draftSentOn: on } });
      });
    },

    async commentOnDraft(reportId, input, user, actor, today = todayInChina()) {
      const { on, comment } = parseInput(formSchema(draftCommentForm), input);
      const context = await clocks.context();
      await db.transaction(async (tx) => {
        const report = await repository.readAuditReport(tx, reportId);
        if (!report || (user.agencyId !== null && user.agencyId !== report.auditedAgencyId)) throw new AppError('not_found', '没有这份审计报告');
        supervisionPolicy.check(user, 'report', { agencyIds: [report.auditedAgencyId], leadAgencyIds: [] });
        if (!report.draftSentOn || report.draftComment !== null) throw new AppError('invalid_transition', '没有待提意见的征求意见稿');
        if (on < report.draftSentOn || on > today) throw new AppError('validation_failed', `意见日期应在送达之日 ${report.draftSentOn} 与今天之间`);
        // 001 L1680: after the 10 working days silence counts as no objection, and later comments are not taken.
        if (report.draftDueOn !== null && on > report.draftDueOn) throw new AppError('invalid_transition', `提出意见的期限已于 ${report.draftDueOn} 届满,视同无异议`);
        await clocks.record(tx, context, draftClock(reportId), { kind: 'stopped', on, reason: '已提出书面意见' }, today);
        await repository.recordDraft(tx, reportId, { comment, commentedOn: on });
        await recordAudit(tx, actor, { action: 'rectification.comment_draft', subjectType: 'audit_report', subjectId: String(reportId), after: { on } });
      });
    },

    async publish(reportId, user, actor) {
      supervisionPolicy.check(user, 'supervise');
      await db.transaction(async (tx) => {
        const report = await repository.readAuditReport(tx, reportId);
        if (!report) throw new AppError('not_found', '没有这份审计报告');
        if (report.publishedAt) throw new AppError('invalid_transition', '整改结果已经公开');
        if ((await repository.readAuditItems(tx, reportId)).length === 0) throw new AppError('invalid_transition', '报告尚无整改事项,不能公开');
        await repository.markReportPublished(tx, reportId);
        await recordAudit(tx, actor, { action: 'rectification.publish', subjectType: 'audit_report', subjectId: String(reportId), after: { published: true } });
      });
    },

    published: () => findPublishedAuditReports(db),

    async attachEvidence(itemId, file, user, actor) {
      return db.transaction(async (tx) => {
        const item = await readableItem(tx, itemId, user, true);
        supervisionPolicy.check(user, 'report', itemCase(item));
        if (item.state === 'closed') throw new AppError('invalid_transition', '整改事项已对账销号,不能再添加证明材料');
        return keepEvidence(tx, { type: 'audit_item', id: itemId }, file, { actor, agencyId: user.agencyId, maxBytes: limits.maxEvidenceBytes });
      });
    },

    async evidence(itemId, position, user) {
      await readableItem(db, itemId, user);
      return evidenceDownload(db, { type: 'audit_item', id: itemId }, position);
    },
  };
}

interface ItemStepContext {
  item: AuditItemRow;
  on: string;
  clock(event: ClockEvent): ReturnType<ClockService['record']>;
  user: StaffUser;
  /** The files already attached to the item. */
  evidenceFiles(): Promise<EvidenceFile[]>;
}
interface ItemStepResult {
  changes: repository.AuditItemChanges;
  note: string;
  details?: Record<string, unknown>;
}

/** Each action's own work, keyed like the transition table (no switch). */
const itemHandlers: { [A in AuditItemAction]: (input: AuditItemActionInput<A>, step: ItemStepContext) => Promise<ItemStepResult> } = {
  async report_result({ result, evidence }, { on, evidenceFiles }) {
    // Results are reported with their proof (000 L218): files attached first, or at least a description of it.
    const files = await evidenceFiles();
    if (files.length === 0 && !evidence) throw new AppError('validation_failed', '请上传证明材料,或写明证明材料', { problems: [{ field: 'evidence', message: '请上传证明材料,或写明证明材料' }] });
    const listed = files.map((file) => file.name).join('、');
    return { changes: { result, evidence: evidence ?? listed, reportedOn: on }, note: `报送整改结果:${result}${files.length > 0 ? `(证明材料:${listed})` : ''}` };
  },
  async plan({ reason, plan, planDueOn }, { on }) {
    // 000 L215: what is not yet rectified needs its reasons and a time-bound plan.
    if (planDueOn <= on) throw new AppError('validation_failed', `计划完成日期 ${planDueOn} 应在报送之日 ${on} 之后`);
    return { changes: { planReason: reason, plan, planDueOn, reportedOn: on }, note: `尚未整改到位(${reason}),计划 ${planDueOn} 前完成:${plan}` };
  },
  async progress({ text }) {
    return { changes: {}, note: `整改进展:${text}` };
  },
  async extend({ days, reason }, { on, clock, user }) {
    // 000 L223: an extension is reported with its reasons.
    const state = await clock({ kind: 'extended', on, days, approver: user.displayName, basis: reason });
    return { changes: {}, note: `整改期限延长 ${days} 日至 ${state.due}:${reason}`, details: { days, due: state.due } };
  },
  async close(_input, { on, clock }) {
    await clock({ kind: 'stopped', on, reason: '对账销号' });
    return { changes: { closedOn: on }, note: '核查属实,对账销号' };
  },
  async return({ reason }) {
    return { changes: {}, note: `退回整改:${reason}`, details: { reason } };
  },
};
