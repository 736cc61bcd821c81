-- Evidence files (证明材料) on a task's progress reports and on an audit item's
-- rectification results, kept in the file store (outside the web root) and
-- served only to those who may see the task or item.
create table supervision_evidence (
  id bigserial primary key,
  subject_type text not null check (subject_type in ('supervision_task', 'audit_item')),
  subject_id bigint not null,
  position integer not null,
  name text not null,
  sha256 text not null references stored_files (sha256),
  media_type text not null,
  size integer not null,
  -- The agency whose clerk added it (a responsible agency reporting, the audited unit).
  agency_id bigint references agencies (id),
  added_by text not null,
  added_at timestamptz not null default now(),
  unique (subject_type, subject_id, position)
);

-- Monitoring at volume (bench:supervision): the open assistance requests' running handling clocks in
-- the order of their due dates, the submitted and disputed ones (no such clock) oldest first, and the open tasks of the
-- ledger by due date (the 正常 / 临期 / 逾期 filters are ranges of it).
create index clocks_assistance_handle_idx on clocks (due_on, subject_id) where subject_type = 'assistance_request' and purpose = 'handle' and status <> 'stopped';
create index assistance_requests_unclocked_idx on assistance_requests (requested_on, id) where state in ('submitted', 'disputed');
create index supervision_tasks_open_due_idx on supervision_tasks (due_on, document_id, document_seq, id) where state in ('in_progress', 'awaiting_acceptance');
