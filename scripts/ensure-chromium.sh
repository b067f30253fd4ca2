#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright's own browser download cannot be reached here).
set -euo pipefail
exec bash "$(dirname "$0")/ensure-apt.sh" "${CHROMIUM_PATH:-/usr/bin/chromium}" chromium
