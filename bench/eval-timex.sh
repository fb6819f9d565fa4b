#!/usr/bin/env bash
# bench/eval-timex.sh -- time expressions (lib/story/timex.c) against the
# TimeML TIMEX3 annotations of ../shared/data/timeml-arabic: extent exact /
# overlap and value P/R/F1, once with a per-document DCT (the most frequent
# full date among its gold values) and once with the single DCT 2015-12-24
# that the annotations themselves resolve "اليوم" to. Likely silver data
# (HeidelTime output): see BENCHMARKS.md, section "Time expressions".
. "$(dirname "$0")/lib.sh"
dir=$shared/data/timeml-arabic
kb_need "$dir"
kb_build "$out/bench/eval_timex"
"$out/bench/eval_timex" "$dir" --dct=doc
"$out/bench/eval_timex" "$dir" --dct=2015-12-24
