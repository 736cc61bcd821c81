import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { formSchema, type FieldDeclaration, type FormDeclaration } from '../../src/core/forms/form.fields.ts';
import { isAppError } from '../../src/core/errors.ts';
import { parseInput } from '../../src/core/validation.ts';

/**
 * Every form every module declares (its `*.actions.ts`), checked against the
 * schema the server uses for it: a text longer than the field's `max`, or a
 * number outside its `min`–`max`, is refused, and one at the limit is not. The
 * console renders its inputs from the same declaration, so a limit that
 * differs between screen and server fails here. Where a module exports its
 * schemas next to its forms (the same keys), those schemas are the ones tried.
 */
const modulesDir = join(import.meta.dirname, '../../src/modules');
const kinds = new Set(['text', 'date', 'flag', 'number', 'choice', 'reference']);
const isField = (value: unknown): value is FieldDeclaration => typeof value === 'object' && value !== null && kinds.has((value as { kind?: string }).kind ?? '') && typeof (value as { label?: unknown }).label === 'string';
const isForm = (value: unknown): value is FormDeclaration => typeof value === 'object' && value !== null && Object.keys(value).length > 0 && Object.values(value).every(isField);
const isSchema = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';

type Case = { name: string; form: FormDeclaration; schema: z.ZodType };
const cases: Case[] = [];
for (const module of readdirSync(modulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  for (const file of readdirSync(join(modulesDir, module.name)).filter((name) => name.endsWith('.actions.ts'))) {
    const exported = (await import(join(modulesDir, module.name, file))) as Record<string, unknown>;
    const values = Object.entries(exported);
    for (const [name, value] of values) {
      if (isForm(value)) cases.push({ name: `${module.name}/${name}`, form: value, schema: formSchema(value) });
      else if (typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every(isForm)) {
        const forms = value as Record<string, FormDeclaration>;
        const keys = Object.keys(forms).sort().join();
        // The module's own schemas for these forms, if it exports them (the same keys, zod values).
        const schemas = values.find(([, other]) => other !== value && typeof other === 'object' && other !== null && Object.keys(other).sort().join() === keys && Object.values(other).every(isSchema))?.[1] as Record<string, z.ZodType> | undefined;
        for (const [key, form] of Object.entries(forms)) cases.push({ name: `${module.name}/${name}.${key}`, form, schema: schemas?.[key] ?? formSchema(form) });
      }
    }
  }
}

/** Whether the schema names this field among the problems of an input holding only this value for it. */
function refuses(schema: z.ZodType, field: string, value: unknown): boolean {
  try {
    parseInput(schema, { [field]: value });
    return false;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    const problems = (error.details.problems as { field?: string; path?: string }[] | undefined) ?? [];
    return problems.some((problem) => (problem.field ?? problem.path) === field);
  }
}

describe('declared forms and their schemas', () => {
  it('finds the forms of the modules (disclosure\'s 13 actions among them)', () => {
    assert.equal(cases.filter((c) => c.name.startsWith('disclosure/actionForms.')).length, 13);
    assert.ok(cases.some((c) => c.name.startsWith('participation/')));
  });

  for (const { name, form, schema } of cases) {
    it(`${name}: every field's limit is its schema's`, () => {
      for (const [field, declared] of Object.entries(form)) {
        if (declared.kind === 'text') {
          assert.equal(refuses(schema, field, '字'.repeat(declared.max)), false, `${name}.${field}: ${declared.max} characters should pass`);
          assert.equal(refuses(schema, field, '字'.repeat(declared.max + 1)), true, `${name}.${field}: ${declared.max + 1} characters should be refused`);
        }
        if (declared.kind === 'number') {
          for (const ok of [declared.min, declared.max]) assert.equal(refuses(schema, field, ok), false, `${name}.${field}: ${ok} should pass`);
          for (const bad of [declared.min - 1, declared.max + 1]) assert.equal(refuses(schema, field, bad), true, `${name}.${field}: ${bad} should be refused`);
        }
      }
    });
  }
});
