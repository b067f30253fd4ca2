#!/usr/bin/env bash
# Benchmarks: pure functions in Node, then the built extension in Chromium. Not part of the tests.
# Writes bench/results.json and the table in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/.tmp
rm -f bench/.tmp/*.json bench/.tmp/*.mjs
for f in bench/node/*.ts; do
  echo "bench: $f" >&2
  # The components the Node benches render import their stylesheets: empty modules here (bench/css-stub.mjs).
  npx tsx --import ./bench/css-stub.mjs "$f" | tail -n 1 > "bench/.tmp/$(basename "$f" .ts).json"
done
bash scripts/ensure-chromium.sh
# Its own build, so a benchmark never races a test run for .output/.
export TEND_OUT="${TEND_OUT:-.output-bench}"
npx wxt build >bench/.tmp/build.log 2>&1 || { cat bench/.tmp/build.log; exit 1; }
for f in bench/browser/*.ts; do
  echo "bench: $f" >&2
  npx tsx "$f" | tail -n 1 > "bench/.tmp/browser-$(basename "$f" .ts).json"
done
npx tsx bench/report.ts
