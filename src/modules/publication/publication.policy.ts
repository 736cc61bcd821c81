import { allow, definePolicy } from '../../core/auth/policy.ts';

/**
 * Who may do what to a publication: the drafting agency's staff draft and act
 * on its own documents; supervisors read every agency's and act on none;
 * system administrators repair library texts replaced across sources.
 */
export const publicationPolicy = definePolicy<{ agencyId: number }, 'read' | 'draft' | 'act' | 'repair'>({
  read: { allows: allow.roles('clerk', 'agency_admin', 'supervisor'), refusal: '只有机关的工作人员和监督人员可以查看主动公开的文件' },
  draft: { allows: allow.ownAgency(() => null, 'clerk', 'agency_admin'), refusal: '只有机关的工作人员可以拟文' },
  act: { allows: allow.ownAgency((publication) => publication.agencyId, 'clerk', 'agency_admin'), refusal: '监督人员只能查看' },
  repair: { allows: allow.roles('system_admin'), refusal: '只有系统管理员可以处理文件冲突' },
});
