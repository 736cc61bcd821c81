import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/audit/audit.ts';
import type { AppError } from '../core/errors.ts';

/** What every public form and JSON route shares: the rate limits, the anonymous actor, the problems a refusal lists. */

/** Submissions per address per minute: enough for a person, too few for a flood. */
export const submissionRateLimit = { max: 5, timeWindow: '1 minute' };
export const trackingRateLimit = { max: 60, timeWindow: '1 minute' };

export const publicActor = (request: FastifyRequest): Actor => ({ id: 'public', address: request.ip });

/** The problems a validation error lists, one line each, for a form to show. */
export function problemsOf(error: AppError): string[] {
  return (error.details.problems as { message: string }[] | undefined)?.map((p) => p.message) ?? [error.message];
}

/** A public form's string fields, as posted (url-encoded), each bounded; other fields are dropped. */
export function postedFields(body: unknown, names: readonly string[], maxChars = 6000): Record<string, string> {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(names.filter((name) => typeof record[name] === 'string').map((name) => [name, (record[name] as string).slice(0, maxChars)]));
}

/** The fields a visitor filled in: a blank field is left out, so that the service reads it as not given. */
export function withoutBlanks(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
