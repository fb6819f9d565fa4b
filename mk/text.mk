# mk/text.mk -- the text layer's benchmark program (bench/bench-text.sh).
# bench/bench_util.o (the shared file and record readers) is built by the
# Makefile's pattern rule.
$(OUT)/bench/bench_text: bench/bench_text.c $(OUT)/bench/bench_util.o $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/bench/bench_util.o $(OUT)/libkhabar.a $(PKG_LIBS)
