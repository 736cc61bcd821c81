import type { AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import type { Database } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';

/** Builds what the catalogue's tests need: agencies, real users (a restriction names its proposer), entries. */
export async function addAgencies(db: Database, ...names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) ids.push((await db.query<{ id: number }>(sql`insert into agencies (name) values (${name}) returning id::int as id`))[0]!.id);
  return ids;
}

let serial = 0;
export async function addStaff(context: AppContext, role: StaffUser['role'], agency: { id: number; name: string } | null): Promise<StaffUser> {
  const username = `cat${++serial}${Math.random().toString(36).slice(2, 6)}`;
  const { id } = await context.auth.createUser({ username, displayName: `员工${serial}`, role, agencyId: agency?.id ?? null, password: 'a long passphrase for the catalogue' }, null, { id: 'cli:test' });
  return { id, username, displayName: `员工${serial}`, role, agencyId: agency?.id ?? null, agencyName: agency?.name ?? null, mustChangePassword: false };
}

/** A complete, valid entry form; override what a test is about. */
export const entry = (overrides: Record<string, string> = {}): Record<string, string> => ({
  name: '公共停车场基本信息',
  description: '全区公共停车场的名称、地址、泊位数和收费标准。',
  classificationCode: '0203',
  domain: '交通出行',
  sharing: 'unconditional',
  open: 'unconditional',
  updateFrequency: 'monthly',
  timeCoverage: '2019-01-01 至今',
  formats: 'CSV、XLSX',
  keywords: '停车、交通',
  contact: '021-12345678',
  fields: '停车场名称|字符串|全称\n地址|字符串|门牌地址\n泊位数|整数|小型车泊位',
  ...overrides,
});
