-- Documents drafted on the platform by an agency, on their way to the library:
-- the disclosure attribute decided at source, the interpretation that goes out
-- with a policy, the return (退文) of a submission that lacks either, and the
-- versions of a published text.
create table publications (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  state text not null check (state in ('draft', 'returned', 'published', 'filed')),
  title text not null,
  doc_number text,
  signed_on date not null,
  addressees text,
  body_text text not null,
  -- 规范性文件 and other policy documents are published with their interpretation.
  normative boolean not null default false,
  policy boolean not null default false,
  attribute text check (attribute in ('proactive', 'on_request', 'not_public')),
  not_public_reason text,
  interpretation_text text,
  returned_reasons jsonb not null default '[]',
  version integer not null default 0,
  document_ids bigint[] not null default '{}',
  invalid_kind text check (invalid_kind in ('repealed', 'expired')),
  invalid_on date,
  invalid_marked_on date,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index publications_agency_state_idx on publications (agency_id, state);
create index publications_documents_idx on publications using gin (document_ids);

create table publication_versions (
  publication_id bigint not null references publications (id) on delete cascade,
  version integer not null,
  title text not null,
  body_text text not null,
  reason text not null,
  published_on date not null,
  published_by text not null,
  primary key (publication_id, version)
);
