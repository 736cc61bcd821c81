-- The document store: each ingested file, the gazette issue it is, and every
-- document found in it, with the relations, appointments and task tags the
-- parser read out of the text.

create table source_files (
  id bigint generated always as identity primary key,
  -- Identity across corrections: a gazette by its title and issue, any other
  -- file by its name. A corrected file keeps its key and updates its documents.
  source_key text not null unique,
  file_name text not null,
  path text not null,
  sha256 text not null,
  size_bytes bigint not null,
  encoding text not null,
  kind text not null check (kind in ('gazette', 'single', 'collection', 'web_compilation')),
  document_count integer not null,
  warnings jsonb not null default '[]',
  first_ingested_at timestamptz not null default now(),
  last_ingested_at timestamptz not null default now()
);

create index source_files_sha256_idx on source_files (sha256);

create table gazette_issues (
  id bigint generated always as identity primary key,
  source_file_id bigint not null unique references source_files (id) on delete cascade,
  title text not null,
  issue text,
  year integer,
  issue_number integer,
  issue_total integer,
  doc_number text,
  published_on date,
  toc jsonb not null default '[]'
);

create table documents (
  id bigint generated always as identity primary key,
  -- The legal identity: the normalised document number, or for a document
  -- without one, its source key, type and title.
  doc_key text not null unique,
  source_file_id bigint not null references source_files (id) on delete cascade,
  gazette_issue_id bigint references gazette_issues (id) on delete set null,
  seq integer not null,
  title text,
  display_title text not null,
  doc_number text,
  doc_number_printed text,
  doc_number_prefix text,
  doc_number_year integer,
  doc_number_serial integer,
  issuer text,
  signed_on date,
  doc_type text,
  section text,
  addressees text,
  meeting jsonb,
  attachment_title text,
  effective_from date,
  effective_to date,
  validity_basis text,
  normative boolean not null default false,
  body jsonb not null,
  body_text text not null,
  annexes jsonb not null default '[]',
  line_start integer not null,
  line_end integer not null,
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Bodies are stored uncompressed: Chinese text compresses poorly with pglz and
-- compressing it was the largest single cost of ingestion (and of every read).
alter table documents alter column body set storage external;
alter table documents alter column body_text set storage external;

create index documents_doc_number_idx on documents (doc_number);
create index documents_doc_number_parts_idx on documents (doc_number_prefix, doc_number_year, doc_number_serial);
create index documents_source_file_idx on documents (source_file_id);
create index documents_signed_on_idx on documents (signed_on desc);
create index documents_attachment_title_idx on documents (attachment_title);

create table document_relations (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  kind text not null check (kind in ('repeals', 'extends', 'cites', 'interprets', 'issues')),
  target_doc_number text,
  target_title text,
  target_document_id bigint references documents (id) on delete set null,
  effective_to date,
  check (target_doc_number is not null or target_title is not null)
);

create index document_relations_document_idx on document_relations (document_id);
create index document_relations_target_number_idx on document_relations (target_doc_number);
create index document_relations_target_idx on document_relations (target_document_id);
create index document_relations_interprets_idx on document_relations (target_title) where kind = 'interprets';

create table appointments (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  seq integer not null,
  person text not null,
  post text not null,
  action text not null check (action in ('appoint', 'remove')),
  notes jsonb not null default '[]',
  secondment_from text,
  secondment_to text
);

create index appointments_document_idx on appointments (document_id);
create index appointments_person_idx on appointments (person);

create table document_tasks (
  id bigint generated always as identity primary key,
  document_id bigint not null references documents (id) on delete cascade,
  seq integer not null,
  anchor text,
  text text not null,
  lead_units text[] not null default '{}',
  responsible_units text[] not null default '{}',
  due text
);

create index document_tasks_document_idx on document_tasks (document_id);

create table ingest_runs (
  id bigint generated always as identity primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  files_total integer not null default 0,
  files_failed integer not null default 0,
  documents_added integer not null default 0,
  documents_updated integer not null default 0,
  documents_unchanged integer not null default 0,
  documents_removed integer not null default 0
);
