import { allow, definePolicy, type PolicySubject } from '../../core/auth/policy.ts';

const agencyOf = (request: { agencyId: number }) => request.agencyId;

/**
 * Who may do what to a disclosure request. Staff of the handling agency (only
 * clerks and agency administrators belong to an agency) handle it and see the
 * applicant; supervisors read every agency's cases without the applicant and
 * act on none. System administrators keep accounts, not cases.
 */
export const requestPolicy = definePolicy<{ agencyId: number }, 'read' | 'register' | 'handle' | 'readApplicant' | 'downloadReply' | 'oversee', PolicySubject>({
  read: { allows: (user, request) => user.role !== 'system_admin' && allow.ownAgencyOrOverseer(agencyOf)(user, request), refusal: '只能查看本机关的申请' },
  register: { allows: allow.ownAgency(agencyOf), refusal: '只能登记本机关收到的申请' },
  handle: { allows: allow.ownAgency(agencyOf), refusal: '监督人员只能查看,不能办理' },
  readApplicant: { allows: allow.ownAgency(agencyOf), refusal: '文书含申请人信息,只有受理机关的工作人员可以查看' },
  downloadReply: { allows: allow.ownAgency(agencyOf), refusal: '答复附件只有受理机关的工作人员可以查看' },
  oversee: { allows: (user) => user.agencyId === null && user.role !== 'system_admin', refusal: '只有监督人员可以查看各机关的办理情况' },
});
