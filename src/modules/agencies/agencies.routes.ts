import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { optionalId } from '../../core/validation.ts';
import { positiveId } from '../../server/http.params.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { listAgencies } from './agencies.repository.ts';

/**
 * The agency register as JSON: anyone reads it; system administrators (the
 * policy, checked by the service) add agencies and set codes, short names,
 * parents and aliases from the console.
 */
export function registerAgencyApi(app: FastifyInstance, context: AppContext): void {
  app.get('/api/agencies', async () => ({ items: await listAgencies(context.db) }));

  app.post('/api/staff/agencies', async (request, reply) => {
    const session = signedIn(request);
    const input = (request.body ?? {}) as Record<string, unknown>;
    const added = await context.agencies.add({ name: String(input.name ?? ''), parentId: optionalId(input.parentId, '上级机关') ?? null }, session.user, requestActor(request));
    reply.status(201);
    return added;
  });

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
