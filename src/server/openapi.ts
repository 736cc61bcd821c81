import { moduleOpenApiPaths } from '../modules/modules.ts';

/** The OpenAPI 3.1 description of the JSON API, served at /api/docs: every path is declared by the module that serves it. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: '政府文件库 API', version: '1.0.0', description: '政府文件库的检索、文件、政府公报接口。所有文字为简体中文;日期为 YYYY-MM-DD。' },
  paths: {
    // What each module declares in its manifest.
    ...moduleOpenApiPaths,
  },
} as const;
