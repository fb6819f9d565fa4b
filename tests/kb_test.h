/* tests/kb_test.h -- what every cmocka test binary shares: cmocka itself,
 * where the repository and ../shared are, and file helpers. */
#ifndef KB_TEST_H
#define KB_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "khabar.h"

/* The repository root: $KHABAR_ROOT, else the current directory. */
const char *kb_test_root(void);
/* ../shared/data beside the repository ($KHABAR_SHARED overrides), or NULL
 * when it is not there. */
const char *kb_test_shared_data(void);
/* Join root-relative path parts into a static buffer (not reentrant). */
const char *kb_test_path(const char *rel);
/* Read a whole file, NUL-terminated; NULL when unreadable. Caller frees. */
char *kb_test_read_file(const char *path, size_t *len);
/* Write bytes to a fresh temporary file; returns its malloc'd path. */
char *kb_test_write_temp(const void *data, size_t len, const char *suffix);
/* A fresh temporary directory; returns its malloc'd path. */
char *kb_test_temp_dir(void);
/* rm -rf, for temporary directories made by the tests. */
void kb_test_remove_tree(const char *path);
/* Append one gzip member holding s[0..len) to out. */
void kb_test_gzip(kb_buf *out, const void *s, size_t len);

/* Every item a fresh reader hands out for one path, in order (more than 64
 * fails the test). */
typedef struct kb_test_items {
    kb_read_item v[64];
    size_t n;
} kb_test_items;
void kb_test_read_all(const char *path, kb_test_items *out);
/* kb_doc_free the docs among the items; n becomes 0. */
void kb_test_free_items(kb_test_items *it);
/* Assert that it is the doc of record n of path (input "path#n", part n). */
void kb_test_assert_doc(const kb_read_item *it, const char *path, int n);
/* Assert that it rejects record n of path ("path#n"; n = 0: path itself)
 * with code, its message holding text (when not NULL). */
void kb_test_assert_reject(const kb_read_item *it, const char *path, int n, int code,
                           const char *text);

/* The five articles of samples/ (one story), as repository-relative paths
 * for kb_test_path, in file-name order. */
#define KB_TEST_NSAMPLES 5
extern const char *const kb_test_samples[KB_TEST_NSAMPLES];

/* Skip the current test (with a message saying why) when ../shared is not
 * beside the repository. */
#define KB_REQUIRE_SHARED()                                                   \
    do {                                                                      \
        if (!kb_test_shared_data()) {                                         \
            print_message("skipped: ../shared/data not found beside the "     \
                          "repository (set KHABAR_SHARED)\n");                \
            skip();                                                           \
        }                                                                     \
    } while (0)

#endif
