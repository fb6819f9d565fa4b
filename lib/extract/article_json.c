/* extract/article_json.c -- the JSON form of a kb_article, as `khabar clean
 * --json` prints it and the store and API return it. Keys in a fixed order.
 *
 * Written straight into a buffer rather than through a JSON library: it runs
 * once per article on the hot path of `clean` and `ingest`, where building a
 * tree of objects first cost a sixth of the time. */
#include "khabar.h"

#include <stdlib.h>
#include <string.h>

/* A buffer with a sticky error: one check at the end instead of one per
 * append. */
typedef struct jw {
    kb_buf b;
    int err;
} jw;

static void w_append(jw *w, const char *s, size_t n)
{
    if (kb_buf_append(&w->b, s, n) != KB_OK) w->err = 1;
}

static void w_puts(jw *w, const char *s)
{
    w_append(w, s, strlen(s));
}

/* A JSON string. Bytes that are not valid UTF-8 (which the reader never lets
 * through) become U+FFFD, so the output is always valid JSON. */
static void put_str(jw *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    w_append(b, "\"", 1);
    size_t len = strlen(s), i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        /* A run of bytes that need no escaping: printable ASCII and valid
         * UTF-8 sequences. */
        size_t run = i;
        while (run < len) {
            unsigned char c = u[run];
            if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) { run++; continue; }
            if (c >= 0xC2 && c <= 0xDF && run + 1 < len && (u[run + 1] & 0xC0) == 0x80) { run += 2; continue; }
            if (c >= 0x80) {
                size_t k = run;
                if (kb_utf8_decode(s, len, &k) >= 0) { run = k; continue; }
            }
            break;
        }
        if (run > i) w_append(b, s + i, run - i);
        i = run;
        if (i >= len) break;
        unsigned char c = u[i];
        if (c >= 0x80) {   /* invalid UTF-8 */
            w_append(b, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        char esc[7] = { '\\', 0 };
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            break;
        }
        w_append(b, esc, esc[1] == 'u' ? 6 : 2);
        i++;
    }
    w_append(b, "\"", 1);
}

static void put_key(jw *b, const char *key, int first)
{
    if (!first) w_append(b, ",", 1);
    w_append(b, "\"", 1);
    w_puts(b, key);
    w_puts(b, "\":");
}

static void put_field(jw *b, const char *key, const char *v)
{
    put_key(b, key, 0);
    if (v) put_str(b, v);
    else w_puts(b, "null");
}

static void put_array(jw *b, const char *key, const char *const *v, size_t n)
{
    put_key(b, key, 0);
    w_append(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (i) w_append(b, ",", 1);
        put_str(b, v[i]);
    }
    w_append(b, "]", 1);
}

char *kb_article_json(const kb_article *a)
{
    jw b = { { 0 }, 0 };
    if (kb_buf_reserve(&b.b, 512 + (a->text ? strlen(a->text) + strlen(a->text) / 8 : 0)) != KB_OK)
        return NULL;
    w_append(&b, "{", 1);
    put_key(&b, "id", 1);
    put_str(&b, a->id);
    put_field(&b, "input", a->input);
    put_key(&b, "part", 0);
    if (kb_buf_printf(&b.b, "%d", a->part) != KB_OK) b.err = 1;
    put_field(&b, "role", a->role == KB_ROLE_MAIN ? "main" : "embedded");
    put_field(&b, "parent", a->parent[0] ? a->parent : NULL);
    put_field(&b, "title", a->title);
    put_field(&b, "published", a->published);
    put_field(&b, "updated", a->updated);
    put_field(&b, "date_source", a->date_source);
    put_field(&b, "source", a->source);
    put_field(&b, "dateline", a->dateline);
    put_field(&b, "author", a->author);
    put_field(&b, "url", a->url);
    put_field(&b, "canonical", a->canonical);
    put_array(&b, "tags", a->tags, a->ntags);
    put_array(&b, "related_headlines", a->related, a->nrelated);
    put_field(&b, "lang", a->lang);
    put_field(&b, "crawl_date", a->crawl_date);
    put_field(&b, "text", a->text);
    put_array(&b, "warnings", a->warnings, a->nwarnings);
    w_append(&b, "}", 1);
    if (b.err) {
        kb_buf_free(&b.b);
        return NULL;
    }
    return kb_buf_detach(&b.b, NULL);
}
