import type { ValidityStatus } from '../documents/index.ts';

export const sortOrders = ['relevance', 'date'] as const;
export type SortOrder = (typeof sortOrders)[number];

export interface SearchFilters {
  issuer?: string;
  year?: number;
  type?: string;
  validity?: ValidityStatus;
  normative?: boolean;
  gazetteIssueId?: number;
  /** 主题分类, one of subjectCategories. */
  subject?: string;
}

export interface SearchParams {
  q: string;
  filters: SearchFilters;
  sort: SortOrder;
  page: number;
  pageSize: number;
  /** The date validity is judged on, YYYY-MM-DD. */
  on: string;
}

export interface SearchItem {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  validity: ValidityStatus;
  type: string | null;
  snippet: string;
  /** [start, end) ranges of the snippet that matched the query. */
  highlights: [number, number][];
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface Facets {
  issuer: FacetValue[];
  year: FacetValue[];
  type: FacetValue[];
  validity: FacetValue[];
  normative: FacetValue[];
  gazette: FacetValue[];
  subject: FacetValue[];
}

export interface SearchResult {
  /** Matches, counted exactly up to 1,000 with words (200 with a quoted phrase, 10,000 browsing by filters); beyond that the limit with totalExact false. */
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  items: SearchItem[];
  /** Present when asked for. */
  facets: Facets | null;
}

/** What to offer when a search finds nothing (see SearchService.suggest). */
export interface SearchSuggestions {
  /** The query with one word spelled as the library spells it, and how many that finds. */
  nearSpellings: { q: string; count: number }[];
  /** Each word of a query of several words, searched alone with the same filters. */
  words: { word: string; count: number }[];
  /** The same query without the validity filter, i.e. in expired, repealed … documents too; null when no validity was asked for. */
  withoutValidity: { count: number } | null;
  /** The same query with no filter at all; null when there was no filter. */
  withoutFilters: { count: number } | null;
}
