#!/usr/bin/env bash
# The fuzz properties (tests/unit/fuzz) scaled up: FUZZ_SCALE (default 45) times each property's cases, seed
# FUZZ_SEED (default: the suite's). Prints every property's count and the share of its cases that reached the
# path it is about, then the total, the wall time, the CPU time (user + system, child processes included) and
# the load average at the start and the end. Fails when any property fails, when fewer than SOAK_MIN_CASES
# (default 1,000,000) cases ran, or when it took longer than SOAK_BUDGET_MIN minutes (default 25) of wall time.
#
# CPU time over the machine's cores is printed beside the wall time: on a shared machine the wall time also
# measures the others' load (a run niced at load 18 on 2 cores got a tenth of a core), so run it on a quiet one.
# Not part of `npm test`.
set -uo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SCALE="${FUZZ_SCALE:-45}"
min_cases="${SOAK_MIN_CASES:-1000000}"
budget_min="${SOAK_BUDGET_MIN:-25}"
cores=$(nproc)
mkdir -p test-results
log=test-results/soak.log
times_file=$(mktemp)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s)
echo "soak: FUZZ_SCALE=$FUZZ_SCALE FUZZ_SEED=${FUZZ_SEED:-default}, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $load_start on $cores cores" | tee "$log"
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -o "$times_file" -f '%U %S')
"${timer[@]}" npx vitest run tests/unit/fuzz --reporter=default 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - start ))
# (the last line: after a failure /usr/bin/time writes "Command exited with non-zero status" above it)
cpu=$(tail -n 1 "$times_file" 2>/dev/null | awk '{ printf "%d", $1 + $2 }')
cpu=${cpu:-0}
rm -f "$times_file"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
clean=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
# Each property prints "[fuzz] <name>: <n> runs"; the sum is the number of cases that ran.
total=$(grep -E '^\[fuzz\] .*: [0-9]+ runs' <<<"$clean" | sed -E 's/.*: ([0-9]+) runs.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
properties=$(grep -cE '^\[fuzz\] .*: [0-9]+ runs' <<<"$clean")
alone=$(( cpu / cores ))
printf 'soak: %s cases in %s properties, wall %dm%02ds, CPU %dm%02ds (%dm%02ds on %s cores alone), %s cases per CPU second (scale %s)\n' \
  "$total" "$properties" $((elapsed / 60)) $((elapsed % 60)) $((cpu / 60)) $((cpu % 60)) $((alone / 60)) $((alone % 60)) "$cores" \
  "$(( cpu > 0 ? total / cpu : 0 ))" "$FUZZ_SCALE" | tee -a "$log"
echo "soak: load average $load_start at the start, $load_end at the end" | tee -a "$log"
if [ "$rc" != "0" ]; then echo "soak: FAILED (a property failed; see $log)" | tee -a "$log"; exit 1; fi
if [ "$total" -lt "$min_cases" ]; then echo "soak: FAILED (fewer than $min_cases cases)" | tee -a "$log"; exit 1; fi
if [ "$elapsed" -gt $((budget_min * 60)) ]; then echo "soak: FAILED (over $budget_min minutes)" | tee -a "$log"; exit 1; fi
echo "soak: passed" | tee -a "$log"
