-- Statistics for the words of a large library (issue 17, "no slow query kind").
-- The search skips counting a common word's matches when the planner's
-- estimate surely exceeds the count limit (search.queries.ts,
-- surelyMoreThanLimit). The estimate comes from the column's list of most
-- common lexemes, 1,000 long by default: at 1,000,000 documents a bigram
-- index has many more common lexemes than that, and one outside the list is
-- guessed rare. 信用 (in 8 % of the library) was estimated at 5,000 rows and
-- 信用 & 信息 at 3,543 when 69,845 documents have both, so the pair was
-- counted (37 to 80 ms). With a list of 10,000 the estimate is 58,514 and the
-- count is skipped. ANALYZE then reads 300,000 rows instead of 30,000 (80 s at
-- 1,000,000 documents, bounded however large the library grows).

alter table search_entries alter column search_vector set statistics 1000;
analyze search_entries;
