#!/usr/bin/env bash
# npm run screenshots: rebuilds Tend and regenerates docs/screenshots/ (popup, sidebar and options, light and
# dark, and the new user's popup) from the browser test that also checks those pages (tests/e2e/surfaces.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
# Its own build folder unless one is given, so screenshots never race a test run for .output/.
export TEND_OUT="${TEND_OUT:-.output-screenshots}"
log="$(mktemp -t tend-screenshots-build.XXXXXX)"
echo "screenshots: building the extension into $TEND_OUT" >&2
npx wxt build >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
rm -f "$log"
npx vitest run --config vitest.e2e.config.ts tests/e2e/surfaces.test.ts
ls -1 docs/screenshots/*.png
