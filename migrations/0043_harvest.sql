-- Harvesting an agency's portal (gongkai harvest): the address a document's
-- file was fetched from, and each harvested address with what the next run
-- needs to ask only for what changed (its ETag and Last-Modified for a
-- conditional request, the hash of the bytes last stored).
alter table source_files add column source_url text;

create table harvested_pages (
  id bigint generated always as identity primary key,
  url text not null unique,
  -- Where the harvest started that found it: a sitemap, a list page, or a file of addresses.
  source text not null,
  etag text,
  last_modified text,
  -- The bytes last ingested; null until a fetch was stored.
  sha256 text,
  -- What the last run did with it.
  status text not null check (status in ('new', 'changed', 'unchanged', 'failed')),
  document_id bigint references documents (id) on delete set null,
  last_error text,
  first_seen_at timestamptz not null default now(),
  -- Every attempt, failed ones included.
  last_attempted_at timestamptz not null default now(),
  -- The last answer that told us the page as it is (200, or 304): what a sitemap's <lastmod> is compared with.
  last_fetched_at timestamptz,
  -- When its bytes last changed (first stored, or stored again after a change).
  last_changed_at timestamptz
);

create index harvested_pages_source_idx on harvested_pages (source);
