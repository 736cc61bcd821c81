import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import { listAgencies, type Agency, type AgencyChange } from '../modules/agencies/index.ts';
import type { Output } from './output.ts';

export const agencyUsage = `用法:
  gongkai agency                                  机关名录(树形)
  gongkai agency add 全称 [--parent 上级编号]            添加机关
  gongkai agency set 编号 [--code 代码] [--short-name 简称] [--parent 上级编号] [--alias 别名 ...]
      代码用于索引号;--alias 可重复,给出的别名取代原有别名;值为 - 表示清除`;

function tree(agencies: Agency[]): string[] {
  const children = new Map<number | null, Agency[]>();
  for (const agency of agencies) children.set(agency.parentId, [...(children.get(agency.parentId) ?? []), agency]);
  const lines: string[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const agency of children.get(parent) ?? []) {
      const extra = [agency.shortName && `简称 ${agency.shortName}`, agency.code && `代码 ${agency.code}`, agency.aliases.length > 0 && `别名 ${agency.aliases.join('、')}`].filter(Boolean).join(';');
      lines.push(`${'  '.repeat(depth)}${agency.id}\t${agency.name}${extra ? `(${extra})` : ''}`);
      walk(agency.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

/** `gongkai agency`: the agency register, and an operator's corrections to it. */
export async function agencyCommand(args: string[], options: { code?: string; shortName?: string; parent?: string; alias?: string[]; json: boolean }, context: AppContext, io: Output): Promise<number> {
  const [action, id] = args;
  if (action === undefined) {
    const agencies = await listAgencies(context.db);
    if (options.json) io.json(agencies);
    else for (const line of tree(agencies)) io.out(line);
    return 0;
  }
  if (action === 'add' && id) {
    const parentId = options.parent ? Number(options.parent) : null;
    const agency = await context.agencies.add({ name: id, parentId }, null, { id: `cli:${process.env.USER ?? 'unknown'}` });
    io.out(`已添加机关 ${agency.id}:${agency.name}`);
    return 0;
  }
  if (action !== 'set' || !id || !/^\d{1,12}$/.test(id)) throw new AppError('validation_failed', agencyUsage);
  const clear = (value: string | undefined) => (value === undefined ? undefined : value === '-' ? null : value);
  const change: AgencyChange = {
    code: clear(options.code),
    shortName: clear(options.shortName),
    parentId: options.parent === undefined ? undefined : options.parent === '-' ? null : Number(options.parent),
    aliases: options.alias === undefined ? undefined : options.alias.filter((alias) => alias !== '-'),
  };
  const agency = await context.agencies.update(Number(id), change, null, { id: `cli:${process.env.USER ?? 'unknown'}` });
  io.out(`已更新:${agency.name}`);
  return 0;
}
