import { errorResponse, jsonBody } from '../../core/openapi.schemas.ts';
import { maxDistributionBytes } from './catalogue.distributions.rules.ts';

/** The catalogue's public API, as /api/docs describes it. */
const ckan = (summary: string, parameters: { name: string; description: string; required?: boolean }[]) => ({
  get: {
    summary,
    parameters: parameters.map((p) => ({ name: p.name, in: 'query', required: p.required ?? false, description: p.description, schema: { type: 'string' } })),
    responses: { '200': { description: 'CKAN 格式的回答:{"success": true, "result": …}' }, '404': { description: '{"success": false, "error": {"__type": "Not Found Error"}}' } },
  },
});

const resourceId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const distributionId = { name: 'distributionId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const fileNameHeader = { name: 'x-file-name', in: 'header', required: true, description: '文件名(UTF-8,百分号编码),以 .csv、.xlsx 或 .json 结尾', schema: { type: 'string' } };
const fileBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
const fileResponses = {
  '201': { description: '{ id, version }' },
  '400': errorResponse('文件内容无效(如 JSON 无法解析、XLSX 已损坏)'),
  '403': errorResponse('只有提供单位的工作人员和区大数据中心可以上传'),
  '404': errorResponse('没有这项数据资源'),
  '413': errorResponse('文件超过大小上限'),
  '415': errorResponse('文件格式不符(按内容识别)或编码不是 UTF-8/GB18030'),
};

export const catalogueOpenApi = {
  '/api/3/action/package_list': ckan('CKAN:开放数据资源的名称列表(不含非开放)', [{ name: 'limit', description: '条数' }, { name: 'offset', description: '起点' }]),
  '/api/3/action/package_show': ckan('CKAN:一项开放数据资源', [{ name: 'id', description: 'catalogue-编号 或 uuid', required: true }]),
  '/api/3/action/package_search': ckan('CKAN:检索开放数据资源', [
    { name: 'q', description: '关键词' },
    { name: 'fq', description: 'organization:agency-编号、tags:关键字、res_format:格式' },
    { name: 'rows', description: '条数(默认 10,最多 1000)' },
    { name: 'start', description: '起点' },
    { name: 'sort', description: 'metadata_modified desc 或 name asc' },
    { name: 'facet.field', description: 'JSON 列表:organization、tags、res_format' },
  ]),
  '/api/3/action/organization_list': ckan('CKAN:提供开放数据的单位', [{ name: 'all_fields', description: 'true 时返回完整信息' }]),
  '/api/3/action/organization_show': ckan('CKAN:一个提供单位', [{ name: 'id', description: 'agency-编号', required: true }]),
  '/api/3/action/tag_list': ckan('CKAN:开放数据的关键字', []),
  '/api/3/action/resource_show': ckan('CKAN:一项数据资源的一种格式', [{ name: 'id', description: 'uuid-格式', required: true }]),
  '/api/3/action/status_show': ckan('CKAN:站点信息', []),
  '/catalog.jsonld': { get: { summary: 'DCAT-AP 3 目录(JSON-LD),只含无条件开放、有条件开放的数据资源', responses: { '200': { description: 'application/ld+json' } } } },
  '/catalog.ttl': { get: { summary: '同一 DCAT 目录的 Turtle 格式', responses: { '200': { description: 'text/turtle' } } } },
  '/api/catalogue/{id}/requests': {
    post: {
      summary: '申请使用一项开放数据(无条件开放的登记即得,有条件开放的经审核);返回查询码',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['requesterKind', 'name', 'contact', 'purpose', 'scenario'],
              properties: {
                requesterKind: { type: 'string', enum: ['person', 'company'] },
                name: { type: 'string', maxLength: 100 },
                contact: { type: 'string', maxLength: 100 },
                purpose: { type: 'string', maxLength: 1000 },
                scenario: { type: 'string', maxLength: 1000 },
              },
            },
          },
        },
      },
      responses: { '201': { description: '已收到' }, '400': errorResponse('填写有误'), '404': errorResponse('没有这项开放数据') },
    },
  },
  '/api/catalogue/requests/{code}': {
    get: {
      summary: '凭查询码查看数据申请的办理情况',
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^SJ[0-9A-Z]{12}$' } }],
      responses: { '200': { description: '办理情况' }, '404': errorResponse('没有这件申请') },
    },
  },
  '/catalogue/{id}/distributions/{distributionId}/download': {
    get: {
      summary: '下载无条件开放数据资源的数据文件(最新版本,作为附件);有条件开放的答 403(申请后下载),非开放的答 404',
      parameters: [resourceId, distributionId],
      responses: { '200': { description: 'CSV、XLSX 或 JSON 文件(Content-Disposition: attachment)' }, '403': { description: '有条件开放:申请经审核同意后凭签名链接下载' }, '404': { description: '没有这个数据文件' } },
    },
  },
  '/catalogue/downloads/{requestId}/{distributionId}': {
    get: {
      summary: '有条件开放数据的签名下载链接(申请审核同意后在办理情况中给出,7 天内有效)',
      parameters: [
        { name: 'requestId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        distributionId,
        { name: 'expires', in: 'query', required: true, schema: { type: 'integer' }, description: '到期时间(Unix 秒)' },
        { name: 'signature', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' }, description: 'HMAC-SHA-256' },
      ],
      responses: { '200': { description: '文件(Content-Disposition: attachment)' }, '403': { description: '链接已过期、无效,或申请已不在审核同意状态' } },
    },
  },
  '/api/staff/catalogue/{id}/distributions': {
    get: {
      summary: '工作人员:一项数据资源的数据文件(含各版本)和数据接口',
      parameters: [resourceId],
      responses: { '200': { description: '{ items, canPublish }' }, '404': errorResponse('没有这项数据资源,或无权查看') },
    },
    post: {
      summary: `工作人员:上传数据文件(CSV、XLSX、JSON,按内容检查,每个不超过 ${maxDistributionBytes / 1024 / 1024} MB),作为新的获取方式`,
      description: '文件本身作为请求体(application/octet-stream),文件名放在 x-file-name 头(UTF-8,百分号编码);须登录并带 x-csrf-token。只有提供单位的工作人员和区大数据中心可以上传。',
      parameters: [resourceId, fileNameHeader],
      requestBody: fileBody,
      responses: fileResponses,
    },
  },
  '/api/staff/catalogue/{id}/distributions/{distributionId}/versions': {
    post: {
      summary: '工作人员:上传数据文件的新版本(格式须与原文件相同,旧版本保留)',
      parameters: [resourceId, distributionId, fileNameHeader],
      requestBody: fileBody,
      responses: fileResponses,
    },
  },
  '/api/staff/catalogue/{id}/distributions/{distributionId}/versions/{version}': {
    get: {
      summary: '工作人员:下载数据文件的某一版本(作为附件)',
      parameters: [resourceId, distributionId, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': { description: '文件(Content-Disposition: attachment)' }, '404': errorResponse('没有这个版本') },
    },
  },
  '/api/staff/catalogue/{id}/distributions/links': {
    post: {
      summary: '工作人员:登记数据接口(外部 API 的地址和说明)',
      parameters: [resourceId],
      requestBody: jsonBody(['title', 'url', 'description'], {
        title: { type: 'string', maxLength: 200 },
        url: { type: 'string', maxLength: 2000, description: 'https:// 或 http:// 地址' },
        description: { type: 'string', maxLength: 2000 },
      }),
      responses: { '201': { description: '{ id }' }, '400': errorResponse('填写有误'), '403': errorResponse('无权登记'), '404': errorResponse('没有这项数据资源') },
    },
  },
};
