-- A request's due date is its reply clock's (clocks.due_on), kept in one place
-- so that a corrected calendar, which refreshes the clocks, corrects every list.
drop index disclosure_requests_agency_state_idx;
alter table disclosure_requests drop column due_on;
create index disclosure_requests_agency_state_idx on disclosure_requests (agency_id, state);
