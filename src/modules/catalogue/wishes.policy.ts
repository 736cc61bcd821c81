import { definePolicy } from '../../core/auth/policy.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { isBigDataCentre } from './catalogue.rules.ts';

const handlesCases = (user: StaffUser) => user.agencyId !== null && (user.role === 'clerk' || user.role === 'agency_admin');

/**
 * Requests for unlisted data: the big-data centre keeps them (it runs the
 * catalogue, Art. 13) and the agency a request names may answer it too;
 * supervisors read every one. The resource is the request.
 */
export const wishPolicy = definePolicy<{ agencyId: number | null }, 'read' | 'answer'>({
  read: {
    allows: (user, wish) => user.role === 'supervisor' || isBigDataCentre(user.agencyName) || (handlesCases(user) && (wish === undefined || wish.agencyId === user.agencyId)),
    refusal: '只能查看向本单位提出的目录外数据需求',
  },
  answer: {
    allows: (user, wish) => handlesCases(user) && (isBigDataCentre(user.agencyName) || (wish !== undefined && wish.agencyId === user.agencyId)),
    refusal: '只有区大数据中心或需求指向的单位可以答复目录外数据需求',
  },
});
