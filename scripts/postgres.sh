#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server on 127.0.0.1 for the tests and
# benchmarks, installing Debian's postgresql package if it is missing.
# Usage: scripts/postgres.sh start DIR PORT  |  scripts/postgres.sh stop DIR
#        scripts/postgres.sh replica DIR PORT PRIMARY_PORT: a streaming replica of the server on
#        PRIMARY_PORT (pg_basebackup -R; initdb's trust rules let replication in from 127.0.0.1)
# POSTGRES_SETTINGS adds server settings to the start (e.g. "-c shared_buffers=4GB").
set -euo pipefail
action=${1:?start or stop}
dir=${2:?data directory}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "$action" = stop ]; then
  bin=$(find_bin)
  [ -n "$bin" ] && [ -f "$dir/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
  exit 0
fi

port=${3:?port}
bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "Installing PostgreSQL (Debian package postgresql)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
mkdir -p "$dir"
chown postgres "$dir"
chmod 700 "$dir"
if [ "$action" = replica ] && [ ! -f "$dir/PG_VERSION" ]; then
  primary_port=${4:?primary port}
  runuser -u postgres -- "$bin/pg_basebackup" -D "$dir" -R -X stream -c fast -h 127.0.0.1 -p "$primary_port" -U postgres
fi
if [ ! -f "$dir/PG_VERSION" ]; then
  runuser -u postgres -- "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${POSTGRES_SETTINGS:-}" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
