import { errorResponse } from '../../core/openapi.schemas.ts';

/** The published annual reports, as /api/docs describes them. */
const table = {
  type: 'object',
  properties: {
    caption: { type: 'string' },
    columns: { type: 'array', items: { type: 'string' } },
    rows: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' }, level: { type: 'integer' }, cells: { type: 'array', items: { type: ['number', 'null'] } } } } },
  },
};

export const reportOpenApi = {
  '/api/annual-reports': {
    get: {
      summary: '已发布的政府信息公开工作年度报告(机关、年度、格式、发布日期)',
      responses: { 200: { description: 'items: agencyId、agencyName、year、format、publishedOn' } },
    },
  },
  '/api/annual-reports/{agencyId}/{year}': {
    get: {
      summary: '一份已发布的年度报告:文字部分与表二、表三、表四,以及数据核对结果',
      parameters: [
        { name: 'agencyId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2019 } },
      ],
      responses: {
        200: {
          description: '年度报告;format 为 2019 或 2021(国办公开办函〔2019〕60号 / 〔2021〕30号)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  year: { type: 'integer' },
                  format: { type: 'string', enum: ['2019', '2021'] },
                  agency: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
                  publishedOn: { type: 'string', format: 'date' },
                  texts: { type: 'object', properties: { overall: { type: 'string' }, problems: { type: 'string' }, other: { type: 'string' } } },
                  tables: { type: 'object', properties: { active: { type: 'array', items: table }, requests: table, review: table } },
                  checks: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, ok: { type: 'boolean' }, detail: { type: 'string' } } } },
                },
              },
            },
          },
        },
        404: errorResponse('尚未发布'),
      },
    },
  },
};
