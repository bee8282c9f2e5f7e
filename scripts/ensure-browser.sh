#!/usr/bin/env bash
# Makes sure the end-to-end tests have a Chromium, and a font with Chinese glyphs.
#   - A browser is already there (Playwright's own, Debian's, or $CHROMIUM_PATH): say which.
#   - Root on Debian: install Debian's chromium with apt-get.
#   - Otherwise: print both ways to get one and exit 1.
# The 简体中文 journeys measure text as a learner sees it; without a Chinese font every character
# is an empty box of another width. Root on Debian: fonts-noto-cjk is installed; elsewhere a
# warning says how to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_root() { [[ -f /etc/debian_version && "$(id -u)" == 0 ]]; }
updated=no
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [[ $updated == no ]]; then apt-get update -q; updated=yes; fi
  apt-get install -y -q --no-install-recommends "$@"
}

ensure_chinese_font() {
  if command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]]; then return 0; fi
  if debian_root; then
    echo "ensure-browser: no font with Chinese glyphs; installing fonts-noto-cjk with apt-get"
    apt_install fonts-noto-cjk
  else
    echo "ensure-browser: no font with Chinese glyphs found; the 简体中文 journeys need one (Debian or Ubuntu: apt-get install fonts-noto-cjk)" >&2
  fi
}

if path="$(node scripts/find-browser.mjs 2>/dev/null)"; then
  echo "ensure-browser: using $path"
  ensure_chinese_font
  exit 0
fi

if debian_root; then
  echo "ensure-browser: no Chromium found; installing Debian's chromium with apt-get"
  apt_install chromium fonts-liberation
  if path="$(node scripts/find-browser.mjs)"; then
    echo "ensure-browser: using $path"
    ensure_chinese_font
    exit 0
  fi
  exit 1
fi

node scripts/find-browser.mjs >/dev/null || true
exit 1
