import { errorSchema as error } from '../../core/openapi.schemas.ts';
import { maxPageSize } from '../search/index.ts';

/** The library's paths in the OpenAPI document: documents and gazette issues (src/server/openapi.ts adds every module's). */
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export const documentsOpenApi = {
    '/api/documents': { get: { summary: '文件列表(按成文日期倒序)', parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }, { name: 'pageSize', in: 'query', schema: { type: 'integer', maximum: maxPageSize } }], responses: { 200: { description: '文件列表' } } } },
    '/api/documents/{id}': {
      get: {
        summary: '一篇文件:元数据、有效性、正文结构、相关文件',
        parameters: [idParameter, { name: 'on', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: { 200: { description: '文件' }, 404: { description: '没有这篇文件', content: { 'application/json': { schema: error } } } },
      },
    },
    '/api/gazettes': { get: { summary: '政府公报各期', responses: { 200: { description: '公报列表' } } } },
    '/api/gazettes/{id}': { get: { summary: '一期公报及其目录', parameters: [idParameter], responses: { 200: { description: '公报' }, 404: { description: '不存在', content: { 'application/json': { schema: error } } } } } },
};
