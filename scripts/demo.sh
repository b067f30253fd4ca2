#!/usr/bin/env bash
# npm run demo: builds Tend and opens it in Chromium on invented Gmail and Calendar pages with an invented
# history, so a newcomer sees it working without a Google account. With $DISPLAY a window opens and the demo
# ends when it is closed; without one it saves docs/screenshots/demo-*.png and exits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
# Its own build folder, so the demo never races a test run for .output/.
export TEND_OUT="${TEND_OUT:-.output-demo}"
log="$(mktemp -t tend-demo-build.XXXXXX)"
echo "demo: building the extension into $TEND_OUT" >&2
npx wxt build >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
rm -f "$log"
npx tsx scripts/demo.ts
