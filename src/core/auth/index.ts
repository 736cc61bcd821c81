export { createAuthService, type AuthService, type NewUser } from './auth.service.ts';
export { roles, type Role, type Session, type StaffUser } from './auth.types.ts';
