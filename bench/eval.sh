#!/usr/bin/env bash
# make eval: run every bench/eval-*.sh in name order. Each one scores one
# stage against the corpora in ../shared/data (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHABAR_SHARED:-../shared}
if [ ! -d "$shared/data" ]; then
  echo "make eval: $shared/data not found beside the repository: nothing to evaluate" >&2
  exit 0
fi
for e in bench/eval-*.sh; do
  [ -x "$e" ] || continue
  echo "=== $e"
  "$e"
done
