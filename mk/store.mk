# mk/store.mk -- the store's benchmark program (bench/bench-store.sh runs it).
$(OUT)/bench/bench_store: $(OUT)/bench/bench_store.o $(OUT)/libkhabar.a
	$(CC) $(LDFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
