import { errorResponse } from '../../core/openapi.schemas.ts';

/** The catalogue's public API, as /api/docs describes it. */
const ckan = (summary: string, parameters: { name: string; description: string; required?: boolean }[]) => ({
  get: {
    summary,
    parameters: parameters.map((p) => ({ name: p.name, in: 'query', required: p.required ?? false, description: p.description, schema: { type: 'string' } })),
    responses: { '200': { description: 'CKAN 格式的回答:{"success": true, "result": …}' }, '404': { description: '{"success": false, "error": {"__type": "Not Found Error"}}' } },
  },
});

export const catalogueOpenApi = {
  '/api/3/action/package_list': ckan('CKAN:开放数据资源的名称列表(不含非开放)', [{ name: 'limit', description: '条数' }, { name: 'offset', description: '起点' }]),
  '/api/3/action/package_show': ckan('CKAN:一项开放数据资源', [{ name: 'id', description: 'catalogue-编号 或 uuid', required: true }]),
  '/api/3/action/package_search': ckan('CKAN:检索开放数据资源', [
    { name: 'q', description: '关键词' },
    { name: 'fq', description: 'organization:agency-编号、tags:关键字、res_format:格式' },
    { name: 'rows', description: '条数(默认 10,最多 1000)' },
    { name: 'start', description: '起点' },
    { name: 'sort', description: 'metadata_modified desc 或 name asc' },
    { name: 'facet.field', description: 'JSON 列表:organization、tags、res_format' },
  ]),
  '/api/3/action/organization_list': ckan('CKAN:提供开放数据的单位', [{ name: 'all_fields', description: 'true 时返回完整信息' }]),
  '/api/3/action/organization_show': ckan('CKAN:一个提供单位', [{ name: 'id', description: 'agency-编号', required: true }]),
  '/api/3/action/tag_list': ckan('CKAN:开放数据的关键字', []),
  '/api/3/action/resource_show': ckan('CKAN:一项数据资源的一种格式', [{ name: 'id', description: 'uuid-格式', required: true }]),
  '/api/3/action/status_show': ckan('CKAN:站点信息', []),
  '/catalog.jsonld': { get: { summary: 'DCAT-AP 3 目录(JSON-LD),只含无条件开放、有条件开放的数据资源', responses: { '200': { description: 'application/ld+json' } } } },
  '/catalog.ttl': { get: { summary: '同一 DCAT 目录的 Turtle 格式', responses: { '200': { description: 'text/turtle' } } } },
  '/api/catalogue/{id}/requests': {
    post: {
      summary: '申请使用一项开放数据(无条件开放的登记即得,有条件开放的经审核);返回查询码',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['requesterKind', 'name', 'contact', 'purpose', 'scenario'],
              properties: {
                requesterKind: { type: 'string', enum: ['person', 'company'] },
                name: { type: 'string', maxLength: 100 },
                contact: { type: 'string', maxLength: 100 },
                purpose: { type: 'string', maxLength: 1000 },
                scenario: { type: 'string', maxLength: 1000 },
              },
            },
          },
        },
      },
      responses: { '201': { description: '已收到' }, '400': errorResponse('填写有误'), '404': errorResponse('没有这项开放数据') },
    },
  },
  '/api/catalogue/requests/{code}': {
    get: {
      summary: '凭查询码查看数据申请的办理情况',
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^SJ[0-9A-Z]{12}$' } }],
      responses: { '200': { description: '办理情况' }, '404': errorResponse('没有这件申请') },
    },
  },
};
