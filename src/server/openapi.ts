import { maxPageSize, sortOrders } from '../modules/search/index.ts';
import { subjectCategories, validityStatuses } from '../modules/documents/index.ts';
import { applicantTypes, deliveryForms, deliveryWays } from '../modules/disclosure/index.ts';
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
    '/api/requests': {
      post: {
        summary: '提交政府信息公开申请(每个地址每分钟最多 5 次)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['agencyId', 'applicant', 'description', 'deliveryForm', 'deliveryWay'],
                properties: {
                  agencyId: { type: 'integer' },
                  applicant: {
                    type: 'object',
                    required: ['type', 'name'],
                    description: '自然人须填 idNumber;法人或其他组织须填 organisationCode;phone、email、address 至少一项',
                    properties: {
                      type: { type: 'string', enum: Object.keys(applicantTypes) },
                      name: { type: 'string', maxLength: 100 },
                      idType: { type: 'string' }, idNumber: { type: 'string' }, organisationCode: { type: 'string' },
                      legalRepresentative: { type: 'string' }, contactPerson: { type: 'string' },
                      phone: { type: 'string' }, email: { type: 'string' }, address: { type: 'string' },
                    },
                  },
                  description: { type: 'string', maxLength: 5000, description: '所需政府信息的名称、文号或便于查询的其他特征性描述' },
                  deliveryForm: { type: 'string', enum: Object.keys(deliveryForms) },
                  deliveryWay: { type: 'string', enum: Object.keys(deliveryWays) },
                },
              },
            },
          },
        },
        responses: {
          201: { description: '已收到:查询码、收到日期、答复期限(estimated 为 true 时跨入尚未公布节假日安排的年份)' },
          400: { description: '申请有误(error.details 不返回;message 列出全部问题)', content: { 'application/json': { schema: error } } },
          429: { description: '提交过于频繁', content: { 'application/json': { schema: error } } },
        },
      },
    },
    '/api/requests/report': {
      get: {
        summary: '年度报告中依申请公开的两张表(收到和处理申请情况、行政复议和行政诉讼情况),仅含统计数',
        parameters: [{ name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 2008 } }, { name: 'agency', in: 'query', schema: { type: 'integer' }, description: '机关;不填为全部机关' }],
        responses: { 200: { description: '报表' }, 400: { description: '年份无效', content: { 'application/json': { schema: error } } } },
      },
    },
    '/api/requests/{code}': {
      get: {
        summary: '凭查询码查看办理进度(不含申请人信息和申请内容)',
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: '办理进度' }, 404: { description: '没有这件申请', content: { 'application/json': { schema: error } } } },
      },
    },
    '/api/gazettes': { get: { summary: '政府公报各期', responses: { 200: { description: '公报列表' } } } },
    '/api/gazettes/{id}': { get: { summary: '一期公报及其目录', parameters: [idParameter], responses: { 200: { description: '公报' }, 404: { description: '不存在', content: { 'application/json': { schema: error } } } } } },
    // What each module declares in its manifest.
    ...moduleOpenApiPaths,
  },
} as const;
