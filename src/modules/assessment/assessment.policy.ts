import { definePolicy } from '../../core/auth/policy.ts';

/**
 * Who may do what: an agency's own staff draft its annual report and its
 * administrator publishes it; supervisors (the government's disclosure office)
 * read, draft and publish any agency's, and they alone assess (score, judge,
 * adjust, publish results). Agency staff read their own agency's score.
 */
export const assessmentPolicy = definePolicy<{ agencyId: number }, 'read' | 'edit' | 'publish' | 'assess'>({
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
  assess: { allows: (user) => user.role === 'supervisor', refusal: '只有监督人员可以开展考核评估' },
});
