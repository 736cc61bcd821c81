import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { optionalId } from '../../core/validation.ts';
import { positiveId } from '../http.params.ts';
import { requestActor, requireRole, signedIn } from './staff.session.ts';

/** The agency register as JSON for the console: system administrators add agencies and set codes, short names, parents and aliases. */
export function registerAgencyApi(app: FastifyInstance, context: AppContext): void {
  app.post('/api/staff/agencies', async (request, reply) => {
    const session = requireRole(request, 'system_admin');
    const input = (request.body ?? {}) as Record<string, unknown>;
    reply.status(201);
    return context.agencies.add({ name: String(input.name ?? ''), parentId: optionalId(input.parentId, '上级机关') ?? null }, session.user, requestActor(request));
  });

  // The agency register: system administrators set codes, short names, parents and aliases.
  app.put('/api/staff/agencies/:id', async (request) => {
    const session = signedIn(request);
    const input = (request.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (value === undefined ? undefined : value === null ? null : String(value));
    return context.agencies.update(positiveId((request.params as { id: string }).id), {
      code: text(input.code),
      shortName: text(input.shortName),
      parentId: optionalId(input.parentId, '上级机关'),
      aliases: Array.isArray(input.aliases) ? input.aliases.map(String) : undefined,
    }, session.user, requestActor(request));
  });
}
