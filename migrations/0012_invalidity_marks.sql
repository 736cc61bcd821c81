-- An agency marks its own published text repealed or expired (002 L8); the
-- library's validity then counts the mark as it counts a repealing document.
alter table documents add column marked_repealed_on date;
alter table documents add column marked_expired_on date;
