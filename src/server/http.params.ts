import { AppError } from '../core/errors.ts';

/**
 * Reading what a request names, the same way on every route (the portal, the
 * public API, the staff API and each module's routes).
 */

/** An id in a path: a positive whole number, or the resource does not exist (404, never a 400 that reveals the shape). */
export function positiveId(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) throw new AppError('not_found', '不存在');
  return id;
}

/**
 * A file uploaded as the raw body (application/octet-stream), named in the
 * x-file-name header (percent-encoded UTF-8): the bytes and the name, or a
 * clear refusal.
 */
export function uploadedFile(request: { body: unknown; headers: Record<string, string | string[] | undefined> }): { bytes: Buffer; name: string } {
  if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', '附件应以 application/octet-stream 上传');
  const header = request.headers['x-file-name'];
  let name = '';
  try {
    name = decodeURIComponent(typeof header === 'string' ? header : '');
  } catch {
    throw new AppError('validation_failed', '附件的文件名无法识别');
  }
  if (name.trim() === '') throw new AppError('validation_failed', '请提供附件的文件名(x-file-name)');
  return { bytes: request.body, name };
}
