#!/usr/bin/env bash
# Run every test binary in OUT/tests, from the repository root, and close
# with one plain "N passed, N failed" line. Exit 1 when any test failed.
set -u
out=${1:-build}
cd "$(dirname "$0")/.."
export KHABAR_ROOT=$PWD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0; fail=0; skipped=0; failed_bins=()
for t in "$out"/tests/test_*; do
  [ -x "$t" ] || continue
  log=$(mktemp)
  "$t" >"$log" 2>&1
  rc=$?
  cat "$log"
  p=$(awk '/^\[  PASSED  \] [0-9]+/ { n += $4 } END { print n + 0 }' "$log")
  s=$(grep -Ec '^\[  SKIPPED \] ' "$log")
  f=$(grep -Ec '^\[  FAILED  \] [a-z_]' "$log")
  pass=$((pass + ${p:-0})); skipped=$((skipped + s))
  if [ $rc -ne 0 ]; then
    [ "$f" -eq 0 ] && f=1
    failed_bins+=("$t")
  fi
  fail=$((fail + f))
  rm -f "$log"
done
echo
[ ${#failed_bins[@]} -gt 0 ] && echo "failing: ${failed_bins[*]}"
label=release; [ "$out" = build-asan ] && label=asan
echo "$label: $pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
