import { definePolicy } from '../../core/auth/policy.ts';

/**
 * Who may do what to an agency's annual report: its own staff draft it and its
 * administrator publishes it; supervisors (the government's disclosure office)
 * read, draft and publish any agency's, and the government's own.
 */
export const reportPolicy = definePolicy<{ agencyId: number }, 'read' | 'edit' | 'publish'>({
  read: {
    allows: (user, report) => user.agencyId === null || report === undefined || report.agencyId === user.agencyId,
    refusal: '只能查看本机关的年度报告',
  },
  edit: {
    allows: (user, report) =>
      user.role === 'supervisor' || ((user.role === 'clerk' || user.role === 'agency_admin') && user.agencyId !== null && (report === undefined || report.agencyId === user.agencyId)),
    refusal: '只有本机关的工作人员或监督人员可以编写年度报告',
  },
  publish: {
    allows: (user, report) => user.role === 'supervisor' || (user.role === 'agency_admin' && user.agencyId !== null && (report === undefined || report.agencyId === user.agencyId)),
    refusal: '只有本机关的管理员或监督人员可以发布年度报告',
  },
});
