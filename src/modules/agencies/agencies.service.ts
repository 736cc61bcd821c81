import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/index.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { agencyPolicy } from './agencies.policy.ts';
import { ancestorsOf, findAgencyByName, insertAgency, nameOrCodeTaken, readAgency, updateAgency, type Agency, type AgencyChange } from './agencies.repository.ts';

export interface AgencyService {
  /** A system administrator adds an agency the library has not met as an issuer yet. */
  add(input: { name: string; parentId: number | null }, by: StaffUser | null, actor: Actor): Promise<Agency>;
  /** A system administrator sets an agency's code (used in 索引号), short name, parent and aliases. */
  update(id: number, change: AgencyChange, by: StaffUser | null, actor: Actor): Promise<Agency>;
}

const codePattern = /^[0-9A-Za-z][0-9A-Za-z-]{1,19}$/;
const namePattern = /^[\u4e00-\u9fff()()A-Za-z0-9]{2,40}$/;

export function createAgencyService(db: Database): AgencyService {
  return {
    async add(input, by, actor) {
      if (by !== null) agencyPolicy.check(by, 'manage');
      const name = input.name.trim();
      if (!namePattern.test(name)) throw new AppError('validation_failed', '请填写机关全称(2 到 40 个字)');
      if ((await findAgencyByName(db, name)) !== null) throw new AppError('conflict', `「${name}」已在机关名录中`);
      if (input.parentId !== null && !(await readAgency(db, input.parentId))) throw new AppError('validation_failed', '所选上级机关不存在');
      const id = await db.transaction(async (tx) => {
        const created = await insertAgency(tx, name, input.parentId);
        await recordAudit(tx, actor, { action: 'agency.create', subjectType: 'agency', subjectId: String(created), after: { name, parentId: input.parentId } });
        return created;
      });
      return (await readAgency(db, id))!;
    },

    async update(id, change, by, actor) {
      if (by !== null) agencyPolicy.check(by, 'manage');
      const before = await readAgency(db, id);
      if (!before) throw new AppError('not_found', '没有这个机关');
      const problems: string[] = [];
      if (change.code !== undefined && change.code !== null && !codePattern.test(change.code)) problems.push('机关代码应为 2 到 20 位字母、数字或连字符');
      if (change.shortName !== undefined && change.shortName !== null && !/^[\u4e00-\u9fff()()]{2,20}$/.test(change.shortName)) problems.push('简称应为 2 到 20 个汉字');
      for (const alias of change.aliases ?? []) if (!namePattern.test(alias)) problems.push(`别名「${alias.slice(0, 40)}」不是有效的机关名称`);
      if (change.parentId !== undefined && change.parentId !== null) {
        if (change.parentId === id) problems.push('上级机关不能是自己');
        else if (!(await readAgency(db, change.parentId))) problems.push('所选上级机关不存在');
        else if ((await ancestorsOf(db, change.parentId)).includes(id)) problems.push('上级机关不能是本机关的下级');
      }
      const taken = await nameOrCodeTaken(db, id, change.code ?? null, change.aliases ?? []);
      if (taken) problems.push(taken);
      if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'), { problems: problems.map((message) => ({ field: '', message })) });
      await db.transaction(async (tx) => {
        await updateAgency(tx, id, change);
        await recordAudit(tx, actor, { action: 'agency.update', subjectType: 'agency', subjectId: String(id), before, after: change });
      });
      return (await readAgency(db, id))!;
    },
  };
}
