# The web UI's files, embedded into the khabar binary at build time.
FONT_DIR := /usr/share/fonts/truetype/noto
ASSET_SPECS := \
  /=server/assets/index.html:text/html;charset=utf-8 \
  /static/app.js=server/assets/app.js:text/javascript;charset=utf-8 \
  /static/style.css=server/assets/style.css:text/css;charset=utf-8 \
  /static/naskh.ttf=$(FONT_DIR)/NotoNaskhArabic-Regular.ttf:font/ttf \
  /static/naskh-bold.ttf=$(FONT_DIR)/NotoNaskhArabic-Bold.ttf:font/ttf \
  /static/sans.ttf=$(FONT_DIR)/NotoSansArabic-Regular.ttf:font/ttf \
  /static/sans-bold.ttf=$(FONT_DIR)/NotoSansArabic-Bold.ttf:font/ttf
ASSET_FILES := $(wildcard server/assets/*)

$(OUT)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O2 -std=c11 -Wall -Wextra -Werror -o $@ $<

$(OUT)/gen/kb_assets.c: $(OUT)/tools/embed $(ASSET_FILES) mk/server.mk
	@mkdir -p $(@D)
	$(OUT)/tools/embed $@ $(foreach s,$(ASSET_SPECS),'$(s)')

$(OUT)/gen/kb_assets.o: $(OUT)/gen/kb_assets.c
	$(CC) $(CPPFLAGS) -I. $(CFLAGS) -c $< -o $@

CLI_OBJ += $(OUT)/gen/kb_assets.o
