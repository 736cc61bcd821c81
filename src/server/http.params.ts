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
