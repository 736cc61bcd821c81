#!/usr/bin/env bash
# Runs the test files: those that need no browser two at a time (they wait on
# the database and on child processes as much as on the CPU), then the browser
# tests one at a time, since Chromium under a doubled load makes their timing
# flaky. Fails if either run fails; both always run.
set -uo pipefail
cd "$(dirname "$0")/.."

units=()
browser=()
for file in test/*/*.test.ts; do
  if [[ $file == test/browser/* ]]; then browser+=("$file"); else units+=("$file"); fi
done

status=0
node --import tsx --test --test-concurrency=2 "${units[@]}" || status=1
node --import tsx --test --test-concurrency=1 "${browser[@]}" || status=1
exit $status
