# mk/timex.mk -- the programs of bench/eval-timex.sh, bench/bench-date.sh
# (the date grammar's benchmark) and bench/diff-timex.sh, linked with
# bench/bench_util.c (the shared file and record readers).
BENCH_PROGS += eval_timex bench_date diff_timex
$(OUT)/bench/eval_timex $(OUT)/bench/bench_date $(OUT)/bench/diff_timex: $(OUT)/bench/bench_util.o

# Differential check (bench/diff-timex.sh): the tagger and the date grammar of
# git revision TIMEX_OLD_REV, compiled from `git show` copies into one object
# whose global symbols are renamed old_*, linked beside the current library.
# The default compares the work tree with the last commit; the speed work of
# BENCHMARKS.md ("Time expressions") was checked with TIMEX_OLD_REV=a905c28.
TIMEX_OLD_REV ?= HEAD
TIMEX_OLD_SRC := lib/text/date.c lib/text/date_cal.c lib/text/date_lex.c \
	lib/text/date_names.c lib/text/date_parse.c lib/story/timex.c \
	lib/story/timex_value.c lib/story/timex_words.c
TIMEX_OLD_HDR := lib/text/date.h lib/story/timex.h lib/story/timex_int.h
# rebuilt every time: the revision a name like HEAD stands for moves
.PHONY: timex-old-always
$(OUT)/bench/timex_old.o: mk/timex.mk timex-old-always
	@rm -rf $(OUT)/timex-old && mkdir -p $(OUT)/timex-old/lib/text $(OUT)/timex-old/lib/story $(@D)
	@for f in $(TIMEX_OLD_SRC) $(TIMEX_OLD_HDR); do \
	  git show $(TIMEX_OLD_REV):$$f > $(OUT)/timex-old/$$f || exit 1; done
	@# the generated word table, where the revision has one
	@git show $(TIMEX_OLD_REV):lib/text/date_words.h > $(OUT)/timex-old/lib/text/date_words.h \
	  2>/dev/null || rm -f $(OUT)/timex-old/lib/text/date_words.h
	@# fixes accepted since a905c28, applied to the old copy so that they do not
	@# show as differences: p_period_noun read an uninitialised proclitic count
	@# after "this" (spans with start > end)
	@sed -i 's/^    int strip, k, dir;$$/    int strip = 0, k, dir;/' $(OUT)/timex-old/lib/story/timex.c
	@for f in $(TIMEX_OLD_SRC); do \
	  $(CC) -I$(OUT)/timex-old/lib $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) \
	    -c $(OUT)/timex-old/$$f -o $(OUT)/timex-old/$${f//\//_}.o || exit 1; done
	ld -r -o $(OUT)/timex-old/all.o $(OUT)/timex-old/*.o
	nm -g --defined-only $(OUT)/timex-old/all.o | awk '{print $$3" old_"$$3}' > $(OUT)/timex-old/syms
	objcopy --redefine-syms=$(OUT)/timex-old/syms $(OUT)/timex-old/all.o $@

$(OUT)/bench/diff_timex: $(OUT)/bench/timex_old.o
