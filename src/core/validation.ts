import { z } from 'zod';
import { dayNumberOf } from './calendar/index.ts';
import { AppError } from './errors.ts';

/** A YYYY-MM-DD date that exists, with the field's name in the message. */
export const isoDate = (label: string) =>
  z.string({ error: `请填写${label}` }).refine((value) => dayNumberOf(value) !== null, `${label}应为有效日期(YYYY-MM-DD)`);

/** Parses input with a schema, or fails with every problem listed (the one validation error of the house). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new AppError('validation_failed', problems.map((p) => p.message).join(';'), { problems });
}

/**
 * An id chosen in a form or sent as JSON: absent (undefined: leave as is),
 * empty or null (null: none), or a positive integer; anything else is refused.
 */
export function optionalId(value: unknown, label: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('validation_failed', `${label}不正确`);
  return id;
}
