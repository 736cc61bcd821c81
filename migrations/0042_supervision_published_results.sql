-- Supervision results the government publishes (督查落实情况公开), by source
-- document: once a supervisor publishes a document, the public sees each of
-- its tasks with the agencies, the due date and the state as it stands, never
-- progress texts, notices or reasons.
create table supervision_published_documents (
  document_id bigint primary key references documents (id) on delete cascade,
  published_at timestamptz not null default now(),
  published_by text not null
);
