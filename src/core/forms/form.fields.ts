import { z } from 'zod';
import { choice, fields, isoDate, optionalText, text, wholeNumber } from '../validation.ts';

/**
 * One description of a form: each field's kind, Chinese label and limits,
 * declared once as plain data. The server builds its zod schema from it
 * (`formSchema`), and the console renders its inputs from the same object
 * (the declaration travels in the bundle, or as JSON), so a limit cannot
 * differ between what a screen allows and what the server accepts.
 */
export type FieldDeclaration =
  | { kind: 'text'; label: string; max: number; min?: number; multiline?: boolean; optional?: boolean; hint?: string }
  | { kind: 'date'; label: string; optional?: boolean; hint?: string }
  /** A yes/no box: a form's "on" or a JSON boolean; unticked is false. */
  | { kind: 'flag'; label: string; optional?: boolean; hint?: string }
  | { kind: 'number'; label: string; min: number; max: number; optional?: boolean; initial?: number; hint?: string }
  | {
      kind: 'choice';
      label: string;
      /** value → Chinese label; or, for a choice that depends on another field, that field's value → its options. */
      options: Readonly<Record<string, string>>;
      groups?: Readonly<Record<string, { label: string; options: Readonly<Record<string, string>> }>>;
      optional?: boolean;
      /** Radio buttons for a handful of options, a drop-down list otherwise. */
      widget?: 'radio' | 'select';
      hint?: string;
    }
  | {
      /** An id picked from something the screen already has (a consultation of the case); `from` names it. */
      kind: 'reference';
      label: string;
      from: string;
      optional?: boolean;
      hint?: string;
    };

export type FormDeclaration = Readonly<Record<string, FieldDeclaration>>;

/** Declares a form, keeping its literal field names for the schema's type. */
export const declareForm = <F extends FormDeclaration>(form: F): F => form;

type FieldValue<F extends FieldDeclaration> = F extends { kind: 'number' | 'reference' }
  ? number
  : F extends { kind: 'flag' }
    ? boolean
  : F extends { kind: 'choice'; options: infer O }
    ? keyof O & string
    : string;
type Optional<F extends FieldDeclaration> = F extends { optional: true } ? true : false;

/** The values a declared form yields once checked. */
export type FormValues<F extends FormDeclaration> = { [K in keyof F as Optional<F[K]> extends true ? never : K]: FieldValue<F[K]> } & {
  [K in keyof F as Optional<F[K]> extends true ? K : never]?: FieldValue<F[K]>;
};

/** The options a choice accepts: its own, or every option of every group. */
export function optionsOfChoice(field: Extract<FieldDeclaration, { kind: 'choice' }>): Record<string, string> {
  if (!field.groups) return { ...field.options };
  return Object.assign({}, field.options, ...Object.values(field.groups).map((group) => group.options));
}

function fieldSchema(field: FieldDeclaration): z.ZodType {
  switch (field.kind) {
    case 'text':
      return field.optional
        ? optionalText(field.label, field.max, { multiline: field.multiline ?? false, min: field.min ?? 1 })
        : text(field.label, field.max, { multiline: field.multiline ?? false, min: field.min ?? 1 });
    case 'date':
      return field.optional ? z.preprocess((value) => (value === '' || value === null ? undefined : value), isoDate(field.label).optional()) : isoDate(field.label);
    case 'flag':
      return z.preprocess(
        (value) => (value === 'on' || value === 'true' ? true : value === undefined || value === null || value === '' || value === 'false' ? false : value),
        z.boolean({ error: `${field.label}应为是或否` }),
      );
    case 'number': {
      const schema = wholeNumber(field.label, { min: field.min, max: field.max });
      return field.optional ? z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional()) : schema;
    }
    case 'choice': {
      const schema = choice(optionsOfChoice(field), field.label);
      return field.optional ? z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional()) : schema;
    }
    case 'reference': {
      const schema = wholeNumber(field.label, { missing: `请选择${field.label}` });
      return field.optional ? z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional()) : schema;
    }
  }
}

/**
 * The server's check of a declared form: unknown fields refused, every message
 * in Chinese naming the field. `extra` adds fields no declaration describes (a
 * file sent as base64, which the screen reads with its own control).
 */
export function formSchema<F extends FormDeclaration, E extends Record<string, z.ZodType> = {}>(form: F, extra?: E): z.ZodType<FormValues<F> & { [K in keyof E]?: z.infer<E[K]> }> {
  const shape = Object.fromEntries(Object.entries(form).map(([name, field]) => [name, fieldSchema(field)]));
  return fields({ ...shape, ...extra }) as unknown as z.ZodType<FormValues<F> & { [K in keyof E]?: z.infer<E[K]> }>;
}
