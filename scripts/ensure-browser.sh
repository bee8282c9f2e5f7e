#!/usr/bin/env bash
# Makes sure the end-to-end tests have a Chromium.
#   - A browser is already there (Playwright's own, Debian's, or $CHROMIUM_PATH): say which, exit 0.
#   - Root on Debian: install Debian's chromium with apt-get.
#   - Otherwise: print both ways to get one and exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."

if path="$(node scripts/find-browser.mjs 2>/dev/null)"; then
  echo "ensure-browser: using $path"
  exit 0
fi

if [[ -f /etc/debian_version && "$(id -u)" == 0 ]]; then
  echo "ensure-browser: no Chromium found; installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium fonts-liberation
  if path="$(node scripts/find-browser.mjs)"; then
    echo "ensure-browser: using $path"
    exit 0
  fi
  exit 1
fi

node scripts/find-browser.mjs >/dev/null || true
exit 1
