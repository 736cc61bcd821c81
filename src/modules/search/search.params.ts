import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { choice, isoDate, optionalText, wholeNumber } from '../../core/validation.ts';
import { subjectCategories, validityStatuses, type ValidityStatus } from '../documents/index.ts';
import { sortOrders, type SearchParams } from './search.types.ts';

/**
 * Reads search parameters from a query string (portal, API) or the CLI. Any
 * text is a query; page and page size are clamped to their bounds; a filter
 * that is not a possible value is a clear validation error.
 */
export const maxPage = 1000;
export const maxPageSize = 100;

/** Page and page size are clamped, and a sort that is not one is relevance: a bad link still finds something. */
const looseNumber = (fallback: number) => z.preprocess((value) => (typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value) ? Number(value) : value), z.number().catch(fallback));
const schema = z.object({
  // Any text is a query (the CLI's too): control characters become spaces and a query longer than any real one is cut,
  // as page numbers are clamped. Over HTTP the input guard has already refused control characters with a 400.
  q: z
    .string({ error: '检索词应为文本' })
    .transform((value) => value.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 1000))
    .optional()
    .transform((value) => value ?? ''),
  page: looseNumber(1),
  pageSize: looseNumber(20),
  sort: z.enum(sortOrders).catch('relevance'),
  on: isoDate('日期').optional(),
  issuer: optionalText('发布机关', 200),
  type: optionalText('文种', 200),
  year: wholeNumber('年份', { min: 1949, max: 2100 }).optional(),
  validity: choice(Object.fromEntries(validityStatuses.map((status) => [status, status])) as Record<ValidityStatus, string>, '效力状态').optional(),
  normative: choice({ true: 'true', false: 'false' }, '是否规范性文件').optional(),
  gazette: wholeNumber('公报期号').optional(),
  subject: choice(Object.fromEntries(subjectCategories.map((name) => [name, name])), '主题分类').optional(),
});

const clamp = (value: number, min: number, max: number) => (Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), min), max) : min);

export function readSearchParams(raw: Record<string, unknown>, today: string): SearchParams {
  // Repeated parameters (?q=a&q=b) count once: the first.
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const blanksRemoved = Object.fromEntries(Object.entries(single).filter(([key, value]) => key === 'q' || (value !== '' && value !== undefined)));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    // Each problem names its parameter, as the query string spells it.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message.replace(/^[^:]*:/, '')}`);
    throw new AppError('validation_failed', `检索条件有误: ${problems.join(';')}`, { problems });
  }
  const value = parsed.data;
  return {
    q: value.q,
    filters: {
      ...(value.issuer !== undefined ? { issuer: value.issuer } : {}),
      ...(value.type !== undefined ? { type: value.type } : {}),
      ...(value.year !== undefined ? { year: value.year } : {}),
      ...(value.validity !== undefined ? { validity: value.validity } : {}),
      ...(value.normative !== undefined ? { normative: value.normative === 'true' } : {}),
      ...(value.gazette !== undefined ? { gazetteIssueId: value.gazette } : {}),
      ...(value.subject !== undefined ? { subject: value.subject } : {}),
    },
    sort: value.sort,
    page: clamp(value.page, 1, maxPage),
    pageSize: clamp(value.pageSize, 1, maxPageSize),
    on: value.on ?? today,
  };
}
