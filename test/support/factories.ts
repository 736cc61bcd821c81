import type { AppContext } from '../../src/app.ts';
import type { Role } from '../../src/core/auth/index.ts';
import type { Queryable } from '../../src/core/db/database.ts';
import { sql } from '../../src/core/db/sql.ts';
import type { PublishingActor } from '../../src/modules/publication/index.ts';

/**
 * Test data built the way the application builds it, one place per kind of
 * thing, so a test says what it needs (an agency, a clerk, a published
 * document, a disclosure request) and not how the tables hold it.
 */

let made = 0;
const next = () => ++made;

/** An agency of the register; the same name twice gives the same agency. */
export async function anAgency(db: Queryable, options: { name?: string; shortName?: string; code?: string; parentId?: number } = {}): Promise<number> {
  const name = options.name ?? `上海市测试区第${next()}局`;
  const [row] = await db.query<{ id: number }>(sql`
    insert into agencies (name, short_name, code, parent_id) values (${name}, ${options.shortName ?? null}, ${options.code ?? null}, ${options.parentId ?? null})
    on conflict (name) do update set parent_id = coalesce(excluded.parent_id, agencies.parent_id), short_name = coalesce(excluded.short_name, agencies.short_name), code = coalesce(excluded.code, agencies.code)
    returning id::int as id`);
  return row!.id;
}

/** Several agencies of the register by name, their ids in the same order. */
export async function agencies<const N extends readonly string[]>(db: Queryable, ...names: N): Promise<{ [K in keyof N]: number }> {
  const ids: number[] = [];
  for (const name of names) ids.push(await anAgency(db, { name }));
  return ids as { [K in keyof N]: number };
}

/** A member of staff with a password, made through the accounts service as the command line makes one. */
export async function aStaffMember(
  context: Pick<AppContext, 'auth'>,
  options: { agencyId: number | null; role?: Role; username?: string; displayName?: string; password?: string },
): Promise<{ id: number; username: string; password: string }> {
  const username = options.username ?? `clerk.${next()}`;
  const password = options.password ?? 'a long enough test passphrase';
  const role = options.role ?? 'clerk';
  const user = await context.auth.createUser({ username, displayName: options.displayName ?? '测试人员', role, agencyId: options.agencyId, password }, null, { id: 'cli:test' });
  return { id: user.id, username, password };
}

/** A clerk as the publication service sees them (the session's actor): their agency, and an id for the audit log. */
export const aClerk = (agencyId: number, name = 'clerk'): PublishingActor => ({ id: `user:${name}`, agencyId });

/** A document drafted and published on the platform by the clerk; its library document ids (the text, then its interpretation). */
export async function aPublishedDocument(
  context: Pick<AppContext, 'publication'>,
  clerk: PublishingActor,
  draft: Record<string, unknown>,
  on: { drafted: string; published: string },
): Promise<{ id: number; documentIds: number[] }> {
  const id = await context.publication.createDraft({ attribute: 'proactive', ...draft }, clerk, on.drafted);
  const result = await context.publication.submit(id, clerk, on.published);
  if (result.state !== 'published') throw new Error(`the draft was not published: ${result.reasons.join(';')}`);
  return { id, documentIds: result.documentIds };
}

/** A disclosure request submitted on the portal to the agency; its tracking code and id. */
export async function aDisclosureRequest(
  context: Pick<AppContext, 'disclosure'>,
  agencyId: number,
  options: { description?: string; name?: string } = {},
): Promise<{ trackingCode: string; id: number }> {
  const receipt = await context.disclosure.submit(
    {
      agencyId,
      applicant: { type: 'natural_person', name: options.name ?? '张三', idNumber: '310101199001011234', phone: '13800000000', address: '上海市长宁区某路1号' },
      description: options.description ?? '2023年本区旧住房改造项目的批复文件',
      deliveryForm: 'paper',
      deliveryWay: 'mail',
    },
    { id: 'public', address: '127.0.0.1' },
  );
  return { trackingCode: receipt.trackingCode, id: receipt.id };
}
