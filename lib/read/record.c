/* read/record.c -- one crawler record (a JSON object from JSONL, a JSON
 * array, a ZIP of them) -> kb_doc, with the record's fields mapped the way
 * the common crawlers name them:
 *
 *   body       html, raw_html                         -> data, HTML
 *              text, content, maintext, body, article -> data, TEXT (HTML
 *              when the string itself starts like a page)
 *   url        url
 *   title      title
 *   published  date, published, date_publish, datePublished, published_at,
 *              date_published, publish_date
 *   updated    updated, date_modify, dateModified, date_modified, modified
 *   source     source, source_domain, site_name, sitename
 *   author     author, authors (a list is joined with ", ")
 *   crawl_date date_extracted, date_download, crawl_date, crawled_at,
 *              date_crawled -- never taken as the publication date
 *
 * Dates are stored as ISO 8601: parsed as ISO when they are, else the first
 * date kb_date_find sees in the string; a string with no date is dropped.
 * Numbers are taken as Unix times (seconds, or milliseconds when large). */
#include "read.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const k_html[] = { "html", "raw_html", NULL };
static const char *const k_text[] = { "text", "content", "maintext", "body", "article", NULL };
static const char *const k_url[] = { "url", NULL };
static const char *const k_title[] = { "title", NULL };
static const char *const k_pub[] = { "date", "published", "date_publish", "datePublished",
                                     "published_at", "date_published", "publish_date", NULL };
static const char *const k_upd[] = { "updated", "date_modify", "dateModified", "date_modified",
                                     "modified", NULL };
static const char *const k_source[] = { "source", "source_domain", "site_name", "sitename", NULL };
static const char *const k_author[] = { "author", "authors", NULL };
static const char *const k_crawl[] = { "date_extracted", "date_download", "crawl_date",
                                       "crawled_at", "date_crawled", NULL };

int kb_read_date(kb_arena *a, const char *s, size_t len, const char **out)
{
    *out = NULL;
    if (!s || !len) return KB_OK;
    kb_date d;
    kb_date_match m;
    char iso[32];
    if (kb_date_parse_iso(s, len, &d) == KB_OK) kb_date_iso(&d, iso);
    else if (kb_date_find(s, len, &m)) kb_date_iso(&m.date, iso);
    else return KB_OK;
    if (!iso[0]) return KB_OK;
    *out = kb_arena_strdup(a, iso);
    return *out ? KB_OK : KB_ENOMEM;
}

/* A Unix time (seconds or milliseconds) as an ISO date-time in UTC. */
static int epoch_date(kb_arena *a, double t, const char **out)
{
    *out = NULL;
    if (!isfinite(t) || t <= 0) return KB_OK;
    if (t > 1e11) t /= 1000.0;           /* milliseconds */
    if (t > 4102444800.0) return KB_OK;  /* past 2100: not a time */
    int64_t secs = (int64_t)t, days = secs / 86400, rem = secs % 86400;
    kb_date d = kb_date_from_days(days);
    d.hour = (int8_t)(rem / 3600);
    d.minute = (int8_t)(rem / 60 % 60);
    d.second = (int8_t)(rem % 60);
    d.prec = KB_PREC_SECOND;
    d.has_tz = 1;
    d.tz_minutes = 0;
    char iso[32];
    kb_date_iso(&d, iso);
    *out = kb_arena_strdup(a, iso);
    return *out ? KB_OK : KB_ENOMEM;
}

/* The first key of keys whose value is a non-blank string (or, when
 * names is set, an object with a non-blank "name"). */
static const json_t *find_str(const json_t *obj, const char *const *keys, int names,
                              const char **key)
{
    for (size_t i = 0; keys[i]; i++) {
        const json_t *v = json_object_get(obj, keys[i]);
        if (names && json_is_object(v)) v = json_object_get(v, "name");
        if (json_is_string(v) && !kb_is_blank(json_string_value(v), json_string_length(v))) {
            if (key) *key = keys[i];
            return v;
        }
    }
    return NULL;
}

/* Copy a JSON string into the arena, without NUL characters (counted). */
static char *copy_str(kb_arena *a, const char *s, size_t len, size_t *nuls)
{
    if (!memchr(s, 0, len)) return kb_arena_strndup(a, s, len);
    char *c = kb_arena_alloc(a, len + 1);
    if (!c) return NULL;
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (s[r]) c[w++] = s[r];
        else if (nuls) (*nuls)++;
    }
    c[w] = '\0';
    return c;
}

static int set_str(kb_doc *doc, const json_t *v, const char **field)
{
    *field = copy_str(&doc->arena, json_string_value(v), json_string_length(v), NULL);
    return *field ? KB_OK : KB_ENOMEM;
}

static int set_field(kb_doc *doc, const json_t *obj, const char *const *keys, int names,
                     const char **field)
{
    const json_t *v = find_str(obj, keys, names, NULL);
    return v ? set_str(doc, v, field) : KB_OK;
}

static int set_date(kb_doc *doc, const json_t *obj, const char *const *keys, const char **field)
{
    for (size_t i = 0; keys[i]; i++) {
        const json_t *v = json_object_get(obj, keys[i]);
        int rc = KB_OK;
        if (json_is_string(v))
            rc = kb_read_date(&doc->arena, json_string_value(v), json_string_length(v), field);
        else if (json_is_number(v))
            rc = epoch_date(&doc->arena, json_number_value(v), field);
        if (rc != KB_OK || *field) return rc;
    }
    return KB_OK;
}

/* author: a string, an object with a name, or a list of either. */
static int set_author(kb_doc *doc, const json_t *obj)
{
    const json_t *v = find_str(obj, k_author, 1, NULL);
    if (v) return set_str(doc, v, &doc->author);
    for (size_t i = 0; k_author[i]; i++) {
        const json_t *arr = json_object_get(obj, k_author[i]);
        if (!json_is_array(arr)) continue;
        kb_buf b = { 0 };
        size_t k;
        const json_t *el;
        json_array_foreach(arr, k, el) {
            if (json_is_object(el)) el = json_object_get(el, "name");
            if (!json_is_string(el) || kb_is_blank(json_string_value(el), json_string_length(el)))
                continue;
            if ((b.len && kb_buf_puts(&b, ", ") != KB_OK) ||
                kb_buf_append(&b, json_string_value(el), json_string_length(el)) != KB_OK) {
                kb_buf_free(&b);
                return KB_ENOMEM;
            }
        }
        if (b.len) {
            doc->author = copy_str(&doc->arena, b.data, b.len, NULL);
            kb_buf_free(&b);
            return doc->author ? KB_OK : KB_ENOMEM;
        }
    }
    return KB_OK;
}

size_t kb_record_cap(size_t max_doc)
{
    uint64_t cap = (uint64_t)max_doc * 8 + (1u << 20);
    return cap > KB_CONTAINER_CAP ? (size_t)KB_CONTAINER_CAP : (size_t)cap;
}

int kb_doc_from_json(const json_t *obj, const char *input, int part, size_t max_doc,
                     kb_doc **out, char *msg, size_t msgcap)
{
    *out = NULL;
    const char *key = NULL;
    kb_doc_format fmt = KB_FMT_HTML;
    const json_t *body = find_str(obj, k_html, 0, &key);
    if (!body) {
        body = find_str(obj, k_text, 0, &key);
        fmt = KB_FMT_TEXT;
    }
    if (!body) {
        const char *present = NULL;
        for (size_t i = 0; !present && k_html[i]; i++)
            if (json_object_get(obj, k_html[i])) present = k_html[i];
        for (size_t i = 0; !present && k_text[i]; i++)
            if (json_object_get(obj, k_text[i])) present = k_text[i];
        if (present)
            snprintf(msg, msgcap, "record has an empty body (\"%s\"), skipped", present);
        else
            snprintf(msg, msgcap, "record has no body field (html, text, content, maintext, "
                                  "body or article), skipped");
        return KB_EEMPTY;
    }
    const char *s = json_string_value(body);
    size_t len = json_string_length(body);
    if (len > max_doc) {
        char a[32], b[32];
        kb_fmt_size(len, a, sizeof a);
        kb_fmt_size(max_doc, b, sizeof b);
        snprintf(msg, msgcap, "record body is %s, over the %s size limit, skipped", a, b);
        return KB_ETOOBIG;
    }
    if (fmt == KB_FMT_TEXT && kb_sniff_html_start(s, len)) fmt = KB_FMT_HTML;

    kb_doc *doc = calloc(1, sizeof *doc);
    if (!doc) goto nomem;
    size_t nuls = 0;
    doc->format = fmt;
    doc->part = part;
    doc->input = kb_arena_strdup(&doc->arena, input);
    doc->charset = "UTF-8";
    doc->data = copy_str(&doc->arena, s, len, &nuls);
    if (!doc->input || !doc->data) goto nomem;
    doc->len = len - nuls;
    if (set_field(doc, obj, k_url, 0, &doc->url) != KB_OK ||
        set_field(doc, obj, k_title, 0, &doc->title) != KB_OK ||
        set_field(doc, obj, k_source, 1, &doc->source) != KB_OK ||
        set_author(doc, obj) != KB_OK ||
        set_date(doc, obj, k_pub, &doc->published) != KB_OK ||
        set_date(doc, obj, k_upd, &doc->updated) != KB_OK ||
        set_date(doc, obj, k_crawl, &doc->crawl_date) != KB_OK)
        goto nomem;
    if (nuls && kb_doc_warn(doc, "removed %zu NUL character(s)", nuls) != KB_OK) goto nomem;
    *out = doc;
    return KB_OK;
nomem:
    kb_doc_free(doc);
    snprintf(msg, msgcap, "out of memory");
    return KB_ENOMEM;
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    default: return "not an object";
    }
}

int kb_doc_from_json_text(const char *text, size_t len, const char *input, int part,
                          size_t max_doc, kb_doc **out, char *msg, size_t msgcap)
{
    *out = NULL;
    kb_decoded dec = { 0 };
    kb_arena tmp = { 0 };
    json_error_t err;
    json_t *v = json_loadb(text, len, JSON_ALLOW_NUL, &err);
    /* jansson checks UTF-8 itself; only text that fails it is decoded (a
     * legacy charset, broken bytes) and parsed again */
    if (!v && json_error_code(&err) == json_error_invalid_utf8) {
        if (kb_decode_text((const unsigned char *)text, len, NULL, &tmp, &dec) != KB_OK) {
            kb_arena_free(&tmp);
            snprintf(msg, msgcap, "out of memory");
            return KB_ENOMEM;
        }
        v = json_loadb(dec.data, dec.len, JSON_ALLOW_NUL, &err);
    }
    int rc;
    if (!v) {
        snprintf(msg, msgcap, "bad JSON at column %d: %s", err.column, err.text);
        rc = KB_EFORMAT;
    } else if (!json_is_object(v)) {
        snprintf(msg, msgcap, "%s is not a JSON object, skipped", json_kind(v));
        rc = KB_EFORMAT;
    } else {
        rc = kb_doc_from_json(v, input, part, max_doc, out, msg, msgcap);
        if (rc == KB_OK && dec.data) {
            kb_doc *d = *out;
            d->charset = kb_arena_strdup(&d->arena, dec.charset);
            if (!d->charset || kb_doc_warn_repaired(d, &dec) != KB_OK) {
                kb_doc_free(d);
                *out = NULL;
                snprintf(msg, msgcap, "out of memory");
                rc = KB_ENOMEM;
            }
        }
    }
    json_decref(v);
    kb_arena_free(&tmp);
    return rc;
}

int kb_item_from_json_text(kb_read_item *item, const char *text, size_t len, const char *input,
                           int part, size_t max_doc)
{
    kb_doc *doc = NULL;
    char msg[256];
    int rc = kb_doc_from_json_text(text, len, input, part, max_doc, &doc, msg, sizeof msg);
    if (rc == KB_ENOMEM) return KB_ENOMEM;
    if (rc != KB_OK) {
        kb_item_reject(item, input, rc, "%s", msg);
        return 1;
    }
    kb_item_doc(item, doc);
    return 1;
}
