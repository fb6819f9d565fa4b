/* tests/test_read_records.c -- the read stage on record containers: JSONL
 * (bad lines in the middle), crawler field mapping (news-please,
 * SaudiNewsNet), JSON arrays, ZIP archives built here, and a real
 * SaudiNewsNet zip from ../shared. */
#include "kb_test.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define NEWS_PLEASE                                                                         \
    "{\"url\": \"https://www.aljazeera.net/news/2024/1/25/iraq-us\", "                       \
    "\"title\": \"واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري\", "                         \
    "\"maintext\": \"أعلنت الولايات المتحدة والعراق بدء محادثات حول مستقبل التحالف.\", "   \
    "\"date_publish\": \"2024-01-25 10:05:00\", \"date_download\": \"2024-01-26 08:00:00\", " \
    "\"date_modify\": \"2024-01-25 12:30:00\", \"authors\": [\"علي أحمد\", \"Sara Lee\"], "   \
    "\"source_domain\": \"www.aljazeera.net\", \"language\": \"ar\"}"

#define SAUDI                                                                               \
    "{\"source\": \"alriyadh\", \"url\": \"http://www.alriyadh.com/1068001\", "              \
    "\"date_extracted\": \"2015-07-21 02:51:32\", \"title\": \"أمير الرياض يستقبل\", "       \
    "\"author\": \"\", \"content\": \" الرياض - واس\\nاستقبل صاحب السمو الملكي أمير منطقة الرياض.\"}"

static void jsonl_bad_line_in_the_middle(void **state)
{
    (void)state;
    const char *text =
        NEWS_PLEASE "\n"
        "{\"title\": \"مقطوع\", \"content\": \"نص\"\n"                       /* 2: not closed */
        "\n"                                                                  /* 3: blank */
        SAUDI "\r\n"                                                          /* 4: CRLF */
        "[1, 2]\n"                                                            /* 5: not an object */
        "{\"title\": \"بلا نص\", \"url\": \"http://x.example/\"}\n"           /* 6: no body */
        "{\"html\": \"<!DOCTYPE html><html><body><p>خبر</p></body></html>\", "
        "\"published_at\": 1721729100, \"title\": \"صفحة\"}";                 /* 7: no final \n */
    char *path = kb_test_write_temp(text, strlen(text), ".jsonl");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 6);
    kb_test_assert_doc(&it.v[0], path, 1);
    kb_test_assert_reject(&it.v[1], path, 2, KB_EFORMAT, "bad JSON");
    kb_test_assert_doc(&it.v[2], path, 4);
    kb_test_assert_reject(&it.v[3], path, 5, KB_EFORMAT, "not a JSON object");
    kb_test_assert_reject(&it.v[4], path, 6, KB_EEMPTY, "no body field");
    kb_test_assert_doc(&it.v[5], path, 7);

    /* news-please: fields mapped, the download date is the crawl date */
    kb_doc *d = it.v[0].doc;
    assert_int_equal(d->format, KB_FMT_TEXT);
    assert_string_equal(d->data, "أعلنت الولايات المتحدة والعراق بدء محادثات حول مستقبل التحالف.");
    assert_string_equal(d->url, "https://www.aljazeera.net/news/2024/1/25/iraq-us");
    assert_string_equal(d->title, "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري");
    assert_string_equal(d->published, "2024-01-25T10:05:00");
    assert_string_equal(d->updated, "2024-01-25T12:30:00");
    assert_string_equal(d->crawl_date, "2024-01-26T08:00:00");
    assert_string_equal(d->author, "علي أحمد, Sara Lee");
    assert_string_equal(d->source, "www.aljazeera.net");
    assert_string_equal(d->charset, "UTF-8");

    /* SaudiNewsNet: date_extracted is a crawl time, never the publication */
    d = it.v[2].doc;
    assert_string_equal(d->data, " الرياض - واس\nاستقبل صاحب السمو الملكي أمير منطقة الرياض.");
    assert_string_equal(d->crawl_date, "2015-07-21T02:51:32");
    assert_null(d->published);
    assert_null(d->author);                     /* "" is no author */
    assert_string_equal(d->source, "alriyadh");
    assert_string_equal(d->title, "أمير الرياض يستقبل");

    /* html field -> HTML; a Unix time -> ISO in UTC */
    d = it.v[5].doc;
    assert_int_equal(d->format, KB_FMT_HTML);
    assert_string_equal(d->published, "2024-07-23T10:05:00Z");
    assert_null(d->crawl_date);
    kb_test_free_items(&it);
    unlink(path);
    free(path);
}

static void record_dates_written_as_text(void **state)
{
    (void)state;
    const char *text =
        "{\"content\": \"نص أول\", \"date\": \"الثلاثاء 23 يوليو 2024\"}\n"
        "{\"content\": \"نص ثان\", \"date\": \"غير معروف\", \"crawl_date\": \"2024-08-01T00:00:00Z\"}\n"
        "{\"text\": \"<html><head></head><body>صفحة</body></html>\", \"datePublished\": \"2024-08-12\","
        " \"author\": {\"name\": \"وكالة الأنباء\"}}\n";
    char *path = kb_test_write_temp(text, strlen(text), ".ndjson");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 3);
    kb_test_assert_doc(&it.v[0], path, 1);
    assert_string_equal(it.v[0].doc->published, "2024-07-23");
    kb_test_assert_doc(&it.v[1], path, 2);
    assert_null(it.v[1].doc->published);          /* no date in it: dropped */
    assert_string_equal(it.v[1].doc->crawl_date, "2024-08-01T00:00:00Z");
    kb_test_assert_doc(&it.v[2], path, 3);
    assert_string_equal(it.v[2].doc->published, "2024-08-12");
    assert_string_equal(it.v[2].doc->author, "وكالة الأنباء");
    assert_int_equal(it.v[2].doc->format, KB_FMT_HTML);   /* a page kept in "text" */
    kb_test_free_items(&it);
    unlink(path);
    free(path);
}

static void record_nul_characters_dropped(void **state)
{
    (void)state;
    /* \u0000 escapes in the body (a broken exporter): dropped and counted */
    const char *text = "{\"title\": \"خبر\", \"content\": \"نص\\u0000 الخبر\\u0000\"}\n";
    char *path = kb_test_write_temp(text, strlen(text), ".jsonl");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 1);
    kb_test_assert_doc(&it.v[0], path, 1);
    kb_doc *d = it.v[0].doc;
    assert_string_equal(d->data, "نص الخبر");
    assert_int_equal(d->len, strlen("نص الخبر"));
    assert_int_equal(d->nwarnings, 1);
    assert_string_equal(d->warnings[0], "removed 2 NUL character(s)");
    kb_test_free_items(&it);
    unlink(path);
    free(path);
}

static void jsonl_line_in_a_legacy_charset(void **state)
{
    (void)state;
    /* one line written by an old exporter in Windows-1256, one with a
     * broken byte in otherwise good UTF-8 */
    const char *utf = "{\"title\": \"عنوان الخبر\", \"content\": \"أعلنت وزارة الخارجية العراقية بدء الجولة الثانية من المحادثات\"}";
    iconv_t cd = iconv_open("WINDOWS-1256", "UTF-8");
    char legacy[512], *in = (char *)utf, *o = legacy;
    size_t inleft = strlen(utf), left = sizeof legacy;
    assert_int_not_equal(iconv(cd, &in, &inleft, &o, &left), (size_t)-1);
    iconv_close(cd);
    kb_buf b = { 0 };
    kb_buf_append(&b, legacy, sizeof legacy - left);
    kb_buf_puts(&b, "\n{\"content\": \"نص \xD8 مكسور\"}\n");
    char *path = kb_test_write_temp(b.data, b.len, ".jsonl");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 2);
    kb_test_assert_doc(&it.v[0], path, 1);
    assert_string_equal(it.v[0].doc->charset, "WINDOWS-1256");
    assert_string_equal(it.v[0].doc->title, "عنوان الخبر");
    assert_string_equal(it.v[0].doc->data, "أعلنت وزارة الخارجية العراقية بدء الجولة الثانية من المحادثات");
    kb_test_assert_doc(&it.v[1], path, 2);
    assert_string_equal(it.v[1].doc->data, "نص \xEF\xBF\xBD مكسور");
    assert_int_equal(it.v[1].doc->nwarnings, 1);
    assert_string_equal(it.v[1].doc->warnings[0], "repaired 1 invalid UTF-8 byte(s)");
    kb_test_free_items(&it);
    unlink(path);
    free(path);
    kb_buf_free(&b);
}

static void json_array_streamed(void **state)
{
    (void)state;
    const char *text =
        "\xEF\xBB\xBF[\n  " SAUDI ",\n"
        "  {\"content\": \"نص\" \"بلا فاصلة\"},\n"                 /* 2: bad JSON */
        "  {\"content\": \"فيه {أقواس} و\\\"اقتباس\\\" و]\", \"title\": \"ثالث\"}\n]\n";
    char *path = kb_test_write_temp(text, strlen(text), ".json");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 3);
    kb_test_assert_doc(&it.v[0], path, 1);
    assert_string_equal(it.v[0].doc->source, "alriyadh");
    kb_test_assert_reject(&it.v[1], path, 2, KB_EFORMAT, "bad JSON");
    kb_test_assert_doc(&it.v[2], path, 3);
    assert_string_equal(it.v[2].doc->data, "فيه {أقواس} و\"اقتباس\" و]");
    kb_test_free_items(&it);
    unlink(path);
    free(path);

    /* cut inside the second element: the first still comes out */
    size_t cut = strlen("\xEF\xBB\xBF[\n  " SAUDI ",\n  {\"content\": \"نص");
    path = kb_test_write_temp(text, cut, ".json");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 2);
    kb_test_assert_doc(&it.v[0], path, 1);
    kb_test_assert_reject(&it.v[1], path, 2, KB_EFORMAT, "JSON ends inside");
    kb_test_free_items(&it);
    unlink(path);
    free(path);
}

static void json_objects_without_a_hint(void **state)
{
    (void)state;
    /* a JSONL export without extension whose first record is longer than
     * the bytes looked at to decide what a file is */
    kb_buf b = { 0 };
    kb_buf_puts(&b, "{\"title\": \"طويل\", \"content\": \"");
    for (int i = 0; i < 8000; i++) kb_buf_puts(&b, "كلمات ");
    kb_buf_puts(&b, "\"}\n" SAUDI "\n");
    char *path = kb_test_write_temp(b.data, b.len, "");
    kb_test_items it;
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 2);
    kb_test_assert_doc(&it.v[0], path, 1);
    assert_string_equal(it.v[0].doc->title, "طويل");
    assert_int_equal(it.v[0].doc->len, 8000 * strlen("كلمات "));
    kb_test_assert_doc(&it.v[1], path, 2);
    assert_string_equal(it.v[1].doc->source, "alriyadh");
    kb_test_free_items(&it);
    unlink(path);
    free(path);
    kb_buf_free(&b);

    /* one pretty-printed object in a .json file */
    const char *pretty = "{\n  \"url\": \"http://x.example/a\",\n  \"text\": \"نص الخبر\",\n"
                         "  \"published\": \"2024-09-27T14:00:00+03:00\"\n}\n";
    path = kb_test_write_temp(pretty, strlen(pretty), ".json");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 1);
    kb_test_assert_doc(&it.v[0], path, 1);
    assert_string_equal(it.v[0].doc->published, "2024-09-27T14:00:00+03:00");
    assert_string_equal(it.v[0].doc->data, "نص الخبر");
    kb_test_free_items(&it);
    unlink(path);
    free(path);
}

static void jsonl_gzipped(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/khabar-test-XXXXXX.jsonl.gz";
    int fd = mkstemps(tmpl, 9);
    assert_true(fd >= 0);
    close(fd);
    gzFile gz = gzopen(tmpl, "wb");
    gzputs(gz, NEWS_PLEASE "\n" SAUDI "\n");
    gzclose(gz);
    kb_test_items it;
    kb_test_read_all(tmpl, &it);
    assert_int_equal(it.n, 2);
    kb_test_assert_doc(&it.v[0], tmpl, 1);
    kb_test_assert_doc(&it.v[1], tmpl, 2);
    assert_string_equal(it.v[1].doc->source, "alriyadh");
    kb_test_free_items(&it);
    unlink(tmpl);
}

/* ------------------------------------------------------------ ZIP builder */

typedef struct zipw {
    kb_buf data, cd;
    unsigned n;
} zipw;

static void put16(kb_buf *b, unsigned v)
{
    char c[2] = { (char)(v & 0xff), (char)(v >> 8 & 0xff) };
    kb_buf_append(b, c, 2);
}

static void put32(kb_buf *b, unsigned long v)
{
    put16(b, (unsigned)(v & 0xffff));
    put16(b, (unsigned)(v >> 16 & 0xffff));
}

/* Add an entry, deflated when deflated is set; bad_crc stores a wrong CRC. */
static void zip_add(zipw *z, const char *name, const char *content, int deflated, int bad_crc)
{
    size_t len = strlen(content), clen = len;
    unsigned char *comp = (unsigned char *)strdup(content);
    if (deflated) {
        z_stream s = { 0 };
        assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
        size_t cap = deflateBound(&s, len) + 16;
        free(comp);
        comp = malloc(cap);
        s.next_in = (unsigned char *)content;
        s.avail_in = (uInt)len;
        s.next_out = comp;
        s.avail_out = (uInt)cap;
        assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
        clen = s.total_out;
        deflateEnd(&s);
    }
    unsigned long crc = crc32(0, (const unsigned char *)content, (uInt)len) ^ (bad_crc ? 1 : 0);
    unsigned long off = z->data.len;
    size_t nl = strlen(name);
    kb_buf *hdrs[2] = { &z->data, &z->cd };
    for (int k = 0; k < 2; k++) {
        kb_buf *b = hdrs[k];
        put32(b, k ? 0x02014b50 : 0x04034b50);
        if (k) put16(b, 20);                      /* version made by */
        put16(b, 20);                             /* version needed */
        put16(b, 0);                              /* flags */
        put16(b, deflated ? 8 : 0);
        put16(b, 0);
        put16(b, 0x21);                           /* time, date */
        put32(b, crc);
        put32(b, clen);
        put32(b, len);
        put16(b, (unsigned)nl);
        put16(b, 0);                              /* extra */
        if (k) {
            put16(b, 0);                          /* comment */
            put16(b, 0);                          /* disk */
            put16(b, 0);                          /* internal attrs */
            put32(b, 0);                          /* external attrs */
            put32(b, off);
        }
        kb_buf_append(b, name, nl);
        if (!k) kb_buf_append(b, (const char *)comp, clen);
    }
    z->n++;
    free(comp);
}

static char *zip_finish(zipw *z, const char *suffix)
{
    unsigned long cd_off = z->data.len;
    kb_buf_append(&z->data, z->cd.data, z->cd.len);
    put32(&z->data, 0x06054b50);
    put16(&z->data, 0);
    put16(&z->data, 0);
    put16(&z->data, z->n);
    put16(&z->data, z->n);
    put32(&z->data, z->cd.len);
    put32(&z->data, cd_off);
    put16(&z->data, 0);
    char *path = kb_test_write_temp(z->data.data, z->data.len, suffix);
    kb_buf_free(&z->data);
    kb_buf_free(&z->cd);
    return path;
}

static void zip_of_records(void **state)
{
    (void)state;
    zipw z = { 0 };
    zip_add(&z, "2024-01-25.json", "[" NEWS_PLEASE ",\n" SAUDI "]", 1, 0);
    zip_add(&z, "notes/page.txt", "نص صفحة محفوظة كما هي", 0, 0);
    zip_add(&z, "logo.png", "\x89PNG\r\n\x1a\n not read", 0, 0);
    zip_add(&z, ".hidden.json", "[" SAUDI "]", 1, 0);
    zip_add(&z, "broken.jsonl", SAUDI "\n", 1, 1);
    char *path = zip_finish(&z, ".zip");
    kb_test_items it;
    kb_test_read_all(path, &it);
    char name[1100];
    assert_int_equal(it.n, 5);
    snprintf(name, sizeof name, "%s:2024-01-25.json", path);
    kb_test_assert_doc(&it.v[0], name, 1);
    assert_string_equal(it.v[0].doc->source, "www.aljazeera.net");
    kb_test_assert_doc(&it.v[1], name, 2);
    assert_string_equal(it.v[1].doc->crawl_date, "2015-07-21T02:51:32");
    assert_int_equal(it.v[2].kind, KB_READ_DOC);
    snprintf(name, sizeof name, "%s:notes/page.txt", path);
    assert_string_equal(it.v[2].doc->input, name);
    assert_string_equal(it.v[2].doc->data, "نص صفحة محفوظة كما هي");
    assert_int_equal(it.v[2].doc->part, 0);
    /* the damaged entry: its record is read, then the CRC is reported */
    snprintf(name, sizeof name, "%s:broken.jsonl", path);
    kb_test_assert_doc(&it.v[3], name, 1);
    assert_int_equal(it.v[4].kind, KB_READ_REJECT);
    assert_string_equal(it.v[4].input, name);
    assert_non_null(strstr(it.v[4].message, "CRC"));
    kb_test_free_items(&it);

    /* the same zip through a pipe-like source (gzip around it): read in memory */
    size_t len;
    char *bytes = kb_test_read_file(path, &len);
    char gzpath[] = "/tmp/khabar-test-XXXXXX.zip.gz";
    int fd = mkstemps(gzpath, 7);
    close(fd);
    gzFile gz = gzopen(gzpath, "wb");
    gzwrite(gz, bytes, (unsigned)len);
    gzclose(gz);
    kb_test_read_all(gzpath, &it);
    assert_int_equal(it.n, 5);
    snprintf(name, sizeof name, "%s:2024-01-25.json", gzpath);
    kb_test_assert_doc(&it.v[0], name, 1);
    kb_test_free_items(&it);
    unlink(gzpath);
    free(bytes);
    unlink(path);
    free(path);

    /* a zip that is not ours (an Office document) */
    zipw o = { 0 };
    zip_add(&o, "[Content_Types].xml", "<Types/>", 1, 0);
    zip_add(&o, "word/document.xml", "<w:document/>", 1, 0);
    path = zip_finish(&o, ".docx");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 1);
    assert_int_equal(it.v[0].kind, KB_READ_REJECT);
    assert_int_equal(it.v[0].code, KB_EBINARY);
    assert_non_null(strstr(it.v[0].message, "binary file (looks like"));
    unlink(path);
    free(path);

    /* cut before its central directory */
    zipw t = { 0 };
    zip_add(&t, "a.json", "[" SAUDI "]", 1, 0);
    path = zip_finish(&t, ".zip");
    bytes = kb_test_read_file(path, &len);
    unlink(path);
    free(path);
    path = kb_test_write_temp(bytes, len - 30, ".zip");
    kb_test_read_all(path, &it);
    assert_int_equal(it.n, 1);
    assert_int_equal(it.v[0].code, KB_EFORMAT);
    assert_non_null(strstr(it.v[0].message, "damaged ZIP archive"));
    unlink(path);
    free(path);
    free(bytes);
}

static void saudinewsnet_zip_counts(void **state)
{
    (void)state;
    KB_REQUIRE_SHARED();
    char path[1024];
    snprintf(path, sizeof path, "%s/saudinewsnet/2015-07-21.zip", kb_test_shared_data());
    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, path);
    size_t docs = 0, empty = 0, other = 0;
    kb_read_item it;
    while (kb_reader_next(r, &it) == KB_OK && it.kind != KB_READ_END) {
        if (it.kind == KB_READ_REJECT) {
            if (it.code == KB_EEMPTY) empty++;
            else other++;
            continue;
        }
        kb_doc *d = it.doc;
        if (docs == 0) {
            assert_string_equal(d->title, "بريطانيا: أربعة محاور لاستراتيجية جديدة تتصدى للتطرف على مدى خمس سنوات");
            assert_string_equal(d->author, "لندن: رنيم حنوش");
            assert_string_equal(d->source, "aawsat");
        }
        assert_non_null(d->crawl_date);
        assert_memory_equal(d->crawl_date, "2015-07-21T", 11);
        assert_null(d->published);
        assert_non_null(d->url);
        assert_int_equal(d->format, KB_FMT_TEXT);
        assert_int_equal(d->part, (int)(docs + empty + 1));
        docs++;
        kb_doc_free(d);
    }
    kb_reader_free(r);
    assert_int_equal(docs + empty, 2972);   /* the README's count */
    assert_int_equal(empty, 84);            /* blank "content" */
    assert_int_equal(other, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_bad_line_in_the_middle),
        cmocka_unit_test(record_dates_written_as_text),
        cmocka_unit_test(record_nul_characters_dropped),
        cmocka_unit_test(jsonl_line_in_a_legacy_charset),
        cmocka_unit_test(json_array_streamed),
        cmocka_unit_test(json_objects_without_a_hint),
        cmocka_unit_test(jsonl_gzipped),
        cmocka_unit_test(zip_of_records),
        cmocka_unit_test(saudinewsnet_zip_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
