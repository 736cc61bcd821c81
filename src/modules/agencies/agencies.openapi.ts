/** The agency register's paths in the OpenAPI document (src/server/openapi.ts adds every module's). */
export const agenciesOpenApi = {
  '/api/agencies': { get: { summary: '机关名录(依申请公开的受理机关)', responses: { 200: { description: '机关列表' } } } },
};
