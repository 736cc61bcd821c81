-- A notice to every process when the library changes (issue 17, the HTTP
-- ceiling): portal processes keep rendered document pages
-- (PAGE_CACHE_SECONDS) and drop them when they hear it, so an ingest, a
-- publication or a repeal shows at once in every process, not after the
-- pages' age. NOTIFY is sent when the transaction commits, once per
-- transaction however many statements fired it.

create function notify_library_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('library_changed', '');
  return null;
end
$$;

create trigger documents_changed after insert or update or delete on documents
  for each statement execute function notify_library_changed();
create trigger document_relations_changed after insert or update or delete on document_relations
  for each statement execute function notify_library_changed();
create trigger source_files_changed after insert or update or delete on source_files
  for each statement execute function notify_library_changed();
create trigger gazette_issues_changed after insert or update or delete on gazette_issues
  for each statement execute function notify_library_changed();
create trigger publication_versions_changed after insert or update or delete on publication_versions
  for each statement execute function notify_library_changed();
