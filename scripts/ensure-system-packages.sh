#!/usr/bin/env bash
# What the tests need from Debian: chromium for the browser tests (never a
# downloaded browser build), fonts-noto-cjk for Chinese pages and PDF
# notices, postgresql's server for the read-replica test (a primary and a
# streaming replica, test/replica), and the OCR path's tesseract-ocr with its
# Simplified Chinese model and poppler-utils (pdftoppm). Installs whatever is
# missing, so the test command works on a fresh machine.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
compgen -G '/usr/lib/postgresql/*/bin/pg_basebackup' >/dev/null || missing+=(postgresql)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
compgen -G '/usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata' >/dev/null || missing+=(tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need Debian's ${missing[*]} (apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing ${missing[*]} (Debian packages) for the tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
