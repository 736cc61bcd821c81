import { allow, definePolicy } from '../../core/auth/policy.ts';

/** Who may do what to a message: the handling agency's staff act; supervisors read every agency's. */
export const messagePolicy = definePolicy<{ agencyId: number }, 'read' | 'handle' | 'moderate'>({
  read: { allows: allow.ownAgencyOrOverseer((message) => message.agencyId), refusal: '只能查看本机关的留言' },
  handle: { allows: allow.ownAgency((message) => message.agencyId, 'clerk', 'agency_admin'), refusal: '只有办理机关的工作人员可以办理留言' },
  /** Publishing is a moderation step: the agency's administrator, who answers for what goes public. */
  moderate: { allows: allow.ownAgency((message) => message.agencyId, 'agency_admin'), refusal: '只有办理机关的管理员可以审核公开留言' },
});
