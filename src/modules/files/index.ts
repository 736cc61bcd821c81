export { describeFile, readFile, storeFile, type FileToStore, type StoreOptions } from './files.service.ts';
export type { StoredFileInfo } from './files.repository.ts';
export { cleanFileName, contentDisposition, formatLabelOf, isInlineSafe, isSha256, mediaTypeOf, sha256Of, sizeLabelOf } from './files.rules.ts';
