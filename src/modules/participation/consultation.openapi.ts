import { errorResponse, proofOfWorkProperty } from '../../core/openapi.schemas.ts';
import { adoptions, consultationStates } from './consultation.types.ts';

/** The public consultations and decision-catalogue API, as /api/docs describes it. */
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

export const consultationOpenApi = {
  '/api/consultations': {
    get: {
      summary: '征求意见:正在征求、已结束和即将开始的草案',
      responses: { 200: { description: `items:id、title、agencyName、opensOn、closesOn、state(${Object.keys(consultationStates).join('/')})、commentCount、reportPublishedOn` } },
    },
  },
  '/api/consultations/{id}': {
    get: {
      summary: '一项征求意见:草案(按条)、起草说明、经审核公开的意见(不含提出人信息)、意见采纳情况',
      parameters: [id],
      responses: { 200: { description: `consultation、state、articles、comments(adoption:${Object.values(adoptions).join('/')})、counts` }, 404: errorResponse('没有这项征求意见') },
    },
  },
  '/api/consultations/{id}/comments': {
    post: {
      summary: '对草案发表意见(整体或某一条),无需注册;经审核后公开',
      parameters: [id],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['body', 'name', 'contact'],
              properties: {
                article: { type: 'string', maxLength: 50, description: '条款(如“第三条”),不填为对草案整体' },
                body: { type: 'string', maxLength: 3000 },
                name: { type: 'string', maxLength: 50 },
                contact: { type: 'string', maxLength: 100, description: '仅征求意见机关可见' },
                altcha: proofOfWorkProperty,
              },
            },
          },
        },
      },
      responses: { 201: { description: '已收到' }, 400: errorResponse('内容有误'), 404: errorResponse('没有这项征求意见'), 409: errorResponse('不在征求意见期内'), 429: { description: '提交过于频繁' } },
    },
  },
  '/api/decisions': {
    get: {
      summary: '已公布的重大行政决策事项目录(按年度、机关),含目录调整及理由',
      parameters: [
        { name: 'year', in: 'query', schema: { type: 'integer' } },
        { name: 'agency', in: 'query', schema: { type: 'integer' } },
      ],
      responses: { 200: { description: 'items:catalogue、items(事项)、changes(调整及理由)' } },
    },
  },
};
