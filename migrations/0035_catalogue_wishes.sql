-- Requests for data the catalogue does not list at all (as ckanext-datarequests
-- keeps them): anyone asks, the big-data centre (or the agency named) answers
-- with an outcome, and the answered ones are published and counted.
create table catalogue_wishes (
  id bigserial primary key,
  tracking_code text not null unique,
  title text not null,
  description text not null,
  purpose text not null,
  -- The agency the requester thinks holds it, if they know.
  agency_id bigint references agencies (id),
  -- Private: the centre's and the named agency's staff only.
  requester_name text not null,
  contact text not null,
  received_on date not null,
  state text not null check (state in ('open', 'answered')),
  outcome text check (outcome in ('will_open', 'exists', 'not_held', 'refused')),
  answer text,
  -- The title as published with the answer (personal data removed by whoever answers).
  published_title text,
  resource_id bigint references catalogue_resources (id) on delete set null,
  answered_by bigint references agencies (id),
  answered_on date,
  created_at timestamptz not null default now(),
  check ((state = 'answered') = (answer is not null and outcome is not null and answered_on is not null))
);
create index catalogue_wishes_open_idx on catalogue_wishes (received_on, id) where state = 'open';
create index catalogue_wishes_answered_idx on catalogue_wishes (answered_on desc, id desc) where state = 'answered';
