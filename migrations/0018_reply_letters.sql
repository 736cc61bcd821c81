-- The reply letter (政府信息公开申请答复书) of a request: its document number
-- (长宁区府办依申复〔2026〕12号), numbered per agency per year and assigned once,
-- in the reply's transaction; and, for 予以公开 / 部分公开, the information given
-- (text and/or one attached file) and the way it is provided.
create table disclosure_reply_numbers (
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 1949 and 2100),
  last_number integer not null check (last_number > 0),
  primary key (agency_id, year)
);

alter table disclosure_requests
  add column reply_year integer,
  add column reply_serial integer,
  add column reply_number text,
  add column reply_content text,
  add column reply_delivery text check (reply_delivery in ('email', 'mail', 'in_person', 'online'));
create unique index disclosure_requests_reply_number_idx on disclosure_requests (agency_id, reply_year, reply_serial);

-- The file given with a reply: kept in the database with the reply (one transaction), served only
-- to the handling agency's staff and to whoever holds the request's tracking code.
create table disclosure_reply_files (
  request_id bigint primary key references disclosure_requests (id),
  name text not null,
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  data bytea not null,
  created_at timestamptz not null default now()
);
