-- Words and filters answered by one index scan (issue 17, "no slow query
-- kind"). A common word with a rare filter (监管 + 意见 + 已失效) was slow at
-- scale: the planner took the filter's btree and tested the word on each row
-- it gave, reading (detoasting) each row's large search vector. Here the
-- filters that do not depend on the day become lexemes of a small vector
-- kept by the database itself, indexed in the same GIN index as the words, so
-- the scan intersects the word's and the filter's posting lists and no
-- vector is read back. search.queries.ts asks for the same lexemes:
--   类型:<doc_type>  机关:<issuer, first 300 characters>  年:<year signed>
--   规范性 (a normative document)
--   止:废止 / 止:期限 / 止:修改 (a repeal, an end of term, an amendment is
--   recorded: a necessary condition of 已废止 / 已失效 / 已修改 on any day)

alter table search_entries add column facets tsvector generated always as (
  array_to_tsvector(array_remove(array[
    '类型:' || doc_type,
    '机关:' || left(issuer, 300),
    '年:' || extract(year from signed_on)::int::text,
    case when normative then '规范性' end,
    case when repealed_on is not null then '止:废止' end,
    case when coalesce(extended_to, effective_to) is not null then '止:期限' end,
    case when amended_on is not null then '止:修改' end
  ], null))
) stored;

create index search_entries_words_facets_idx on search_entries using gin (search_vector, facets);
drop index search_entries_vector_idx;
