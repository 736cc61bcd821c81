-- Mail to the public (applicants now; senders of messages later), written in
-- the same transaction as the change that causes it (a transactional outbox)
-- and delivered afterwards by the sender: a change that rolls back sends
-- nothing, and a message is never lost because the mail server was away.
create table mail_outbox (
  id bigserial primary key,
  recipient text not null,
  subject text not null,
  body text not null,
  -- What it is about, for the case record: ('disclosure_request', '12').
  about_type text not null,
  about_id text not null,
  -- pending → sending (claimed by a sender until claimed_until) → sent; failed after the last attempt;
  -- skipped when mail is not configured (SMTP_URL unset).
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where state in ('pending', 'sending');
create index mail_outbox_about_idx on mail_outbox (about_type, about_id);

-- Whether the applicant asked to be told of progress by e-mail (the address alone is not consent).
alter table disclosure_applicants add column notify_by_email boolean not null default false;
