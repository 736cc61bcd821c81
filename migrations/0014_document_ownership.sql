-- A 文号 belongs to the agency that issued it. Documents were keyed by the
-- number alone, so a document published on the platform with another agency's
-- number replaced that agency's document. Keys now carry the issuer, by its
-- name in the agency register (an alias counts as the agency's name); the same
-- number from two issuers is two documents.
update documents d set doc_key = 'no:' || coalesce(
    (select a.name from agency_aliases x join agencies a on a.id = x.agency_id where x.alias = d.issuer),
    d.issuer, '') || ':' || substring(d.doc_key from 4)
  where d.doc_key like 'no:%';

-- A text in the library replaced by a text from another source, where either
-- was published on the platform: reported, never silent. The earlier text is
-- kept here (a version of the document) until an operator has looked at it,
-- and after.
create table document_conflicts (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  doc_number text,
  -- Where the replaced text came from; null when it is not known (a document
  -- replaced before conflicts were recorded).
  earlier_source_key text,
  earlier_title text,
  earlier_issuer text,
  earlier_body_text text,
  later_source_key text not null,
  detected_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text,
  resolution text
);
create index document_conflicts_document_idx on document_conflicts (document_id);
create index document_conflicts_open_idx on document_conflicts (detected_at) where resolved_at is null;

-- Documents already replaced that way: the library document is older than the
-- platform publication whose text it now carries.
insert into document_conflicts (document_id, doc_number, later_source_key)
select d.id, d.doc_number, s.source_key
from documents d
join source_files s on s.id = d.source_file_id
join publications p on s.source_key = 'file:publication-' || p.id
where d.created_at < p.created_at;
