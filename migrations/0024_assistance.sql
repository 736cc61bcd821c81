-- Administrative assistance between agencies (行政协助, docs/domain.md E;
-- 《上海市行政协助管理办法(试行)》, 003 L49-242).

-- The catalogue of assistance matters kept by the staffing office (编办, Art. 6):
-- registered before use (except in an emergency), never dropped by an agency;
-- only the staffing office adjusts or cancels a matter, with its reason.
create table assistance_matters (
  id bigserial primary key,
  title text not null,
  requesting_agency_id bigint not null references agencies (id),
  requested_agency_id bigint not null references agencies (id),
  form text not null check (form in ('execution', 'investigation', 'inquiry', 'opinion', 'service', 'materials')),
  legal_basis text not null,
  registered_on date not null,
  state text not null default 'active' check (state in ('active', 'cancelled')),
  cancelled_on date,
  cancel_reason text,
  created_at timestamptz not null default now(),
  check (requesting_agency_id <> requested_agency_id)
);
create index assistance_matters_agencies_idx on assistance_matters (requesting_agency_id, requested_agency_id) where state = 'active';

create table assistance_requests (
  id bigserial primary key,
  code text not null unique,
  -- Null only for an emergency request outside the catalogue (Art. 6).
  matter_id bigint references assistance_matters (id),
  requesting_agency_id bigint not null references agencies (id),
  -- The agency handling it now (forwarding moves it) and the one first asked.
  requested_agency_id bigint not null references agencies (id),
  first_requested_agency_id bigint not null references agencies (id),
  form text not null check (form in ('execution', 'investigation', 'inquiry', 'opinion', 'service', 'materials')),
  subject text not null,
  body text not null,
  legal_basis text not null,
  -- Art. 9: written, or in an emergency oral / phone / fax / e-mail with the formalities completed afterwards.
  channel text not null check (channel in ('written', 'oral', 'phone', 'fax', 'email')),
  emergency boolean not null default false,
  formalities_completed_on date,
  -- Art. 7: an entrusted organisation asks with its principal's consent.
  entrusted_by bigint references agencies (id),
  obstacle_on date not null,
  requested_on date not null,
  -- Asked later than Art. 18 allows after the obstacle arose.
  late_request boolean not null default false,
  state text not null check (state in ('submitted', 'accepted', 'completed', 'refused', 'disputed', 'upheld', 'withdrawn')),
  accepted_on date,
  completed_on date,
  on_the_spot boolean not null default false,
  partial boolean not null default false,
  result text,
  refused_on date,
  refusal_ground text,
  refusal_reason text,
  -- Art. 19: negotiation, then the superior or the staffing office, then the government.
  dispute_stage text check (dispute_stage in ('negotiation', 'superior', 'government')),
  rating text check (rating in ('satisfied', 'fairly_satisfied', 'dissatisfied')),
  rating_note text,
  rated_on date,
  created_at timestamptz not null default now(),
  check (requesting_agency_id <> requested_agency_id),
  check (requested_on >= obstacle_on)
);
create index assistance_requests_requested_idx on assistance_requests (requested_agency_id, state);
create index assistance_requests_requesting_idx on assistance_requests (requesting_agency_id, state);
create index assistance_requests_open_idx on assistance_requests (state) where state in ('submitted', 'accepted', 'disputed');

create table assistance_request_events (
  id bigserial primary key,
  request_id bigint not null references assistance_requests (id),
  on_date date not null,
  actor text not null,
  action text not null,
  from_state text,
  to_state text not null,
  note text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index assistance_request_events_request_idx on assistance_request_events (request_id, id);

-- The documents, pictures and other materials a request needs (Art. 9), kept in the file store.
create table assistance_attachments (
  id bigserial primary key,
  request_id bigint not null references assistance_requests (id),
  position integer not null,
  name text not null,
  sha256 text not null references stored_files (sha256),
  media_type text not null,
  size integer not null,
  added_by text not null,
  added_at timestamptz not null default now(),
  unique (request_id, position)
);
