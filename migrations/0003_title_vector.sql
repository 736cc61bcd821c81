-- Search at scale: matching uses only operators the GIN index answers exactly,
-- so rows are never re-read to check a match; whether the query stands in the
-- title is asked of a small vector of its own. Body vectors are stored
-- uncompressed, as bodies are (0001): reading one back needs no decompression.

alter table documents add column title_vector tsvector not null default ''::tsvector;
create index documents_title_search_idx on documents using gin (title_vector);
alter table documents alter column search_vector set storage external;

-- What the parser and the index derive from a file changes with the code: a file
-- is only "unchanged" if it was ingested with the current version (documents.rules.ts).
alter table source_files add column index_version integer not null default 0;
