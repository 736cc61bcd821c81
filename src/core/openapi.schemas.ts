/** Pieces of the OpenAPI document shared by the server's paths and every module's. */

/** The body of every error answer (src/core/errors.ts): a stable code and a Chinese message. */
export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
};

/** An error answer of the API, with what it means in Chinese. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}
