# mk/read.mk -- the read stage's benchmark program (bench/bench-read.sh).
$(OUT)/bench/bench_read: bench/bench_read.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
