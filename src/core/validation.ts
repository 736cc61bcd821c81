import { z } from 'zod';
import { dayNumberOf } from './calendar/calendar.rules.ts';
import { AppError } from './errors.ts';

/**
 * The one way input is checked at the edge. Every schema is built from these
 * helpers, so every text field refuses control characters, every date is a
 * real calendar date in a sane range, numbers are numbers (or the digits a
 * form sends), choices are own keys of their table (never `toString` or
 * `__proto__`), and every message says in Chinese what is wrong: a missing
 * field is told so, a too-long one is told its limit.
 */

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
  undefined: '空值',
};
const typeName = (type: unknown) => (typeof type === 'string' && Object.hasOwn(typeNames, type) ? typeNames[type] : '正确的类型');

interface RawIssue {
  code?: string;
  path?: PropertyKey[];
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  keys?: string[];
  divisor?: unknown;
}

/** zod's own messages are English: every check without a message of its own says this instead, naming the field. */
export function chineseMessage(issue: RawIssue): string {
  const field = issue.path && issue.path.length > 0 ? `${issue.path.map(String).join('.')}:` : '';
  const sized = issue.origin === 'string' ? '字' : issue.origin === 'array' || issue.origin === 'set' ? '项' : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${field}不能为空` : `${field}应为${typeName(issue.expected)}`;
    case 'invalid_value':
      return `${field}不在可选范围内`;
    case 'too_big':
      return sized ? `${field}不能超过 ${String(issue.maximum)} ${sized}` : `${field}不能大于 ${String(issue.maximum)}`;
    case 'too_small':
      if (sized && Number(issue.minimum) <= 1) return `${field}不能为空`;
      return sized ? `${field}至少 ${String(issue.minimum)} ${sized}` : `${field}不能小于 ${String(issue.minimum)}`;
    case 'invalid_format':
      return `${field}格式不正确`;
    case 'not_multiple_of':
      return `${field}应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `${field}不接受的字段:${(issue.keys ?? []).join('、')}`;
    default:
      return `${field}内容不正确`;
  }
}
z.config({ localeError: (issue) => chineseMessage(issue as RawIssue) });

/** The first and last day any date field accepts: PostgreSQL has no year 0, and nothing here happened before 1949. */
export const earliestDate = '1949-01-01';
export const latestDate = '2100-12-31';

/** C0 controls and DEL; tab, line feed and carriage return are allowed only in multi-line text. */
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const lineBreaks = /[\t\r\n]+/g;
export const hasControlCharacters = (value: string) => controlCharacters.test(value);
export const controlCharacterMessage = (label: string) => `${label}含有不允许的控制字符`;

interface TextOptions {
  /** Fewer characters than this is "at least N" (1: "please fill in"). */
  min?: number;
  /** Keeps tabs and line breaks (a body, a reason); single-line fields turn them into spaces. */
  multiline?: boolean;
}

const asText = (label: string, multiline: boolean) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为文本`) })
    .refine((value) => !controlCharacters.test(value), controlCharacterMessage(label))
    .transform((value) => (multiline ? value : value.replace(lineBreaks, ' ')).trim());

const bounded = (label: string, max: number, min: number) =>
  z
    .string()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 字`)
    .max(max, `${label}不能超过 ${max} 字`);

/** Required text, trimmed: missing or blank is "please fill in", too long names the limit. */
export const text = (label: string, max: number, options: TextOptions = {}) => asText(label, options.multiline ?? false).pipe(bounded(label, max, options.min ?? 1));

/** Optional text: absent, null or blank is undefined. */
export const optionalText = (label: string, max: number, options: TextOptions = {}) =>
  z
    .union([z.undefined(), z.null(), asText(label, options.multiline ?? false)], { error: `${label}应为文本` })
    .transform((value) => (value ? value : undefined))
    .pipe(bounded(label, max, options.min ?? 1).optional())
    .optional();

/** A query-string value: blank means "any". */
export const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A YYYY-MM-DD date that exists and lies between 1949 and 2100, with the field's name in the message. */
export const isoDate = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为日期(YYYY-MM-DD)`) })
    .refine((value) => dayNumberOf(value) !== null, `${label}应为有效日期(YYYY-MM-DD)`)
    .refine((value) => value >= earliestDate && value <= latestDate, `${label}应在 ${earliestDate} 至 ${latestDate} 之间`);

/**
 * One of a table's own keys: `toString`, `constructor` or `__proto__` are
 * not choices, whatever the table inherits.
 */
export const choice = <T extends Record<string, unknown>>(table: T, label: string) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]], {
    error: (issue) => (issue.input === undefined || issue.input === null || issue.input === '' ? `请选择${label}` : `${label}不在可选范围内`),
  });

/** Whether a value is an own key of a table (never an inherited one). */
export const isKeyOf = <T extends object>(table: T, key: unknown): key is keyof T & string => typeof key === 'string' && Object.hasOwn(table, key);

/**
 * A whole number: a JSON number, or the digits a form sends. Booleans,
 * arrays, blanks and fractions are refused, never coerced.
 */
export const wholeNumber = (label: string, bounds: { min?: number; max?: number; missing?: string } = {}) => {
  const min = bounds.min ?? 1;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const missing = bounds.missing ?? `请填写${label}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: (issue) => (issue.input === undefined || issue.input === null || issue.input === '' ? missing : `${label}应为整数`) })
      .int(`${label}应为整数`)
      .min(min, `${label}不能小于 ${min}`)
      .max(max, `${label}不能大于 ${max}`),
  );
};

/** The CSRF token a staff form posts with its fields: the session checks it; it is not the form's data. */
const withoutCsrfToken = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, '_csrf')) return value;
  const { _csrf: _token, ...rest } = value as Record<string, unknown>;
  return rest;
};

/** The fields of a body (form or JSON): anything else is refused by name, so a typo is never silently ignored. */
export const fields = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess(
    withoutCsrfToken,
    z.strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `不接受的字段:${(issue.keys as string[]).join('、')}` : '提交的内容应为对象(表单或 JSON)'),
    }),
  );

/** Parses input with a schema, or fails with every problem listed (the one validation error of the house). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
  throw new AppError('validation_failed', problems.map((p) => p.message).join(';'), { problems });
}

/**
 * An id chosen in a form or sent as JSON: absent (undefined: leave as is),
 * empty or null (null: none), or a positive integer; anything else is refused.
 */
export function optionalId(value: unknown, label: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'number' && (typeof value !== 'string' || !/^\d{1,16}$/.test(value))) throw new AppError('validation_failed', `${label}不正确`);
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('validation_failed', `${label}不正确`);
  return id;
}
