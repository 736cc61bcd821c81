import type { AppContext } from '../app.ts';
import { migrate } from '../core/db/migrator.ts';
import { AppError } from '../core/errors.ts';
import { storeStats } from '../modules/documents/index.ts';
import type { Output } from './output.ts';

/** `gongkai db migrate` and `gongkai db stats`. */
export async function dbCommand(action: string | undefined, options: { json: boolean }, context: AppContext, io: Output): Promise<number> {
  if (action === 'migrate') {
    const applied = await migrate(context.db);
    io.out(applied.length > 0 ? `已应用迁移: ${applied.join(', ')}` : '数据库已是最新');
    return 0;
  }
  if (action === 'stats') {
    const stats = await storeStats(context.db);
    if (options.json) {
      io.json({ database: context.db.kind, ...stats });
      return 0;
    }
    io.out(`数据库: ${context.db.kind === 'pglite' ? '嵌入式 (PGlite)' : 'PostgreSQL'}`);
    io.out(`来源文件 ${stats.files} 个,其中政府公报 ${stats.gazetteIssues} 期`);
    io.out(`公文 ${stats.documents} 篇(有文号 ${stats.withNumber} 篇,规范性文件 ${stats.normative} 篇)`);
    io.out(`文件关系 ${stats.relations} 条(已关联到库内文件 ${stats.relationsResolved} 条);人事任免 ${stats.appointments} 条;任务分工 ${stats.tasks} 条`);
    io.out(`按文种: ${stats.byType.map((row) => `${row.type ?? '未识别'} ${row.count}`).join(',')}`);
    if (stats.lastRun) io.out(`最近一次入库: ${stats.lastRun.startedAt},文件 ${stats.lastRun.files} 个,失败 ${stats.lastRun.failed} 个`);
    return 0;
  }
  throw new AppError('validation_failed', '用法: gongkai db migrate | gongkai db stats [--json]');
}
