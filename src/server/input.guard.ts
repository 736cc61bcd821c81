import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';
import { controlCharacterMessage, hasControlCharacters } from '../core/validation.ts';

/**
 * The edge's last line: no text that reaches a route, in its path, query
 * string or body (form or JSON), carries a control character other than tab
 * and line breaks. PostgreSQL refuses U+0000 in text outright, so a NUL that
 * slipped past a schema would be a 500; here it is a 400 naming the field.
 * The schemas check the same again, with the field's Chinese name.
 */
const maxDepth = 32;

/** The path of the first string (or key) with a control character, or null. */
export function findControlCharacter(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return hasControlCharacters(value) ? path : null;
  if (typeof value !== 'object' || value === null || depth > maxDepth || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (hasControlCharacters(key)) return path || '(字段名)';
    const found = findControlCharacter(item, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = findControlCharacter(request.params, '') ?? findControlCharacter(request.query, '') ?? findControlCharacter(request.body, '');
    if (field !== null) {
      const name = field.replace(/[\u0000-\u001f\u007f]/g, '?') || '(提交的内容)';
      throw new AppError('validation_failed', `${name}: ${controlCharacterMessage('')}`, { problems: [{ field: name, message: controlCharacterMessage('') }] });
    }
  });
}
