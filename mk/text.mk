# mk/text.mk -- the text layer's benchmark program (bench/bench-text.sh),
# linked with bench/bench_util.c (the shared file and record readers).
BENCH_PROGS += bench_text
$(OUT)/bench/bench_text: $(OUT)/bench/bench_util.o
