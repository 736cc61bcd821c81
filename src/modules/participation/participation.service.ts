import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockEvent, ClockExplanation, ClockService, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { newTrackingCode, normaliseTrackingCode } from '../../core/tracking.rules.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { findAgencyByName, readAgency } from '../agencies/index.ts';
import { getDocument } from '../documents/index.ts';
import { messageActionForms, messageForm, ratingForm, type MessageActionInput } from './participation.actions.ts';
import { messagePolicy } from './participation.policy.ts';
import { findPublishedMessages, findStaffMessages, type MessageListFilter, type StaffMessageFilter, type StaffMessageItem } from './participation.queries.ts';
import * as repository from './participation.repository.ts';
import { allowedMessageActions, nextMessageState, replyRuleOf } from './participation.rules.ts';
import { messageStates, ratings, type MessageAction, type MessageEvent, type MessageRow, type MessageTracking, type PublishedMessage } from './participation.types.ts';

const trackingPrefix = 'LY';
/** The reply clock: 5 working days, or a clock of its own on the 1-day rule once the message is marked simple. */
const replyClock = (id: number, simple = false): ClockSubject => ({ type: 'participation_message', id, purpose: simple ? 'simple_reply' : 'reply' });

export interface MessageReceipt {
  trackingCode: string;
  agencyName: string;
  receivedOn: string;
  dueOn: string | null;
}

export interface MessageFile {
  message: MessageRow;
  events: MessageEvent[];
  clock: ClockExplanation | null;
  /** The actions the reader may take now, and what the policy allows them on this message. */
  actions: MessageAction[];
  abilities: Record<'read' | 'handle' | 'moderate', boolean>;
}

export interface ParticipationService {
  submit(input: unknown, actor: Actor, today?: string): Promise<MessageReceipt>;
  track(code: string): Promise<MessageTracking | null>;
  rate(code: string, input: unknown, actor: Actor): Promise<void>;
  published(filter: MessageListFilter): Promise<{ items: PublishedMessage[]; total: number; totalExact: boolean }>;
  list(filter: StaffMessageFilter, user: StaffUser): Promise<StaffMessageItem[]>;
  file(id: number, user: StaffUser, today?: string): Promise<MessageFile>;
  /** `actor`: who is recorded in the audit log (the user, from their address). */
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<string>;
}

export function createParticipationService(db: Database, clocks: ClockService): ParticipationService {
  /** The message if the user may read it; as if it did not exist otherwise. */
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<MessageRow> {
    const message = await repository.readMessage(tx, id, { lock });
    if (!message || !messagePolicy.can(user, 'read', message)) throw new AppError('not_found', '没有这条留言');
    return message;
  }

  return {
    async submit(input, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(messageForm), input);
      // Written on a document's page: to the agency that issued it, when it is in the register.
      let agencyId = parsed.agencyId;
      if (parsed.documentId !== undefined) {
        const document = await getDocument(db, parsed.documentId, today);
        if (!document) throw new AppError('validation_failed', '所涉文件不存在');
        agencyId = (document.issuer ? await findAgencyByName(db, document.issuer) : null) ?? agencyId;
      }
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const agency = await readAgency(tx, agencyId);
        if (!agency) throw new AppError('validation_failed', '所选机关不存在');
        const trackingCode = newTrackingCode(trackingPrefix);
        const id = await repository.insertMessage(tx, { trackingCode, input: parsed, agencyId, receivedOn: today });
        const clock = await clocks.record(tx, context, replyClock(id), { kind: 'started', on: today, rule: replyRuleOf(false) }, today);
        await repository.insertMessageEvent(tx, id, { onDate: today, actor: actor.id, action: 'submit', fromState: null, toState: 'received', publicNote: '已收到留言', details: { agencyId } });
        await recordAudit(tx, actor, { action: 'participation.submit', subjectType: 'participation_message', subjectId: String(id), after: { trackingCode, agencyId, kind: parsed.kind } });
        return { trackingCode, agencyName: agency.name, receivedOn: today, dueOn: clock.due };
      });
    },

    async track(code) {
      const normalised = normaliseTrackingCode(trackingPrefix, code);
      const id = normalised ? await repository.findMessageIdByCode(db, normalised) : null;
      if (id === null) return null;
      const message = (await repository.readMessage(db, id))!;
      const events = await repository.readMessageEvents(db, id);
      const answered = message.state === 'replied' || message.state === 'published' || message.state === 'closed';
      return {
        trackingCode: message.trackingCode,
        state: messageStates[message.state],
        agencyName: message.agencyName,
        receivedOn: message.receivedOn,
        dueOn: answered ? null : message.dueOn,
        reply: answered ? message.reply : null,
        repliedOn: message.repliedOn,
        rating: message.rating,
        steps: events.filter((event) => event.publicNote).map((event) => ({ on: event.onDate, note: event.publicNote! })),
      };
    },

    async rate(code, input, actor) {
      const { rating } = parseInput(formSchema(ratingForm), input);
      const normalised = normaliseTrackingCode(trackingPrefix, code);
      const id = normalised ? await repository.findMessageIdByCode(db, normalised) : null;
      if (id === null) throw new AppError('not_found', '没有这条留言');
      await db.transaction(async (tx) => {
        const message = (await repository.readMessage(tx, id, { lock: true }))!;
        if (message.repliedOn === null) throw new AppError('invalid_transition', '留言答复后才能评价');
        if (!(await repository.recordRating(tx, id, rating))) throw new AppError('invalid_transition', '已经评价过了');
        await recordAudit(tx, actor, { action: 'participation.rate', subjectType: 'participation_message', subjectId: String(id), after: { rating: ratings[rating] } });
      });
    },

    published: (filter) => findPublishedMessages(db, filter),

    async list(filter, user) {
      return findStaffMessages(db, filter, user.agencyId);
    },

    async file(id, user, today = todayInChina()) {
      const message = await readable(db, id, user);
      const abilities = messagePolicy.abilities(user, message);
      const actions = allowedMessageActions(message.state).filter((action) => (action === 'publish' || action === 'withhold' ? abilities.moderate : abilities.handle));
      return { message, events: await repository.readMessageEvents(db, id), clock: await clocks.explain(db, replyClock(id, message.simple), today), actions, abilities };
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(messageActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(messageActionForms[action]), input) as MessageActionInput<typeof action>;
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const message = await readable(tx, id, user, true);
        messagePolicy.check(user, action === 'publish' || action === 'withhold' ? 'moderate' : 'handle', message);
        const on = 'on' in parsed ? (parsed.on as string) : today;
        if (on < message.receivedOn || on > today) throw new AppError('validation_failed', `办理日期应在收到留言之日 ${message.receivedOn} 与今天之间`);
        const to = nextMessageState(message.state, action);
        const clock = (event: ClockEvent, simple = message.simple) => clocks.record(tx, context, replyClock(id, simple), event, today);
        const step = await handlers[action](parsed as never, { tx, message, on, clock, user });
        await repository.updateMessage(tx, id, { ...step.changes, state: to });
        await repository.insertMessageEvent(tx, id, { onDate: on, actor: actor.id, action, fromState: message.state, toState: to, publicNote: step.note, details: step.details ?? {} });
        await recordAudit(tx, actor, { action: `participation.${action}`, subjectType: 'participation_message', subjectId: String(id), before: { state: message.state }, after: { state: to, ...step.changes } });
        return to;
      });
    },
  };
}

interface StepContext {
  tx: Queryable;
  message: MessageRow;
  on: string;
  /** Appends to the message's running reply clock, or to the named one. */
  clock(event: ClockEvent, simple?: boolean): ReturnType<ClockService['record']>;
  user: StaffUser;
}
interface StepResult {
  changes: repository.MessageChanges;
  note: string | null;
  details?: Record<string, unknown>;
}

/** Each action's own work, keyed like the transition table (no switch). */
const handlers: { [A in MessageAction]: (input: MessageActionInput<A>, step: StepContext) => Promise<StepResult> } = {
  async accept() {
    return { changes: {}, note: '已受理' };
  },
  async mark_simple(_input, { clock, message, on }) {
    if (message.simple) throw new AppError('invalid_transition', '已标为简单咨询');
    // The 1-working-day limit counts from receipt, as the 5-day one does: a clock on the simple rule from the same day zero.
    await clock({ kind: 'stopped', on, reason: '改按简单咨询办理' });
    await clock({ kind: 'started', on: message.receivedOn, rule: replyRuleOf(true) }, true);
    return { changes: { simple: true }, note: '已受理(简单咨询)', details: { rule: replyRuleOf(true) } };
  },
  async transfer({ agencyId, reason }, { tx, message, on, clock }) {
    if (agencyId === message.agencyId) throw new AppError('validation_failed', '不能转交给本机关');
    const agency = await readAgency(tx, agencyId);
    if (!agency) throw new AppError('validation_failed', '所选机关不存在');
    await clock({ kind: 'restarted', on, reason: `转交${agency.name}:${reason}` });
    return { changes: { agencyId }, note: `已转交${agency.name}办理(${reason}),答复期限重新起算`, details: { from: message.agencyId, to: agencyId, reason } };
  },
  async merge({ into }, { tx, message, on, clock }) {
    const code = normaliseTrackingCode(trackingPrefix, into);
    const targetId = code ? await repository.findMessageIdByCode(tx, code) : null;
    const target = targetId === null ? null : await repository.readMessage(tx, targetId);
    if (!target || target.id === message.id || target.agencyId !== message.agencyId) throw new AppError('validation_failed', '没有本机关的这条留言');
    await clock({ kind: 'stopped', on, reason: `与留言 ${target.trackingCode} 合并办理` });
    return { changes: { mergedInto: target.id }, note: `与内容相同的留言合并办理,答复见 ${target.trackingCode}` };
  },
  async reply({ reply }, { message, on, clock }) {
    await clock({ kind: 'stopped', on, reason: '已答复' });
    return { changes: { reply, repliedOn: on, repliedBy: message.agencyId }, note: '已答复' };
  },
  async publish({ subject, body, reply }, { message }) {
    if (message.keepPrivate) throw new AppError('invalid_transition', '留言人要求不公开这条留言');
    return { changes: { published: { subject, body, reply } }, note: '已公开' };
  },
  async withhold({ reason }) {
    return { changes: {}, note: null, details: { reason } };
  },
};

