#!/usr/bin/env bash
# Installs a Debian package when its program is missing: ensure-apt.sh <program path> <package>.
# The browser tests use Debian's browsers (Playwright's and Puppeteer's own downloads cannot be reached here).
set -euo pipefail
program="$1"
package="$2"
if [ -x "$program" ]; then exit 0; fi
echo "$program not found: installing Debian's $package package" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "$package" >/dev/null
"$program" --version
