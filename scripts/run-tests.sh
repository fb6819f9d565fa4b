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
# MODE (release or asan) comes from the Makefile; the browser test of the web
# UI (tests/browser/run.sh, cmocka-style output) runs in the release build only.
mode=${KB_MODE:-release}
[ "$out" = build-asan ] && mode=asan
runners=("$out"/tests/test_*)
[ "$mode" = release ] && runners+=(tests/browser/run.sh)
for t in "${runners[@]}"; do
  [ -x "$t" ] || continue
  log=$(mktemp)
  if [ "$t" = tests/browser/run.sh ]; then "$t" "$out" >"$log" 2>&1; else "$t" >"$log" 2>&1; fi
  rc=$?
  cat "$log"
  # cmocka names a failed or skipped test twice (when it ends, then in the
  # list under "[  FAILED  ] N test(s), listed below:"): count from the
  # totals; the browser test names each failure once, a skip on one line.
  read -r p s f < <(awk '
    /^\[  PASSED  \] [0-9]+ test/ { p += $4 }
    /^\[  SKIPPED \] [0-9]+ test/ { s += $4 }
    /^\[  FAILED  \] [0-9]+ test/ { f += $4 }
    /^\[  SKIPPED \] browser:/ { s++ }
    /^\[  FAILED  \] browser_/ { f++ }
    END { print p + 0, s + 0, f + 0 }' "$log")
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
label=$mode
echo "$label: $pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
