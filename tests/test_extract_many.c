/* tests/test_extract_many.c -- extracting a batch on several threads gives
 * exactly what extracting each document alone gives, in the same order. */
#include "kb_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXDOCS 64

static size_t load_dir(const char *rel, kb_doc **docs, size_t n)
{
    DIR *d = opendir(kb_test_path(rel));
    if (!d) return n;
    struct dirent *e;
    char names[MAXDOCS][256];
    size_t k = 0;
    while ((e = readdir(d)) && k < MAXDOCS)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "README.md")) {
            snprintf(names[k], sizeof names[k], "%s", e->d_name);
            k++;
        }
    closedir(d);
    for (size_t i = 0; i < k && n < MAXDOCS; i++) {
        char path[512], msg[256];
        snprintf(path, sizeof path, "%s/%s", rel, names[i]);
        size_t len;
        char *bytes = kb_test_read_file(kb_test_path(path), &len);
        assert_non_null(bytes);
        if (kb_read_memory(path, (unsigned char *)bytes, len, NULL, &docs[n], msg, sizeof msg) == KB_OK)
            n++;
        free(bytes);
    }
    return n;
}

static char *all_json(const kb_article_list *l)
{
    kb_buf b = { 0 };
    for (size_t i = 0; i < l->n; i++) {
        char *j = kb_article_json(l->v[i]);
        assert_non_null(j);
        kb_buf_puts(&b, j);
        kb_buf_putc(&b, '\n');
        free(j);
    }
    kb_buf_putc(&b, '\0');
    return kb_buf_detach(&b, NULL);
}

static void threads_change_nothing(void **state)
{
    (void)state;
    kb_doc *docs[MAXDOCS];
    size_t n = load_dir("samples", docs, 0);
    n = load_dir("tests/fixtures/html", docs, n);
    n = load_dir("tests/fixtures/extract", docs, n);
    assert_true(n >= 10);
    char *serial[MAXDOCS];
    int serial_rc[MAXDOCS];
    for (size_t i = 0; i < n; i++) {
        kb_article_list l = { 0 };
        serial_rc[i] = kb_extract(docs[i], &l);
        serial[i] = all_json(&l);
        kb_article_list_free(&l);
    }
    const int threads[] = { 1, 2, 4, 8 };
    for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
        kb_article_list lists[MAXDOCS];
        int rc[MAXDOCS];
        memset(lists, 0, sizeof lists);
        assert_int_equal(kb_extract_many(docs, n, lists, rc, threads[t]), KB_OK);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(rc[i], serial_rc[i]);
            char *j = all_json(&lists[i]);
            assert_string_equal(j, serial[i]);
            free(j);
            kb_article_list_free(&lists[i]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(serial[i]);
        kb_doc_free(docs[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
