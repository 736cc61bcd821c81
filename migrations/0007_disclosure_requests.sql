-- Agencies: who documents and cases belong to. The staff issue grows this into
-- a tree with codes and aliases; requests need it now.
create table agencies (
  id bigserial primary key,
  name text not null unique,
  short_name text,
  code text unique,
  parent_id bigint references agencies (id),
  created_at timestamptz not null default now()
);

-- The time limits clocks run on, with their legal source (defaults in
-- src/core/clock/clock.defaults.ts; an administrator may change a row).
create table deadline_rules (
  code text primary key,
  label text not null,
  limit_value integer not null check (limit_value >= 0),
  unit text not null check (unit in ('working_days', 'calendar_days')),
  source text not null,
  extension jsonb,
  updated_at timestamptz not null default now(),
  updated_by text not null
);

-- A clock is its ledger of events; due_on and status are caches of what the
-- ledger gives, refreshed with every event, for lists and dashboards.
create table clocks (
  id bigserial primary key,
  subject_type text not null,
  subject_id bigint not null,
  purpose text not null,
  rule_code text not null references deadline_rules (code),
  ledger jsonb not null,
  status text not null check (status in ('running', 'paused', 'stopped')),
  due_on date,
  estimated boolean not null default false,
  unique (subject_type, subject_id, purpose)
);
create index clocks_open_due_idx on clocks (subject_type, due_on) where status <> 'stopped';

create table disclosure_requests (
  id bigserial primary key,
  tracking_code text not null unique,
  agency_id bigint not null references agencies (id),
  state text not null,
  channel text not null,
  submitted_on date not null,
  received_on date not null,
  registered_at timestamptz not null default now(),
  -- An offline request entered more than 2 working days after receipt (001 L370).
  registered_late boolean not null default false,
  applicant_type text not null,
  description text not null,
  delivery_form text not null,
  delivery_way text not null,
  due_on date,
  reply_category text,
  reply_reason text,
  reply_basis text,
  replied_on date,
  delivered_on date,
  closed_on date,
  fee_amount integer,
  correction_due_on date,
  extended boolean not null default false,
  created_by text not null
);
create index disclosure_requests_agency_state_idx on disclosure_requests (agency_id, state, due_on);
create index disclosure_requests_received_idx on disclosure_requests (received_on);

-- The applicant's identity and contact, apart from the request so that no
-- public query can reach them by accident. Shown only to the handling agency.
create table disclosure_applicants (
  request_id bigint primary key references disclosure_requests (id) on delete cascade,
  name text not null,
  id_type text,
  id_number text,
  organisation_code text,
  legal_representative text,
  contact_person text,
  phone text,
  email text,
  address text,
  -- Links the requests of one applicant (Art. 35, the per-item fee): the
  -- normalised identity number or organisation code.
  applicant_key text not null
);
create index disclosure_applicants_key_idx on disclosure_applicants (applicant_key);

create table disclosure_events (
  id bigserial primary key,
  request_id bigint not null references disclosure_requests (id) on delete cascade,
  at timestamptz not null default now(),
  on_date date not null,
  actor text not null,
  action text not null,
  from_state text,
  to_state text not null,
  -- What the public tracking page may show of this event.
  public_note text,
  details jsonb not null default '{}'
);
create index disclosure_events_request_idx on disclosure_events (request_id, id);

create table disclosure_consultations (
  id bigserial primary key,
  request_id bigint not null references disclosure_requests (id) on delete cascade,
  kind text not null check (kind in ('third_party', 'co_producer')),
  party text not null,
  sent_on date not null,
  due_on date not null,
  answered_on date,
  answer text check (answer in ('consent', 'objection', 'silence'))
);

create table disclosure_reviews (
  id bigserial primary key,
  request_id bigint not null references disclosure_requests (id) on delete cascade,
  kind text not null check (kind in ('reconsideration', 'litigation')),
  outcome text not null check (outcome in ('upheld', 'corrected', 'other', 'pending')),
  decided_on date,
  note text
);
