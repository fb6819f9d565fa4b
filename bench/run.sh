#!/usr/bin/env bash
# make bench: run every bench/bench-*.sh in name order. Each one measures one
# stage side by side with a peer and prints its figures (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/bench-*.sh; do
  [ -x "$b" ] || continue
  echo "=== $b"
  "$b"
done
