-- Other names of an agency, so that 市政府办公厅 and 上海市人民政府办公厅 are one.
create table agency_aliases (
  alias text primary key,
  agency_id bigint not null references agencies (id) on delete cascade
);
create index agency_aliases_agency_idx on agency_aliases (agency_id);
