import { createHash } from 'node:crypto';
import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockContext, ClockExplanation, ClockService, ClockState, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import type { StaffActor } from '../../core/auth/auth.types.ts';
import { AppError } from '../../core/errors.ts';
import type { MailService, QueuedMail } from '../../core/mail/index.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { newTrackingCode, normaliseTrackingCode } from '../../core/tracking.rules.ts';
import { readAgency } from '../agencies/index.ts';
import { actionInputs, type ActionInput } from './disclosure.actions.ts';
import { findSchema, registrationSchema, submissionSchema, type Submission } from './disclosure.input.ts';
import { noticeKinds, noticeOfAction, writeNotice, type Notice, type NoticeKind } from './disclosure.notices.rules.ts';
import { deadlineCounts, deadlinesByAgency, findRequests, mostUrgent, type AgencyDeadlines, type DeadlineCounts, type DeadlineItem, type ListedRequest } from './disclosure.queries.ts';
import * as repository from './disclosure.repository.ts';
import { progressMail } from './disclosure.mail.rules.ts';
import { requestPolicy } from './disclosure.policy.ts';
import {
  annualReport,
  isReportBucket,
  repliesByMonth,
  reportColumns,
  requestsInCell,
  reviewRowKinds,
  reviewsInCell,
  type AnnualReport,
  type CountedRequest,
  type MonthlyReplies,
  type ReportAgencies,
  type ReportCell,
} from './disclosure.report.queries.ts';
import { checkDisclosedContent, checkReplyFile, replyDocumentNumber } from './disclosure.reply.rules.ts';
import { allowedActions, checkReply, nextState, perItemFee, perVolumeFee, receiptDate } from './disclosure.rules.ts';
import { consultationKinds, onlineDeliveries, replyCategories, replyDeliveries, requestStates, reviewOutcomes, type ApplicantType, type Channel, type ReplyDelivery, type RequestAction, type RequestState } from './disclosure.types.ts';


export interface Receipt {
  id: number;
  trackingCode: string;
  agencyName: string;
  receivedOn: string;
  dueOn: string | null;
  /** The due date reaches a year whose holiday notice is not loaded. */
  estimated: boolean;
}

/** What anyone holding the tracking code may see: no applicant, no description of what was asked. */
export interface Tracking {
  trackingCode: string;
  agencyName: string;
  state: string;
  receivedOn: string;
  dueOn: string | null;
  /** The due date reaches a year whose holiday notice is not loaded yet. */
  dueEstimated: boolean;
  reply: string | null;
  /** The reply letter, once there is one: its number (the letter itself: trackedLetter). */
  letter: { documentNumber: string | null } | null;
  /**
   * The information given with the reply, where it is provided online or by
   * e-mail (其他方式 are only named): the text, and the attached file by name.
   */
  given: { delivery: string; content: string | null; file: { name: string; size: number } | null; online: boolean } | null;
  steps: { on: string; note: string }[];
}

export interface DisclosureService {
  submit(input: unknown, actor: Actor, today?: string): Promise<Receipt>;
  register(input: unknown, actor: StaffActor, today?: string): Promise<Receipt>;
  act<A extends RequestAction>(requestId: number, action: A, input: unknown, actor: StaffActor, today?: string): Promise<RequestState>;
  track(code: string): Promise<Tracking | null>;
  /** The reply letter, for whoever holds the tracking code (it is addressed to them); null for a wrong code or no reply yet. */
  trackedLetter(code: string): Promise<Notice | null>;
  /** The file given with the reply, for the holder of the code, where it is provided online or by e-mail. */
  trackedReplyFile(code: string): Promise<repository.ReplyFileContent | null>;
  /** The file given with the reply, for staff of the handling agency. */
  replyFile(requestId: number, actor: StaffActor): Promise<repository.ReplyFileContent>;
  clock(requestId: number, actor: StaffActor, today?: string): Promise<ClockState | null>;
  /** Everything staff of the handling agency see on a case, the applicant included (the read is audited). */
  caseFile(requestId: number, actor: StaffActor, today?: string): Promise<CaseFile>;
  /** The notices written so far for a request (one per step that calls for one). */
  notices(requestId: number, actor: StaffActor): Promise<{ eventId: number; kind: NoticeKind; title: string; on: string }[]>;
  /** One notice with the case's facts, the applicant's name included: for the handling agency only, and the read is audited. */
  notice(requestId: number, eventId: number, actor: StaffActor): Promise<Notice>;
  /** The annual report's request tables for a year, for one agency or the whole government (public figures). */
  annualReport(year: number, agencyId?: number): Promise<AnnualReport>;
  /** The same tables over several agencies (a government and the agencies under it), named as given. */
  annualReportCovering(year: number, agencies: ReportAgencies): Promise<AnnualReport>;
  /**
   * The cases behind one cell of those tables: table 三 (`requests`, a row's
   * bucket, an applicant type or `all`) or table 四 (`review`, a row's kind,
   * an outcome or `all`). The caller has checked who may see the scope.
   */
  casesInReportCell(year: number, agencies: ReportAgencies, cell: ReportCell): Promise<CountedRequest[]>;
  /** Replies dated in the year by agency and month, the late ones counted: the on-time rates charted beside the report. */
  repliesByMonth(year: number, agencies: ReportAgencies, today?: string): Promise<MonthlyReplies[]>;
  /** The deadline dashboard: my agency's open requests (a supervisor: any agency's, or all). */
  deadlines(actor: StaffActor, today?: string, options?: { agencyId?: number; limit?: number }): Promise<Deadlines>;
  /** For supervisors: every agency's open, overdue and soon-due requests. */
  deadlinesByAgency(actor: StaffActor, today?: string): Promise<AgencyDeadlines[]>;
  /** The supervisor's dashboard: the whole government's counts and most urgent requests, and each agency's counts, in one pass. */
  supervisorDeadlines(actor: StaffActor, today?: string): Promise<Deadlines & { agencies: AgencyDeadlines[] }>;
  /** Finds requests again, open or closed (a review outcome may come long after closing): by tracking code, state and date received; 50 a page. */
  find(input: unknown, actor: StaffActor): Promise<ListedRequest[]>;
}

export interface CaseFile {
  request: repository.RequestRow;
  /** Null unless the reader handles the case. */
  applicant: repository.Applicant | null;
  /**
   * The same applicant's other requests to the handling agency (the fee rules
   * and 《条例》第三十五条 concern the same agency); never another agency's.
   */
  otherRequests: { id: number; trackingCode: string; agencyName: string; receivedOn: string; state: RequestState }[];
  events: (repository.RequestEvent & { at: string })[];
  consultations: repository.ConsultationRow[];
  clock: ClockExplanation | null;
  actions: RequestAction[];
  /** Each ability of the disclosure policy for this reader on this case (`requestPolicy`). */
  abilities: Record<keyof typeof requestPolicy.rules, boolean>;
  /** Progress mail to the applicant (handling staff only). */
  mails: ReturnType<typeof mailRecord>[];
}

export interface Deadlines {
  today: string;
  /** The end of the third working day from today: what is due by then is "due soon". */
  soon: string;
  counts: DeadlineCounts;
  items: DeadlineItem[];
}

/** A request's clocks; the agency is given where the clock starts (the supervisor's board counts reply clocks by it). */
const replyClock = (id: number, agencyId?: number): ClockSubject => ({ type: 'disclosure_request', id, purpose: 'reply', agencyId });
const correctionClock = (id: number, agencyId?: number): ClockSubject => ({ type: 'disclosure_request', id, purpose: 'correction_notice', agencyId });


/** One applicant across requests: the identity number or organisation code, as typed or not. */
function applicantKeyOf(submission: Submission): string {
  const { applicant } = submission;
  const id = (applicant.type === 'natural_person' ? applicant.idNumber : applicant.organisationCode) ?? '';
  return `${applicant.type === 'natural_person' ? 'person' : 'organisation'}:${id.replace(/\s+/g, '').toUpperCase()}`;
}

/** Progress mail to applicants who asked for it: the outbox, and the portal address the tracking link points to. */
export interface ApplicantMail {
  mail: MailService;
  publicUrl: string;
}

export function createDisclosureService(db: Database, clocks: ClockService, applicantMail: ApplicantMail | null = null): DisclosureService {
  /** Queues the step's mail in the step's transaction: no change, no mail; a rolled-back change, no mail either. */
  async function tellApplicant(tx: Queryable, id: number, step: { note: string; state: RequestState; on: string }) {
    if (!applicantMail) return;
    const to = await repository.readProgressMailAddress(tx, id);
    if (!to) return;
    const row = (await repository.readRequest(tx, id))!;
    await applicantMail.mail.queue(tx, progressMail(row, { ...step, state: requestStates[step.state] }, to, applicantMail.publicUrl));
  }

  async function create(submission: Submission, channel: Channel, dates: { submittedOn: string; receivedOn: string; late: boolean }, actor: Actor): Promise<Receipt> {
    const context = await clocks.context();
    return db.transaction(async (tx) => {
      if (!(await readAgency(tx, submission.agencyId))) throw new AppError('validation_failed', '所选受理机关不存在', { agencyId: submission.agencyId });
      const trackingCode = newTrackingCode('YSQ');
      const id = await repository.insertRequest(tx, {
        trackingCode,
        submission,
        applicantKey: applicantKeyOf(submission),
        channel,
        submittedOn: dates.submittedOn,
        receivedOn: dates.receivedOn,
        registeredLate: dates.late,
        createdBy: actor.id,
      });
      const started = (clock: ClockSubject, rule: string) => clocks.record(tx, context, clock, { kind: 'started', on: dates.receivedOn, rule }, dates.receivedOn);
      const reply = await started(replyClock(id, submission.agencyId), 'disclosure.reply');
      await started(correctionClock(id, submission.agencyId), 'disclosure.correction_notice');
      await repository.insertEvent(tx, id, { onDate: dates.receivedOn, actor: actor.id, action: 'submit', fromState: null, toState: 'received', publicNote: '已收到申请', details: { channel, dueOn: reply.due } });
      await recordAudit(tx, actor, { action: 'disclosure.submit', subjectType: 'disclosure_request', subjectId: String(id), after: { trackingCode, agencyId: submission.agencyId, channel, receivedOn: dates.receivedOn, registeredLate: dates.late } });
      await tellApplicant(tx, id, { note: '已收到申请', state: 'received', on: dates.receivedOn });
      const row = (await repository.readRequest(tx, id))!;
      return { id, trackingCode, agencyName: row.agencyName, receivedOn: dates.receivedOn, dueOn: reply.due, estimated: reply.estimated };
    });
  }

  /** The request if the actor may see it: staff of its agency, or a supervisor; otherwise as if it did not exist. */
  async function visible(tx: Queryable, requestId: number, actor: StaffActor, lock: boolean) {
    const row = lock ? await repository.lockRequest(tx, requestId) : await repository.readRequest(tx, requestId);
    if (!row || (actor.agencyId !== null && actor.agencyId !== row.agencyId)) throw new AppError('not_found', '没有这件申请');
    return row;
  }

  /** Runs an action's handler on the locked case: what it changes, the applicant's note, and the event's details. */
  async function runStep<A extends RequestAction>(tx: Queryable, context: ClockContext, row: repository.RequestRow, action: A, input: ActionInput<A>, today: string) {
    const on = input.on;
    let replyDue: string | null | undefined;
    const step: Step = {
      tx,
      context,
      row,
      on,
      today,
      changes: {},
      details: { ...input },
      note: null,
      async clock(event) {
        const state = await clocks.record(tx, context, replyClock(row.id), event, today);
        replyDue = state.due;
        return state;
      },
      // The applicant let a deadline pass: the request is closed as 其他处理 and counted so in the annual report.
      async closeUnhandled(reason, what, basis) {
        Object.assign(step.changes, { replyCategory: 'other', replyReason: reason, replyBasis: basis, closedOn: on });
        step.note = `申请人${what},不再处理`;
        return step.clock({ kind: 'stopped', on, reason: what });
      },
    };
    await (stepHandlers[action] as StepHandler<A>)(step, input);
    // What the notices of this step need: the reply's due date as the step left it.
    if (replyDue !== undefined) step.details.dueOn = replyDue;
    return { changes: step.changes, note: step.note, details: step.details };
  }

  /**
   * What each action does beyond its transition (disclosure.rules.ts): its
   * guards, its clock events, the changes to the request and the note the
   * applicant reads. One handler per action, keyed like the action table.
   */
  const stepHandlers: { [A in RequestAction]: StepHandler<A> } = {
    request_correction: async (step, input) => {
      const { tx, on, context, today, clock, changes, row } = step;
      const { id } = row;
      const { correctBy, what } = input;
      const earlier = await repository.readEvents(tx, id);
      if (earlier.some((event) => event.action === 'request_correction')) throw new AppError('invalid_transition', '补正告知只能发出一次,应一次性告知需要补正的事项(《条例》第三十条)');
      if (correctBy <= on) throw new AppError('validation_failed', '补正期限应晚于告知日期');
      await clocks.record(tx, context, correctionClock(id), { kind: 'stopped', on, reason: '已发出补正告知' }, today);
      await clock({ kind: 'paused', on, pause: 'correction', reason: `等待补正:${what.slice(0, 50)}` });
      changes.correctionDueOn = correctBy;
      step.note = `已告知补正,请于 ${correctBy} 前补正`;
    },
    receive_correction: async (step) => {
      const { on, clock } = step;
      await clock({ kind: 'restarted', on, reason: '收到补正后的申请' });
      step.note = '已收到补正,答复期限重新起算';
    },
    lapse_correction: async (step) => {
      const { row, on, closeUnhandled } = step;
      if (!row.correctionDueOn || on <= row.correctionDueOn) throw new AppError('invalid_transition', `补正期限 ${row.correctionDueOn ?? ''} 尚未届满`);
      await closeUnhandled('no_correction', '逾期未补正', '《政府信息公开条例》第三十条');
    },
    consult: async (step, input) => {
      const { tx, on, context, clock, details, row } = step;
      const { id } = row;
      const { kind, party } = input;
      const rule = context.rules.get(kind === 'third_party' ? 'disclosure.third_party' : 'disclosure.co_producer')!;
      const dueOn = context.calendar.addWorkingDays(on, rule.limit).date;
      const consultation = await repository.insertConsultation(tx, id, { kind, party, sentOn: on, dueOn });
      await clock({ kind: 'paused', on, pause: `consultation:${consultation}`, reason: `征求${consultationKinds[kind]}意见(${rule.source})` });
      details.consultationId = consultation;
      step.note = `征求${consultationKinds[kind]}意见,所需时间不计入答复期限`;
    },
    answer_consultation: async (step, input) => {
      const { tx, on, clock, row } = step;
      const { id } = row;
      const { consultationId, answer } = input;
      const consultation = (await repository.readConsultations(tx, id)).find((c) => c.id === consultationId && c.answeredOn === null);
      if (!consultation) throw new AppError('invalid_transition', '没有这项待回复的意见征询');
      if (answer === 'silence' && (consultation.kind !== 'co_producer' || on <= consultation.dueOn)) {
        throw new AppError('invalid_transition', '只有共同制作机关在期限届满后未提出意见,才视为同意(《条例》第三十四条)');
      }
      await repository.answerConsultation(tx, consultationId, on, answer);
      await clock({ kind: 'resumed', on, pause: `consultation:${consultationId}` });
      step.note = '已收到征询意见';
    },
    extend: async (step, input) => {
      const { row, on, clock, changes } = step;
      const { days, approver, reason } = input;
      if (row.extended) throw new AppError('invalid_transition', '答复期限只能延长一次(《条例》第三十三条)');
      await clock({ kind: 'extended', on, days, approver, basis: `《政府信息公开条例》第三十三条第二款;${reason}` });
      changes.extended = true;
      step.note = `经批准延长答复期限 ${days} 个工作日`;
    },
    send_fee_notice: async (step, input) => {
      const { tx, on, clock, changes, details, row } = step;
      const { id } = row;
      const { mode, pages } = input;
      if (mode === 'per_volume' && pages === undefined) throw new AppError('validation_failed', '按量计收须填写页数');
      const amount = mode === 'per_item' ? perItemFee(await repository.countApplicantRequestsInMonth(tx, id)) : perVolumeFee(pages!);
      if (amount === 0) throw new AppError('validation_failed', '按《政府信息公开信息处理费管理办法》(国办函〔2020〕109号),本申请不收费');
      await clock({ kind: 'paused', on, pause: 'fee', reason: `等待缴费 ${amount} 元` });
      changes.feeAmount = amount;
      details.amount = amount;
      step.note = `已发出收费通知,金额 ${amount} 元;缴费期间不计入答复期限`;
    },
    receive_fee: async (step) => {
      const { on, clock } = step;
      await clock({ kind: 'resumed', on, pause: 'fee' });
      step.note = '已收到费用';
    },
    lapse_fee: async (step) => {
      const { closeUnhandled } = step;
      await closeUnhandled('no_fee', '逾期未缴费', '《政府信息公开信息处理费管理办法》(国办函〔2020〕109号)');
    },
    reply: async (step, input) => {
      const { tx, row, on, clock, changes, details } = step;
      const { id } = row;
      const { category, reason, basis, content, attachment, delivery } = input;
      const checked = checkReply(category, reason ?? null, basis);
      checkDisclosedContent(checked.category, { content, attachment, delivery });
      const file = attachment ? checkReplyFile(attachment) : null;
      if ((await repository.readConsultations(tx, id)).some((c) => c.answeredOn === null)) throw new AppError('invalid_transition', '尚有意见征询未回复,不能答复');
      await clock({ kind: 'stopped', on, reason: '已答复' });
      Object.assign(changes, { replyCategory: checked.category, replyReason: checked.reason, replyBasis: basis, repliedOn: on, replyContent: content ?? null, replyDelivery: delivery ?? null });
      const year = Number(on.slice(0, 4));
      const documentNumber = await repository.assignReplyNumber(tx, id, row.agencyId, year, (prefix, serial) => replyDocumentNumber(prefix, year, serial));
      if (file) await repository.insertReplyFile(tx, id, { ...file, sha256: createHash('sha256').update(file.data).digest('hex') });
      // The event keeps what the letter says, not the file itself (its bytes stay in disclosure_reply_files).
      delete details.attachment;
      Object.assign(details, { documentNumber, ...(file ? { attachment: { name: file.name, size: file.size } } : {}) });
      step.note = `已答复:${replyCategories[checked.category].label}`;
    },
    deliver: async (step) => {
      const { on, changes } = step;
      changes.deliveredOn = on;
      step.note = '答复已送达';
    },
    close: async (step) => {
      const { on, changes } = step;
      changes.closedOn = on;
      step.note = '已办结';
    },
    record_review: async (step, input) => {
      const { tx, on, row } = step;
      const { id } = row;
      const { kind, outcome } = input;
      await repository.insertReview(tx, id, { kind, outcome, decidedOn: outcome === 'pending' ? null : on, note: (input).note ?? null });
    },
  };

  /** A notice written from the case's facts, the applicant's name included. */
  async function letterOf(row: repository.RequestRow, event: repository.RequestEvent, kind: NoticeKind): Promise<Notice> {
    const applicant = (await repository.readApplicant(db, row.id))!;
    return writeNotice(kind, {
      agencyName: row.agencyName,
      applicantName: applicant.name,
      trackingCode: row.trackingCode,
      receivedOn: row.receivedOn,
      description: row.description,
      step: { action: event.action, onDate: event.onDate, details: event.details },
      replyCategory: row.replyCategory,
      replyReason: row.replyReason,
      replyBasis: row.replyBasis,
      replyNumber: row.replyNumber,
      replyContent: row.replyContent,
      replyDelivery: row.replyDelivery,
      replyFileName: row.replyFile?.name ?? null,
    });
  }

  /** The request a tracking code names, or null: a malformed or unknown code reveals nothing. */
  async function tracked(code: string): Promise<repository.RequestRow | null> {
    const normalised = normaliseTrackingCode('YSQ', code);
    if (normalised === null) return null;
    const id = await repository.findRequestIdByCode(db, normalised);
    return id === null ? null : repository.readRequest(db, id);
  }

  /** Whether the holder of the code may fetch what the reply gave: given online or by e-mail. */
  const givenOnline = (row: repository.RequestRow) => row.replyDelivery !== null && onlineDeliveries.includes(row.replyDelivery as ReplyDelivery);

  return {
    async submit(input, actor, today = todayInChina()) {
      const submission = parseInput(submissionSchema, input);
      return create(submission, 'online', { submittedOn: today, receivedOn: today, late: false }, actor);
    },

    async register(input, actor, today = todayInChina()) {
      const registration = parseInput(registrationSchema, input);
      requestPolicy.check(actor, 'register', registration);
      if (registration.submittedOn > today) throw new AppError('validation_failed', '提交日期不能晚于今天');
      const receivedOn = receiptDate(registration.channel, registration);
      if (receivedOn > today) throw new AppError('validation_failed', '收到申请的日期不能晚于今天');
      // Offline requests are entered within 2 working days of receipt (001 L370).
      const late = (await clocks.context()).calendar.countWorkingDays(receivedOn, today) > 2;
      return create(registration, registration.channel, { submittedOn: registration.submittedOn, receivedOn, late }, actor);
    },

    async act(requestId, action, input, actor, today = todayInChina()) {
      const schema = isKeyOf(actionInputs, action) ? actionInputs[action] : undefined;
      if (!schema) throw new AppError('validation_failed', `未知的操作「${String(action)}」`);
      const parsed = parseInput(schema, input) as ActionInput<typeof action>;
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const row = await visible(tx, requestId, actor, true);
        requestPolicy.check(actor, 'handle', row);
        if (parsed.on < row.receivedOn || parsed.on > today) throw new AppError('validation_failed', `办理日期应在收到申请之日 ${row.receivedOn} 与今天之间`);
        const to = nextState(row.state, action);
        const { changes, note, details } = await runStep(tx, context, row, action, parsed, today);
        await repository.updateRequest(tx, row, { ...changes, state: to });
        await repository.insertEvent(tx, requestId, { onDate: parsed.on, actor: actor.id, action, fromState: row.state, toState: to, publicNote: note, details });
        await recordAudit(tx, actor, { action: `disclosure.${action}`, subjectType: 'disclosure_request', subjectId: String(requestId), before: { state: row.state }, after: { state: to, ...changes, ...pick(details, ['documentNumber', 'attachment']) } });
        if (note) await tellApplicant(tx, requestId, { note, state: to, on: parsed.on });
        return to;
      });
    },

    async track(code) {
      const row = await tracked(code);
      if (!row) return null;
      const id = row.id;
      const events = await repository.readEvents(db, id);
      const category = row.replyCategory as keyof typeof replyCategories | null;
      const clock = row.state === 'received' ? await clocks.state(db, replyClock(id), todayInChina()) : null;
      const online = givenOnline(row);
      return {
        trackingCode: row.trackingCode,
        agencyName: row.agencyName,
        state: requestStates[row.state],
        receivedOn: row.receivedOn,
        dueOn: row.state === 'received' ? row.dueOn : null,
        dueEstimated: clock?.estimated ?? false,
        reply: category ? replyCategories[category].label : null,
        letter: events.some((event) => event.action === 'reply') ? { documentNumber: row.replyNumber } : null,
        given: row.replyDelivery
          ? {
              delivery: replyDeliveries[row.replyDelivery as ReplyDelivery],
              online,
              content: online ? row.replyContent : null,
              file: online && row.replyFile ? { name: row.replyFile.name, size: row.replyFile.size } : null,
            }
          : null,
        steps: events.filter((event) => event.publicNote).map((event) => ({ on: event.onDate, note: event.publicNote! })),
      };
    },

    async trackedLetter(code) {
      const row = await tracked(code);
      if (!row) return null;
      const event = (await repository.readEventIds(db, row.id)).findLast((e) => e.action === 'reply');
      if (!event) return null;
      return letterOf(row, (await repository.readEvent(db, row.id, event.id))!, 'reply');
    },

    async trackedReplyFile(code) {
      const row = await tracked(code);
      if (!row || !row.replyFile || !givenOnline(row)) return null;
      return repository.readReplyFile(db, row.id);
    },

    async replyFile(requestId, actor) {
      const row = await visible(db, requestId, actor, false);
      requestPolicy.check(actor, 'downloadReply', row);
      const file = await repository.readReplyFile(db, requestId);
      if (!file) throw new AppError('not_found', '这件申请的答复没有附件');
      return file;
    },

    async caseFile(requestId, actor, today = todayInChina()) {
      const request = await visible(db, requestId, actor, false);
      // The applicant is shown to the handling agency's staff only: a supervisor sees the case without them.
      const handling = requestPolicy.can(actor, 'readApplicant', request);
      const applicant = handling ? await repository.readApplicant(db, requestId) : null;
      const otherRequests = handling ? await repository.otherRequestsOfApplicant(db, requestId) : [];
      if (handling) {
        // Reading the applicant and looking up their other requests are both recorded: who looked, at whom, and what they saw.
        await db.transaction(async (tx) => {
          await recordAudit(tx, actor, { action: 'disclosure.read_applicant', subjectType: 'disclosure_request', subjectId: String(requestId), after: { purpose: 'case' } });
          await recordAudit(tx, actor, {
            action: 'disclosure.lookup_applicant_requests',
            subjectType: 'disclosure_request',
            subjectId: String(requestId),
            after: { agencyId: request.agencyId, found: otherRequests.map((other) => other.id) },
          });
        });
      }
      return {
        request,
        applicant,
        otherRequests,
        // The progress mail sent to the applicant (handling staff only: it carries their address).
        mails: handling && applicantMail ? (await applicantMail.mail.list({ aboutType: 'disclosure_request', aboutId: String(requestId) })).map(mailRecord) : [],
        events: await repository.readEvents(db, requestId),
        consultations: await repository.readConsultations(db, requestId),
        clock: await clocks.explain(db, replyClock(requestId), today),
        actions: requestPolicy.can(actor, 'handle', request) ? allowedActions(request.state) : [],
        // What this user may do to this case: the console shows its links and buttons from these.
        abilities: requestPolicy.abilities(actor, request),
      };
    },

    async notices(requestId, actor) {
      await visible(db, requestId, actor, false);
      const events = await repository.readEventIds(db, requestId);
      return events.flatMap((event) => {
        const kind = noticeOfAction[event.action];
        return kind ? [{ eventId: event.id, kind, title: noticeKinds[kind], on: event.onDate }] : [];
      });
    },

    async notice(requestId, eventId, actor) {
      const row = await visible(db, requestId, actor, false);
      requestPolicy.check(actor, 'readApplicant', row);
      const event = await repository.readEvent(db, requestId, eventId);
      const kind = event ? noticeOfAction[event.action] : undefined;
      if (!event || !kind) throw new AppError('not_found', '没有这份文书');
      await db.transaction((tx) => recordAudit(tx, actor, { action: 'disclosure.read_applicant', subjectType: 'disclosure_request', subjectId: String(requestId), after: { purpose: `notice:${kind}` } }));
      return letterOf(row, event, kind);
    },

    async annualReport(year, agencyId) {
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('validation_failed', `年份「${year}」无效`);
      const agency = agencyId === undefined ? null : await readAgency(db, agencyId);
      if (agencyId !== undefined && !agency) throw new AppError('not_found', '没有这个机关');
      return annualReport(db, year, agency && { agencyIds: [agency.id], name: agency.name });
    },

    async annualReportCovering(year, agencies) {
      if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('validation_failed', `年份「${year}」无效`);
      return annualReport(db, year, agencies);
    },

    repliesByMonth: (year, agencies, today = todayInChina()) => repliesByMonth(db, year, agencies, today),

    async casesInReportCell(year, agencies, cell) {
      const all = cell.column === 'all';
      if (cell.table === 'requests' && isReportBucket(cell.row) && (all || reportColumns.includes(cell.column as ApplicantType))) {
        return requestsInCell(db, year, agencies, cell.row, all ? null : (cell.column as ApplicantType));
      }
      if (cell.table === 'review' && isKeyOf(reviewRowKinds, cell.row) && (all || isKeyOf(reviewOutcomes, cell.column))) {
        return reviewsInCell(db, year, agencies, cell.row, all ? null : cell.column);
      }
      throw new AppError('validation_failed', '年度报告中没有这一格');
    },

    async deadlines(actor, today = todayInChina(), options = {}) {
      const agencyId = actor.agencyId ?? options.agencyId ?? null;
      const soon = (await clocks.context()).calendar.addWorkingDays(today, 3).date;
      const [counts, items] = await Promise.all([deadlineCounts(db, agencyId, today, soon), mostUrgent(db, agencyId, Math.min(options.limit ?? 50, 200))]);
      return { today, soon, counts, items };
    },

    async find(input, actor) {
      const filter = parseInput(findSchema, input);
      return findRequests(db, actor.agencyId, { ...filter, beforeId: filter.before }, 50);
    },

    async deadlinesByAgency(actor, today = todayInChina()) {
      requestPolicy.check(actor, 'oversee');
      const soon = (await clocks.context()).calendar.addWorkingDays(today, 3).date;
      return (await deadlinesByAgency(db, today, soon)).map(({ paused: _paused, registeredLate: _late, ...agency }) => agency);
    },

    async supervisorDeadlines(actor, today = todayInChina()) {
      requestPolicy.check(actor, 'oversee');
      const soon = (await clocks.context()).calendar.addWorkingDays(today, 3).date;
      const [perAgency, items] = await Promise.all([deadlinesByAgency(db, today, soon), mostUrgent(db, null, 50)]);
      const counts: DeadlineCounts = { open: 0, overdue: 0, dueSoon: 0, paused: 0, registeredLate: 0 };
      for (const agency of perAgency) for (const key of Object.keys(counts) as (keyof DeadlineCounts)[]) counts[key] += agency[key];
      const agencies = perAgency.map(({ paused: _paused, registeredLate: _late, ...agency }) => agency);
      return { today, soon, counts, items, agencies };
    },

    async clock(requestId, actor, today = todayInChina()) {
      await visible(db, requestId, actor, false);
      return clocks.state(db, replyClock(requestId), today);
    },
  };
}

/** What a step's handler works with: the transaction, the case as it was, and what it changes. */
interface Step {
  tx: Queryable;
  context: ClockContext;
  row: repository.RequestRow;
  on: string;
  today: string;
  changes: repository.RequestChanges;
  details: Record<string, unknown>;
  /** The progress note the applicant reads (and is mailed), if the step has one. */
  note: string | null;
  /** Records an event on the reply clock. */
  clock(event: Parameters<ClockService['record']>[3]): Promise<ClockState>;
  /** The applicant let a deadline pass: the request is closed as 其他处理. */
  closeUnhandled(reason: 'no_correction' | 'no_fee', what: string, basis: string): Promise<ClockState>;
}

type StepHandler<A extends RequestAction> = (step: Step, input: ActionInput<A>) => Promise<void>;

/** The keys of a record that are set, for the audit log. */
function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}

/** What the case record shows of a progress mail: when, what, and whether it went. */
function mailRecord(mail: QueuedMail) {
  return { id: mail.id, createdAt: mail.createdAt, sentAt: mail.sentAt, recipient: mail.recipient, subject: mail.subject, state: mail.state, attempts: mail.attempts, lastError: mail.lastError };
}
