# khabar -- build, test, run, bench.
#
#   make run     install what is missing, build, run the main job on samples/
#   make test    install what is missing, build, run every test, plain and
#                under AddressSanitizer + UBSan
#   make bench   speed, side by side with a peer (BENCHMARKS.md)
#   make eval    quality against the corpora in ../shared/data
#
# Sources are found by wildcard: lib/<stage>/*.c -> libkhabar.a,
# cli/*.c + server/*.c -> the khabar program, tests/test_*.c -> one cmocka
# binary each. Build outputs go to build/ (release) or build-asan/.

SHELL := /bin/bash
CC ?= cc
PKGS := gumbo libutf8proc sqlite3 libxxhash zlib libzstd uchardet libmicrohttpd jansson libpq

MODE ?= release
# OUT may be given (make OUT=/tmp/x ...) to build in a private directory.
ifeq ($(MODE),asan)
  OUT ?= build-asan
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
  OUT ?= build
  OPT := -O2 -g
endif

# Recursive (=) so that pkg-config runs only once the packages are installed.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lstemmer -lpthread -lm
CFLAGS ?=
CFLAGS += -std=c11 -Wall -Wextra -Werror $(OPT)
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib -I. -I$(OUT)/gen
LDFLAGS += $(OPT)

LIB_SRC := $(sort $(wildcard lib/*/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c server/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_LIB_SRC := $(sort $(filter-out tests/test_%,$(wildcard tests/*.c)))

LIB_OBJ := $(LIB_SRC:%.c=$(OUT)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(OUT)/%.o)
TEST_LIB_OBJ := $(TEST_LIB_SRC:%.c=$(OUT)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(OUT)/tests/%)

-include mk/*.mk

.PHONY: all build deps run test check bench eval clean
.SECONDARY:
.DEFAULT_GOAL := all

all: $(OUT)/khabar $(TEST_BIN)

build: $(OUT)/khabar

deps:
	@scripts/bootstrap.sh

JOBS := $(shell nproc 2>/dev/null || echo 2)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) build
	$(OUT)/khabar run samples

# The sanitizer build's directory: build-asan, or OUT-asan when OUT is given
# (an OUT given on the command line reaches the sub-make too, where the
# release objects there would pass for sanitizer ones).
ASAN_OUT := $(if $(filter build,$(OUT)),build-asan,$(OUT)-asan)

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory -j$(JOBS) MODE=asan OUT=$(ASAN_OUT) all
	@$(MAKE) --no-print-directory MODE=asan OUT=$(ASAN_OUT) check

check: $(OUT)/khabar $(TEST_BIN)
	@KB_MODE=$(MODE) scripts/run-tests.sh $(OUT)

bench: deps
	@scripts/bootstrap.sh bench
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@bench/run.sh

eval: deps
	@scripts/bootstrap.sh bench
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@bench/eval.sh

$(OUT)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(OUT)/libkhabar.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/khabar: $(CLI_OBJ) $(OUT)/libkhabar.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(OUT)/libkhabar.a $(PKG_LIBS)

# A test (or bench program) that needs more objects names them as further
# prerequisites in its mk/*.mk file: every .o prerequisite is linked.
$(OUT)/tests/%: $(OUT)/tests/%.o $(TEST_LIB_OBJ) $(OUT)/libkhabar.a
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(OUT)/libkhabar.a $(PKG_LIBS) -lcmocka

# Bench and evaluation programs: bench/NAME.c -> $(OUT)/bench/NAME for each
# NAME a mk/*.mk file adds to BENCH_PROGS (built by bench/*.sh, not by all).
BENCH_BIN := $(BENCH_PROGS:%=$(OUT)/bench/%)
$(BENCH_BIN): $(OUT)/bench/%: $(OUT)/bench/%.o $(OUT)/libkhabar.a
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(OUT)/libkhabar.a $(PKG_LIBS)

clean:
	rm -rf build build-asan

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
