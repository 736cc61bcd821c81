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

/** A JSON request body: an object with these required fields and these properties. */
export function jsonBody(required: readonly string[], properties: Record<string, unknown>) {
  return { required: true, content: { 'application/json': { schema: { type: 'object', required, properties } } } };
}

/** The proof-of-work field of the public submissions (src/server/proof-of-work.ts). */
export const proofOfWorkProperty = { type: 'string', description: '站点开启人机验证(PROOF_OF_WORK=on)时必填:ALTCHA 解答(base64)' };
