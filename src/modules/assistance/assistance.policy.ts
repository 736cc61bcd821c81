import { allow, definePolicy } from '../../core/auth/policy.ts';

/** A request as the policy sees it: the two parties. */
export interface RequestParties {
  requestingAgencyId: number;
  requestedAgencyId: number;
}

const party = (user: { agencyId: number | null }, request: RequestParties | undefined) =>
  request === undefined || user.agencyId === request.requestingAgencyId || user.agencyId === request.requestedAgencyId;

/**
 * Who may do what: only the two agencies party to a request see it; the
 * staffing office and supervisors (staff without an agency) see all, keep the
 * catalogue (Art. 6) and monitor (Art. 24).
 */
export const assistancePolicy = definePolicy<RequestParties, 'read' | 'request' | 'handle' | 'catalogue' | 'monitor'>({
  read: { allows: (user, request) => user.agencyId === null || party(user, request), refusal: '只有协助请求的双方可以查看' },
  request: { allows: allow.ownAgency((request) => request.requestingAgencyId, 'clerk', 'agency_admin'), refusal: '只有请求机关的工作人员可以办理' },
  handle: { allows: allow.ownAgency((request) => request.requestedAgencyId, 'clerk', 'agency_admin'), refusal: '只有被请求机关的工作人员可以办理' },
  catalogue: { allows: allow.roles('supervisor', 'system_admin'), refusal: '只有编办(监督人员)可以登记、调整或取消目录内的协助事项' },
  monitor: { allows: allow.roles('supervisor', 'system_admin'), refusal: '只有编办和监督人员可以查看行政协助监控' },
});
