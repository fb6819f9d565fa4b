#!/usr/bin/env bash
# bench/eval-dedup.sh -- near-duplicate detection on SaudiNewsNet (SPA wire
# copies reprinted by the papers): precision/recall of MinHash + LSH
# configurations against exact-Jaccard truth pairs, and the default
# detector's speed. See BENCHMARKS.md, section "Dedup".
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHABAR_SHARED:-../shared}
data=$shared/data/saudinewsnet
if [ ! -d "$data" ]; then
  echo "eval-dedup: $data not found: skipped"
  exit 0
fi
out=${OUT:-build}
make -s OUT="$out" -j2 "$out/bench/eval_dedup" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for z in "$data"/*.zip; do unzip -oq "$z" -d "$tmp"; done
"$out/bench/eval_dedup" "$tmp"
