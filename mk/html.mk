# The HTML extractor's evaluation and benchmark programs
# (bench/eval-html.sh, bench/bench-html.sh).
$(OUT)/bench/eval_html: bench/eval_html.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)

$(OUT)/bench/bench_html: bench/bench_html.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
