export { parseBytes, parseText, type ParseOptions } from './parse.ts';
export { docNumberLine, findHeaderDocNumber, normaliseDocNumber } from './docnumber.rules.ts';
export type * from './gazette.types.ts';
