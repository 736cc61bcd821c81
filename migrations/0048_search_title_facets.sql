-- Titles and facets in one GIN index (issue 17, "no slow query kind").
-- Documents whose title holds every word asked come first, newest first. At
-- 1,000,000 documents a common title word has 50,000 matches, and sorting
-- them by date read 40,000 rows (300 to 500 ms) to keep ten. The search now
-- gathers the matches a few years at a time, newest first, asking the year
-- facets (年:<year>, migration 0046) in the same index scan as the title's
-- words, so only the rows of those years are read (search.queries.ts,
-- newestByYears). A condition on the title alone uses this index as well.

create index search_entries_title_facets_idx on search_entries using gin (title_vector, facets);
drop index search_entries_title_idx;
