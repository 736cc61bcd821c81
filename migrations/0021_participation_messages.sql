-- Public participation (政民互动): messages to an agency, answered on a clock
-- (5 working days, 1 for a simple question: 001 L384) and published after
-- moderation (国办发〔2017〕47号: 受理日期, 答复日期, 答复部门 and the reply).
create table participation_messages (
  id bigserial primary key,
  tracking_code text not null unique,
  -- The agency handling it now (a transfer moves it) and the one it was written to.
  agency_id bigint not null references agencies (id),
  first_agency_id bigint not null references agencies (id),
  -- Written on a document's page: that document (its drafting agency answers).
  document_id bigint references documents (id) on delete set null,
  kind text not null check (kind in ('question', 'suggestion', 'complaint', 'other')),
  subject text not null,
  body text not null,
  -- Private: the handling agency's staff only.
  sender_name text not null,
  sender_contact text not null,
  keep_private boolean not null default false,
  state text not null check (state in ('received', 'accepted', 'replied', 'published', 'closed', 'merged')),
  simple boolean not null default false,
  received_on date not null,
  replied_on date,
  reply text,
  replied_by bigint references agencies (id),
  merged_into bigint references participation_messages (id),
  -- The moderated text the public reads (personal data and abuse removed); the originals stay above.
  published_subject text,
  published_body text,
  published_reply text,
  published_at timestamptz,
  rating text check (rating in ('satisfied', 'fairly_satisfied', 'dissatisfied')),
  rated_at timestamptz,
  created_at timestamptz not null default now()
);
create index participation_messages_agency_idx on participation_messages (agency_id, state, received_on desc);
create index participation_messages_published_idx on participation_messages (published_at desc, id desc) where state = 'published';

create table participation_message_events (
  id bigserial primary key,
  message_id bigint not null references participation_messages (id),
  on_date date not null,
  actor text not null,
  action text not null,
  from_state text,
  to_state text not null,
  -- What the sender reads on the tracking page; null for internal steps.
  public_note text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index participation_message_events_message_idx on participation_message_events (message_id, id);
