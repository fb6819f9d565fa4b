# Dedup and story clustering: the evaluation programs of
# bench/eval-dedup.sh and bench/eval-cluster.sh, both linked with the
# SaudiNewsNet loader bench/eval_snn.c (eval_cluster also with
# bench/bench_util.c, the whole-file reader).
BENCH_PROGS += eval_dedup eval_cluster
$(OUT)/bench/eval_dedup $(OUT)/bench/eval_cluster: $(OUT)/bench/eval_snn.o
$(OUT)/bench/eval_cluster: $(OUT)/bench/bench_util.o
