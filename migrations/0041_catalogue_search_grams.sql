-- A word of a catalogue search found through an index (bench:catalogue:
-- package_search p95 at 50,000 resources). The search text (migration 0029)
-- is indexed by its single characters and character pairs, the way a
-- trigram index works but for Chinese, where two characters already make a
-- selective key; a word is looked up as all of its pairs (or its one
-- character), then, when longer than a pair, confirmed as a substring, so
-- what is found is unchanged.
-- Plain tsvector/tsquery literals: no text search configuration, no
-- extension, the same on PostgreSQL and PGlite.

create function catalogue_text_grams(t text) returns tsvector language sql immutable strict parallel safe as $$
  select coalesce(array_to_tsvector(array_agg(distinct g)), ''::tsvector)
  from (
    select substr(t, i, 1) as g from generate_series(1, char_length(t)) i
    union all
    select substr(t, i, 2) from generate_series(1, char_length(t) - 1) i
  ) grams
  where g !~ '\s'
$$;

-- The query for one word (lower-cased by the caller): every character pair of
-- it, or its one character; null for a word that has none outside spaces.
create function catalogue_word_grams(w text) returns tsquery language sql immutable strict parallel safe as $$
  select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || '''', ' & ')::tsquery
  from (
    select distinct substr(w, i, least(2, char_length(w))) as g
    from generate_series(1, greatest(char_length(w) - 1, 1)) i
  ) grams
  where g !~ '\s'
$$;

-- Kept with the row (not only in an expression index): a plan that walks the
-- open resources in date order and tests each one then tests a stored value,
-- instead of computing the pairs again for every row it passes (measured:
-- the first page of a common word 6.1 → 0.9 ms).
alter table catalogue_resources add column search_grams tsvector generated always as (catalogue_text_grams(search_text)) stored;
create index catalogue_resources_grams_idx on catalogue_resources using gin (search_grams) where open_attribute <> 'closed';

-- The open resources of one agency in either order, and the tag and format
-- filters (CKAN's fq), each through an index instead of a scan of all.
create index catalogue_resources_open_agency_updated_idx on catalogue_resources (agency_id, updated_at desc, id desc) where open_attribute <> 'closed';
create index catalogue_resources_open_agency_name_idx on catalogue_resources (agency_id, name, id) where open_attribute <> 'closed';
create index catalogue_resources_open_keywords_idx on catalogue_resources using gin (keywords) where open_attribute <> 'closed';
create index catalogue_resources_open_formats_idx on catalogue_resources using gin (formats) where open_attribute <> 'closed';
