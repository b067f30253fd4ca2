#!/usr/bin/env bash
# All the tests: unit (vitest in Node) then browser (the built extension in Chromium, the Firefox build in
# firefox-esr).
# Prints one closing line "tests: N passed, N failed" summed over both runs.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/*.json
rc=0
npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json || rc=$?
if [ "$rc" = "0" ]; then
  bash scripts/ensure-chromium.sh || rc=$?
fi
if [ "$rc" = "0" ]; then
  bash scripts/ensure-firefox.sh || rc=$?
fi
if [ "$rc" = "0" ]; then
  npx wxt build >test-results/build.log 2>&1 || { cat test-results/build.log; rc=1; }
fi
if [ "$rc" = "0" ]; then
  npx wxt build -b firefox >test-results/build-firefox.log 2>&1 || { cat test-results/build-firefox.log; rc=1; }
fi
if [ "$rc" = "0" ]; then
  npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=test-results/e2e.json || rc=$?
fi
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of ["test-results/unit.json", "test-results/e2e.json"]) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' || true
exit "$rc"
