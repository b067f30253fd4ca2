#!/usr/bin/env bash
# The Firefox browser test (tests/e2e/firefox.test.ts) uses Debian's firefox-esr over WebDriver BiDi.
set -euo pipefail
firefox_path="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
if [ -x "$firefox_path" ]; then exit 0; fi
echo "Firefox not found at $firefox_path: installing Debian's firefox-esr package" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq firefox-esr >/dev/null
"$firefox_path" --version
