/* tests/test_common.c -- arena, buffer and UTF-8 primitives. */
#include "kb_test.h"

#include <stdlib.h>
#include <string.h>

static void arena_keeps_every_allocation(void **state)
{
    (void)state;
    kb_arena a = {0};
    char *small = kb_arena_strdup(&a, "خبر");
    char *big = kb_arena_alloc(&a, 100000);   /* larger than a block */
    char *after = kb_arena_strdup(&a, "after");
    assert_non_null(small);
    assert_non_null(big);
    memset(big, 'x', 100000);
    assert_string_equal(small, "خبر");
    assert_string_equal(after, "after");
    assert_int_equal((uintptr_t)big % 16, 0);
    kb_arena_free(&a);
    assert_null(a.head);
}

static void buf_grows_and_formats(void **state)
{
    (void)state;
    kb_buf b = {0};
    for (int i = 0; i < 1000; i++) assert_int_equal(kb_buf_printf(&b, "%d,", i), KB_OK);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    /* "0," to "9," are 2 bytes each, "10," to "99," 3, "100," to "999," 4 */
    assert_int_equal(b.len, 10 * 2 + 90 * 3 + 900 * 4);
    assert_string_equal(b.data + b.len - 8, "998,999,");
    /* longer than kb_buf_printf's 256-byte stack buffer: formatted in place */
    char lng[1024] = "";
    while (strlen(lng) < 600) strcat(lng, "خبر عاجل من بغداد، ");
    size_t before = b.len;
    assert_int_equal(kb_buf_printf(&b, "%s|%d", lng, 7), KB_OK);
    size_t n;
    char *s = kb_buf_detach(&b, &n);
    assert_int_equal(strlen(s), n);
    assert_int_equal(n, before + strlen(lng) + 2);
    assert_memory_equal(s + before, lng, strlen(lng));
    assert_string_equal(s + n - 2, "|7");
    assert_null(b.data);
    free(s);
}

static void utf8_decodes_and_rejects(void **state)
{
    (void)state;
    const char *s = "a\xd8\xae\xe2\x80\x8f\xf0\x9f\x98\x80";  /* a خ RLM 😀 */
    size_t i = 0, n = strlen(s);
    assert_int_equal(kb_utf8_decode(s, n, &i), 'a');
    assert_int_equal(kb_utf8_decode(s, n, &i), 0x62E);
    assert_int_equal(kb_utf8_decode(s, n, &i), 0x200F);
    assert_int_equal(kb_utf8_decode(s, n, &i), 0x1F600);
    assert_int_equal(i, n);
    /* overlong, surrogate, truncated, stray continuation */
    const char *bad[] = { "\xc0\xaf", "\xed\xa0\x80", "\xd8", "\x80", "\xf4\x90\x80\x80" };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        i = 0;
        assert_int_equal(kb_utf8_decode(bad[k], strlen(bad[k]), &i), -1);
        assert_int_equal(i, 1);
        assert_false(kb_utf8_valid(bad[k], strlen(bad[k])));
    }
    char out[4];
    assert_int_equal(kb_utf8_encode(0x62E, out), 2);
    assert_memory_equal(out, "\xd8\xae", 2);
    assert_int_equal(kb_utf8_encode(0xD800, out), 0);
    assert_true(kb_utf8_valid(s, n));
}

typedef struct sq_ctx {
    uint64_t *out;
} sq_ctx;

static void *count_new(void *ctx)
{
    (void)ctx;
    return calloc(1, sizeof(size_t));
}

/* Adds to its slot, so a task run twice (or not at all) shows. */
static void square(void *ctx, size_t i, void *local)
{
    sq_ctx *c = ctx;
    c->out[i] += (uint64_t)i * i + 1;
    if (local) (*(size_t *)local)++;
}

static void parallel_for_runs_every_task_once(void **state)
{
    (void)state;
    enum { N = 10007 };
    uint64_t *out = calloc(N, sizeof *out);
    assert_non_null(out);
    sq_ctx c = { out };
    kb_parallel p = { &c, square, count_new, free };
    const int threads[] = { 1, 2, 3, 8, 100 };
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
        memset(out, 0, N * sizeof *out);
        kb_parallel_for(&p, N, threads[t]);
        for (size_t i = 0; i < N; i++) assert_int_equal(out[i], (uint64_t)i * i + 1);
    }
    kb_parallel_for(&p, 0, 4);     /* nothing to do is fine */
    assert_true(kb_cores() >= 1);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_keeps_every_allocation),
        cmocka_unit_test(buf_grows_and_formats),
        cmocka_unit_test(utf8_decodes_and_rejects),
        cmocka_unit_test(parallel_for_runs_every_task_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
