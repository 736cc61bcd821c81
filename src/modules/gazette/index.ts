export { parseBytes, parseText, type ParseOptions } from './parse.ts';
export { docNumberLine, findDocNumbers, findHeaderDocNumber, normaliseDocNumber } from './docnumber.rules.ts';
export { fileTooLarge, type DecodeLimits } from './decode.rules.ts';
export { foldText } from './fold.rules.ts';
export type * from './gazette.types.ts';
export { readDocumentFile, type ReadFile, type ReadOptions } from './formats.ts';
export { fileFormats, type FileFormat } from './sniff.rules.ts';
export { isZip, openZip } from './zip.rules.ts';
