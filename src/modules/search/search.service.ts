import type { Database, Queryable } from '../../core/db/database.ts';
import { createTokenizer, isEmptyQuery, normaliseForSearch, parseQuery, matchQuery, type Tokenizer } from '../textindex/index.ts';
import { countMatches, countSearchTerms, facetCounts, onlyDocumentNumbered, pageIds, readSearchTerms, resultRows, titlesMatching, type SearchPlan } from './search.queries.ts';
import { buildSnippet } from './search.snippet.rules.ts';
import { nearPattern, nearWords, spellable } from './search.suggest.rules.ts';
import type { SearchFilters, SearchParams, SearchResult, SearchSuggestions } from './search.types.ts';

/**
 * Search over the library. The segmenter learns the library's own terms when
 * the service starts and again whenever new ones have been ingested, so the
 * query is cut the way the documents were.
 */
export interface SearchService {
  /** Results for one page; facet counts too when asked (they count every match, so they cost more). */
  search(params: SearchParams, options?: { facets?: boolean }): Promise<SearchResult>;
  /** The one document a query names, when the query is nothing but a complete document number. */
  documentNamedBy(q: string): Promise<number | null>;
  /** For a search that found nothing: near spellings, the words one by one, the same search in every document. */
  suggest(params: SearchParams): Promise<SearchSuggestions>;
}

/** At most this many words are counted alone, and this many near spellings tried: a few quick counts, not a crawl. */
const maxSuggestedWords = 6;
const maxNearSpellings = 3;
const titlesScanned = 200;

/**
 * Runs search statements with sequential scans discouraged. For a common word
 * the planner would rather scan the table and test every row, not counting
 * that each test reads a large vector back from TOAST: ten times slower than
 * the bitmap index scan at 20,000 documents. The setting is local to the
 * transaction, and a scan is still used where no index applies.
 * JIT compilation is off too: at 1,000,000 documents a common word's
 * statements pass PostgreSQL's cost threshold for it, and compiling them took
 * 12 to 60 ms, more than running them.
 */
function withIndexPreferred<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.readTransaction(async (tx) => {
    await tx.execScript(`set local enable_seqscan = off; set local jit = off; set local work_mem = '64MB'`);
    return work(tx);
  });
}

/**
 * Matches are counted exactly up to 10,000 by default; beyond that the count
 * says "more than". Counting a common word's 100,000 matches exactly costs more
 * than the whole rest of a search, and no one pages past 1,000 pages of ten.
 * Matches of words are counted up to 1,000 (a hundred pages of ten): each
 * match counted is a row read, and at 1,000,000 documents counting a common
 * pair of words to 10,000 took 60 to 110 ms, the most of such a search.
 * Browsing by filters alone counts from the btrees, cheaply, to 10,000.
 */
const defaultCountLimit = 10_000;
const wordsCountLimit = 1_000;
const phraseCountLimit = 200;

/**
 * The newest documents a search tests one by one before it gathers its
 * matches through the index instead (a few years at a time, see
 * newestByYears). Each test reads the row's vector: at 1,000,000 documents a
 * walk of 2,000 that found too few took 30 ms, the gather of a year 5 ms.
 */
const defaultWalkRows = 500;
/** A sample of the library this large tells the share of a validity status well enough (±1.5 %) to skip a count. */
const defaultSampleRows = 5_000;

export function createSearchService(db: Database, options: { countLimit?: number; walkRows?: number; sampleRows?: number } = {}): SearchService {
  const countLimit = options.countLimit ?? defaultCountLimit;
  const walkRows = options.walkRows ?? defaultWalkRows;
  const sampleRows = options.sampleRows ?? defaultSampleRows;
  let tokenizer: Tokenizer | null = null;
  let knownTerms = -1;

  async function currentTokenizer(): Promise<Tokenizer> {
    const count = await countSearchTerms(db);
    if (!tokenizer || count !== knownTerms) {
      tokenizer = createTokenizer(await readSearchTerms(db));
      knownTerms = count;
    }
    return tokenizer;
  }

  async function plan(params: Pick<SearchParams, 'q' | 'filters' | 'on'>) {
    const parsed = parseQuery(params.q, await currentTokenizer());
    // A quoted phrase's positions are checked document by document: it is counted exactly only up to 200.
    const match = matchQuery(parsed);
    const limit = Math.min(countLimit, parsed.phrases.length > 0 ? phraseCountLimit : match !== null ? wordsCountLimit : countLimit);
    const searchPlan: SearchPlan = { match, numbers: parsed.numbers, filters: params.filters, on: params.on, countLimit: limit, walkRows, sampleRows };
    const needles = [...parsed.phrases, ...parsed.chunks].flat().map((token) => token.text);
    return { parsed, searchPlan, needles };
  }

  return {
    async search(params, options = {}) {
      const { parsed, searchPlan, needles } = await plan(params);
      // No words and no number: browse everything that passes the filters, newest first.
      const sort = isEmptyQuery(parsed) ? 'date' : params.sort;
      const { total, ids, rows, facets } = await withIndexPreferred(db, async (tx) => {
        const total = await countMatches(tx, searchPlan);
        const ids = await pageIds(tx, searchPlan, sort, { limit: params.pageSize, offset: (params.page - 1) * params.pageSize }, total);
        const rows = new Map((await resultRows(tx, ids, params.on)).map((row) => [row.id, row]));
        return { total, ids, rows, facets: options.facets ? await facetCounts(tx, searchPlan) : null };
      });
      const items = ids.map((id) => {
        const row = rows.get(id)!;
        const { snippet, highlights } = buildSnippet(row.body_text, needles);
        return {
          id,
          title: row.display_title,
          docNumber: row.doc_number,
          issuer: row.issuer,
          date: row.signed_on,
          validity: row.validity,
          type: row.doc_type,
          snippet,
          highlights,
        };
      });
      return { total: total.total, totalExact: total.exact, page: params.page, pageSize: params.pageSize, items, facets };
    },
    async documentNamedBy(q) {
      const parsed = parseQuery(q, await currentTokenizer());
      const [number] = parsed.numbers;
      if (parsed.numbers.length !== 1 || !number || number.serial === null || parsed.phrases.length > 0 || parsed.chunks.length > 0) return null;
      return onlyDocumentNumbered(db, number);
    },
    async suggest(params) {
      const { parsed } = await plan(params);
      const count = async (q: string, filters: SearchFilters) => {
        const { searchPlan } = await plan({ q, filters, on: params.on });
        return withIndexPreferred(db, async (tx) => (await countMatches(tx, searchPlan)).total);
      };
      const words = [...new Set([...parsed.phrases, ...parsed.chunks].flat().map((token) => token.text))];
      const separately = words.length > 1 ? await Promise.all(words.slice(0, maxSuggestedWords).map(async (word) => ({ word, count: await count(word, params.filters) }))) : [];
      // A near spelling replaces one unquoted run of the query; the first runs that have one are offered.
      const nearSpellings: SearchSuggestions['nearSpellings'] = [];
      const runs = normaliseForSearch(params.q).replace(/["“”「」『』][^"“”「」『』]*["“”「」『』]/g, ' ').split(/\s+/).filter(spellable);
      for (const run of runs) {
        if (nearSpellings.length >= maxNearSpellings) break;
        const titles = await titlesMatching(db, nearPattern(run), titlesScanned);
        for (const word of nearWords(run, titles, maxNearSpellings)) {
          const q = normaliseForSearch(params.q).replace(run, word);
          const found = await count(q, params.filters);
          if (found > 0 && nearSpellings.length < maxNearSpellings) nearSpellings.push({ q, count: found });
        }
      }
      const { validity, ...otherFilters } = params.filters;
      const withoutValidity = validity !== undefined ? { count: await count(params.q, otherFilters) } : null;
      const withoutFilters = Object.keys(params.filters).length > 0 ? { count: await count(params.q, {}) } : null;
      return { nearSpellings, words: separately, withoutValidity, withoutFilters };
    },
  };
}
