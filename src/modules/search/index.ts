export { createTokenizer, harvestableTerms, type Tokenizer } from './search.tokenizer.ts';
export { buildVector, searchFieldsOf, type Searchable } from './search.vector.rules.ts';
