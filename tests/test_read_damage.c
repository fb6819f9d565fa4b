/* tests/test_read_damage.c -- damaged input never crashes, hangs or loses
 * what came before the damage: containers built here (WARC.gz, JSON array,
 * JSONL.gz, ZIP-less gzip page) are cut at every position and have bytes
 * overwritten at deterministic places; every doc that comes out must be
 * valid, NUL-free UTF-8, and the records before the cut must still come
 * out. Run under ASan by `make test`. */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REC_A "{\"title\": \"الخبر الأول\", \"content\": \"انطلقت اليوم الجولة الأولى من الحوار الأمني بين العراق والولايات المتحدة.\", \"date_extracted\": \"2015-07-21 02:51:32\"}"
#define REC_B "{\"title\": \"الخبر الثاني\", \"content\": \"أعلنت وزارة الخارجية بدء الجولة الثانية.\", \"url\": \"http://b.example/\"}"

typedef struct result {
    size_t docs, rejects;
    int first_ok;               /* the first record/doc came out whole */
} result;

/* Read path and check every doc; first_text is what the first doc must
 * hold when it comes out. */
static result read_checked(const char *path, const char *first_text)
{
    result res = { 0, 0, 0 };
    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, path);
    kb_read_item it;
    while (kb_reader_next(r, &it) == KB_OK && it.kind != KB_READ_END) {
        if (it.kind == KB_READ_REJECT) {
            res.rejects++;
            assert_true(it.message[0] != '\0');
            assert_int_equal(strncmp(it.input, path, strlen(path)), 0);
        } else {
            kb_doc *d = it.doc;
            assert_int_equal(strlen(d->data), d->len);
            assert_true(kb_utf8_valid(d->data, d->len));
            assert_int_equal(strncmp(d->input, path, strlen(path)), 0);
            if (res.docs == 0 && first_text && strstr(d->data, first_text)) res.first_ok = 1;
            res.docs++;
            kb_doc_free(d);
        }
        assert_true(res.docs + res.rejects < 1000);
    }
    kb_reader_free(r);
    return res;
}

static void warc_rec(kb_buf *out, const char *type, const char *page)
{
    kb_buf http = { 0 };
    if (!strcmp(type, "response"))
        kb_buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s", page);
    else
        kb_buf_puts(&http, "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n");
    kb_buf_printf(out, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: http://a.example/\r\n"
                       "WARC-Date: 2024-01-27T09:15:02Z\r\nContent-Length: %zu\r\n\r\n",
                  type, http.len);
    kb_buf_append(out, http.data, http.len);
    kb_buf_puts(out, "\r\n\r\n");
    kb_buf_free(&http);
}

/* Cut data at every step-th position and overwrite a few bytes at others;
 * keep_after: a cut at or after this offset must still give the first
 * record (0: no such promise). */
static void damage(const char *suffix, const kb_buf *data, size_t keep_after, const char *first_text)
{
    char *path = kb_test_write_temp(data->data, data->len, suffix);
    result whole = read_checked(path, first_text);
    assert_true(whole.docs >= 1);
    assert_true(whole.first_ok);
    unlink(path);
    free(path);
    size_t step = data->len / 97 + 1;
    for (size_t cut = 0; cut < data->len; cut += step) {
        path = kb_test_write_temp(data->data, cut, suffix);
        result r = read_checked(path, first_text);
        if (keep_after && cut >= keep_after) assert_true(r.first_ok);
        unlink(path);
        free(path);
    }
    uint32_t x = 2463534242u;
    char *copy = malloc(data->len);
    for (int round = 0; round < 60; round++) {
        memcpy(copy, data->data, data->len);
        for (int k = 0; k < 1 + round % 4; k++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            copy[x % data->len] ^= (char)(1 + (x >> 8) % 255);
        }
        path = kb_test_write_temp(copy, data->len, suffix);
        read_checked(path, first_text);
        kb_doc *d = NULL;
        char msg[256];
        if (kb_read_memory(path, (const unsigned char *)copy, data->len, NULL, &d, msg, sizeof msg) == KB_OK) {
            assert_true(kb_utf8_valid(d->data, d->len));
            kb_doc_free(d);
        } else {
            assert_true(msg[0] != '\0');
        }
        unlink(path);
        free(path);
    }
    free(copy);
}

static void damaged_warc_gz(void **state)
{
    (void)state;
    const char *page = "<html><body><p>الحوار الأمني بين العراق والولايات المتحدة</p></body></html>";
    kb_buf recs = { 0 }, gz = { 0 };
    warc_rec(&recs, "response", page);
    kb_test_gzip(&gz, recs.data, recs.len);
    size_t first_end = gz.len;
    for (int i = 0; i < 3; i++) {
        recs.len = 0;
        warc_rec(&recs, i == 1 ? "request" : "response", page);
        kb_test_gzip(&gz, recs.data, recs.len);
    }
    damage(".warc.gz", &gz, first_end, "الحوار الأمني");
    kb_buf_free(&recs);
    kb_buf_free(&gz);
}

static void damaged_json_array(void **state)
{
    (void)state;
    kb_buf b = { 0 };
    kb_buf_puts(&b, "[" REC_A ",\n");
    size_t first_end = b.len;
    kb_buf_puts(&b, REC_B ",\n" REC_A ",\n" REC_B "]\n");
    damage(".json", &b, first_end, "الجولة الأولى");
    kb_buf_free(&b);
}

static void damaged_jsonl_gz(void **state)
{
    (void)state;
    kb_buf lines = { 0 }, gz = { 0 };
    kb_buf_puts(&lines, REC_A "\n" REC_B "\n" REC_A "\n");
    kb_test_gzip(&gz, lines.data, lines.len);
    damage(".jsonl.gz", &gz, 0, "الجولة الأولى");
    kb_buf_free(&lines);
    kb_buf_free(&gz);
}

static void damaged_gzip_page(void **state)
{
    (void)state;
    size_t len;
    char *text = kb_test_read_file(kb_test_path("samples/001_57f495dec0a2a805.txt"), &len);
    assert_non_null(text);
    kb_buf gz = { 0 };
    kb_test_gzip(&gz, text, len);
    damage(".txt.gz", &gz, 0, "العرب اليوم");
    kb_buf_free(&gz);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(damaged_warc_gz),
        cmocka_unit_test(damaged_json_array),
        cmocka_unit_test(damaged_jsonl_gz),
        cmocka_unit_test(damaged_gzip_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
