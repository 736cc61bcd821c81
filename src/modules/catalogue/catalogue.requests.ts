import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { newTrackingCode, normaliseTrackingCode } from '../../core/tracking.rules.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { agencyRequestForm, dataRequestForm, disputeForm, requestActionForms, useReportForm, type RequestActionInput } from './catalogue.actions.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import { readOpenResource } from './catalogue.queries.ts';
import * as repository from './catalogue.repository.ts';
import { allowedRequestActions, isBigDataCentre, nextRequestState } from './catalogue.rules.ts';
import { openAttributes, requestStates, sharingAttributes, type DataRequestRow, type DownloadLink, type RequestAction, type RequestEvent, type RequestState, type RequestTracking } from './catalogue.types.ts';

const trackingPrefix = 'SJ';

export interface RequestReceipt {
  trackingCode: string;
  resourceName: string;
  state: RequestState;
  receivedOn: string;
}

export interface RequestFile {
  request: DataRequestRow;
  events: RequestEvent[];
  actions: RequestAction[];
}

/**
 * Requests for data (《长宁区公共数据管理办法》第十七条): unconditional data
 * is granted once the request is logged; authorised data is reviewed by the
 * big-data centre with the providing agency, approved (with conditions) or
 * refused with the reason; a refusal may be disputed, and the government
 * office concludes. Neither the gazette nor docs/domain.md sets a number of
 * working days for the review (Art. 17 says 及时), so no deadline clock runs:
 * the dates are recorded and shown.
 */
export interface RequestService {
  /** Anyone, for an open resource: 无条件开放 granted at once, 有条件开放 reviewed. */
  submitPublic(resourceId: number, input: unknown, actor: Actor, today?: string): Promise<RequestReceipt>;
  /** An agency's staff, for another agency's shared data: 无条件共享 granted at once, 授权共享 reviewed, 非共享 refused. */
  submitShared(resourceId: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<RequestReceipt>;
  track(code: string): Promise<RequestTracking | null>;
  dispute(code: string, input: unknown, actor: Actor, today?: string): Promise<void>;
  /** The approved requester's report of how the data was used (issue: 申请人事后报告使用情况). */
  reportUse(code: string, input: unknown, actor: Actor, today?: string): Promise<void>;
  list(user: StaffUser, state?: RequestState): Promise<DataRequestRow[]>;
  file(id: number, user: StaffUser): Promise<RequestFile>;
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<RequestState>;
}

/** Whether a member of staff may see a request: the providing agency, the requesting agency, the big-data centre, supervisors. */
const mayRead = (user: StaffUser, request: DataRequestRow) =>
  cataloguePolicy.can(user, 'read', request) || (user.agencyId !== null && request.requesterAgencyId === user.agencyId) || cataloguePolicy.can(user, 'resolve_dispute');

function actionsFor(user: StaffUser, request: DataRequestRow): RequestAction[] {
  return allowedRequestActions(request.state).filter((action) => {
    if (action === 'centre_approve') return !request.centreApproved && cataloguePolicy.can(user, 'review_as_centre');
    if (action === 'agency_approve') return !request.agencyApproved && cataloguePolicy.can(user, 'review_as_agency', request);
    if (action === 'refuse') return cataloguePolicy.can(user, 'review_as_centre') || cataloguePolicy.can(user, 'review_as_agency', request);
    return cataloguePolicy.can(user, 'resolve_dispute');
  });
}

/** A request whose data the requester may use: registered (unconditional) or approved. */
const usable = (state: RequestState) => state === 'granted' || state === 'approved';

export function createRequestService(db: Database, linksFor: (request: DataRequestRow) => Promise<DownloadLink[]> = async () => []): RequestService {
  async function open(tx: Queryable, request: Omit<repository.NewRequest, 'trackingCode' | 'receivedOn'>, actor: Actor, today: string, note: string): Promise<RequestReceipt> {
    const trackingCode = newTrackingCode(trackingPrefix);
    const id = await repository.insertRequest(tx, { ...request, trackingCode, receivedOn: today });
    await repository.insertRequestEvent(tx, id, { onDate: today, actor: actor.id, action: 'submit', fromState: null, toState: request.state, publicNote: note });
    await recordAudit(tx, actor, { action: 'catalogue.request', subjectType: 'catalogue_request', subjectId: String(id), after: { trackingCode, resourceId: request.resourceId, state: request.state, requesterKind: request.requesterKind } });
    const resource = (await repository.readResource(tx, request.resourceId))!;
    return { trackingCode, resourceName: resource.name, state: request.state, receivedOn: today };
  }
  async function byCode(tx: Queryable, code: string, lock = false): Promise<DataRequestRow | null> {
    const normalised = normaliseTrackingCode(trackingPrefix, code);
    const id = normalised ? await repository.findRequestIdByCode(tx, normalised) : null;
    return id === null ? null : repository.readRequest(tx, id, { lock });
  }

  return {
    async submitPublic(resourceId, input, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(dataRequestForm), input);
      return db.transaction(async (tx) => {
        const resource = await readOpenResource(tx, { id: resourceId });
        if (!resource) throw new AppError('not_found', '没有这项开放数据');
        const state: RequestState = resource.open === 'unconditional' ? 'granted' : 'reviewing';
        const note = state === 'granted' ? `已登记。该数据为${openAttributes.unconditional},可直接获取` : '已收到申请,由区大数据中心会同提供单位审核';
        return open(tx, { resourceId, requesterKind: parsed.requesterKind, requesterName: parsed.name, requesterContact: parsed.contact, requesterAgencyId: null, purpose: parsed.purpose, scenario: parsed.scenario, state }, actor, today, note);
      });
    },

    async submitShared(resourceId, input, user, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(agencyRequestForm), input);
      return db.transaction(async (tx) => {
        const resource = await repository.readResource(tx, resourceId);
        if (!resource) throw new AppError('not_found', '没有这项数据资源');
        cataloguePolicy.check(user, 'request_shared', resource);
        if (resource.sharing === 'none') throw new AppError('invalid_transition', `该数据为${sharingAttributes.none}类(${resource.sharingReason ?? ''}),不能申请共享`);
        const state: RequestState = resource.sharing === 'unconditional' ? 'granted' : 'reviewing';
        const note = state === 'granted' ? '已登记,予以共享(第十七条:无条件共享类资源平台记录后即可共享)' : '已收到共享申请,由区大数据中心会同提供单位审核';
        return open(tx, { resourceId, requesterKind: 'agency', requesterName: user.agencyName ?? '', requesterContact: user.displayName, requesterAgencyId: user.agencyId, purpose: parsed.purpose, scenario: parsed.scenario, state }, actor, today, note);
      });
    },

    async track(code) {
      const request = await byCode(db, code);
      if (!request) return null;
      const events = await repository.readRequestEvents(db, request.id);
      return {
        trackingCode: request.trackingCode,
        resourceName: request.resourceName,
        agencyName: request.agencyName,
        state: requestStates[request.state],
        receivedOn: request.receivedOn,
        decidedOn: request.decidedOn,
        conditions: request.conditions,
        refusalReason: request.refusalReason,
        disputeConclusion: request.disputeConclusion,
        canDispute: request.state === 'refused',
        canReportUse: usable(request.state),
        steps: events.filter((event) => event.publicNote).map((event) => ({ on: event.onDate, note: event.publicNote! })),
        downloads: await linksFor(request),
      };
    },

    async dispute(code, input, actor, today = todayInChina()) {
      const { dispute } = parseInput(formSchema(disputeForm), input);
      await db.transaction(async (tx) => {
        const request = await byCode(tx, code, true);
        if (!request) throw new AppError('not_found', '没有这件申请');
        if (request.state !== 'refused') throw new AppError('invalid_transition', '只有不予同意的申请可以提出异议');
        await repository.updateRequest(tx, request.id, { state: 'disputed', dispute });
        await repository.insertRequestEvent(tx, request.id, { onDate: today, actor: actor.id, action: 'dispute', fromState: 'refused', toState: 'disputed', publicNote: '已提出异议,由区府办会同相关部门研究并作出结论' });
        await recordAudit(tx, actor, { action: 'catalogue.dispute', subjectType: 'catalogue_request', subjectId: String(request.id), before: { state: 'refused' }, after: { state: 'disputed' } });
      });
    },

    async reportUse(code, input, actor, today = todayInChina()) {
      const { use } = parseInput(formSchema(useReportForm), input);
      await db.transaction(async (tx) => {
        const request = await byCode(tx, code, true);
        if (!request) throw new AppError('not_found', '没有这件申请');
        if (!usable(request.state)) throw new AppError('invalid_transition', '只有予以共享、开放或审核同意的申请可以报告数据使用情况');
        await repository.insertRequestEvent(tx, request.id, { onDate: today, actor: actor.id, action: 'report_use', fromState: request.state, toState: request.state, publicNote: `申请人报告数据使用情况:${use}` });
        await recordAudit(tx, actor, { action: 'catalogue.report_use', subjectType: 'catalogue_request', subjectId: String(request.id), after: { use } });
      });
    },

    async list(user, state) {
      const everyAgency = user.agencyId === null || isBigDataCentre(user.agencyName) || cataloguePolicy.can(user, 'resolve_dispute');
      return repository.findRequests(db, { agencyId: everyAgency ? null : user.agencyId, state });
    },

    async file(id, user) {
      const request = await repository.readRequest(db, id);
      if (!request || !mayRead(user, request)) throw new AppError('not_found', '没有这件申请');
      return { request, events: await repository.readRequestEvents(db, id), actions: actionsFor(user, request) };
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(requestActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(requestActionForms[action]), input) as RequestActionInput<typeof action>;
      return db.transaction(async (tx) => {
        const request = await repository.readRequest(tx, id, { lock: true });
        if (!request || !mayRead(user, request)) throw new AppError('not_found', '没有这件申请');
        let to = nextRequestState(request.state, action);
        if (!actionsFor(user, request).includes(action)) {
          if (action === 'centre_approve') cataloguePolicy.check(user, 'review_as_centre');
          if (action === 'agency_approve') cataloguePolicy.check(user, 'review_as_agency', request);
          if (action === 'resolve_dispute') cataloguePolicy.check(user, 'resolve_dispute');
          if (action === 'refuse') cataloguePolicy.check(user, 'review_as_agency', request);
          throw new AppError('invalid_transition', '已经审核同意过了');
        }
        if (parsed.on < request.receivedOn || parsed.on > today) throw new AppError('validation_failed', `办理日期应在收到申请之日 ${request.receivedOn} 与今天之间`);
        const changes: repository.RequestChanges = {};
        let note: string;
        if (action === 'centre_approve' || action === 'agency_approve') {
          const { conditions } = parsed as RequestActionInput<'centre_approve'>;
          if (action === 'centre_approve') changes.centreApproved = true;
          else changes.agencyApproved = true;
          if (conditions) changes.conditions = request.conditions ? `${request.conditions}\n${conditions}` : conditions;
          const both = (changes.centreApproved ?? request.centreApproved) && (changes.agencyApproved ?? request.agencyApproved);
          note = action === 'centre_approve' ? '区大数据中心审核同意' : '提供单位审核同意';
          if (both) {
            to = 'approved';
            changes.decidedOn = parsed.on;
            note += ',申请已获同意';
          }
        } else if (action === 'refuse') {
          const { reason } = parsed as RequestActionInput<'refuse'>;
          Object.assign(changes, { refusalReason: reason, decidedOn: parsed.on });
          note = `不予同意:${reason}`;
        } else {
          const { outcome, conclusion } = parsed as RequestActionInput<'resolve_dispute'>;
          changes.disputeConclusion = conclusion;
          if (outcome === 'upheld') to = 'approved';
          changes.decidedOn = parsed.on;
          note = `区府办协调结论:${conclusion}`;
        }
        await repository.updateRequest(tx, id, { ...changes, state: to });
        await repository.insertRequestEvent(tx, id, { onDate: parsed.on, actor: actor.id, action, fromState: request.state, toState: to, publicNote: note });
        await recordAudit(tx, actor, { action: `catalogue.${action}`, subjectType: 'catalogue_request', subjectId: String(id), before: { state: request.state }, after: { state: to, ...changes } });
        return to;
      });
    },
  };
}
