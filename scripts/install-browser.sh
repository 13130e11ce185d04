#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser download cannot work here).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if ! command -v zbarimg >/dev/null 2>&1; then
  # The projector test decodes the QR code from a screenshot with zbar.
  echo "Installing zbar-tools (zbarimg) for the projector QR test…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq zbar-tools >/dev/null
fi
