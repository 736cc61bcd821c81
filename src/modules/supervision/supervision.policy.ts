import type { StaffUser } from '../../core/auth/auth.types.ts';
import { definePolicy } from '../../core/auth/policy.ts';

/** What the policy looks at: the agencies party to a task (or the unit of an audit item) and which of them lead. */
export interface SupervisedCase {
  agencyIds: readonly number[];
  leadAgencyIds: readonly number[];
}

const handles = (user: StaffUser) => user.agencyId !== null && (user.role === 'clerk' || user.role === 'agency_admin');
const supervises = (user: StaffUser) => user.role === 'supervisor';

/**
 * Only the agencies party to a task or audit item see it; supervisors (the
 * government office, the audit bureau) see all and are the ones who assign,
 * accept, issue notices and close items.
 */
export const supervisionPolicy = definePolicy<SupervisedCase, 'read' | 'report' | 'lead' | 'supervise'>({
  read: { allows: (user, item) => user.agencyId === null || item === undefined || item.agencyIds.includes(user.agencyId), refusal: '只能查看本机关承担的任务' },
  report: { allows: (user, item) => handles(user) && (item === undefined || item.agencyIds.includes(user.agencyId!)), refusal: '只有承担任务的单位可以报送' },
  lead: { allows: (user, item) => handles(user) && (item === undefined || item.leadAgencyIds.includes(user.agencyId!)), refusal: '只有牵头单位可以申请办结' },
  supervise: { allows: supervises, refusal: '只有督查人员可以交办、验收和督办' },
});
