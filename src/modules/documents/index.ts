export { createIngestService, type IngestService, type IngestOptions } from './ingest.service.ts';
export { getDocument, listDocuments, storeStats, type DocumentDetail } from './documents.queries.ts';
export type * from './documents.types.ts';
