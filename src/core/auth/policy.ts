import { AppError } from '../errors.ts';
import type { StaffUser } from './auth.types.ts';

/**
 * Who may do what to which resource, declared once per module. The service
 * asks `policy.check` before it acts; the routes send `policy.abilities` with
 * the resource, so the console shows only the menus and buttons that will
 * work. Each ability says in Chinese why it is refused.
 */
/**
 * Whom a rule asks about: a signed-in user, or a service's actor (which
 * carries the agency it acts for, null for those who only read, and no role).
 */
export type PolicySubject = Pick<StaffUser, 'agencyId'> & { role?: StaffUser['role'] };

export interface AbilityRule<R, U extends PolicySubject = StaffUser> {
  /** Whether the user may, on this resource (or in general when there is none). */
  allows(user: U, resource: R | undefined): boolean;
  /** Told when refused: 只有…可以… */
  refusal: string;
}

export interface Policy<A extends string, R, U extends PolicySubject = StaffUser> {
  readonly rules: Readonly<Record<A, AbilityRule<R, U>>>;
  can(user: U, ability: A, resource?: R): boolean;
  /** Throws `forbidden` with the ability's reason unless the user may. */
  check(user: U, ability: A, resource?: R): void;
  /** Every ability's answer for this user and resource: what the console is told. */
  abilities(user: U, resource?: R): Record<A, boolean>;
}

/**
 * Declares a policy. Its rules ask about a signed-in user (`StaffUser`), or,
 * for a module whose service acts for an actor without a role, about a
 * `PolicySubject` (the third type parameter).
 */
export function definePolicy<R, A extends string, U extends PolicySubject = StaffUser>(rules: Record<A, AbilityRule<R, U>>): Policy<A, R, U> {
  const can = (user: U, ability: A, resource?: R) => Object.hasOwn(rules, ability) && rules[ability].allows(user, resource);
  return {
    rules,
    can,
    check(user, ability, resource) {
      if (!can(user, ability, resource)) throw new AppError('forbidden', Object.hasOwn(rules, ability) ? rules[ability].refusal : '没有权限', { ability });
    },
    abilities(user, resource) {
      return Object.fromEntries(Object.keys(rules).map((ability) => [ability, can(user, ability as A, resource)])) as Record<A, boolean>;
    },
  };
}

/** The usual shapes of a rule. */
export const allow = {
  /** Any of these roles, whatever the resource. */
  roles: (...roles: StaffUser['role'][]) => (user: PolicySubject) => user.role !== undefined && roles.includes(user.role),
  /** Staff of the agency that holds the resource (supervisors hold none, so they only read). */
  ownAgency:
    <R>(agencyOf: (resource: R) => number | null, ...roles: StaffUser['role'][]) =>
    (user: PolicySubject, resource: R | undefined) =>
      user.agencyId !== null && (roles.length === 0 || (user.role !== undefined && roles.includes(user.role))) && (resource === undefined || agencyOf(resource) === user.agencyId),
  /** Staff of the holding agency, or anyone without an agency (supervisors, system administrators), to read. */
  ownAgencyOrOverseer:
    <R>(agencyOf: (resource: R) => number | null) =>
    (user: PolicySubject, resource: R | undefined) =>
      user.agencyId === null || resource === undefined || agencyOf(resource) === user.agencyId,
};
