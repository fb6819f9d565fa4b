#!/usr/bin/env bash
# bench/eval-cluster.sh -- story clustering: Pearson of khabar's article
# similarity against SemEval-2022 task 8 Overall (reported against
# 5 - Overall, so higher is better), same-story accuracy on clear pairs;
# then all of SaudiNewsNet clustered end to end (dedup + features + links):
# articles/s, peak memory, story sizes at 1/4, 1/2 and all of it, and 30
# stories written to bench/out/stories-sample.txt for reading.
# See BENCHMARKS.md, section "Story clustering".
. "$(dirname "$0")/lib.sh"
kb_build "$out/bench/eval_cluster"
sem=$shared/data/semeval2022-task8/training_set.csv
if [ -f "$sem" ]; then
  "$out/bench/eval_cluster" semeval "$sem"
else
  echo "eval-cluster: $sem not found: SemEval part skipped"
fi
data=$shared/data/saudinewsnet
if [ ! -d "$data" ]; then
  echo "eval-cluster: $data not found: SaudiNewsNet part skipped"
  exit 0
fi
kb_scratch
kb_unzip_snn "$tmp"
mkdir -p bench/out
for limit in 7750 15500; do
  echo "--- first $limit articles"
  "$out/bench/eval_cluster" snn "$tmp" "" "$limit"
done
echo "--- all articles"
"$out/bench/eval_cluster" snn "$tmp" bench/out/stories-sample.txt
