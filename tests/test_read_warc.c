/* tests/test_read_warc.c -- the read stage on WARC files built here: plain
 * and gzipped per record, HTTP chunked + gzip payloads, charsets from the
 * header and from <meta>, records that are skipped, and damaged records
 * (cut short, a broken gzip member in the middle) that are reported while
 * the rest of the file is still read. */
#include "kb_test.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE1                                                                               \
    "<!DOCTYPE html>\n<html lang=\"ar\"><head><title>محادثات بغداد وواشنطن</title></head>"   \
    "<body><article><p>انطلقت، اليوم السبت، الجولة الأولى من الحوار الأمني.</p></article>" \
    "</body></html>"
#define PAGE2_UTF8                                                                          \
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">" \
    "</head><body><p>أعلنت وزارة الخارجية العراقية بدء الجولة الثانية من المحادثات.</p></body></html>"

static void warc_record(kb_buf *out, const char *type, const char *uri, const char *date,
                        const char *block, size_t blen)
{
    kb_buf_printf(out, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%zu>\r\n"
                       "WARC-Target-URI: %s\r\nWARC-Date: %s\r\n"
                       "Content-Type: application/http; msgtype=%s\r\nContent-Length: %zu\r\n\r\n",
                  type, out->len, uri, date, type, blen);
    kb_buf_append(out, block, blen);
    kb_buf_puts(out, "\r\n\r\n");
}

static char *cp1256(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("WINDOWS-1256", "UTF-8");
    size_t n = strlen(utf8), cap = n + 16, left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    assert_int_not_equal(iconv(cd, &in, &n, &o, &left), (size_t)-1);
    iconv_close(cd);
    *len = cap - left;
    return out;
}

/* The records: 1 a response (chunked, gzip-encoded, charset in the header),
 * 2 its request, 3 a response in Windows-1256 declared only by <meta>,
 * 4 a 404, 5 an image, 6 a 404 whose gzip body is broken, 7 a script in a
 * content coding we do not read (brotli). Each record is one string in
 * recs[]. */
#define NRECS 7
static void build_records(kb_buf recs[NRECS])
{
    kb_buf gz = { 0 }, http = { 0 };
    kb_test_gzip(&gz, PAGE1, strlen(PAGE1));
    size_t half = gz.len / 2;
    kb_buf_puts(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
    kb_buf_printf(&http, "%zx;ext=1\r\n", half);
    kb_buf_append(&http, gz.data, half);
    kb_buf_printf(&http, "\r\n%zX\r\n", gz.len - half);
    kb_buf_append(&http, gz.data + half, gz.len - half);
    kb_buf_puts(&http, "\r\n0\r\n\r\n");
    warc_record(&recs[0], "response", "https://news.example/iraq-us", "2024-01-27T09:15:02Z",
                http.data, http.len);

    const char *req = "GET /iraq-us HTTP/1.1\r\nHost: news.example\r\n\r\n";
    warc_record(&recs[1], "request", "https://news.example/iraq-us", "2024-01-27T09:15:01Z",
                req, strlen(req));

    size_t l2;
    char *p2 = cp1256(PAGE2_UTF8, &l2);
    http.len = 0;
    kb_buf_puts(&http, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n");
    kb_buf_append(&http, p2, l2);
    warc_record(&recs[2], "response", "<http://arabic.example/a?id=2>", "2024-01-28T11:00:00Z",
                http.data, http.len);
    free(p2);

    const char *nf = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>ليست هنا</body></html>";
    warc_record(&recs[3], "response", "https://news.example/gone", "2024-01-28T11:00:01Z", nf, strlen(nf));
    const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n";
    warc_record(&recs[4], "response", "https://news.example/a.png", "2024-01-28T11:00:02Z", img, strlen(img));
    /* what is not a page is passed over before its payload is decoded */
    const char *nfgz = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                       "\x1f\x8b\x08\x00 not gzip after all";
    warc_record(&recs[5], "response", "https://news.example/gone.gz", "2024-01-28T11:00:03Z", nfgz,
                strlen(nfgz));
    const char *js = "HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Encoding: br\r\n\r\n"
                     "\x1b\x03\x00\xf8\xa5";
    warc_record(&recs[6], "response", "https://news.example/app.js", "2024-01-28T11:00:04Z", js, strlen(js));
    kb_buf_free(&gz);
    kb_buf_free(&http);
}

static void check_page1(const kb_read_item *it, const char *path, int n)
{
    kb_test_assert_doc(it, path, n);
    kb_doc *d = it->doc;
    assert_int_equal(d->format, KB_FMT_HTML);
    assert_string_equal(d->data, PAGE1);
    assert_string_equal(d->url, "https://news.example/iraq-us");
    assert_string_equal(d->crawl_date, "2024-01-27T09:15:02Z");
    assert_null(d->published);
    assert_string_equal(d->charset, "UTF-8");
    assert_int_equal(d->nwarnings, 0);
}

static void check_page2(const kb_read_item *it, const char *path, int n)
{
    kb_test_assert_doc(it, path, n);
    kb_doc *d = it->doc;
    assert_string_equal(d->data, PAGE2_UTF8);
    assert_string_equal(d->charset, "WINDOWS-1256");
    assert_string_equal(d->url, "http://arabic.example/a?id=2");
    assert_string_equal(d->crawl_date, "2024-01-28T11:00:00Z");
}

static void warc_plain_and_gzipped(void **state)
{
    (void)state;
    kb_buf recs[NRECS] = { { 0 } }, plain = { 0 }, gz = { 0 };
    build_records(recs);
    for (int i = 0; i < NRECS; i++) {
        kb_buf_append(&plain, recs[i].data, recs[i].len);
        kb_test_gzip(&gz, recs[i].data, recs[i].len);
    }
    char *p1 = kb_test_write_temp(plain.data, plain.len, ".warc");
    char *p2 = kb_test_write_temp(gz.data, gz.len, ".warc.gz");
    const char *paths[2] = { p1, p2 };
    for (int k = 0; k < 2; k++) {
        kb_test_items it;
        kb_test_read_all(paths[k], &it);
        assert_int_equal(it.n, 2);           /* request, 404s, image and script passed over */
        check_page1(&it.v[0], paths[k], 1);
        check_page2(&it.v[1], paths[k], 3);
        kb_test_free_items(&it);
        unlink(paths[k]);
    }
    free(p1);
    free(p2);
    for (int i = 0; i < NRECS; i++) kb_buf_free(&recs[i]);
    kb_buf_free(&plain);
    kb_buf_free(&gz);
}

static void warc_damaged_records_reported(void **state)
{
    (void)state;
    kb_buf recs[NRECS] = { { 0 } };
    build_records(recs);
    kb_buf m[3] = { { 0 } };
    for (int i = 0; i < 3; i++) kb_test_gzip(&m[i], recs[i].data, recs[i].len);

    /* responses 1 and 3 with the request between; the last member cut in half */
    kb_buf f = { 0 };
    kb_buf_append(&f, m[0].data, m[0].len);
    kb_buf_append(&f, m[1].data, m[1].len);
    kb_buf_append(&f, m[2].data, m[2].len / 2);
    char *path = kb_test_write_temp(f.data, f.len, ".warc.gz");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 2);
    check_page1(&it.v[0], path, 1);
    kb_test_assert_reject(&it.v[1], path, 3, KB_EFORMAT, "gzip data truncated");
    kb_test_free_items(&it);
    unlink(path);
    free(path);

    /* a member cut short in the middle: the records after it still come */
    f.len = 0;
    kb_buf_append(&f, m[0].data, m[0].len);
    kb_buf_append(&f, m[2].data, m[2].len / 2);
    kb_buf_append(&f, m[1].data, m[1].len);
    kb_buf_append(&f, m[2].data, m[2].len);
    path = kb_test_write_temp(f.data, f.len, ".warc.gz");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 3);
    check_page1(&it.v[0], path, 1);
    /* what inflate made of the damaged member before zlib noticed decides
     * which symptom is seen first; it is reported once, as record 2 */
    kb_test_assert_reject(&it.v[1], path, 2, KB_EFORMAT, NULL);
    check_page2(&it.v[2], path, 4);
    kb_test_free_items(&it);
    unlink(path);
    free(path);

    /* plain WARC whose last record is cut short */
    f.len = 0;
    kb_buf_append(&f, recs[0].data, recs[0].len);
    kb_buf_append(&f, recs[2].data, recs[2].len - 40);
    path = kb_test_write_temp(f.data, f.len, ".warc");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 2);
    check_page1(&it.v[0], path, 1);
    kb_test_assert_reject(&it.v[1], path, 2, KB_EFORMAT, "record cut short");
    kb_test_free_items(&it);
    unlink(path);
    free(path);

    /* junk between records is reported once, then reading goes on */
    f.len = 0;
    kb_buf_append(&f, recs[0].data, recs[0].len);
    kb_buf_puts(&f, "this line is not part of any record\r\n");
    kb_buf_append(&f, recs[2].data, recs[2].len);
    path = kb_test_write_temp(f.data, f.len, ".warc");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 3);
    check_page1(&it.v[0], path, 1);
    kb_test_assert_reject(&it.v[1], path, 0, KB_EFORMAT, "not a WARC record");
    check_page2(&it.v[2], path, 2);
    kb_test_free_items(&it);
    unlink(path);
    free(path);

    for (int i = 0; i < NRECS; i++) kb_buf_free(&recs[i]);
    for (int i = 0; i < 3; i++) kb_buf_free(&m[i]);
    kb_buf_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(warc_plain_and_gzipped),
        cmocka_unit_test(warc_damaged_records_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
