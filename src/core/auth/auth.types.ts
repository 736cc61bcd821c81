import type { Actor } from '../audit/audit.repository.ts';

export const roles = {
  clerk: '经办人员',
  agency_admin: '机关管理员',
  supervisor: '监督人员',
  system_admin: '系统管理员',
} as const;
export type Role = keyof typeof roles;

/** A signed-in member of staff, as every permission check sees them. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Their agency; null for supervisors and system administrators, who see every agency. */
  agencyId: number | null;
  agencyName: string | null;
  mustChangePassword: boolean;
}

export interface Session {
  user: StaffUser;
  csrfToken: string;
  expiresAt: string;
  /** `<module>.<ability>` → allowed, for the console's menus (sent with the session; the server checks every call again). */
  abilities?: Record<string, boolean>;
}

/** A member of staff as services see them in the audit log: who, from where, and their agency (none for a supervisor, who reads all and acts on none). */
export interface StaffActor extends Actor {
  agencyId: number | null;
}
