# mk/text.mk -- the text layer's benchmark program (bench/bench-text.sh).
$(OUT)/bench/bench_text: bench/bench_text.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
