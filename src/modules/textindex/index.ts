export { createTokenizer, harvestableTerms, normaliseForSearch, type Tokenizer } from './textindex.tokenizer.ts';
export { buildTitleVector, buildVector, quoteLexeme, searchFieldsOf, type Searchable } from './textindex.vector.rules.ts';
export { isEmptyQuery, maxQueryChars, numberQuery, parseQuery, matchQuery, type NumberQuery, type ParsedQuery } from './textindex.query.rules.ts';
