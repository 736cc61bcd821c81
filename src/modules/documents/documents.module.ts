import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { documentsMeasures } from './documents.measures.queries.ts';

/** The document library (政府文件库, docs/domain.md A): ingestion of gazettes and documents, the catalogue, validity. */
export const documentsModule: ModuleManifest<AppContext> = {
  name: 'documents',
  measures: documentsMeasures,
  label: '政府文件库',
  auditSubjects: { document: '文件库文件' },
};
