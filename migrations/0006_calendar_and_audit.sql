-- The official working calendar: each loaded year with where it came from,
-- and the days of that year that differ from the weekday/weekend rule.
create table calendar_years (
  year integer primary key,
  source text not null,
  loaded_at timestamptz not null default now(),
  loaded_by text not null
);

create table calendar_days (
  day date primary key,
  year integer not null references calendar_years (year) on delete cascade,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null
);
create index calendar_days_year_idx on calendar_days (year);

-- Every change, written in the same transaction as the change itself.
create table audit_events (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  address text,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  before jsonb,
  after jsonb
);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);
