import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { allow, definePolicy } from '../../src/core/auth/policy.ts';
import { collect } from '../../src/core/module.ts';
import { isAppError } from '../../src/core/errors.ts';

const user = (role: StaffUser['role'], agencyId: number | null): StaffUser => ({ id: 1, username: 'u', displayName: '用户', role, agencyId, agencyName: null, mustChangePassword: false });
type Case = { agencyId: number };
const policy = definePolicy<Case, 'read' | 'act' | 'configure'>({
  read: { allows: allow.ownAgencyOrOverseer((c) => c.agencyId), refusal: '只能查看本机关的事项' },
  act: { allows: allow.ownAgency((c) => c.agencyId, 'clerk', 'agency_admin'), refusal: '只有本机关的工作人员可以办理' },
  configure: { allows: allow.roles('system_admin'), refusal: '只有系统管理员可以设置' },
});

describe('policies', () => {
  it('answers each ability for the user and the resource', () => {
    assert.deepEqual(policy.abilities(user('clerk', 7), { agencyId: 7 }), { read: true, act: true, configure: false });
    assert.deepEqual(policy.abilities(user('clerk', 7), { agencyId: 8 }), { read: false, act: false, configure: false });
    assert.deepEqual(policy.abilities(user('supervisor', null), { agencyId: 8 }), { read: true, act: false, configure: false });
    assert.deepEqual(policy.abilities(user('system_admin', null)), { read: true, act: false, configure: true });
  });

  it('refuses with the reason declared for the ability, and knows no inherited abilities', () => {
    assert.throws(() => policy.check(user('clerk', 7), 'act', { agencyId: 8 }), (error) => isAppError(error) && error.code === 'forbidden' && error.message === '只有本机关的工作人员可以办理');
    assert.throws(() => policy.check(user('system_admin', null), 'toString' as 'act'), (error) => isAppError(error) && error.code === 'forbidden');
  });

  it('collects what modules declare and refuses a key declared twice', () => {
    const a = { name: 'a', label: '甲', auditActions: { 'a.x': '甲' } };
    const b = { name: 'b', label: '乙', auditActions: { 'b.y': '乙' } };
    assert.deepEqual(collect([a, b], (m) => m.auditActions), { 'a.x': '甲', 'b.y': '乙' });
    assert.throws(() => collect([a, { ...b, auditActions: { 'a.x': '又' } }], (m) => m.auditActions), /a\.x is declared by both a and b/);
  });
});
