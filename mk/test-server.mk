# mk/test-server.mk -- tests/test_server starts the server in-process: it
# links server/*.c and the embedded web UI besides libkhabar.a.
$(OUT)/tests/test_server: $(patsubst %.c,$(OUT)/%.o,$(wildcard server/*.c)) $(OUT)/gen/kb_assets.o
