import { allow, definePolicy } from '../../core/auth/policy.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { isBigDataCentre, isGovernmentOffice } from './catalogue.rules.ts';

const staffOf = (user: StaffUser) => user.agencyId !== null && (user.role === 'clerk' || user.role === 'agency_admin');

/**
 * Who may do what in the catalogue. The resource is an entry or a request,
 * named by the agency that provides the data.
 */
export const cataloguePolicy = definePolicy<{ agencyId: number }, 'read' | 'edit' | 'approve_restriction' | 'review_as_centre' | 'review_as_agency' | 'resolve_dispute' | 'request_shared' | 'publish_data'>({
  /** The providing agency's staff; the big-data centre and supervisors read every agency's. */
  read: {
    allows: (user, resource) => allow.ownAgencyOrOverseer<{ agencyId: number }>((r) => r.agencyId)(user, resource) || isBigDataCentre(user.agencyName),
    refusal: '只能查看本机关的数据资源目录',
  },
  edit: { allows: allow.ownAgency((r) => r.agencyId, 'clerk', 'agency_admin'), refusal: '只有提供单位的工作人员可以编辑数据资源目录' },
  /** The data itself (files and API links): the providing agency's staff, and the big-data centre that runs the open platform (Art. 13). */
  publish_data: {
    allows: (user, resource) => allow.ownAgency<{ agencyId: number }>((r) => r.agencyId, 'clerk', 'agency_admin')(user, resource) || (staffOf(user) && isBigDataCentre(user.agencyName)),
    refusal: '只有提供单位的工作人员和区大数据中心可以上传数据文件、登记数据接口',
  },
  /** A stricter attribute is approved by the agency's administrator, never by whoever proposed it (checked in the service). */
  approve_restriction: { allows: allow.ownAgency((r) => r.agencyId, 'agency_admin'), refusal: '只有提供单位的管理员可以审批调整为更严格的共享、开放属性' },
  /** Art. 17: 区大数据中心会同相关区级责任部门进行审核. */
  review_as_centre: { allows: (user) => staffOf(user) && isBigDataCentre(user.agencyName), refusal: '只有区大数据中心的工作人员可以作为平台方审核数据申请' },
  review_as_agency: { allows: allow.ownAgency((r) => r.agencyId, 'clerk', 'agency_admin'), refusal: '只有提供单位的工作人员可以审核本单位数据的申请' },
  /** Art. 17 第二款: 由区府办会同相关部门对该事项进行研究并作出结论. */
  resolve_dispute: { allows: (user) => user.role === 'supervisor' || (staffOf(user) && isGovernmentOffice(user.agencyName)), refusal: '只有区府办可以对数据申请异议作出协调结论' },
  /** Art. 16: every agency may ask for other agencies' data for its duties. */
  request_shared: { allows: (user, resource) => staffOf(user) && (resource === undefined || resource.agencyId !== user.agencyId), refusal: '只有其他单位的工作人员可以申请共享本数据' },
});
