-- Monitoring by agency at volume (bench:supervision).
--
-- An agency's accepted assistance requests, in and out, as ids from the index
-- alone: the monitor filtered by agency starts from these and joins their
-- clocks, instead of walking every open clock by due date for the few of one
-- agency.
create index assistance_requests_requested_accepted_idx on assistance_requests (requested_agency_id, id) where state = 'accepted';
create index assistance_requests_requesting_accepted_idx on assistance_requests (requesting_agency_id, id) where state = 'accepted';

-- The supervision dashboard's figures per agency count each agency's tasks by
-- state and due date. Those two are copied onto the task's agency links, kept
-- by triggers, so the figures are read from one index instead of joining
-- every link to every task.
alter table supervision_task_agencies add column task_state text, add column task_due_on date;

update supervision_task_agencies x set task_state = t.state, task_due_on = t.due_on from supervision_tasks t where t.id = x.task_id;
alter table supervision_task_agencies alter column task_state set not null, alter column task_due_on set not null;

create function supervision_task_link_copy() returns trigger language plpgsql as $$
begin
  select t.state, t.due_on into new.task_state, new.task_due_on from supervision_tasks t where t.id = new.task_id;
  return new;
end
$$;
create trigger supervision_task_link_copy before insert or update of task_id on supervision_task_agencies
  for each row execute function supervision_task_link_copy();

create function supervision_task_links_follow() returns trigger language plpgsql as $$
begin
  update supervision_task_agencies set task_state = new.state, task_due_on = new.due_on where task_id = new.id;
  return new;
end
$$;
create trigger supervision_task_links_follow after update of state, due_on on supervision_tasks
  for each row when (old.state is distinct from new.state or old.due_on is distinct from new.due_on)
  execute function supervision_task_links_follow();

create index supervision_task_agencies_figures_idx on supervision_task_agencies (agency_id, task_state, task_due_on);
