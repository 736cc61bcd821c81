import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * The embedded database is one process's alone: PGlite keeps its pages in
 * memory and writes them back, so a second process on the same folder reads
 * stale pages and its writes are lost when the first one writes its own. A
 * lock file in the folder, created atomically ('wx'), says who holds it.
 */
export const lockFileName = 'gongkai.lock';

interface Holder {
  pid: number;
  command: string;
  since: string;
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return Number.isSafeInteger(holder.pid) && (holder.pid as number) > 0
      ? { pid: holder.pid as number, command: String(holder.command ?? ''), since: String(holder.since ?? '') }
      : null;
  } catch {
    return null; // vanished, half-written or not ours: treated as stale
  }
}

function lockedMessage(dataDir: string, holder: Holder): string {
  return (
    `数据目录 ${dataDir} 正被另一个进程使用(进程号 ${holder.pid},命令「${holder.command}」,自 ${holder.since} 起)。\n` +
    '嵌入式数据库同一时间只能由一个进程打开。请先停止该进程(门户网站运行时,可通过工作台或 API 操作),' +
    '或设置 DATABASE_URL 改用 PostgreSQL,多个进程即可同时使用。'
  );
}

/** Takes the folder's lock, or refuses at once naming the process that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  const mine: Holder = { pid: process.pid, command: process.argv.slice(1).join(' '), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, `${JSON.stringify(mine)}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        // Only our own lock: never remove one a later process took over.
        if (readHolder(path)?.pid === process.pid && readHolder(path)?.since === mine.since) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder.pid)) throw new AppError('database_locked', lockedMessage(dataDir, holder), { ...holder, dataDir });
    // The holder died without releasing it (killed, crashed): take it over.
    try {
      unlinkSync(path);
    } catch {
      // another process took it over first; the next attempt sees who
    }
  }
  const holder = readHolder(path);
  throw new AppError('database_locked', holder ? lockedMessage(dataDir, holder) : `数据目录 ${dataDir} 的锁文件 ${lockFileName} 无法取得`, { dataDir });
}
