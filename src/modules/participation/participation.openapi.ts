import { errorResponse, proofOfWorkProperty } from '../../core/openapi.schemas.ts';
import { messageKinds, messageStates, ratings } from './participation.types.ts';

/** The public messages API, as /api/docs describes it. */
const code = { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^LY[0-9A-Z]{12}$' } };

export const participationOpenApi = {
  '/api/messages': {
    post: {
      summary: '给机关留言(咨询、建议、投诉),无需注册;返回查询码和答复期限',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['agencyId', 'kind', 'subject', 'body', 'name', 'contact'],
              properties: {
                agencyId: { type: 'integer', minimum: 1 },
                documentId: { type: 'integer', minimum: 1, description: '就某篇文件留言时填写,由发文机关答复' },
                kind: { type: 'string', enum: Object.keys(messageKinds) },
                subject: { type: 'string', maxLength: 100 },
                body: { type: 'string', maxLength: 5000 },
                name: { type: 'string', maxLength: 50 },
                contact: { type: 'string', maxLength: 100, description: '仅办理机关可见' },
                altcha: proofOfWorkProperty,
                keepPrivate: { type: 'boolean', description: '不公开留言和答复' },
              },
            },
          },
        },
      },
      responses: {
        201: { description: '已收到:trackingCode、agencyName、receivedOn、dueOn(收到之日后第 5 个工作日)' },
        400: errorResponse('内容有误,逐项说明'),
        429: { description: '提交过于频繁' },
      },
    },
    get: {
      summary: '公开的留言及答复(经审核,不含留言人信息),最新在前',
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 50 } },
        { name: 'kind', in: 'query', schema: { type: 'string', enum: Object.keys(messageKinds) } },
        { name: 'agency', in: 'query', schema: { type: 'integer' }, description: '答复部门' },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
      ],
      responses: { 200: { description: 'items(受理日期 receivedOn、答复日期 repliedOn、答复部门 agencyName、答复 reply)与 total(精确计数至 10000 条,totalExact 为 false 时表示超过)' } },
    },
  },
  '/api/messages/{code}': {
    get: {
      summary: '凭查询码查看留言办理情况(不含留言人信息)',
      parameters: [code],
      responses: {
        200: { description: `trackingCode、state(${Object.values(messageStates).join('/')})、agencyName、receivedOn、dueOn、reply` },
        404: errorResponse('没有这条留言'),
      },
    },
  },
  '/api/messages/{code}/rating': {
    post: {
      summary: '留言人评价答复(一次)',
      parameters: [code],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['rating'], properties: { rating: { type: 'string', enum: Object.keys(ratings) } } } } } },
      responses: { 200: { description: '已评价' }, 400: { description: '尚未答复、已评价或评价无效' } },
    },
  },
};
