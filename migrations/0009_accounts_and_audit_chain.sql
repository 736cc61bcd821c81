-- Staff accounts: each belongs to one agency, except supervisors and system
-- administrators, who see every agency.
create table users (
  id bigserial primary key,
  username text not null unique,
  display_name text not null,
  agency_id bigint references agencies (id),
  role text not null check (role in ('clerk', 'agency_admin', 'supervisor', 'system_admin')),
  password_hash text not null,
  must_change_password boolean not null default false,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  check (agency_id is not null or role in ('supervisor', 'system_admin'))
);

-- Sessions are kept by the hash of their token; the token itself lives only in
-- the browser's httpOnly cookie.
create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  address text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

-- The audit log as a hash chain: each event's hash covers its content and the
-- previous event's hash, so editing or deleting an event breaks the chain at
-- that point (gongkai audit verify). The hash is computed in SQL, from the
-- stored values, so that writing and checking read the same text.
create function audit_event_hash(prev text, at timestamptz, actor text, address text, action text,
  subject_type text, subject_id text, before jsonb, after jsonb) returns text
language sql immutable as $$
  select encode(sha256(convert_to(concat_ws(chr(31), coalesce(prev, ''), to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    actor, coalesce(address, ''), action, subject_type, subject_id, coalesce(before::text, ''), coalesce(after::text, '')), 'UTF8')), 'hex')
$$;

alter table audit_events add column prev_hash text;
alter table audit_events add column hash text;

-- Chain the events written before this migration, in order.
do $$
declare
  event record;
  previous text := null;
begin
  for event in select * from audit_events order by id loop
    update audit_events set prev_hash = previous,
      hash = audit_event_hash(previous, event.at, event.actor, event.address, event.action, event.subject_type, event.subject_id, event.before, event.after)
    where id = event.id returning hash into previous;
  end loop;
end $$;

alter table audit_events alter column hash set not null;
