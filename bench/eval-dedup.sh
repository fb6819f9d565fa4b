#!/usr/bin/env bash
# bench/eval-dedup.sh -- near-duplicate detection on SaudiNewsNet (SPA wire
# copies reprinted by the papers): precision/recall of MinHash + LSH
# configurations against exact-Jaccard truth pairs, and the default
# detector's speed. See BENCHMARKS.md, section "Dedup".
. "$(dirname "$0")/lib.sh"
kb_need "$shared/data/saudinewsnet"
kb_build "$out/bench/eval_dedup"
kb_scratch
kb_unzip_snn "$tmp"
"$out/bench/eval_dedup" "$tmp"
