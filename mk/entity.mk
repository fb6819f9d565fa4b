# Story-stage entities: the CLDR place table compiled into the gazetteer,
# and the ANERcorp evaluation program (bench/eval-entity.sh).
CLDR_AR ?= /usr/share/unicode/cldr/common/main/ar.xml

$(OUT)/gen/kb_cldr_places.h: scripts/gen-cldr-places.sh $(wildcard $(CLDR_AR))
	@mkdir -p $(@D)
	scripts/gen-cldr-places.sh $(CLDR_AR) > $@.tmp && mv $@.tmp $@

$(OUT)/lib/story/gazetteer.o: $(OUT)/gen/kb_cldr_places.h

BENCH_PROGS += eval_entity
