# mk/timex.mk -- the time expression evaluation program (bench/eval-timex.sh).
$(OUT)/bench/eval_timex: bench/eval_timex.c $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/libkhabar.a $(PKG_LIBS)
