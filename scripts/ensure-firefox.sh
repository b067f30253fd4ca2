#!/usr/bin/env bash
# The Firefox browser test (tests/e2e/firefox.test.ts) uses Debian's firefox-esr over WebDriver BiDi.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-apt.sh" "${FIREFOX_PATH:-/usr/bin/firefox-esr}" firefox-esr
