import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

export const rulesUsage = `用法:
  gongkai rules                                   列出各项期限及其依据
  gongkai rules set 代码 --limit 天数 --source 依据   修改一项期限(只适用于此后开始计时的事项)`;

/** `gongkai rules`: the time limits clocks run on, as data an administrator can change when a regulation does. */
export async function rulesCommand(args: string[], options: { limit?: string; source?: string; json: boolean }, context: AppContext, io: Output): Promise<number> {
  const [action, code] = args;
  if (action === undefined) {
    const rules = [...(await context.clocks.context()).rules.values()].sort((a, b) => a.code.localeCompare(b.code));
    if (options.json) io.json(rules);
    else for (const rule of rules) io.out(`${rule.code}\t${rule.label}\t${rule.limit} ${rule.unit === 'working_days' ? '个工作日' : '日'}\t${rule.source}`);
    return 0;
  }
  if (action === 'set' && code && options.limit && /^\d{1,4}$/.test(options.limit) && options.source) {
    const rule = await context.clocks.setRule(code, { limit: Number(options.limit), source: options.source }, { id: `cli:${process.env.USER ?? 'unknown'}` });
    io.out(`已将「${rule.label}」改为 ${rule.limit} ${rule.unit === 'working_days' ? '个工作日' : '日'}(${rule.source});已开始计时的事项仍按原期限`);
    return 0;
  }
  throw new AppError('validation_failed', rulesUsage);
}
