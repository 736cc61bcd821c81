import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { readAuditLog, verifyAuditChain, type AuditFilter } from '../../core/audit/audit.ts';
import { blankToUndefined, isoDate, optionalText, parseInput, wholeNumber } from '../../core/validation.ts';
import { lookUpAuditNames } from '../audit.names.ts';
import { signedInWith } from './staff.session.ts';

/** The audit log for supervisors and system administrators: filtered, paged, and its hash chain checked on demand. */

/** The filter as the query string gives it: blank means "any"; a value that cannot be right is a clear 400 naming the field. */
const filterSchema = z.object({
  actor: optionalText('操作人', 60),
  action: optionalText('操作', 60),
  subject: optionalText('对象', 80),
  from: z.preprocess(blankToUndefined, isoDate('起始日期').optional()),
  to: z.preprocess(blankToUndefined, isoDate('截止日期').optional()),
  before: z.preprocess(blankToUndefined, wholeNumber('翻页位置').optional()),
});

/** The filter from the query string, each value checked (dates must exist, ids be numbers). */
function auditFilter(query: Record<string, unknown>): AuditFilter {
  const checked = parseInput(filterSchema, query);
  const [subjectType, subjectId] = (checked.subject ?? '').split(/\s+/);
  return { actor: checked.actor, action: checked.action, subjectType: subjectType || undefined, subjectId: subjectId || undefined, from: checked.from, to: checked.to, beforeId: checked.before };
}

export function registerAuditApi(app: FastifyInstance, context: AppContext): void {
  app.get('/api/staff/audit/verify', async (request) => {
    signedInWith(request, 'readAudit');
    return verifyAuditChain(context.db);
  });

  app.get('/api/staff/audit', async (request) => {
    signedInWith(request, 'readAudit');
    const items = await readAuditLog(context.db, auditFilter(request.query as Record<string, unknown>));
    return { items, names: await lookUpAuditNames(context.db, items) };
  });
}
