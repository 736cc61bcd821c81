-- Rate limits kept in the database, not in each process's memory: behind a
-- load balancer every portal process counts the same submissions and sign-in
-- attempts (docs/adr/0009-read-replicas.md). One row per key (the route and
-- the client address, or an account name) and fixed window.
create table rate_limit_windows (
  key text primary key,
  hits integer not null,
  window_ends timestamptz not null
);
create index rate_limit_windows_ends on rate_limit_windows (window_ends);
