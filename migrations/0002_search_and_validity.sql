-- Search: a weighted tsvector per document, built from Chinese segmentation
-- done in the application (so both engines index the same lexemes, whatever
-- their locale), with a GIN index. Validity: what later documents did to a
-- document — repealed, extended, amended — kept on the document it affects.

alter table documents add column search_vector tsvector not null default ''::tsvector;
create index documents_search_idx on documents using gin (search_vector);

alter table documents add column repealed_by bigint references documents (id) on delete set null;
alter table documents add column repealed_on date;
alter table documents add column extended_to date;
alter table documents add column amended_on date;

alter table document_relations drop constraint document_relations_kind_check;
alter table document_relations add constraint document_relations_kind_check
  check (kind in ('repeals', 'extends', 'cites', 'interprets', 'issues', 'amends'));

-- Words the segmenter learns from the library itself: issuers and the titles
-- of issued documents, so that 上海市行政协助管理办法 is one word to search.
create table search_terms (
  term text primary key,
  source text not null,
  added_at timestamptz not null default now()
);

-- References by title alone (any kind, not only interpretations) resolve against issued titles.
drop index document_relations_interprets_idx;
create index document_relations_title_idx on document_relations (target_title) where target_doc_number is null;
