import type { AppContext } from '../app.ts';
import { verifyAuditChain } from '../core/audit/audit.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

/** `gongkai audit verify`: recomputes the audit log's hash chain and names the first break. */
export async function auditCommand(action: string | undefined, options: { json: boolean }, context: AppContext, io: Output): Promise<number> {
  if (action !== 'verify') throw new AppError('validation_failed', '用法: gongkai audit verify [--json]');
  const check = await verifyAuditChain(context.db);
  if (options.json) io.json(check);
  else if (!check.broken) io.out(`审计日志完整:共 ${check.events} 条,哈希链逐条核对无误;链尾哈希 ${check.head ?? '(空)'}(请另行记录,以便日后核对整链未被重写)`);
  else {
    const how = check.broken.reason === 'content_changed' ? '该条内容已被改动' : '其前一条已被删除或改动';
    io.err(`审计日志在第 ${check.broken.id} 号事件处断裂:${how}(共 ${check.events} 条)`);
  }
  return check.broken ? 1 : 0;
}
