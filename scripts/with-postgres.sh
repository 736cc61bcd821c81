#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (TEST_DATABASE_URL set for it),
# then stops the server and removes its data directory, whether the command
# succeeded or failed. Usage: scripts/with-postgres.sh COMMAND [ARG...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

pgdir=$(mktemp -d /tmp/gongkai-ci-pg.XXXXXX)
cleanup() { "$here/postgres.sh" stop "$pgdir" || true; rm -rf -- "$pgdir"; }
trap cleanup EXIT
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
TEST_DATABASE_URL=$("$here/postgres.sh" start "$pgdir" "$port")
export TEST_DATABASE_URL
echo "PostgreSQL: $TEST_DATABASE_URL (data directory $pgdir, removed on exit)" >&2

"$@"
