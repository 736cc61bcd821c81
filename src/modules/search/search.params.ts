import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { subjectCategories, validityStatuses } from '../documents/index.ts';
import { sortOrders, type SearchParams } from './search.types.ts';

/**
 * Reads search parameters from a query string (portal, API) or the CLI. Any
 * text is a query; page and page size are clamped to their bounds; a filter
 * that is not a possible value is a clear validation error.
 */
export const maxPage = 1000;
export const maxPageSize = 100;

const optionalText = z.string().trim().max(200).optional().transform((value) => (value ? value : undefined));
const schema = z.object({
  q: z.string().optional().default(''),
  page: z.coerce.number().catch(1),
  pageSize: z.coerce.number().catch(20),
  sort: z.enum(sortOrders).catch('relevance'),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD').optional(),
  issuer: optionalText,
  type: optionalText,
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  validity: z.enum(validityStatuses).optional(),
  normative: z.enum(['true', 'false']).optional(),
  gazette: z.coerce.number().int().positive().optional(),
  subject: z.enum(subjectCategories as [string, ...string[]]).optional(),
});

const clamp = (value: number, min: number, max: number) => (Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), min), max) : min);

export function readSearchParams(raw: Record<string, unknown>, today: string): SearchParams {
  // Repeated parameters (?q=a&q=b) count once: the first.
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const blanksRemoved = Object.fromEntries(Object.entries(single).filter(([key, value]) => key === 'q' || (value !== '' && value !== undefined)));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('validation_failed', `检索条件有误: ${problems.join(';')}`, { problems });
  }
  const value = parsed.data;
  // Date.parse rolls 2021-02-30 over into March; a real date reads back as itself.
  const on = value.on ? new Date(`${value.on}T00:00:00Z`) : null;
  if (on && (Number.isNaN(on.getTime()) || on.toISOString().slice(0, 10) !== value.on)) {
    throw new AppError('validation_failed', '检索条件有误: 日期不存在');
  }
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
