-- A catalogue resource's distributions (数据资源的获取方式): an uploaded data
-- file (CSV, XLSX, JSON), kept in the file store and versioned, or a link to
-- an external API. Each upload is a new version; the old ones stay.
create table catalogue_distributions (
  id bigserial primary key,
  resource_id bigint not null references catalogue_resources (id),
  kind text not null check (kind in ('file', 'api')),
  title text not null,
  -- CSV, XLSX, JSON (a file's, by its checked content) or API.
  format text not null,
  -- An API link's address and what it answers (null for a file).
  url text,
  description text,
  -- A file's latest version (0 for an API link).
  version integer not null default 0,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'api') = (url is not null))
);
create index catalogue_distributions_resource_idx on catalogue_distributions (resource_id, id);

create table catalogue_distribution_versions (
  distribution_id bigint not null references catalogue_distributions (id),
  version integer not null,
  name text not null,
  sha256 text not null references stored_files (sha256),
  media_type text not null,
  size integer not null,
  -- Data rows (without the header); null when a JSON file is not an array of objects.
  row_count integer,
  -- Said when the file was converted on upload (a GB18030 CSV stored as UTF-8).
  conversion text,
  -- Read once at upload, so that pages never parse the file again: [{ name, type }] and the first rows as text.
  columns jsonb not null,
  preview jsonb not null,
  uploaded_by bigint not null references users (id),
  uploaded_at timestamptz not null default now(),
  primary key (distribution_id, version)
);
