import cliProgress from 'cli-progress';
import type { AppContext } from '../app.ts';
import { AppError } from '../core/errors.ts';
import type { BulkProgress, IngestSummary } from '../modules/documents/index.ts';
import type { Output } from './output.ts';

/** Exit status when some files were refused while the others were ingested. */
export const someFilesFailedExit = 1;

export interface IngestCommandOptions {
  json: boolean;
  /** The bulk load: many files per transaction (`--bulk`), `batch` files each (`--batch N`). */
  bulk?: boolean;
  batch?: string;
}

/** `gongkai ingest PATH...`: files and directories into the store, with progress and a summary. */
export async function ingestCommand(paths: string[], options: IngestCommandOptions, context: AppContext, io: Output): Promise<number> {
  if (paths.length === 0) throw new AppError('validation_failed', '用法: gongkai ingest [--bulk [--batch 文件数]] 文件或目录 ...');
  if (options.bulk) return bulkIngest(paths, options, context, io);
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

async function bulkIngest(paths: string[], options: IngestCommandOptions, context: AppContext, io: Output): Promise<number> {
  const batchFiles = options.batch === undefined ? undefined : Number(options.batch);
  if (batchFiles !== undefined && !(Number.isInteger(batchFiles) && batchFiles > 0)) throw new AppError('validation_failed', `--batch 应为正整数(每批文件数),收到 ${options.batch}`);
  const started = performance.now();
  const summary = await context.ingest.ingestBulk(paths, {
    batchFiles,
    // One line a batch on stderr, whether or not a terminal is attached: a long load is watched in logs.
    onBatch: (progress) => {
      if (!options.json) io.err(bulkProgressLine(progress));
    },
  });
  if (options.json) io.json(summary);
  else report(summary, (performance.now() - started) / 1000, io);
  return summary.filesFailed > 0 ? someFilesFailedExit : 0;
}

/** `批量入库 1200/5000 个文件 …`: done, the rate, and the time left at the rate so far. */
export function bulkProgressLine(progress: BulkProgress): string {
  const rate = progress.seconds > 0 ? progress.documents / progress.seconds : 0;
  const megabytes = progress.seconds > 0 ? progress.bytes / 1048576 / progress.seconds : 0;
  const left = progress.files > 0 ? (progress.seconds / progress.files) * (progress.total - progress.files) : 0;
  return `批量入库 ${progress.files}/${progress.total} 个文件,公文 ${progress.documents} 篇;每秒 ${rate.toFixed(0)} 篇、${megabytes.toFixed(1)} MB;预计还需 ${durationOf(left)}`;
}

function durationOf(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} 秒`;
  if (whole < 3600) return `${Math.floor(whole / 60)} 分 ${whole % 60} 秒`;
  return `${Math.floor(whole / 3600)} 小时 ${Math.floor((whole % 3600) / 60)} 分`;
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
