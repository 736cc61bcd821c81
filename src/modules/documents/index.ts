export { createIngestService, type BulkIngestOptions, type FetchedIngest, type IngestService, type IngestOptions } from './ingest.service.ts';
export {
  browseCounts,
  documentIdsOfContent,
  documentIdsOfFile,
  documentsForSitemap,
  getDocument,
  getGazetteIssue,
  listDocuments,
  listGazetteIssues,
  storeStats,
  type CountedValue,
  type DocumentDetail,
  type GazetteIssueDetail,
  type GazetteIssueView,
} from './documents.queries.ts';
export type * from './documents.types.ts';
export { todayInChina, validityOn, validityStatuses, type ValidityStatus } from './validity.sql.ts';
export { indexNumberOf, subjectCategories, topicOf } from './catalogue.rules.ts';
export { releasedOn, subjectOf } from './catalogue.sql.ts';
export { documentFiles, type DocumentFiles, type OfferedFile } from './documents.files.sql.ts';
export { applyDeclaredFields, markDocumentInvalid } from './documents.repository.ts';
export { fileNameOfUrl, isPlatformSource, platformFilePrefix, platformSourceKey, sha256 } from './documents.rules.ts';
