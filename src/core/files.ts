import { AppError } from './errors.ts';

/** The one way to say a path could not be read, with the system's reason (ENOENT, EACCES …). */
export function unreadable(path: string, error: unknown, what = '无法读取'): AppError {
  return new AppError('file_unreadable', `${path}: ${what}(${(error as NodeJS.ErrnoException).code ?? '未知原因'})`, { file: path });
}
