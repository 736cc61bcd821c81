-- The public data catalogue (公共数据资源目录, 《长宁区公共数据管理办法》,
-- gazette 001 L1252-1454): each agency's resources with their sharing and open
-- attributes (Art. 14), every version of each entry, the approval a stricter
-- attribute needs, and requests for data (Art. 17).
create table catalogue_resources (
  id bigserial primary key,
  -- Stable public identifier (the CKAN package id).
  uuid text not null unique,
  agency_id bigint not null references agencies (id),
  name text not null,
  description text not null,
  classification_code text,
  domain text not null,
  sharing text not null check (sharing in ('unconditional', 'authorised', 'none')),
  sharing_reason text,
  sharing_basis text,
  open_attribute text not null check (open_attribute in ('unconditional', 'conditional', 'closed')),
  open_reason text,
  open_basis text,
  update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'irregular')),
  time_coverage text,
  formats text[] not null default '{}',
  keywords text[] not null default '{}',
  contact text,
  fields jsonb not null default '[]',
  version integer not null default 1,
  data_updated_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Art. 14: the restrictive values carry their reason and legal basis.
  check (sharing = 'unconditional' or (sharing_reason is not null and sharing_basis is not null)),
  check (open_attribute <> 'closed' or (open_reason is not null and open_basis is not null)),
  unique (agency_id, name)
);
create index catalogue_resources_open_idx on catalogue_resources (open_attribute, updated_at desc);

-- Every version of an entry: who changed what, when.
create table catalogue_resource_versions (
  id bigserial primary key,
  resource_id bigint not null references catalogue_resources (id),
  version integer not null,
  actor text not null,
  changes jsonb not null,
  snapshot jsonb not null,
  at timestamptz not null default now(),
  unique (resource_id, version)
);

-- A change that makes an attribute stricter waits for a second member of staff.
create table catalogue_restrictions (
  id bigserial primary key,
  resource_id bigint not null references catalogue_resources (id),
  proposed jsonb not null,
  -- The entry's version the proposal was made on: if it changed meanwhile, approval applies only the attributes.
  base_version integer not null,
  reason text not null,
  proposed_by bigint not null references users (id),
  proposed_at timestamptz not null default now(),
  state text not null default 'pending' check (state in ('pending', 'approved', 'refused')),
  decided_by bigint references users (id),
  decided_at timestamptz,
  decision_note text
);
create unique index catalogue_restrictions_pending_idx on catalogue_restrictions (resource_id) where state = 'pending';

create table catalogue_requests (
  id bigserial primary key,
  tracking_code text not null unique,
  resource_id bigint not null references catalogue_resources (id),
  requester_kind text not null check (requester_kind in ('person', 'company', 'agency')),
  requester_name text not null,
  -- Private: the reviewing staff only.
  requester_contact text not null,
  requester_agency_id bigint references agencies (id),
  purpose text not null,
  scenario text not null,
  state text not null check (state in ('granted', 'reviewing', 'approved', 'refused', 'disputed', 'closed')),
  centre_approved boolean not null default false,
  agency_approved boolean not null default false,
  conditions text,
  refusal_reason text,
  dispute text,
  dispute_conclusion text,
  received_on date not null,
  decided_on date,
  created_at timestamptz not null default now()
);
create index catalogue_requests_resource_idx on catalogue_requests (resource_id, state);

create table catalogue_request_events (
  id bigserial primary key,
  request_id bigint not null references catalogue_requests (id),
  on_date date not null,
  actor text not null,
  action text not null,
  from_state text,
  to_state text not null,
  public_note text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index catalogue_request_events_request_idx on catalogue_request_events (request_id, id);
