import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { documentsMeasures } from './documents.measures.queries.ts';
import { documentsOpenApi } from './documents.openapi.ts';
import { registerDocumentPages } from './documents.pages.ts';
import { registerDocumentApi } from './documents.routes.ts';

/** The document library (政府文件库, docs/domain.md A): ingestion of gazettes and documents, the catalogue, validity. */
export const documentsModule: ModuleManifest<AppContext> = {
  name: 'documents',
  measures: documentsMeasures,
  label: '政府文件库',
  routes(app, context) {
    registerDocumentApi(app, context);
    registerDocumentPages(app, context);
  },
  openApiPaths: documentsOpenApi,
  auditSubjects: { document: '文件库文件' },
};
