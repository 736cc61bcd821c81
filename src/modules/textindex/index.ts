export { createTokenizer, harvestableTerms, normaliseForSearch, type Tokenizer } from './textindex.tokenizer.ts';
export { buildTitleVector, buildVector, searchFieldsOf, type Searchable } from './textindex.vector.rules.ts';
export { isEmptyQuery, maxQueryChars, numberQuery, parseQuery, queryLiterals, type NumberQuery, type ParsedQuery, type QueryLiterals } from './textindex.query.rules.ts';
