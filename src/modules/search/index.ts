export { createSearchService, type SearchService } from './search.service.ts';
export { sortOrders, type Facets, type SearchFilters, type SearchItem, type SearchParams, type SearchResult, type SearchSuggestions, type SortOrder } from './search.types.ts';
export { maxPage, maxPageSize, readSearchParams } from './search.params.ts';
