import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

export const documentsUsage = `用法:
  gongkai documents conflicts [--json]   文件库中被其他来源替换的文本(其一为平台发布),待处理
  gongkai documents repair 冲突编号       重新读取被替换文本的原文件,恢复为文件的新版本(记入审计日志)`;

/** `gongkai documents`: texts of the library replaced across sources, and their repair by an operator. */
export async function documentsCommand(args: string[], options: { json: boolean }, context: AppContext, io: Output): Promise<number> {
  const [action, id] = args;
  if (action === 'conflicts') {
    const conflicts = await context.publication.conflicts(null);
    if (options.json) io.json(conflicts);
    else if (conflicts.length === 0) io.out('没有待处理的文件冲突');
    else {
      for (const c of conflicts) {
        const earlier = c.earlierSource ? `原文本来自 ${c.earlierSource}${c.earlierIssuer ? `(${c.earlierIssuer})` : ''}` : '原文本来源未记录(修复前被替换)';
        io.out(`${c.id}\t文件 ${c.documentId}\t${c.docNumber ?? '(无文号)'}\t《${c.title}》\t现为 ${c.currentSource};${earlier};发现于 ${c.detectedAt}`);
      }
      io.out(`共 ${conflicts.length} 项;用 gongkai documents repair 冲突编号 恢复原文本`);
    }
    return 0;
  }
  if (action === 'repair' && id && /^\d+$/.test(id)) {
    const result = await context.publication.repair(Number(id), null, { id: `cli:${process.env.USER ?? 'unknown'}` });
    if (options.json) io.json(result);
    else io.out(result.restored ? `已恢复文件 ${result.documentId} 的原文本(来源 ${result.source}),被替换的文本另存为版本` : `已重新读取原文件;文件 ${result.documentId} 仍来自 ${result.source},原文本已作为另一篇文件入库`);
    return 0;
  }
  throw new AppError('validation_failed', documentsUsage);
}
