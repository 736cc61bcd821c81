export { signInsPerMinute } from './auth.rules.ts';
export { createAuthService, type AuthService, type NewUser, type PasswordHasher } from './auth.service.ts';
export { roles, type Role, type Session, type StaffActor, type StaffUser } from './auth.types.ts';
