import { maxPageSize, sortOrders } from '../modules/search/index.ts';
import { subjectCategories, validityStatuses } from '../modules/documents/index.ts';
import { moduleOpenApiPaths } from '../modules/modules.ts';
import { errorSchema as error } from '../core/openapi.schemas.ts';

/** The OpenAPI 3.1 description of the JSON API, served at /api/docs. */
const stringOrNull = { type: ['string', 'null'] };
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: '政府文件库 API', version: '1.0.0', description: '政府文件库的检索、文件、政府公报接口。所有文字为简体中文;日期为 YYYY-MM-DD。' },
  paths: {
    '/api/search': {
      get: {
        summary: '检索文件',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 10000 }, description: '检索词;可含引号短语与任意格式的文号。超过 200 字的部分不参与检索。' },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1 } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 20 } },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: sortOrders, default: 'relevance' } },
          { name: 'on', in: 'query', schema: { type: 'string', format: 'date' }, description: '判断有效性的日期,默认今天' },
          { name: 'issuer', in: 'query', schema: { type: 'string' } },
          { name: 'year', in: 'query', schema: { type: 'integer' } },
          { name: 'type', in: 'query', schema: { type: 'string' } },
          { name: 'validity', in: 'query', schema: { type: 'string', enum: validityStatuses } },
          { name: 'normative', in: 'query', schema: { type: 'boolean' } },
          { name: 'gazette', in: 'query', schema: { type: 'integer' } },
          { name: 'subject', in: 'query', schema: { type: 'string', enum: subjectCategories }, description: '主题分类' },
          { name: 'facets', in: 'query', schema: { type: 'boolean', default: false }, description: '同时返回各筛选项的计数' },
        ],
        responses: {
          200: {
            description: '检索结果',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['total', 'items'],
                  properties: {
                    total: { type: 'integer', description: '命中篇数;精确计数至 10000 篇' },
                    totalExact: { type: 'boolean', description: '为 false 时表示超过 total 篇' },
                    page: { type: 'integer' },
                    pageSize: { type: 'integer' },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['id', 'title', 'docNumber', 'issuer', 'date', 'validity', 'snippet'],
                        properties: {
                          id: { type: 'integer' },
                          title: { type: 'string' },
                          docNumber: stringOrNull,
                          issuer: stringOrNull,
                          date: { type: ['string', 'null'], format: 'date' },
                          validity: { type: 'string', enum: validityStatuses },
                          type: stringOrNull,
                          snippet: { type: 'string' },
                          highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 } },
                        },
                      },
                    },
                    facets: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } } } } },
                  },
                },
              },
            },
          },
          400: { description: '检索条件有误', content: { 'application/json': { schema: error } } },
        },
      },
    },
    '/api/documents': { get: { summary: '文件列表(按成文日期倒序)', parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }, { name: 'pageSize', in: 'query', schema: { type: 'integer', maximum: maxPageSize } }], responses: { 200: { description: '文件列表' } } } },
    '/api/documents/{id}': {
      get: {
        summary: '一篇文件:元数据、有效性、正文结构、相关文件',
        parameters: [idParameter, { name: 'on', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: { 200: { description: '文件' }, 404: { description: '没有这篇文件', content: { 'application/json': { schema: error } } } },
      },
    },
    '/api/agencies': { get: { summary: '机关名录(依申请公开的受理机关)', responses: { 200: { description: '机关列表' } } } },
    '/api/gazettes': { get: { summary: '政府公报各期', responses: { 200: { description: '公报列表' } } } },
    '/api/gazettes/{id}': { get: { summary: '一期公报及其目录', parameters: [idParameter], responses: { 200: { description: '公报' }, 404: { description: '不存在', content: { 'application/json': { schema: error } } } } } },
    // What each module declares in its manifest.
    ...moduleOpenApiPaths,
  },
} as const;
