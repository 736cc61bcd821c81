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
  '/open-data-figures/index.json': {
    get: {
      summary: '政务公开数据的文件目录:每份已发布年度报告每张表的 CSV 与 JSON 地址、每次已发布考核评估结果的地址、字段说明的地址',
      responses: { 200: { description: 'readme、figures、scores、annualReports(agencyId、agencyName、year、format、publishedOn、tables[key、title、csv、json])、assessmentResults' } },
    },
  },
  '/open-data-figures/README.txt': {
    get: { summary: '政务公开数据的字段说明(中文纯文本):每个文件、每一列的含义', responses: { 200: { description: 'text/plain; charset=utf-8', content: { 'text/plain': { schema: { type: 'string' } } } } } },
  },
  '/open-data-figures/annual-report-figures.csv': {
    get: {
      summary: '全部已发布年度报告的全部数字,每个表格单元一行(UTF-8 带 BOM 的 CSV;列:机关编号、机关、年度、格式、发布日期、表、表名、行、列、数值)',
      responses: { 200: { description: 'text/csv', content: { 'text/csv': { schema: { type: 'string' } } } } },
    },
  },
  '/open-data-figures/annual-report-figures.json': {
    get: {
      summary: '全部已发布年度报告的全部数字(JSON):fields 说明各字段,items 每项一个表格单元',
      responses: {
        200: {
          description: 'fields[key、heading、meaning];items[agencyId、agencyName、year、format、publishedOn、table、tableTitle、row、column、value]',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  fields: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, heading: { type: 'string' }, meaning: { type: 'string' } } } },
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        agencyId: { type: 'integer' },
                        agencyName: { type: 'string' },
                        year: { type: 'integer' },
                        format: { type: 'string', enum: ['2019', '2021'] },
                        publishedOn: { type: 'string', format: 'date' },
                        table: { type: 'string', description: 'active-1…、requests、review' },
                        tableTitle: { type: 'string' },
                        row: { type: 'string' },
                        column: { type: 'string' },
                        value: { type: ['number', 'null'] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  '/open-data-figures/assessment-scores.csv': {
    get: {
      summary: '全部已发布的考核评估得分,每个机关每个方面一行,另有总分一行(UTF-8 带 BOM 的 CSV)',
      responses: { 200: { description: 'text/csv', content: { 'text/csv': { schema: { type: 'string' } } } } },
    },
  },
  '/open-data-figures/assessment-scores.json': {
    get: {
      summary: '全部已发布的考核评估得分(JSON):fields 说明各字段,items 每项一个得分',
      responses: { 200: { description: 'fields;items[year、rootAgencyId、rootAgencyName、publishedOn、agencyId、agencyName、kind、item、points、score、grade]' } },
    },
  },
  '/open-data-figures/annual-reports/{agencyId}/{year}/{file}': {
    get: {
      summary: '一份已发布年度报告的一张表,与报告中印出的一致:表.csv 或 表.json(表为 active-1…、requests、review)',
      parameters: [
        { name: 'agencyId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2019 } },
        { name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^(active-[0-9]+|requests|review)\\.(csv|json)$' } },
      ],
      responses: {
        200: {
          description: 'CSV:表头一行,其后每行一个报告行;JSON:agency、year、format、publishedOn、key、title、caption、columns、rows[label、level、cells]',
          content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object', properties: { key: { type: 'string' }, caption: { type: 'string' }, columns: { type: 'array', items: { type: 'string' } }, rows: table.properties.rows } } } },
        },
        404: errorResponse('报告尚未发布或没有这张表'),
      },
    },
  },
};
