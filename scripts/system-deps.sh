#!/usr/bin/env bash
# Install the Debian packages the tests use (PDF to PNG, Chromium for browser tests).
# Runs as root in CI; elsewhere it prints what is missing and leaves the tests to skip.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${need[*]}; install them with apt-get (tests that need them will skip)" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
