import { allow, definePolicy } from '../../core/auth/policy.ts';

/** Who may change the agency register: system administrators (the command line too, which has no user). */
export const agencyPolicy = definePolicy<never, 'manage'>({
  manage: { allows: allow.roles('system_admin'), refusal: '只有系统管理员可以修改机关名录' },
});
