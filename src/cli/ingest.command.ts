import cliProgress from 'cli-progress';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import type { IngestSummary } from '../modules/documents/index.ts';
import type { Output } from './output.ts';

/** Exit status when some files were refused while the others were ingested. */
export const someFilesFailedExit = 1;

/** `gongkai ingest PATH...`: files and directories into the store, with progress and a summary. */
export async function ingestCommand(paths: string[], options: { json: boolean }, context: AppContext, io: Output): Promise<number> {
  if (paths.length === 0) throw new AppError('validation_failed', '用法: gongkai ingest 文件或目录 ...');
  const bar = io.interactive && !options.json
    ? new cliProgress.SingleBar({ format: '入库 [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  const started = performance.now();
  const summary = await context.ingest.ingest(paths, {
    onProgress: ({ done, total, path }) => {
      if (bar) {
        if (done === 0) bar.start(total, 0, { file: path });
        bar.update(done, { file: path.split('/').pop() ?? '' });
      } else if (!options.json && path) {
        // Without a terminal (logs, CI), one line a file.
        io.err(`进度 ${done + 1}/${total} ${path}`);
      }
    },
  });
  bar?.stop();
  const seconds = (performance.now() - started) / 1000;
  if (options.json) io.json(summary);
  else report(summary, seconds, io);
  return summary.filesFailed > 0 ? someFilesFailedExit : 0;
}

function report(summary: IngestSummary, seconds: number, io: Output): void {
  for (const outcome of summary.outcomes) {
    for (const warning of outcome.warnings) io.err(`提示: ${outcome.path}${warning.line ? `:${warning.line}` : ''} ${warning.message}`);
  }
  for (const outcome of summary.outcomes.filter((o) => o.status === 'failed')) io.err(`失败: ${outcome.error!.message} [${outcome.error!.code}]`);
  for (const outcome of summary.outcomes) {
    for (const conflict of outcome.conflicts) {
      io.err(`冲突: ${outcome.path} 替换了文件 ${conflict.documentId}(${conflict.docNumber ?? '无文号'}《${conflict.title}》)来自 ${conflict.earlierSourceKey} 的文本;原文本已保留,见 gongkai documents conflicts(编号 ${conflict.id})`);
    }
  }
  io.out(
    `文件 ${summary.files} 个(失败 ${summary.filesFailed} 个);公文 新增 ${summary.added} 篇、更新 ${summary.updated} 篇、未变 ${summary.unchanged} 篇、删除 ${summary.removed} 篇${summary.conflicts > 0 ? `;冲突 ${summary.conflicts} 项` : ''};用时 ${seconds.toFixed(1)} 秒`,
  );
}
