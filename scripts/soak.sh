#!/usr/bin/env bash
# The fuzz properties (tests/unit/fuzz) scaled up: FUZZ_SCALE (default 45) times each property's cases, seed
# FUZZ_SEED (default: the suite's). Prints every property's count, then the total and the time taken, and fails
# when any property fails, when fewer than SOAK_MIN_CASES (default 1,000,000) cases ran, or when it took
# longer than SOAK_BUDGET_MIN minutes (default 25). Not part of `npm test`.
set -uo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SCALE="${FUZZ_SCALE:-45}"
min_cases="${SOAK_MIN_CASES:-1000000}"
budget_min="${SOAK_BUDGET_MIN:-25}"
mkdir -p test-results
log=test-results/soak.log
start=$(date +%s)
echo "soak: FUZZ_SCALE=$FUZZ_SCALE FUZZ_SEED=${FUZZ_SEED:-default}, load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" | tee "$log"
npx vitest run tests/unit/fuzz --reporter=default 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - start ))
# Each property prints "[fuzz] <name>: <n> runs"; the sum is the number of cases that ran.
total=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[fuzz\] .*: [0-9]+ runs' | sed -E 's/.*: ([0-9]+) runs.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
properties=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -cE '^\[fuzz\] .*: [0-9]+ runs')
printf 'soak: %s cases in %s properties, %dm%02ds (scale %s)\n' "$total" "$properties" $((elapsed / 60)) $((elapsed % 60)) "$FUZZ_SCALE" | tee -a "$log"
if [ "$rc" != "0" ]; then echo "soak: FAILED (a property failed; see $log)" | tee -a "$log"; exit 1; fi
if [ "$total" -lt "$min_cases" ]; then echo "soak: FAILED (fewer than $min_cases cases)" | tee -a "$log"; exit 1; fi
if [ "$elapsed" -gt $((budget_min * 60)) ]; then echo "soak: FAILED (over $budget_min minutes)" | tee -a "$log"; exit 1; fi
echo "soak: passed" | tee -a "$log"
