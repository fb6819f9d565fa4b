# mk/store.mk -- the store's benchmark program (bench/bench-store.sh runs it).
BENCH_PROGS += bench_store
