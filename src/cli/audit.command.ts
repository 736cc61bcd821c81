import type { AppContext } from '../app.ts';
import {
  checkCheckpoint,
  formatCheckpoint,
  generateAuditKey,
  latestCheckpoint,
  loadAuditKey,
  parseCheckpoint,
  writeCheckpoint,
  type AuditKey,
  type CheckpointCheck,
  type CheckpointProblem,
} from '../core/audit/audit.checkpoint.ts';
import { verifyAuditChain } from '../core/audit/audit.ts';
import { AppError } from '../core/errors.ts';
import type { Output } from './output.ts';

export const auditUsage = `用法: gongkai audit verify [--checkpoint "检查点行"] [--json]
       gongkai audit checkpoint [--json]
       gongkai audit keygen 文件`;

/** `gongkai audit keygen FILE`: a new signing key, outside the database; needs no database. */
export function auditKeygen(file: string | undefined, io: Output): number {
  if (!file) throw new AppError('validation_failed', auditUsage);
  const { fingerprint, publicFile } = generateAuditKey(file);
  io.out(`已生成审计检查点签名密钥 ${file}(私钥,仅本人可读)和 ${publicFile}(公钥)\n指纹:${fingerprint}\n请设置 AUDIT_KEY_FILE=${file};只做核对的机器可只放公钥文件`);
  return 0;
}

const problems: Record<CheckpointProblem, string> = {
  other_key: '检查点不是用所配置的密钥签发的(密钥指纹不符)',
  signature_invalid: '检查点签名无效(检查点被伪造或改动)',
  event_missing: '检查点所记的事件已不存在:日志末尾被截断(最新的事件被删除)',
  hash_changed: '检查点所记事件的哈希已变:该事件或其之前的事件被改写后重算了哈希链',
  events_missing: '检查点之前的事件条数与签发时不符:有事件被删除',
};

function keyOf(context: AppContext): AuditKey {
  if (!context.config.audit.keyFile) throw new AppError('config_invalid', '未配置 AUDIT_KEY_FILE(用 gongkai audit keygen 文件 生成密钥)');
  return loadAuditKey(context.config.audit.keyFile);
}

/**
 * `gongkai audit verify`: recomputes the hash chain and names the first break,
 * then checks the log against the latest signed checkpoint (or one given with
 * --checkpoint, kept outside the database), which shows a rewritten or
 * truncated tail. `gongkai audit checkpoint` signs the head and prints its line.
 */
export async function auditCommand(action: string | undefined, options: { json: boolean; checkpoint?: string }, context: AppContext, io: Output): Promise<number> {
  if (action === 'checkpoint') {
    const checkpoint = (await writeCheckpoint(context.db, keyOf(context), { id: `cli:${process.env.USER ?? 'unknown'}` }))!;
    if (options.json) io.json(checkpoint);
    else io.out(formatCheckpoint(checkpoint));
    return 0;
  }
  if (action !== 'verify') throw new AppError('validation_failed', auditUsage);
  const given = options.checkpoint === undefined ? null : parseCheckpoint(options.checkpoint);
  const check = await verifyAuditChain(context.db);
  const checkpoint = given ?? (await latestCheckpoint(context.db));
  const anchored: CheckpointCheck | null = checkpoint ? await checkCheckpoint(context.db, checkpoint, keyOf(context)) : null;
  const failed = check.broken !== null || Boolean(anchored?.problem);
  if (options.json) io.json({ ...check, checkpoint: anchored });
  else {
    if (check.broken) {
      const how = check.broken.reason === 'content_changed' ? '该条内容已被改动' : '其前一条已被删除或改动';
      io.err(`审计日志在第 ${check.broken.id} 号事件处断裂:${how}(共 ${check.events} 条)`);
    }
    if (anchored?.problem) io.err(`审计日志与第 ${anchored.checkpoint.eventId} 号事件处的检查点(${anchored.checkpoint.at})不符:${problems[anchored.problem]}`);
    if (!failed) {
      io.out(`审计日志完整:共 ${check.events} 条,哈希链逐条核对无误;链尾哈希 ${check.head ?? '(空)'}`);
      io.out(anchored
        ? `与第 ${anchored.checkpoint.eventId} 号事件处的签名检查点(${anchored.checkpoint.at}${given ? ',由命令行给出' : ''})相符;其后另有 ${anchored.eventsAfter} 条`
        : '尚无签名检查点:请配置 AUDIT_KEY_FILE 并执行 gongkai audit checkpoint,把输出的一行另行保存');
    }
  }
  return failed ? 1 : 0;
}
