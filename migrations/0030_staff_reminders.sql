-- Reminders of what falls due (issues 14 and 15): each staff member is
-- reminded once per clock, per stage (due within 3 working days; overdue) and
-- per due date (a clock moved by a pause or an extension reminds again), in
-- the console and, where they gave an address, by e-mail through the outbox.
alter table users add column email text;

create table staff_reminders (
  id bigserial primary key,
  user_id bigint not null references users (id),
  clock_id bigint not null references clocks (id) on delete cascade,
  stage text not null check (stage in ('due_soon', 'overdue')),
  due_on date not null,
  -- What the reminder says, as it was when made (the case may change later).
  subject_type text not null,
  subject_id bigint not null,
  title text not null,
  link text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (user_id, clock_id, stage, due_on)
);
create index staff_reminders_unread_idx on staff_reminders (user_id, id desc) where read_at is null;
create index staff_reminders_user_idx on staff_reminders (user_id, id desc);
