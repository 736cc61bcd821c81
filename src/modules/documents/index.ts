export { createIngestService, type IngestService, type IngestOptions } from './ingest.service.ts';
export { getDocument, listDocuments, storeStats, type DocumentDetail } from './documents.queries.ts';
export type * from './documents.types.ts';
export { todayInChina, validityOn, validityStatuses, type ValidityStatus } from './validity.sql.ts';
