#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build).
# Installs it when it is missing, so that the test command works on a fresh machine.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need Debian's chromium package (apt-get install chromium)." >&2
  exit 1
fi
echo "Installing Chromium (Debian package chromium) for the browser tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
