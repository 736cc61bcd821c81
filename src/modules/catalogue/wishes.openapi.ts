import { errorResponse, jsonBody, proofOfWorkProperty } from '../../core/openapi.schemas.ts';
import { wishForm } from './wishes.actions.ts';
import { wishOutcomes, wishStates } from './wishes.types.ts';

const limits = (name: keyof typeof wishForm) => {
  const field = wishForm[name];
  return field.kind === 'text' ? { type: 'string', maxLength: field.max } : { type: 'integer', minimum: 1 };
};

/** Requests for data the catalogue does not list, as /api/docs describes them. */
export const wishesOpenApi = {
  '/api/catalogue/wishes': {
    post: {
      summary: '提出目录外数据需求(无需注册);返回查询码',
      requestBody: jsonBody(['title', 'description', 'purpose', 'name', 'contact'], {
        ...Object.fromEntries(Object.keys(wishForm).map((name) => [name, limits(name as keyof typeof wishForm)])),
        altcha: proofOfWorkProperty,
      }),
      responses: { '201': { description: '{"trackingCode", "receivedOn"}' }, '400': errorResponse('内容不完整或格式不正确') },
    },
    get: {
      summary: '已答复的目录外数据需求及收到、答复的数量(不含提出人信息)',
      parameters: [{ name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': { description: `{"items": [{"title", "receivedOn", "outcome": ${Object.keys(wishOutcomes).join(' | ')}, "answer", "answeredOn", "answeredBy", "resourceId"}], "counts": {"received", "answered", "open"}}` } },
    },
  },
  '/api/catalogue/wishes/{code}': {
    get: {
      summary: '凭查询码查看数据需求的办理情况',
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: `{"trackingCode", "title", "state": ${Object.keys(wishStates).join(' | ')}, "receivedOn", "outcome", "answer", "answeredOn", "resourceId"}` }, '404': errorResponse('没有这项数据需求') },
    },
  },
};
