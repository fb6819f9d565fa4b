/* tests/test_read.c -- the read stage on plain inputs: files, directories,
 * stdin, charsets, UTF-8 repair, binary/empty/oversized rejections, gzip,
 * and kb_read_memory. */
#include "kb_test.h"

#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define SAMPLE "samples/000_f122214a9d49da4a.txt"

/* Read one path with a fresh reader; the first item is returned, and the
 * reader must have nothing more after it. */
static kb_read_item read_one(const char *path, size_t max)
{
    kb_read_opts o = { .max_doc_bytes = max };
    kb_reader *r = kb_reader_new(&o);
    assert_non_null(r);
    assert_int_equal(kb_reader_add(r, path), KB_OK);
    kb_read_item item, end;
    assert_int_equal(kb_reader_next(r, &item), KB_OK);
    assert_int_equal(kb_reader_next(r, &end), KB_OK);
    assert_int_equal(end.kind, KB_READ_END);
    kb_reader_free(r);
    return item;
}

static char *sample(size_t *len)
{
    char *s = kb_test_read_file(kb_test_path(SAMPLE), len);
    assert_non_null(s);
    return s;
}

static int has_warning(const kb_doc *d, const char *text)
{
    for (size_t i = 0; i < d->nwarnings; i++)
        if (strstr(d->warnings[i], text)) return 1;
    return 0;
}

static size_t count_str(const char *s, const char *what)
{
    size_t n = 0, wl = strlen(what);
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += wl) n++;
    return n;
}

static void utf8_sample_read_as_is(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    kb_read_item it = read_one(kb_test_path(SAMPLE), 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    kb_doc *d = it.doc;
    assert_int_equal(d->len, len);
    assert_memory_equal(d->data, text, len);
    assert_int_equal(d->data[d->len], '\0');
    assert_string_equal(d->charset, "UTF-8");
    assert_int_equal(d->format, KB_FMT_TEXT);
    assert_int_equal(d->part, 0);
    assert_string_equal(d->input, kb_test_path(SAMPLE));
    assert_int_equal(d->nwarnings, 0);
    assert_null(d->url);
    assert_null(d->published);
    assert_non_null(strstr(d->data, "الحوار الأمني بين العراق والولايات المتحدة"));
    kb_doc_free(d);
    free(text);
}

static void utf8_bom_is_stripped(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    char *bytes = malloc(len + 3);
    memcpy(bytes, "\xEF\xBB\xBF", 3);
    memcpy(bytes + 3, text, len);
    char *path = kb_test_write_temp(bytes, len + 3, ".txt");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    assert_int_equal(it.doc->len, len);
    assert_memory_equal(it.doc->data, text, len);
    assert_string_equal(it.doc->charset, "UTF-8");
    kb_doc_free(it.doc);
    unlink(path);
    free(path);
    free(bytes);
    free(text);
}

/* iconv the whole of s to cs (every character must exist there). */
static char *to_charset(const char *s, size_t len, const char *cs, size_t *out_len)
{
    iconv_t cd = iconv_open(cs, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = len * 4 + 16, left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)s;
    size_t inleft = len;
    assert_int_not_equal(iconv(cd, &in, &inleft, &o, &left), (size_t)-1);
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

/* Keep the characters of s that cs can encode: *legacy gets them in cs,
 * the return value the same characters in UTF-8. */
static char *keep_encodable(const char *s, size_t len, const char *cs, char **legacy, size_t *legacy_len,
                            size_t *kept_len, size_t *dropped)
{
    iconv_t cd = iconv_open(cs, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *utf = malloc(len + 1), *leg = malloc(len * 2 + 1);
    size_t ul = 0, ll = 0, i = 0;
    *dropped = 0;
    while (i < len) {
        size_t st = i;
        assert_true(kb_utf8_decode(s, len, &i) >= 0);
        char *in = (char *)s + st, buf[8], *o = buf;
        size_t inleft = i - st, left = sizeof buf;
        if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
            iconv(cd, NULL, NULL, NULL, NULL);
            (*dropped)++;
            continue;
        }
        memcpy(utf + ul, s + st, i - st);
        ul += i - st;
        memcpy(leg + ll, buf, sizeof buf - left);
        ll += sizeof buf - left;
    }
    iconv_close(cd);
    utf[ul] = '\0';
    *legacy = leg;
    *legacy_len = ll;
    *kept_len = ul;
    return utf;
}

static void legacy_arabic_charsets_detected(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    static const struct { const char *iconv, *expect; size_t max_dropped; } cases[] = {
        { "WINDOWS-1256", "WINDOWS-1256", 0 },
        { "ISO-8859-6", "ISO-8859-6", 20 },   /* “ ” • are not in ISO-8859-6 */
    };
    for (size_t k = 0; k < 2; k++) {
        char *legacy;
        size_t ll, ul, dropped;
        char *expect = keep_encodable(text, len, cases[k].iconv, &legacy, &ll, &ul, &dropped);
        assert_true(dropped <= cases[k].max_dropped);
        assert_false(kb_utf8_valid(legacy, ll));
        char *path = kb_test_write_temp(legacy, ll, ".txt");
        kb_read_item it = read_one(path, 0);
        assert_int_equal(it.kind, KB_READ_DOC);
        assert_string_equal(it.doc->charset, cases[k].expect);
        assert_int_equal(it.doc->len, ul);
        assert_memory_equal(it.doc->data, expect, ul);
        assert_int_equal(it.doc->nwarnings, 0);
        kb_doc_free(it.doc);
        unlink(path);
        free(path);
        free(legacy);
        free(expect);
    }
    free(text);
}

static void utf16_with_bom_converted(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    static const struct { const char *cs; const char *bom; } cases[] = {
        { "UTF-16LE", "\xFF\xFE" }, { "UTF-16BE", "\xFE\xFF" },
    };
    for (size_t k = 0; k < 2; k++) {
        size_t n;
        char *u16 = to_charset(text, len, cases[k].cs, &n);
        char *bytes = malloc(n + 2);
        memcpy(bytes, cases[k].bom, 2);
        memcpy(bytes + 2, u16, n);
        char *path = kb_test_write_temp(bytes, n + 2, ".txt");
        kb_read_item it = read_one(path, 0);
        assert_int_equal(it.kind, KB_READ_DOC);
        assert_string_equal(it.doc->charset, cases[k].cs);
        assert_int_equal(it.doc->len, len);
        assert_memory_equal(it.doc->data, text, len);
        kb_doc_free(it.doc);
        unlink(path);
        free(path);
        free(bytes);
        free(u16);
    }

    /* a lone high surrogate in UTF-16LE: two bytes replaced, the text after
     * it still aligned */
    size_t n, half;
    char *u16 = to_charset(text, len, "UTF-16LE", &n);
    size_t cut = len / 2;
    while (((unsigned char)text[cut] & 0xC0) == 0x80) cut++;
    char *head = to_charset(text, cut, "UTF-16LE", &half);
    kb_buf b = { 0 };
    kb_buf_append(&b, "\xFF\xFE", 2);
    kb_buf_append(&b, u16, half);
    kb_buf_append(&b, "\x00\xD8", 2);
    kb_buf_append(&b, u16 + half, n - half);
    char *path = kb_test_write_temp(b.data, b.len, ".txt");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    assert_int_equal(it.doc->len, len + 3);
    assert_memory_equal(it.doc->data, text, cut);
    assert_memory_equal(it.doc->data + cut, "\xEF\xBF\xBD", 3);
    assert_memory_equal(it.doc->data + cut + 3, text + cut, len - cut);
    assert_int_equal(it.doc->nwarnings, 1);
    assert_string_equal(it.doc->warnings[0], "replaced 2 byte(s) not valid in UTF-16LE");
    kb_doc_free(it.doc);
    unlink(path);
    free(path);
    kb_buf_free(&b);
    free(head);
    free(u16);
    free(text);
}

static void latin_text_goes_to_uchardet(void **state)
{
    (void)state;
    /* no Arabic in it: the letter statistics decline, uchardet names it */
    const char *utf = "Le président irakien a déclaré jeudi que la coalition internationale "
                      "quitterait le pays après des négociations très difficiles. « Nous "
                      "sommes prêts », a-t-il ajouté, évoquant un calendrier précis.\n";
    size_t ll;
    char *latin = to_charset(utf, strlen(utf), "ISO-8859-1", &ll);
    assert_false(kb_utf8_valid(latin, ll));
    char msg[256];
    kb_doc *d = NULL;
    assert_int_equal(kb_read_memory("fr.txt", (const unsigned char *)latin, ll, NULL, &d, msg,
                                    sizeof msg), KB_OK);
    assert_string_equal(d->data, utf);
    assert_string_not_equal(d->charset, "UTF-8");
    assert_string_not_equal(d->charset, "WINDOWS-1256");
    assert_int_equal(d->nwarnings, 0);
    kb_doc_free(d);
    free(latin);
}

static void invalid_utf8_repaired_and_counted(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    /* three bad bytes: a lone continuation byte, 0xFF, and a lead byte
     * followed by ASCII, put between (not inside) characters */
    kb_buf b = { 0 };
    size_t third = len / 3;
    while (((unsigned char)text[third] & 0xC0) == 0x80) third++;
    kb_buf_append(&b, text, third);
    kb_buf_append(&b, "\x80", 1);
    kb_buf_append(&b, text + third, len - third);
    kb_buf_append(&b, "\xFF", 1);
    kb_buf_append(&b, " \xD8x", 3);
    char *path = kb_test_write_temp(b.data, b.len, ".txt");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    kb_doc *d = it.doc;
    assert_string_equal(d->charset, "UTF-8");
    assert_true(kb_utf8_valid(d->data, d->len));
    assert_int_equal(count_str(d->data, "\xEF\xBF\xBD"), 3);
    assert_int_equal(d->nwarnings, 1);
    assert_string_equal(d->warnings[0], "repaired 3 invalid UTF-8 byte(s)");
    assert_memory_equal(d->data, text, third);
    assert_memory_equal(d->data + third, "\xEF\xBF\xBD", 3);
    assert_memory_equal(d->data + third + 3, text + third, len - third);
    assert_string_equal(d->data + d->len - 8, "\xEF\xBF\xBD \xEF\xBF\xBDx");
    kb_doc_free(d);
    unlink(path);
    free(path);
    kb_buf_free(&b);
    free(text);
}

static void binary_files_rejected(void **state)
{
    (void)state;
    unsigned char png[256] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
    for (size_t i = 16; i < sizeof png; i++) png[i] = (unsigned char)(i * 37);
    char *path = kb_test_write_temp(png, sizeof png, ".txt");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_EBINARY);
    assert_string_equal(it.input, path);
    assert_string_equal(it.message, "binary file (looks like PNG image), skipped");
    unlink(path);
    free(path);

    const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    path = kb_test_write_temp(pdf, sizeof pdf - 1, "");
    it = read_one(path, 0);
    assert_int_equal(it.code, KB_EBINARY);
    assert_non_null(strstr(it.message, "PDF document"));
    unlink(path);
    free(path);

    /* no magic, but NUL bytes all over: a raw binary blob */
    unsigned char blob[4096];
    for (size_t i = 0; i < sizeof blob; i++) blob[i] = (unsigned char)((i * 2654435761u) >> 13);
    path = kb_test_write_temp(blob, sizeof blob, ".dat");
    it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_EBINARY);
    assert_non_null(strstr(it.message, "binary file"));
    unlink(path);
    free(path);
}

static void empty_and_blank_rejected(void **state)
{
    (void)state;
    char *path = kb_test_write_temp("", 0, ".txt");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_EEMPTY);
    assert_string_equal(it.message, "empty file, skipped");
    unlink(path);
    free(path);

    const char blank[] = "  \n\t\r\n\xC2\xA0\xE3\x80\x80\n   ";  /* NBSP, ideographic space */
    path = kb_test_write_temp(blank, sizeof blank - 1, ".txt");
    it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_EEMPTY);
    assert_non_null(strstr(it.message, "white space"));
    unlink(path);
    free(path);
}

static void size_limit_checked_without_reading(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    char tmpl[] = "/tmp/khabar-test-big-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    size_t total = 0, target = (size_t)50 << 20;
    while (total + len <= target) {
        assert_int_equal(write(fd, text, len), (ssize_t)len);
        total += len;
    }
    for (; total < target; total++) assert_int_equal(write(fd, "\n", 1), 1);
    close(fd);

    kb_read_item it = read_one(tmpl, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_ETOOBIG);
    assert_string_equal(it.message, "is 50.0 MiB, over the 10.0 MiB size limit, skipped");

    it = read_one(tmpl, (size_t)64 << 20);
    assert_int_equal(it.kind, KB_READ_DOC);
    assert_int_equal(it.doc->len, total);
    assert_memory_equal(it.doc->data, text, 1000);
    kb_doc_free(it.doc);

    /* the same as a stream (gzip): stopped at the limit, not read whole */
    char gzpath[64];
    snprintf(gzpath, sizeof gzpath, "%s.gz", tmpl);
    gzFile gz = gzopen(gzpath, "wb1");
    assert_non_null(gz);
    for (size_t done = 0; done < target; done += len) gzwrite(gz, text, (unsigned)len);
    gzclose(gz);
    it = read_one(gzpath, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_ETOOBIG);
    assert_string_equal(it.message, "decompresses to more than 10.0 MiB (the size limit), skipped");
    unlink(gzpath);
    unlink(tmpl);
    free(text);
}

static void gzip_good_and_truncated(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    kb_buf z = { 0 };
    kb_test_gzip(&z, text, len);

    char *path = kb_test_write_temp(z.data, z.len, ".txt.gz");
    kb_read_item it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    assert_int_equal(it.doc->len, len);
    assert_memory_equal(it.doc->data, text, len);
    assert_int_equal(it.doc->nwarnings, 0);
    assert_string_equal(it.doc->input, path);
    kb_doc_free(it.doc);
    unlink(path);
    free(path);

    /* cut in the middle: what was decoded comes out, with a warning */
    path = kb_test_write_temp(z.data, z.len / 2, ".txt.gz");
    it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    kb_doc *d = it.doc;
    assert_true(d->len > len / 4 && d->len < len);
    assert_true(kb_utf8_valid(d->data, d->len));
    /* a character cut at the end may have become U+FFFD; all before is intact */
    size_t same = 0;
    while (same < d->len && d->data[same] == text[same]) same++;
    assert_true(same + 4 >= d->len);
    assert_true(has_warning(d, "gzip data truncated"));
    kb_doc_free(d);
    unlink(path);
    free(path);

    /* only the header: nothing usable */
    path = kb_test_write_temp(z.data, 12, ".gz");
    it = read_one(path, 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_EFORMAT);
    assert_non_null(strstr(it.message, "truncated"));
    unlink(path);
    free(path);
    kb_buf_free(&z);
    free(text);
}

static void write_file(const char *dir, const char *name, const char *content)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void directory_walk_in_name_order(void **state)
{
    (void)state;
    char *dir = kb_test_temp_dir();
    char sub[256], hid[256], deeper[256], link[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(deeper, sizeof deeper, "%s/sub/deeper", dir);
    snprintf(hid, sizeof hid, "%s/.hidden", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(deeper, 0700), 0);
    assert_int_equal(mkdir(hid, 0700), 0);
    write_file(dir, "b.txt", "النص ب");
    write_file(dir, "a.txt", "النص أ");
    write_file(dir, "B.txt", "text B upper");        /* 'B' < 'a' < 'b' byte-wise */
    write_file(dir, ".secret.txt", "hidden file");
    write_file(dir, "README.md", "notes about this folder");
    write_file(hid, "x.txt", "inside a hidden directory");
    write_file(sub, "c.txt", "النص ج");
    write_file(deeper, "d.txt", "النص د");
    write_file(dir, "sub0.txt", "after sub/ ('/' is not compared: names are)");
    snprintf(link, sizeof link, "%s/loop", deeper);
    assert_int_equal(symlink("..", link), 0);          /* sub/deeper/loop -> sub */

    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, dir);
    const char *expect[] = { "B.txt", "a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "sub0.txt" };
    const char *texts[] = { "text B upper", "النص أ", "النص ب", "النص ج", "النص د", NULL };
    size_t n = 0;
    kb_read_item it;
    while (kb_reader_next(r, &it) == KB_OK && it.kind != KB_READ_END) {
        assert_int_equal(it.kind, KB_READ_DOC);
        assert_true(n < 6);
        char want[512];
        snprintf(want, sizeof want, "%s/%s", dir, expect[n]);
        assert_string_equal(it.doc->input, want);
        if (texts[n]) assert_string_equal(it.doc->data, texts[n]);
        kb_doc_free(it.doc);
        n++;
    }
    assert_int_equal(n, 6);
    kb_reader_free(r);

    /* a hidden file named on its own is read */
    char secret[512];
    snprintf(secret, sizeof secret, "%s/.secret.txt", dir);
    it = read_one(secret, 0);
    assert_int_equal(it.kind, KB_READ_DOC);
    kb_doc_free(it.doc);
    kb_test_remove_tree(dir);
    free(dir);
}

static void missing_path_rejected(void **state)
{
    (void)state;
    kb_read_item it = read_one("/tmp/khabar-test-no-such-file.txt", 0);
    assert_int_equal(it.kind, KB_READ_REJECT);
    assert_int_equal(it.code, KB_ENOTFOUND);
    assert_string_equal(it.input, "/tmp/khabar-test-no-such-file.txt");
    assert_string_equal(it.message, "cannot open: No such file or directory");
}

static void stdin_through_a_pipe(void **state)
{
    (void)state;
    size_t len;
    char *text = sample(&len);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fds[1], text + off, len - off);
            if (w <= 0) _exit(1);
            off += (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    int saved = dup(0);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fds[0], 0), 0);
    close(fds[0]);
    kb_read_item it = read_one("-", 0);
    dup2(saved, 0);
    close(saved);
    assert_int_equal(it.kind, KB_READ_DOC);
    assert_string_equal(it.doc->input, "-");
    assert_int_equal(it.doc->len, len);
    assert_memory_equal(it.doc->data, text, len);
    kb_doc_free(it.doc);
    free(text);
}

static void html_detected(void **state)
{
    (void)state;
    const char *page = "\xEF\xBB\xBF  <!-- saved by a crawler -->\n<!DOCTYPE html>\n<html lang=\"ar\"><head>"
                       "<meta charset=\"utf-8\"><title>خبر</title></head><body><p>نص الخبر</p></body></html>";
    char msg[256];
    kb_doc *d = NULL;
    assert_int_equal(kb_read_memory("page", (const unsigned char *)page, strlen(page), NULL, &d,
                                    msg, sizeof msg), KB_OK);
    assert_int_equal(d->format, KB_FMT_HTML);
    assert_string_equal(d->input, "page");
    kb_doc_free(d);

    /* a fragment without a doctype, but plenty of tags */
    const char *frag = "<div class=\"post\"><h1>عنوان</h1><p>فقرة أولى</p><p>فقرة ثانية</p>"
                       "<p>ثالثة <a href=\"/x\">رابط</a></p><ul><li>١</li><li>٢</li></ul></div>";
    assert_int_equal(kb_read_memory("frag", (const unsigned char *)frag, strlen(frag), NULL, &d,
                                    msg, sizeof msg), KB_OK);
    assert_int_equal(d->format, KB_FMT_HTML);
    kb_doc_free(d);

    /* by extension, even when the content alone would not tell */
    const char *tiny = "مرحبا <b>بكم</b>";
    assert_int_equal(kb_read_memory("x.htm", (const unsigned char *)tiny, strlen(tiny), NULL, &d,
                                    msg, sizeof msg), KB_OK);
    assert_int_equal(d->format, KB_FMT_HTML);
    kb_doc_free(d);
    assert_int_equal(kb_read_memory("x.txt", (const unsigned char *)tiny, strlen(tiny), NULL, &d,
                                    msg, sizeof msg), KB_OK);
    assert_int_equal(d->format, KB_FMT_TEXT);
    kb_doc_free(d);
}

static void memory_reads_like_a_file(void **state)
{
    (void)state;
    size_t len, ll, ul, dropped;
    char *text = sample(&len);
    char msg[256];
    kb_doc *d = NULL;

    /* Windows-1256 declared by an HTTP header is not needed: detected */
    char *legacy;
    char *expect = keep_encodable(text, len, "WINDOWS-1256", &legacy, &ll, &ul, &dropped);
    assert_int_equal(kb_read_memory("post", (const unsigned char *)legacy, ll, NULL, &d, msg,
                                    sizeof msg), KB_OK);
    assert_string_equal(d->charset, "WINDOWS-1256");
    assert_string_equal(d->data, expect);
    kb_doc_free(d);
    free(legacy);
    free(expect);

    kb_buf z = { 0 };
    kb_test_gzip(&z, text, len);
    assert_int_equal(kb_read_memory("post.gz", (const unsigned char *)z.data, z.len, NULL, &d, msg,
                                    sizeof msg), KB_OK);
    assert_int_equal(d->len, len);
    assert_memory_equal(d->data, text, len);
    kb_doc_free(d);

    kb_read_opts small = { .max_doc_bytes = 1000 };
    assert_int_equal(kb_read_memory("post", (const unsigned char *)text, len, &small, &d, msg,
                                    sizeof msg), KB_ETOOBIG);
    assert_null(d);
    assert_non_null(strstr(msg, "size limit"));
    assert_int_equal(kb_read_memory("post.gz", (const unsigned char *)z.data, z.len, &small, &d, msg,
                                    sizeof msg), KB_ETOOBIG);

    const unsigned char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";
    assert_int_equal(kb_read_memory("post", elf, sizeof elf - 1, NULL, &d, msg, sizeof msg), KB_EBINARY);
    assert_string_equal(msg, "binary file (looks like ELF executable), skipped");
    assert_int_equal(kb_read_memory("post", (const unsigned char *)" \n", 2, NULL, &d, msg,
                                    sizeof msg), KB_EEMPTY);
    assert_int_equal(kb_read_memory("post", (const unsigned char *)"", 0, NULL, &d, msg,
                                    sizeof msg), KB_EEMPTY);
    kb_buf_free(&z);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_sample_read_as_is),
        cmocka_unit_test(utf8_bom_is_stripped),
        cmocka_unit_test(legacy_arabic_charsets_detected),
        cmocka_unit_test(utf16_with_bom_converted),
        cmocka_unit_test(latin_text_goes_to_uchardet),
        cmocka_unit_test(invalid_utf8_repaired_and_counted),
        cmocka_unit_test(binary_files_rejected),
        cmocka_unit_test(empty_and_blank_rejected),
        cmocka_unit_test(size_limit_checked_without_reading),
        cmocka_unit_test(gzip_good_and_truncated),
        cmocka_unit_test(directory_walk_in_name_order),
        cmocka_unit_test(missing_path_rejected),
        cmocka_unit_test(stdin_through_a_pipe),
        cmocka_unit_test(html_detected),
        cmocka_unit_test(memory_reads_like_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
