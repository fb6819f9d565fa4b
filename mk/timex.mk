# mk/timex.mk -- the programs of bench/eval-timex.sh and bench/bench-date.sh.
$(OUT)/bench/eval_timex: bench/eval_timex.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)

# The date grammar's benchmark program (bench/bench-date.sh).
$(OUT)/bench/bench_date: bench/bench_date.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
