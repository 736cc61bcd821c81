-- Supervised tasks (督查督办) and audit rectification (审计整改), docs/domain.md F.

-- A task in the ledger: from a document's extracted tasks (document and seq
-- say which, so importing twice creates nothing new) or added by hand.
create table supervision_tasks (
  id bigserial primary key,
  document_id bigint references documents (id) on delete set null,
  document_seq integer,
  anchor text,
  text text not null,
  assigned_on date not null,
  due_on date not null,
  state text not null check (state in ('in_progress', 'awaiting_acceptance', 'completed', 'completed_late', 'not_completed', 'cancelled')),
  progress integer not null default 0 check (progress between 0 and 100),
  last_report_on date,
  -- How many supervision notices (督办单) were issued: the second escalates.
  notices integer not null default 0,
  closed_on date,
  close_reason text,
  -- Names of the document's tag no agency of the register stands for (区各行政机关 …), kept to show.
  unresolved text[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (document_id, document_seq)
);
create index supervision_tasks_open_idx on supervision_tasks (state, due_on);

create table supervision_task_agencies (
  task_id bigint not null references supervision_tasks (id) on delete cascade,
  agency_id bigint not null references agencies (id),
  role text not null check (role in ('lead', 'responsible')),
  primary key (task_id, agency_id)
);
create index supervision_task_agencies_agency_idx on supervision_task_agencies (agency_id, task_id);

-- A name documents use for an agency, mapped once by a supervisor and remembered for every later import.
create table supervision_agency_names (
  name text primary key,
  agency_id bigint not null references agencies (id) on delete cascade,
  mapped_by text not null,
  mapped_at timestamptz not null default now()
);

-- An audit report (or decision) and its findings: each item links the three
-- lists of 000 L218 (问题清单 problem, 责任清单 responsibility, 整改清单 measure).
create table supervision_audit_reports (
  id bigserial primary key,
  title text not null,
  report_number text,
  audited_agency_id bigint not null references agencies (id),
  -- The day the report takes effect (the 90 days of rectification count from it, 000 L215).
  effective_on date not null,
  -- Government investment audits (001 L1652, L1680): the notice served 3 working days before the
  -- audit, and the draft report sent for the unit's comments (10 working days, silence = no objection).
  kind text not null default 'regular' check (kind in ('regular', 'investment')),
  notice_served_on date,
  audit_starts_on date,
  draft_sent_on date,
  draft_comment text,
  draft_commented_on date,
  published_at timestamptz,
  created_at timestamptz not null default now()
);
create index supervision_audit_reports_agency_idx on supervision_audit_reports (audited_agency_id);

create table supervision_audit_items (
  id bigserial primary key,
  report_id bigint not null references supervision_audit_reports (id) on delete cascade,
  seq integer not null,
  problem text not null,
  responsibility text not null,
  measure text not null,
  agency_id bigint not null references agencies (id),
  state text not null check (state in ('open', 'reported', 'planned', 'closed')),
  result text,
  evidence text,
  plan_reason text,
  plan text,
  plan_due_on date,
  reported_on date,
  closed_on date,
  unique (report_id, seq)
);
create index supervision_audit_items_agency_idx on supervision_audit_items (agency_id, state);

-- What happened to a task or an audit item, in order.
create table supervision_events (
  id bigserial primary key,
  subject_type text not null check (subject_type in ('supervision_task', 'audit_item')),
  subject_id bigint not null,
  on_date date not null,
  actor text not null,
  action text not null,
  from_state text,
  to_state text not null,
  agency_id bigint references agencies (id),
  note text,
  details jsonb not null default '{}',
  at timestamptz not null default now()
);
create index supervision_events_subject_idx on supervision_events (subject_type, subject_id, id);
