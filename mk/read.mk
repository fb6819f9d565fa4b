# mk/read.mk -- the read stage's benchmark program (bench/bench-read.sh).
BENCH_PROGS += bench_read
