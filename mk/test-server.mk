# mk/test-server.mk -- tests/test_server starts the server in-process: it
# links server/*.c and the embedded web UI besides libkhabar.a.
TEST_SERVER_OBJ := $(patsubst %.c,$(OUT)/%.o,$(wildcard server/*.c)) $(OUT)/gen/kb_assets.o

$(OUT)/tests/test_server: $(OUT)/tests/test_server.o $(TEST_LIB_OBJ) $(TEST_SERVER_OBJ) $(OUT)/libkhabar.a
	$(CC) $(LDFLAGS) -o $@ $< $(TEST_LIB_OBJ) $(TEST_SERVER_OBJ) $(OUT)/libkhabar.a $(PKG_LIBS) -lcmocka
