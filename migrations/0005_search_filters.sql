-- Filters without leaving search_entries: the dates validity is judged from
-- (kept in step by refreshValidity), and indexes on the filter columns so a
-- filter narrows through an index instead of testing every candidate.

alter table search_entries add column effective_from date;
alter table search_entries add column effective_to date;
alter table search_entries add column extended_to date;
alter table search_entries add column repealed_on date;
alter table search_entries add column amended_on date;

update search_entries e set effective_from = d.effective_from, effective_to = d.effective_to,
  extended_to = d.extended_to, repealed_on = d.repealed_on, amended_on = d.amended_on
from documents d where d.id = e.document_id;

create index search_entries_issuer_idx on search_entries (issuer);
create index search_entries_type_idx on search_entries (doc_type);
create index search_entries_gazette_idx on search_entries (gazette_issue_id);
