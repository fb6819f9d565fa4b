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
#include <zlib.h>

#define PAGE1                                                                               \
    "<!DOCTYPE html>\n<html lang=\"ar\"><head><title>محادثات بغداد وواشنطن</title></head>"   \
    "<body><article><p>انطلقت، اليوم السبت، الجولة الأولى من الحوار الأمني.</p></article>" \
    "</body></html>"
#define PAGE2_UTF8                                                                          \
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">" \
    "</head><body><p>أعلنت وزارة الخارجية العراقية بدء الجولة الثانية من المحادثات.</p></body></html>"

typedef struct items {
    kb_read_item v[32];
    size_t n;
} items;

static void read_all(const char *path, items *out)
{
    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, path);
    out->n = 0;
    for (;;) {
        kb_read_item it;
        assert_int_equal(kb_reader_next(r, &it), KB_OK);
        if (it.kind == KB_READ_END) break;
        assert_true(out->n < 32);
        out->v[out->n++] = it;
    }
    kb_reader_free(r);
}

static void free_items(items *it)
{
    for (size_t i = 0; i < it->n; i++)
        if (it->v[i].kind == KB_READ_DOC) kb_doc_free(it->v[i].doc);
    it->n = 0;
}

static void gzip_into(kb_buf *out, const char *s, size_t len)
{
    z_stream z = { 0 };
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, len) + 32;
    kb_buf_reserve(out, cap);
    z.next_in = (unsigned char *)s;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += z.total_out;
    deflateEnd(&z);
}

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
    gzip_into(&gz, PAGE1, strlen(PAGE1));
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
    char want[1100];
    snprintf(want, sizeof want, "%s#%d", path, n);
    assert_int_equal(it->kind, KB_READ_DOC);
    kb_doc *d = it->doc;
    assert_string_equal(d->input, want);
    assert_int_equal(d->part, n);
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
    char want[1100];
    snprintf(want, sizeof want, "%s#%d", path, n);
    assert_int_equal(it->kind, KB_READ_DOC);
    kb_doc *d = it->doc;
    assert_string_equal(d->input, want);
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
        gzip_into(&gz, recs[i].data, recs[i].len);
    }
    char *p1 = kb_test_write_temp(plain.data, plain.len, ".warc");
    char *p2 = kb_test_write_temp(gz.data, gz.len, ".warc.gz");
    const char *paths[2] = { p1, p2 };
    for (int k = 0; k < 2; k++) {
        items it;
        read_all(paths[k], &it);
        assert_int_equal(it.n, 2);           /* request, 404s, image and script passed over */
        check_page1(&it.v[0], paths[k], 1);
        check_page2(&it.v[1], paths[k], 3);
        free_items(&it);
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
    for (int i = 0; i < 3; i++) gzip_into(&m[i], recs[i].data, recs[i].len);

    /* responses 1 and 3 with the request between; the last member cut in half */
    kb_buf f = { 0 };
    kb_buf_append(&f, m[0].data, m[0].len);
    kb_buf_append(&f, m[1].data, m[1].len);
    kb_buf_append(&f, m[2].data, m[2].len / 2);
    char *path = kb_test_write_temp(f.data, f.len, ".warc.gz");
    items it;
    read_all(path, &it);
    assert_int_equal(it.n, 2);
    check_page1(&it.v[0], path, 1);
    char want[1100];
    snprintf(want, sizeof want, "%s#3", path);
    assert_int_equal(it.v[1].kind, KB_READ_REJECT);
    assert_string_equal(it.v[1].input, want);
    assert_int_equal(it.v[1].code, KB_EFORMAT);
    assert_non_null(strstr(it.v[1].message, "gzip data truncated"));
    free_items(&it);
    unlink(path);
    free(path);

    /* a member cut short in the middle: the records after it still come */
    f.len = 0;
    kb_buf_append(&f, m[0].data, m[0].len);
    kb_buf_append(&f, m[2].data, m[2].len / 2);
    kb_buf_append(&f, m[1].data, m[1].len);
    kb_buf_append(&f, m[2].data, m[2].len);
    path = kb_test_write_temp(f.data, f.len, ".warc.gz");
    read_all(path, &it);
    assert_int_equal(it.n, 3);
    check_page1(&it.v[0], path, 1);
    snprintf(want, sizeof want, "%s#2", path);
    assert_int_equal(it.v[1].kind, KB_READ_REJECT);
    assert_string_equal(it.v[1].input, want);
    /* what inflate made of the damaged member before zlib noticed decides
     * which symptom is seen first; it is reported once, as record 2 */
    assert_int_equal(it.v[1].code, KB_EFORMAT);
    check_page2(&it.v[2], path, 4);
    free_items(&it);
    unlink(path);
    free(path);

    /* plain WARC whose last record is cut short */
    f.len = 0;
    kb_buf_append(&f, recs[0].data, recs[0].len);
    kb_buf_append(&f, recs[2].data, recs[2].len - 40);
    path = kb_test_write_temp(f.data, f.len, ".warc");
    read_all(path, &it);
    assert_int_equal(it.n, 2);
    check_page1(&it.v[0], path, 1);
    snprintf(want, sizeof want, "%s#2", path);
    assert_int_equal(it.v[1].kind, KB_READ_REJECT);
    assert_string_equal(it.v[1].input, want);
    assert_non_null(strstr(it.v[1].message, "record cut short"));
    free_items(&it);
    unlink(path);
    free(path);

    /* junk between records is reported once, then reading goes on */
    f.len = 0;
    kb_buf_append(&f, recs[0].data, recs[0].len);
    kb_buf_puts(&f, "this line is not part of any record\r\n");
    kb_buf_append(&f, recs[2].data, recs[2].len);
    path = kb_test_write_temp(f.data, f.len, ".warc");
    read_all(path, &it);
    assert_int_equal(it.n, 3);
    check_page1(&it.v[0], path, 1);
    assert_int_equal(it.v[1].kind, KB_READ_REJECT);
    assert_string_equal(it.v[1].input, path);
    assert_non_null(strstr(it.v[1].message, "not a WARC record"));
    check_page2(&it.v[2], path, 2);
    free_items(&it);
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
