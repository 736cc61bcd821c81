-- Search reads a narrow table of its own: what it filters, sorts and counts on,
-- and the two vectors stored out of line. Counting a common word's matches
-- then visits small rows (about 200 bytes) instead of whole documents, and no
-- vector is read back except to check a quoted phrase.

create table search_entries (
  document_id bigint primary key references documents (id) on delete cascade,
  signed_on date,
  issuer text,
  doc_type text,
  normative boolean not null,
  gazette_issue_id bigint,
  doc_number_prefix text,
  doc_number_year integer,
  doc_number_serial integer,
  search_vector tsvector not null,
  title_vector tsvector not null
);
alter table search_entries alter column search_vector set storage external;
alter table search_entries alter column title_vector set storage external;

insert into search_entries (document_id, signed_on, issuer, doc_type, normative, gazette_issue_id,
  doc_number_prefix, doc_number_year, doc_number_serial, search_vector, title_vector)
select id, signed_on, issuer, doc_type, normative, gazette_issue_id,
  doc_number_prefix, doc_number_year, doc_number_serial, search_vector, title_vector
from documents;

create index search_entries_vector_idx on search_entries using gin (search_vector);
create index search_entries_title_idx on search_entries using gin (title_vector);
create index search_entries_signed_idx on search_entries (signed_on desc nulls last, document_id desc);
create index search_entries_number_idx on search_entries (doc_number_prefix, doc_number_year, doc_number_serial);

drop index documents_search_idx;
drop index documents_title_search_idx;
alter table documents drop column search_vector;
alter table documents drop column title_vector;
