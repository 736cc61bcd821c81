-- Signed checkpoints of the audit chain's head. The chain alone shows an edit
-- or a deletion in the middle, but not a rewrite of everything after a point
-- nor the loss of the newest events: a checkpoint, signed with an Ed25519 key
-- kept outside the database (AUDIT_KEY_FILE), fixes the hash of the event at
-- event_id and the number of events up to it. Each is also printed as one line
-- for the operator to keep elsewhere (gongkai audit checkpoint).
create table audit_checkpoints (
  id bigserial primary key,
  event_id bigint not null,
  events bigint not null,
  head_hash text not null,
  at timestamptz not null,
  key_fingerprint text not null,
  signature text not null
);
create index audit_checkpoints_event_idx on audit_checkpoints (event_id);
