import { errorSchema as error } from '../../core/openapi.schemas.ts';
import { applicantTypes, deliveryForms, deliveryWays } from './disclosure.types.ts';

/** Disclosure on request's public paths in the OpenAPI document (/api/docs). */
export const disclosureOpenApi = {
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
};
