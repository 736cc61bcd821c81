-- What a word of a catalogue search is looked for in (name, summary, domain,
-- keywords, the providing agency, the data dictionary), lower-cased and kept
-- with the row by a trigger, instead of put together for every row at every
-- search. Measured by bench:catalogue.
alter table catalogue_resources add column search_text text;

create function catalogue_resource_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := lower(new.name || ' ' || new.description || ' ' || new.domain || ' ' || array_to_string(new.keywords, ' ') || ' '
    || coalesce((select a.name from agencies a where a.id = new.agency_id), '') || ' ' || new.fields::text);
  return new;
end
$$;

create trigger catalogue_resource_search_text before insert or update of name, description, domain, keywords, agency_id, fields
  on catalogue_resources for each row execute function catalogue_resource_search_text();

-- A renamed agency is found under its new name.
create function catalogue_agency_renamed() returns trigger language plpgsql as $$
begin
  update catalogue_resources set agency_id = agency_id where agency_id = new.id;
  return new;
end
$$;

create trigger catalogue_agency_renamed after update of name on agencies
  for each row when (old.name is distinct from new.name) execute function catalogue_agency_renamed();

update catalogue_resources set name = name;
alter table catalogue_resources alter column search_text set not null;

-- The open catalogue's pages in either order, read through an index.
create index catalogue_resources_open_updated_idx on catalogue_resources (updated_at desc, id desc) where open_attribute <> 'closed';
create index catalogue_resources_open_name_idx on catalogue_resources (name, id) where open_attribute <> 'closed';
