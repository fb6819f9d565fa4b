# Dedup and story clustering: the evaluation programs of
# bench/eval-dedup.sh and bench/eval-cluster.sh.
$(OUT)/bench/eval_snn.o: bench/eval_snn.c bench/eval_snn.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

$(OUT)/bench/eval_dedup: bench/eval_dedup.c $(OUT)/bench/eval_snn.o $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/bench/eval_snn.o $(OUT)/libkhabar.a $(PKG_LIBS)

$(OUT)/bench/eval_cluster: bench/eval_cluster.c $(OUT)/bench/eval_snn.o $(OUT)/libkhabar.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(OUT)/bench/eval_snn.o $(OUT)/libkhabar.a $(PKG_LIBS)
