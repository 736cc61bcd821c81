import { errorSchema as error } from '../../core/openapi.schemas.ts';
import { subjectCategories, validityStatuses } from '../documents/index.ts';
import { maxPageSize } from './search.params.ts';
import { sortOrders } from './search.types.ts';

/** The search's path in the OpenAPI document (src/server/openapi.ts adds every module's). */
const stringOrNull = { type: ['string', 'null'] };

export const searchOpenApi = {
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
                    total: { type: 'integer', description: '命中篇数;含检索词时精确计数至 1000 篇(引号短语 200 篇),仅按条件浏览时至 10000 篇;totalExact 为 false 时为下限' },
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
};
