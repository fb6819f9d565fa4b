/* tests/kb_test.c -- helpers linked into every test binary. */
#include "kb_test.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const char *const kb_test_samples[KB_TEST_NSAMPLES] = {
    "samples/000_f122214a9d49da4a.txt", "samples/001_57f495dec0a2a805.txt",
    "samples/002_dff5410a16d3e991.txt", "samples/003_5c49057d6339451f.txt",
    "samples/004_e340d19b9189306f.txt",
};

const char *kb_test_root(void)
{
    const char *r = getenv("KHABAR_ROOT");
    return r && *r ? r : ".";
}

const char *kb_test_shared_data(void)
{
    static char path[PATH_MAX];
    const char *env = getenv("KHABAR_SHARED");
    if (env && *env)
        snprintf(path, sizeof path, "%s/data", env);
    else
        snprintf(path, sizeof path, "%s/../shared/data", kb_test_root());
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? path : NULL;
}

const char *kb_test_path(const char *rel)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", kb_test_root(), rel);
    return path;
}

char *kb_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

char *kb_test_write_temp(const void *data, size_t len, const char *suffix)
{
    char tmpl[PATH_MAX];
    snprintf(tmpl, sizeof tmpl, "/tmp/khabar-test-XXXXXX%s", suffix ? suffix : "");
    int fd = mkstemps(tmpl, suffix ? (int)strlen(suffix) : 0);
    if (fd < 0) return NULL;
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w <= 0) { close(fd); return NULL; }
        p += w;
        len -= (size_t)w;
    }
    close(fd);
    return strdup(tmpl);
}

char *kb_test_temp_dir(void)
{
    char tmpl[] = "/tmp/khabar-test-dir-XXXXXX";
    return mkdtemp(tmpl) ? strdup(tmpl) : NULL;
}

void kb_test_remove_tree(const char *path)
{
    if (!path || strncmp(path, "/tmp/khabar-test", 16) != 0) return;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0) { /* best effort */ }
}

void kb_test_gzip(kb_buf *out, const void *s, size_t len)
{
    z_stream z = { 0 };
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, len) + 32;
    assert_int_equal(kb_buf_reserve(out, cap), KB_OK);
    z.next_in = (unsigned char *)s;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += z.total_out;
    deflateEnd(&z);
}

void kb_test_read_all(const char *path, kb_test_items *out)
{
    kb_reader *r = kb_reader_new(NULL);
    assert_non_null(r);
    assert_int_equal(kb_reader_add(r, path), KB_OK);
    out->n = 0;
    for (;;) {
        kb_read_item it;
        assert_int_equal(kb_reader_next(r, &it), KB_OK);
        if (it.kind == KB_READ_END) break;
        assert_true(out->n < sizeof out->v / sizeof *out->v);
        out->v[out->n++] = it;
    }
    kb_reader_free(r);
}

void kb_test_free_items(kb_test_items *it)
{
    for (size_t i = 0; i < it->n; i++)
        if (it->v[i].kind == KB_READ_DOC) kb_doc_free(it->v[i].doc);
    it->n = 0;
}

void kb_test_assert_doc(const kb_read_item *it, const char *path, int n)
{
    char want[1100];
    snprintf(want, sizeof want, "%s#%d", path, n);
    assert_int_equal(it->kind, KB_READ_DOC);
    assert_string_equal(it->doc->input, want);
    assert_int_equal(it->doc->part, n);
}

void kb_test_assert_reject(const kb_read_item *it, const char *path, int n, int code,
                           const char *text)
{
    char want[1100];
    if (n > 0) snprintf(want, sizeof want, "%s#%d", path, n);
    else snprintf(want, sizeof want, "%s", path);
    assert_int_equal(it->kind, KB_READ_REJECT);
    assert_string_equal(it->input, want);
    assert_int_equal(it->code, code);
    if (text && !strstr(it->message, text)) fail_msg("message \"%s\" lacks \"%s\"", it->message, text);
}
