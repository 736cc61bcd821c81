import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockContext, ClockEvent, ClockExplanation, ClockService, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { newTrackingCode } from '../../core/tracking.rules.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { matterChangeForms, matterForm, requestActionForms, requestForm, type RequestActionInput } from './assistance.actions.ts';
import { sniffAttachmentType } from './assistance.files.ts';
import { assistancePolicy } from './assistance.policy.ts';
import { efficiencyByAgency, findOpenRequests, findRequests, type AgencyEfficiency, type MonitorItem, type RequestListFilter, type RequestListItem } from './assistance.queries.ts';
import * as repository from './assistance.repository.ts';
import { actionSides, allowedRequestActions, checkChannel, handleRuleOf, nextRequestState, requestRuleOf, warningWorkingDays } from './assistance.rules.ts';
import { describeFile, readFile, storeFile } from '../files/index.ts';
import {
  assistanceForms,
  disputeStages,
  nextDisputeStage,
  refusalGrounds,
  satisfaction,
  type AssistanceRequest,
  type Attachment,
  type Matter,
  type RequestAction,
  type RequestEvent,
} from './assistance.types.ts';

const codePrefix = 'XZ';
const handleClock = (id: number): ClockSubject => ({ type: 'assistance_request', id, purpose: 'handle' });
const requestClock = (id: number): ClockSubject => ({ type: 'assistance_request', id, purpose: 'request' });

export interface RequestFile {
  request: AssistanceRequest;
  events: RequestEvent[];
  attachments: Attachment[];
  clock: ClockExplanation | null;
  /** The actions the reader may take now. */
  actions: RequestAction[];
  abilities: Record<'read' | 'request' | 'handle' | 'catalogue' | 'monitor', boolean>;
}

export interface Monitor {
  today: string;
  warnUntil: string;
  counts: { open: number; overdue: number; dueSoon: number };
  items: MonitorItem[];
}

export interface AssistanceService {
  catalogue(user: StaffUser): Promise<Matter[]>;
  registerMatter(input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<number>;
  changeMatter(id: number, change: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  submit(input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<{ id: number; code: string; lateRequest: boolean }>;
  list(filter: RequestListFilter, user: StaffUser): Promise<RequestListItem[]>;
  file(id: number, user: StaffUser, today?: string): Promise<RequestFile>;
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<string>;
  attach(id: number, file: { bytes: Uint8Array; name: string }, user: StaffUser, actor: Actor): Promise<Attachment>;
  attachment(id: number, position: number, user: StaffUser): Promise<{ name: string; contentType: string; data: Buffer }>;
  monitor(user: StaffUser, options?: { agencyId?: number; today?: string; limit?: number }): Promise<Monitor>;
  efficiency(user: StaffUser, period: { from: string; to: string }, today?: string): Promise<AgencyEfficiency[]>;
}

export function createAssistanceService(db: Database, clocks: ClockService, limits: { maxAttachmentBytes: number }): AssistanceService {
  /** The request if the user may read it (a party, an overseer, or the superior settling its dispute); as if it did not exist otherwise. */
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<AssistanceRequest> {
    const request = await repository.readRequest(tx, id, { lock });
    if (!request) throw new AppError('not_found', '没有这项协助请求');
    if (assistancePolicy.can(user, 'read', request)) return request;
    if (request.disputeStage === 'superior' && user.agencyId !== null && user.agencyId === (await repository.parentOf(tx, request.requestedAgencyId))) return request;
    throw new AppError('not_found', '没有这项协助请求');
  }

  /** Who may settle the dispute at its stage (Art. 19): the parties by agreement; the superior or the staffing office; the government (supervisors). */
  async function mayArbitrate(tx: Queryable, request: AssistanceRequest, user: StaffUser): Promise<boolean> {
    if (request.disputeStage === 'negotiation') return assistancePolicy.can(user, 'handle', request) || assistancePolicy.can(user, 'request', request);
    if (user.agencyId === null) return assistancePolicy.can(user, 'monitor');
    return request.disputeStage === 'superior' && (user.role === 'clerk' || user.role === 'agency_admin') && user.agencyId === (await repository.parentOf(tx, request.requestedAgencyId));
  }

  async function mayAct(tx: Queryable, request: AssistanceRequest, action: RequestAction, user: StaffUser): Promise<boolean> {
    switch (actionSides[action]) {
      case 'requested':
        return assistancePolicy.can(user, 'handle', request);
      case 'requesting':
        return assistancePolicy.can(user, 'request', request);
      case 'party':
        return assistancePolicy.can(user, 'handle', request) || assistancePolicy.can(user, 'request', request);
      case 'arbiter':
        return mayArbitrate(tx, request, user);
    }
  }

  /** A requested agency must exist, differ from the requester and stand in no subordination relationship with it (Art. 13). */
  async function checkRequested(tx: Queryable, requestingAgencyId: number, requestedAgencyId: number): Promise<string> {
    if (requestedAgencyId === requestingAgencyId) throw new AppError('validation_failed', '不能向本机关请求协助', { rule: 'self' });
    const agency = await readAgency(tx, requestedAgencyId);
    if (!agency) throw new AppError('validation_failed', '所选被请求机关不存在');
    if (await repository.inSubordination(tx, requestingAgencyId, requestedAgencyId)) {
      throw new AppError('validation_failed', `请求机关与${agency.name}具有隶属关系,不得提出协助请求(第十三条第二项)`, { rule: 'subordination' });
    }
    return agency.name;
  }

  return {
    catalogue: (user) => repository.listMatters(db, user.agencyId),

    async registerMatter(input, user, actor, today = todayInChina()) {
      assistancePolicy.check(user, 'catalogue');
      const parsed = parseInput(formSchema(matterForm), input);
      if (parsed.registeredOn > today) throw new AppError('validation_failed', '登记备案日期不能晚于今天');
      return db.transaction(async (tx) => {
        await checkRequested(tx, parsed.requestingAgencyId, parsed.requestedAgencyId);
        if (!(await readAgency(tx, parsed.requestingAgencyId))) throw new AppError('validation_failed', '所选请求机关不存在');
        const id = await repository.insertMatter(tx, parsed);
        await recordAudit(tx, actor, { action: 'assistance.matter_register', subjectType: 'assistance_matter', subjectId: String(id), after: { ...parsed, form: assistanceForms[parsed.form] } });
        return id;
      });
    },

    async changeMatter(id, change, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(matterChangeForms, change)) throw new AppError('not_found', '没有这项操作');
      // Art. 6: an agency may not drop or adjust a matter of the catalogue; only the staffing office does, with its reason.
      assistancePolicy.check(user, 'catalogue');
      await db.transaction(async (tx) => {
        const matter = await repository.readMatter(tx, id, { lock: true });
        if (!matter) throw new AppError('not_found', '没有这个协助事项');
        if (matter.state === 'cancelled') throw new AppError('invalid_transition', '这个协助事项已经取消');
        if (change === 'adjust') {
          const parsed = parseInput(formSchema(matterChangeForms.adjust), input);
          await repository.adjustMatter(tx, id, parsed);
          await recordAudit(tx, actor, { action: 'assistance.matter_adjust', subjectType: 'assistance_matter', subjectId: String(id), before: { title: matter.title, legalBasis: matter.legalBasis }, after: parsed });
        } else {
          const parsed = parseInput(formSchema(matterChangeForms.cancel), input);
          if (parsed.on > today || parsed.on < matter.registeredOn) throw new AppError('validation_failed', `取消日期应在登记之日 ${matter.registeredOn} 与今天之间`);
          const open = await repository.openRequestsOfMatter(tx, id);
          if (open > 0) throw new AppError('invalid_transition', `还有 ${open} 项协助请求正在办理,办结后才能取消`);
          await repository.cancelMatter(tx, id, parsed.on, parsed.reason);
          await recordAudit(tx, actor, { action: 'assistance.matter_cancel', subjectType: 'assistance_matter', subjectId: String(id), before: { state: 'active' }, after: { state: 'cancelled', ...parsed } });
        }
      });
    },

    async submit(input, user, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(requestForm), input);
      if (user.agencyId === null) throw new AppError('forbidden', '只有机关的工作人员可以提出协助请求');
      const requestingAgencyId = user.agencyId;
      assistancePolicy.check(user, 'request', { requestingAgencyId, requestedAgencyId: parsed.requestedAgencyId });
      const emergency = parsed.emergency ?? false;
      checkChannel(parsed.channel, emergency);
      if (parsed.obstacleOn > parsed.requestedOn) throw new AppError('validation_failed', '提出请求日期不能早于遇到障碍之日');
      if (parsed.requestedOn > today) throw new AppError('validation_failed', '提出请求日期不能晚于今天');
      if (!parsed.notOwnDuty) throw new AppError('validation_failed', '请求内容属于被请求机关法定义务的,不得提出协助请求(第十三条第一项);请确认', { rule: 'own_statutory_duty' });
      if (parsed.entrustedBy !== undefined && !parsed.principalConsent) {
        throw new AppError('validation_failed', '受委托组织提出协助请求,应当事先征得委托机关同意(第七条)', { rule: 'principal_consent' });
      }
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const requestedName = await checkRequested(tx, requestingAgencyId, parsed.requestedAgencyId);
        if (parsed.entrustedBy !== undefined && !(await readAgency(tx, parsed.entrustedBy))) throw new AppError('validation_failed', '所选委托机关不存在');
        let form = parsed.form;
        let matterId: number | null = null;
        if (parsed.matterId !== undefined) {
          const matter = await repository.readMatter(tx, parsed.matterId);
          if (!matter || matter.state !== 'active') throw new AppError('validation_failed', '所选协助事项不在目录内或已取消');
          if (matter.requestingAgencyId !== requestingAgencyId && matter.requestingAgencyId !== parsed.entrustedBy) throw new AppError('validation_failed', '所选协助事项的请求机关不是本机关');
          if (matter.requestedAgencyId !== parsed.requestedAgencyId) throw new AppError('validation_failed', `目录内该事项的被请求机关是${matter.requestedAgencyName}(第八条)`);
          form = matter.form;
          matterId = matter.id;
        } else if (!emergency) {
          throw new AppError('validation_failed', '协助事项应当先由编办登记备案、列入目录(第六条);仅紧急情形可以先请求', { rule: 'catalogue' });
        }
        if (form === undefined) throw new AppError('validation_failed', '请选择协助形式');
        const code = newTrackingCode(codePrefix);
        const id = await repository.insertRequest(tx, { code, input: parsed, matterId, requestingAgencyId, form });
        // Art. 18: asked within 10 working days of the obstacle, the same day in an emergency; a late request is flagged, not refused.
        await clocks.record(tx, context, requestClock(id), { kind: 'started', on: parsed.obstacleOn, rule: requestRuleOf(emergency) }, today);
        const asked = await clocks.record(tx, context, requestClock(id), { kind: 'stopped', on: parsed.requestedOn, reason: '已提出请求' }, today);
        const lateRequest = asked.overdue;
        if (lateRequest) await repository.updateRequest(tx, id, { lateRequest });
        const note = `向${requestedName}提出协助请求(${assistanceForms[form]})${lateRequest ? ',超过第十八条规定的请求期限' : ''}`;
        await repository.insertRequestEvent(tx, id, { onDate: parsed.requestedOn, actor: actor.id, action: 'submit', fromState: null, toState: 'submitted', note, details: { matterId, emergency, channel: parsed.channel } });
        await recordAudit(tx, actor, { action: 'assistance.submit', subjectType: 'assistance_request', subjectId: String(id), after: { code, requestedAgencyId: parsed.requestedAgencyId, form, emergency, lateRequest } });
        return { id, code, lateRequest };
      });
    },

    list: (filter, user) => findRequests(db, filter, user.agencyId),

    async file(id, user, today = todayInChina()) {
      const request = await readable(db, id, user);
      const actions: RequestAction[] = [];
      for (const action of allowedRequestActions(request.state)) if (await mayAct(db, request, action, user)) actions.push(action);
      const abilities = assistancePolicy.abilities(user, request);
      return {
        request,
        events: await repository.readRequestEvents(db, id),
        attachments: await repository.readAttachments(db, id),
        clock: await clocks.explain(db, handleClock(id), today),
        actions: actions.filter((action) => !(action === 'rate' && request.rating !== null) && !(action === 'complete_formalities' && request.formalitiesCompletedOn !== null)),
        abilities,
      };
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(requestActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(requestActionForms[action]), input) as RequestActionInput<typeof action>;
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const request = await readable(tx, id, user, true);
        const to = nextRequestState(request.state, action);
        if (!(await mayAct(tx, request, action, user))) {
          throw new AppError('forbidden', actionSides[action] === 'requesting' ? assistancePolicy.rules.request.refusal : actionSides[action] === 'requested' ? assistancePolicy.rules.handle.refusal : '只有争议处理机关可以作出处理决定');
        }
        const on = 'on' in parsed ? (parsed.on as string) : today;
        if (on < request.requestedOn || on > today) throw new AppError('validation_failed', `办理日期应在提出请求之日 ${request.requestedOn} 与今天之间`);
        const clock = (event: ClockEvent) => clocks.record(tx, context, handleClock(id), event, today);
        const step = await handlers[action](parsed as never, { tx, request, on, clock, user, context, checkRequested });
        await repository.updateRequest(tx, id, { ...step.changes, state: to });
        await repository.insertRequestEvent(tx, id, { onDate: on, actor: actor.id, action, fromState: request.state, toState: to, note: step.note, details: step.details ?? {} });
        await recordAudit(tx, actor, { action: `assistance.${action}`, subjectType: 'assistance_request', subjectId: String(id), before: { state: request.state }, after: { state: to, ...step.changes } });
        return to;
      });
    },

    async attach(id, file, user, actor) {
      const mediaType = sniffAttachmentType(file.bytes, file.name);
      return db.transaction(async (tx) => {
        const request = await readable(tx, id, user, true);
        if (!assistancePolicy.can(user, 'request', request) && !assistancePolicy.can(user, 'handle', request)) throw new AppError('forbidden', '只有协助请求双方的工作人员可以添加附件');
        const stored = await storeFile(tx, { bytes: file.bytes, name: file.name, mediaType }, { maxBytes: limits.maxAttachmentBytes });
        const name = file.name.replace(/[\\/]/g, '_').slice(0, 200);
        const position = await repository.insertAttachment(tx, id, { name, sha256: stored.sha256, mediaType, size: stored.size, addedBy: actor.id });
        await recordAudit(tx, actor, { action: 'assistance.attach', subjectType: 'assistance_request', subjectId: String(id), after: { position, name, sha256: stored.sha256, size: stored.size } });
        return { position, name, mediaType, size: stored.size };
      });
    },

    async attachment(id, position, user) {
      await readable(db, id, user);
      const attachment = await repository.readAttachment(db, id, position);
      const stored = attachment && (await describeFile(db, attachment.sha256)) ? await readFile(db, attachment.sha256) : null;
      if (!attachment || !stored) throw new AppError('not_found', '没有这个附件');
      return { name: attachment.name, contentType: attachment.mediaType, data: stored.bytes };
    },

    async monitor(user, options = {}) {
      assistancePolicy.check(user, 'monitor');
      const today = options.today ?? todayInChina();
      const { calendar } = await clocks.context();
      const warnUntil = calendar.addWorkingDays(today, warningWorkingDays).date;
      const { items, counts } = await findOpenRequests(db, today, warnUntil, options.agencyId, options.limit ?? 500);
      return { today, warnUntil, counts, items };
    },

    async efficiency(user, period, today = todayInChina()) {
      assistancePolicy.check(user, 'monitor');
      if (period.from > period.to) throw new AppError('validation_failed', '统计起始日期不能晚于截止日期');
      return efficiencyByAgency(db, period.from, period.to, today);
    },
  };
}

interface StepContext {
  tx: Queryable;
  request: AssistanceRequest;
  on: string;
  clock(event: ClockEvent): ReturnType<ClockService['record']>;
  user: StaffUser;
  context: ClockContext;
  checkRequested(tx: Queryable, requestingAgencyId: number, requestedAgencyId: number): Promise<string>;
}
interface StepResult {
  changes: repository.RequestChanges;
  note: string | null;
  details?: Record<string, unknown>;
}

/** Each action's own work, keyed like the transition table (no switch). */
const handlers: { [A in RequestAction]: (input: RequestActionInput<A>, step: StepContext) => Promise<StepResult> } = {
  async accept(_input, { request, on, clock }) {
    const state = await clock({ kind: 'started', on, rule: handleRuleOf(request.form) });
    return { changes: { acceptedOn: on }, note: `已受理,应于 ${state.due ?? '(日历未载入)'} 前提供协助(第十八条)`, details: { rule: handleRuleOf(request.form), due: state.due } };
  },
  async refuse({ ground, reason }, { on }) {
    return { changes: { refusedOn: on, refusalGround: ground, refusalReason: reason }, note: `不予协助:${refusalGrounds[ground]}。${reason}` };
  },
  async forward({ agencyId, reason }, { tx, request, on, checkRequested }) {
    if (agencyId === request.requestedAgencyId) throw new AppError('validation_failed', '不能转给本机关');
    const name = await checkRequested(tx, request.requestingAgencyId, agencyId);
    return { changes: { requestedAgencyId: agencyId }, note: `转请${name}协助:${reason}`, details: { from: request.requestedAgencyId, to: agencyId, reason, on } };
  },
  async complete({ result, partial }, { request, on, clock }) {
    // Art. 17: assistance given on the spot, without a clock; otherwise the handling clock stops.
    const onTheSpot = request.state === 'submitted';
    if (!onTheSpot) await clock({ kind: 'stopped', on, reason: partial ? '部分协助' : '已完成协助' });
    const changes: repository.RequestChanges = { completedOn: on, result, partial: partial ?? false, ...(onTheSpot ? { acceptedOn: on, onTheSpot } : {}) };
    return { changes, note: `${onTheSpot ? '当场' : ''}${partial ? '部分协助' : '完成协助'}:${result}` };
  },
  async extend({ days, basis }, { on, clock, user }) {
    const state = await clock({ kind: 'extended', on, days, approver: user.displayName, basis });
    return { changes: {}, note: `依据${basis}延长 ${days} 个工作日,至 ${state.due ?? '(日历未载入)'}`, details: { days, basis } };
  },
  async complete_formalities(_input, { request, on }) {
    if (request.formalitiesCompletedOn !== null) throw new AppError('invalid_transition', '书面手续已经齐备');
    return { changes: { formalitiesCompletedOn: on }, note: '紧急情形消失后补办了书面请求手续(第九条)' };
  },
  async change_agency({ agencyId, reason }, { tx, request, checkRequested }) {
    if (agencyId === request.requestedAgencyId) throw new AppError('validation_failed', '新的被请求机关与原机关相同');
    if (request.matterId !== null) throw new AppError('validation_failed', '目录内事项的被请求机关由目录确定,不能变更(第六条、第八条)');
    const name = await checkRequested(tx, request.requestingAgencyId, agencyId);
    return { changes: { requestedAgencyId: agencyId }, note: `因特殊理由改向${name}请求协助:${reason}(第八条)`, details: { from: request.requestedAgencyId, to: agencyId, reason } };
  },
  async withdraw({ reason }, { request, on, clock }) {
    if (request.state === 'accepted') await clock({ kind: 'stopped', on, reason: '请求机关撤回' });
    return { changes: {}, note: `请求机关撤回请求:${reason}` };
  },
  async dispute({ note }) {
    return { changes: { disputeStage: 'negotiation' }, note: `提出争议,双方协商:${note}`, details: { stage: 'negotiation' } };
  },
  async escalate({ note }, { request }) {
    const next = request.disputeStage ? nextDisputeStage[request.disputeStage] : null;
    if (!next) throw new AppError('invalid_transition', '争议已提请政府决定,不能再提交');
    return { changes: { disputeStage: next }, note: `${note};提交${disputeStages[next]}`, details: { from: request.disputeStage, to: next } };
  },
  async resolve_assist({ note }, { request, on, clock }) {
    const state = await clock({ kind: 'started', on, rule: handleRuleOf(request.form) });
    return { changes: { acceptedOn: on }, note: `争议处理(${disputeStages[request.disputeStage!]}):应当协助。${note}。应于 ${state.due ?? '(日历未载入)'} 前提供协助`, details: { stage: request.disputeStage } };
  },
  async resolve_uphold({ note }, { request }) {
    return { changes: {}, note: `争议处理(${disputeStages[request.disputeStage!]}):维持不予协助。${note}`, details: { stage: request.disputeStage } };
  },
  async rate({ rating, note }, { request, on }) {
    if (request.rating !== null) throw new AppError('invalid_transition', '已经评价过了');
    return { changes: { rating, ratingNote: note ?? null, ratedOn: on }, note: `请求机关评价:${satisfaction[rating]}${note ? `(${note})` : ''}` };
  },
};
