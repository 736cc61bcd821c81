-- Reminders of what falls due (issues 14 and 15): each staff member is
-- reminded once per case and purpose (a clock, or a task's own due date), per
-- stage (due within 3 working days; overdue) and per due date (a date moved by
-- a pause or an extension reminds again), in the console and, where they gave
-- an address, by e-mail through the outbox.
alter table users add column email text;

create table staff_reminders (
  id bigserial primary key,
  user_id bigint not null references users (id),
  subject_type text not null,
  subject_id bigint not null,
  -- Which of the case's time limits (a clock's purpose: reply, handle …; a task's due date: due).
  purpose text not null,
  stage text not null check (stage in ('due_soon', 'overdue')),
  due_on date not null,
  -- What the reminder says, as it was when made (the case may change later).
  title text not null,
  link text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (user_id, subject_type, subject_id, purpose, stage, due_on)
);
create index staff_reminders_unread_idx on staff_reminders (user_id, id desc) where read_at is null;
create index staff_reminders_user_idx on staff_reminders (user_id, id desc);
