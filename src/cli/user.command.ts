import type { AppContext } from '../app.ts';
import { roles, type Role } from '../core/auth/index.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

export const userUsage = `用法:
  gongkai user add 用户名 --name 姓名 --role 角色 [--agency 机关编号]
      角色: ${Object.entries(roles).map(([code, label]) => `${code}(${label})`).join('、')}
      经办人员和机关管理员须指定机关(机关编号见 /api/agencies)。
      会生成一次性密码并显示一次,首次登录后须修改。`;

/** `gongkai user add`: bootstraps the first administrator, and any account an operator needs. */
export async function userCommand(args: string[], options: { name?: string; role?: string; agency?: string }, context: AppContext, io: Output): Promise<number> {
  const [action, username] = args;
  if (action !== 'add' || !username || !options.name || !options.role) throw new AppError('validation_failed', userUsage);
  if (!Object.hasOwn(roles, options.role)) throw new AppError('validation_failed', `未知的角色「${options.role}」\n${userUsage}`);
  if (options.agency !== undefined && !/^\d{1,12}$/.test(options.agency)) throw new AppError('validation_failed', '--agency 应为机关编号');
  const created = await context.auth.createUser(
    { username, displayName: options.name, role: options.role as Role, agencyId: options.agency ? Number(options.agency) : null },
    null,
    { id: `cli:${process.env.USER ?? 'unknown'}` },
  );
  io.out(`已创建账号 ${username}(${roles[options.role as Role]})`);
  io.out(`一次性密码:${created.password}`);
  io.out('请在 /console(控制台)登录后立即修改密码。');
  return 0;
}
