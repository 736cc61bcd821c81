import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockExplanation, ClockService, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { getDocument } from '../documents/index.ts';
import { commentActionForms, commentForm, consultationActionForms, consultationForm, type CommentActionInput, type ConsultationActionInput } from './consultation.actions.ts';
import { exportComments, exportFormats } from './consultation.export.ts';
import { countComments, findConsultations, findPublicComments, type ConsultationSummary } from './consultation.queries.ts';
import * as repository from './consultation.repository.ts';
import { articlesOf, commentPeriodRule, consultationStateOn, feedbackRule, windowDays } from './consultation.rules.ts';
import type { CommentAction, CommentCounts, CommentRow, ConsultationAction, ConsultationListItem, ConsultationRow, ConsultationState, PublicComment } from './consultation.types.ts';
import { messagePolicy as policy } from './participation.policy.ts';

/** The feedback report's clock: 10 working days from the decision document's issue. */
const feedbackClock = (id: number): ClockSubject => ({ type: 'participation_consultation', id, purpose: 'feedback' });
const subjectType = 'participation_consultation';

/** What anyone reads of a consultation: the draft by article, the moderated comments, the report. */
export interface PublicConsultation {
  consultation: Omit<ConsultationRow, 'reportDueOn'>;
  state: ConsultationState;
  articles: { label: string; text: string }[];
  comments: PublicComment[];
  counts: CommentCounts;
  /** Every version of the draft, the first as opened, each later one with the reason for the change. */
  versions: repository.DraftVersion[];
}

export interface ConsultationFile {
  consultation: ConsultationRow;
  state: ConsultationState;
  comments: CommentRow[];
  counts: CommentCounts;
  clock: ClockExplanation | null;
  /** The actions on the consultation the reader may take now. */
  actions: ConsultationAction[];
  abilities: Record<'read' | 'handle' | 'moderate', boolean>;
}

export interface StaffConsultationItem extends ConsultationSummary {
  state: ConsultationState;
}

export interface ConsultationService {
  open(input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<number>;
  comment(id: number, input: unknown, actor: Actor, today?: string): Promise<void>;
  list(today?: string): Promise<ConsultationListItem[]>;
  view(id: number, today?: string): Promise<PublicConsultation | null>;
  staffList(user: StaffUser, today?: string): Promise<StaffConsultationItem[]>;
  file(id: number, user: StaffUser, today?: string): Promise<ConsultationFile>;
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  actOnComment(id: number, commentId: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  /** Every comment with its sender, as a spreadsheet: the consulting agency's staff (and supervisors) only. */
  exportComments(id: number, format: string, user: StaffUser): Promise<{ name: string; contentType: string; data: Buffer }>;
}

export function createConsultationService(db: Database, clocks: ClockService): ConsultationService {
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<ConsultationRow> {
    const consultation = await repository.readConsultation(tx, id, { lock });
    if (!consultation || !policy.can(user, 'read', consultation)) throw new AppError('not_found', '没有这项征求意见');
    return consultation;
  }
  const stateOf = (c: ConsultationRow | ConsultationSummary, today: string) =>
    consultationStateOn({ opensOn: c.opensOn, closesOn: c.closesOn, reportPublishedOn: 'report' in c ? (c.report?.publishedOn ?? null) : c.reportPublishedOn }, today);
  /** The actions the state allows, before the policy is asked. */
  function allowedActions(c: ConsultationRow, today: string): ConsultationAction[] {
    const state = stateOf(c, today);
    if (state === 'closed' && c.decisionIssuedOn === null) return ['decide'];
    if (state === 'closed') return ['report'];
    // While it is open (or about to open) the draft may be revised; comments keep the version they were made on.
    return state === 'upcoming' || state === 'open' ? ['revise'] : [];
  }

  return {
    async open(input, user, actor, today = todayInChina()) {
      policy.check(user, 'handle');
      const parsed = parseInput(formSchema(consultationForm), input);
      if (!parsed.draftText && parsed.draftDocumentId === undefined) throw new AppError('validation_failed', '请填写草案全文或选择草案文件');
      if (parsed.closesOn < parsed.opensOn) throw new AppError('validation_failed', '截止日期不能早于开始日期');
      if (parsed.draftDocumentId !== undefined && !(await getDocument(db, parsed.draftDocumentId, today))) throw new AppError('validation_failed', '草案文件不存在');
      const period = (await clocks.context()).rules.get(commentPeriodRule);
      const days = windowDays(parsed.opensOn, parsed.closesOn);
      if (period && days < period.limit && !parsed.shortWindowReason) {
        throw new AppError('validation_failed', `征求意见期为 ${days} 日,少于规定的 ${period.limit} 日(${period.source}),请说明缩短期限的理由`);
      }
      return db.transaction(async (tx) => {
        if (!(await readAgency(tx, user.agencyId!))) throw new AppError('validation_failed', '所在机关不存在');
        const id = await repository.insertConsultation(tx, user.agencyId!, parsed);
        await repository.insertFirstDraft(tx, id, parsed.draftText ?? null, parsed.opensOn);
        await recordAudit(tx, actor, { action: 'participation.consultation_open', subjectType, subjectId: String(id), after: { title: parsed.title, opensOn: parsed.opensOn, closesOn: parsed.closesOn } });
        return id;
      });
    },

    async comment(id, input, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(commentForm), input);
      await db.transaction(async (tx) => {
        const consultation = await repository.readConsultation(tx, id);
        if (!consultation) throw new AppError('not_found', '没有这项征求意见');
        if (stateOf(consultation, today) !== 'open') throw new AppError('invalid_transition', `征求意见期为 ${consultation.opensOn} 至 ${consultation.closesOn},现在不能提交意见`);
        if (parsed.article !== undefined && !articlesOf(consultation.draftText).some((a) => a.label === parsed.article)) throw new AppError('validation_failed', '草案中没有这一条款');
        const commentId = await repository.insertComment(tx, id, parsed, today);
        await recordAudit(tx, actor, { action: 'participation.comment', subjectType, subjectId: String(id), after: { commentId, article: parsed.article ?? null } });
      });
    },

    async list(today = todayInChina()) {
      return (await findConsultations(db, null)).map((c) => ({
        id: c.id, title: c.title, agencyName: c.agencyName, opensOn: c.opensOn, closesOn: c.closesOn, state: stateOf(c, today), commentCount: c.commentCount, reportPublishedOn: c.reportPublishedOn,
      }));
    },

    async view(id, today = todayInChina()) {
      const row = await repository.readConsultation(db, id);
      if (!row) return null;
      const { reportDueOn: _due, ...consultation } = row;
      return { consultation, state: stateOf(row, today), articles: articlesOf(row.draftText), comments: await findPublicComments(db, id), counts: await countComments(db, id), versions: await repository.draftVersions(db, id) };
    },

    async staffList(user, today = todayInChina()) {
      policy.check(user, 'read');
      return (await findConsultations(db, user.agencyId)).map((c) => ({ ...c, state: stateOf(c, today) }));
    },

    async file(id, user, today = todayInChina()) {
      const consultation = await readable(db, id, user);
      const abilities = policy.abilities(user, consultation);
      const actions = allowedActions(consultation, today).filter((a) => (a === 'report' ? abilities.moderate : abilities.handle));
      return {
        consultation, state: stateOf(consultation, today), comments: await repository.readComments(db, id), counts: await countComments(db, id),
        clock: await clocks.explain(db, feedbackClock(id), today), actions, abilities,
      };
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(consultationActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(consultationActionForms[action]), input);
      const document = action === 'decide' ? await getDocument(db, (parsed as ConsultationActionInput<'decide'>).documentId, today) : null;
      const context = await clocks.context();
      await db.transaction(async (tx) => {
        const consultation = await readable(tx, id, user, true);
        policy.check(user, action === 'report' ? 'moderate' : 'handle', consultation);
        if (!allowedActions(consultation, today).includes(action)) {
          const reason = stateOf(consultation, today) === 'open' || stateOf(consultation, today) === 'upcoming' ? '征求意见期结束后才能办理' : '当前不能办理这项操作';
          throw new AppError('invalid_transition', reason, { action });
        }
        if (action === 'revise') {
          const { draftText, reason } = parsed as ConsultationActionInput<'revise'>;
          const version = await repository.reviseDraft(tx, id, draftText, reason, today);
          await recordAudit(tx, actor, { action: 'participation.consultation_revise', subjectType, subjectId: String(id), before: { version: consultation.draftVersion }, after: { version, reason } });
          return;
        }
        if (action === 'decide') {
          const { documentId, issuedOn } = parsed as ConsultationActionInput<'decide'>;
          if (!document) throw new AppError('validation_failed', '决策文件不存在');
          if (issuedOn < consultation.opensOn || issuedOn > today) throw new AppError('validation_failed', `印发日期应在征求意见开始之日 ${consultation.opensOn} 与今天之间`);
          await repository.recordDecision(tx, id, documentId, issuedOn);
          const clock = await clocks.record(tx, context, feedbackClock(id), { kind: 'started', on: issuedOn, rule: feedbackRule }, today);
          await recordAudit(tx, actor, { action: 'participation.consultation_decide', subjectType, subjectId: String(id), after: { documentId, issuedOn, reportDueOn: clock.due } });
          return;
        }
        const report = parsed as ConsultationActionInput<'report'>;
        const pending = (await repository.readComments(tx, id)).filter((c) => c.state === 'pending').length;
        if (pending > 0) throw new AppError('invalid_transition', `还有 ${pending} 条意见未审核,审核后才能公布意见采纳情况`);
        await repository.recordReport(tx, id, report, today);
        const clock = await clocks.record(tx, context, feedbackClock(id), { kind: 'stopped', on: today, reason: '已公布意见采纳情况' }, today);
        await recordAudit(tx, actor, { action: 'participation.consultation_report', subjectType, subjectId: String(id), after: { publishedOn: today, overdue: clock.overdue } });
      });
    },

    async exportComments(id, format, user) {
      if (!isKeyOf(exportFormats, format)) throw new AppError('not_found', '没有这种导出格式');
      const consultation = await readable(db, id, user);
      const data = await exportComments(consultation, await repository.readComments(db, id), format);
      return { name: `征求意见-${id}-意见.${format}`, contentType: exportFormats[format], data };
    },

    async actOnComment(id, commentId, name, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(commentActionForms, name)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(commentActionForms[name]), input);
      await db.transaction(async (tx) => {
        const consultation = await readable(tx, id, user, true);
        policy.check(user, name === 'assess' ? 'handle' : 'moderate', consultation);
        const comment = await repository.readComment(tx, id, commentId, { lock: true });
        if (!comment) throw new AppError('not_found', '没有这条意见');
        if (consultation.report !== null) throw new AppError('invalid_transition', '意见采纳情况已公布,不能再修改');
        const changes = commentHandlers[name](parsed as never, comment);
        await repository.updateComment(tx, commentId, changes);
        // The audit codes of comment actions are participation.comment_<action> (the manifest labels each).
        const action = `comment_${name}`;
        await recordAudit(tx, actor, {
          action: `participation.${action}`, subjectType, subjectId: String(id),
          before: { commentId, state: comment.state, adoption: comment.adoption }, after: { commentId, ...parsed, state: changes.state ?? comment.state },
        });
      });
    },
  };
}

/** Each comment action's own work (no switch); moderation happens once, assessment may be revised until the report. */
const commentHandlers: { [A in CommentAction]: (input: CommentActionInput<A>, comment: CommentRow) => repository.CommentChanges } = {
  publish({ body }, comment) {
    if (comment.state !== 'pending') throw new AppError('invalid_transition', '这条意见已经审核过');
    return { state: 'published', publishedBody: body };
  },
  reject(_input, comment) {
    if (comment.state !== 'pending') throw new AppError('invalid_transition', '这条意见已经审核过');
    return { state: 'rejected' };
  },
  assess({ adoption, reason, theme }, comment) {
    if (comment.state === 'rejected') throw new AppError('invalid_transition', '不予公开的意见无需标注采纳情况');
    if (adoption !== 'adopted' && !reason) throw new AppError('validation_failed', '未采纳或部分采纳的意见请说明理由');
    return { adoption: { adoption, reason: reason ?? null, theme: theme ?? null } };
  },
};
