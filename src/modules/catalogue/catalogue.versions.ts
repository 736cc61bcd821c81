import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { parseInput } from '../../core/validation.ts';
import { resourceForm } from './catalogue.actions.ts';
import * as repository from './catalogue.repository.ts';
import { changesOf, entryOf, type FieldProblem } from './catalogue.rules.ts';
import type { ResourceEntry } from './catalogue.types.ts';

const invalid = (problems: FieldProblem[]) =>
  new AppError('validation_failed', problems.map((p) => p.message).join(';'), { problems: problems.map((p) => ({ field: p.field, message: p.message })) });

/** The entry a body describes, checked against the form and Art. 14. */
export function checkedEntry(input: unknown): ResourceEntry {
  const { entry, problems } = entryOf(parseInput(formSchema(resourceForm), input));
  if (problems.length > 0) throw invalid(problems);
  return entry;
}

/** Writes a version of an entry (its first when `before` is null) with its audit event. */
export async function saveVersion(tx: Queryable, actor: Actor, resource: { id: number | null; agencyId: number; before: ResourceEntry | null }, entry: ResourceEntry): Promise<{ id: number; version: number }> {
  const changes = changesOf(resource.before, entry);
  let id = resource.id;
  let version = 1;
  if (id === null) id = await repository.insertResource(tx, { uuid: randomUUID(), agencyId: resource.agencyId, entry });
  else version = await repository.updateResource(tx, id, entry);
  await repository.insertVersion(tx, id, { version, actor: actor.id, changes, snapshot: entry });
  await recordAudit(tx, actor, {
    action: resource.before ? 'catalogue.update' : 'catalogue.create',
    subjectType: 'catalogue_resource',
    subjectId: String(id),
    before: resource.before ? Object.fromEntries(Object.entries(changes).map(([key, [old]]) => [key, old])) : undefined,
    after: Object.fromEntries(Object.entries(changes).map(([key, [, now]]) => [key, now])),
  });
  return { id, version };
}

