/* read/warc.c -- WARC files (plain, or .warc.gz with a gzip member per
 * record): "response" records whose HTTP payload is an HTML page become docs
 * ("path#N", N = the record's 1-based position in the file, every record
 * type counted). WARC-Target-URI -> url, WARC-Date -> crawl_date, the HTTP
 * charset -> the hint for decoding (else the page's <meta charset>).
 * Requests, metadata, warcinfo, revisits, non-2xx responses and non-HTML
 * payloads are passed over without a word.
 *
 * Damage is reported, never fatal: a record that is cut short, a corrupt
 * gzip member, a record without a Content-Length each give one
 * KB_READ_REJECT for "path#N" (code KB_EFORMAT), and reading goes on with
 * the next record that can be found (the gzip layer finds the next member;
 * in a plain file we look for the next "WARC/" line). Bytes between records
 * that belong to none are reported once for "path". */
#include "http.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WARC_LINE_MAX ((size_t)65536)

typedef struct warc_p {
    kb_producer base;
    kb_open_ctx ctx;
    char *display;
    kb_rbuf *rb;
    long n;                    /* records seen */
    int done;
    int resync;                /* skipping to the next record after damage */
    int have_version;          /* a "WARC/" line was read, headers follow */
    kb_buf line, block;
} warc_p;

typedef struct warc_head {
    char type[32];
    char uri[2048];
    char date[64];
    char ctype[128];
    int64_t length;            /* -1 when missing or bad */
} warc_head;

static void chomp(kb_buf *l)
{
    while (l->len && (l->data[l->len - 1] == '\r' || l->data[l->len - 1] == ' ')) l->len--;
    if (l->data) l->data[l->len] = '\0';
}

static void header_value(const char *line, size_t off, char *out, size_t cap)
{
    const char *v = line + off;
    while (*v == ' ' || *v == '\t') v++;
    snprintf(out, cap, "%s", v);
}

/* Read the header lines after the version line. 1 when complete. */
static int read_head(warc_p *w, warc_head *h)
{
    memset(h, 0, sizeof *h);
    h->length = -1;
    for (;;) {
        int over;
        if (!kb_rbuf_line(w->rb, &w->line, WARC_LINE_MAX, &over)) return 0;
        chomp(&w->line);
        if (w->line.len == 0) return 1;
        const char *l = w->line.data;
        if (!strncasecmp(l, "WARC-Type:", 10)) header_value(l, 10, h->type, sizeof h->type);
        else if (!strncasecmp(l, "WARC-Target-URI:", 16)) header_value(l, 16, h->uri, sizeof h->uri);
        else if (!strncasecmp(l, "WARC-Date:", 10)) header_value(l, 10, h->date, sizeof h->date);
        else if (!strncasecmp(l, "Content-Type:", 13)) header_value(l, 13, h->ctype, sizeof h->ctype);
        else if (!strncasecmp(l, "Content-Length:", 15)) {
            const char *v = l + 15;
            while (*v == ' ' || *v == '\t') v++;
            char *end;
            unsigned long long x = strtoull(v, &end, 10);
            if (end != v && (*end == '\0' || *end == ' ') && x <= INT64_MAX && isdigit((unsigned char)*v))
                h->length = (int64_t)x;
        }
    }
}

/* The record's page as a doc, or 0 when it is not one (silently). The
 * status and Content-Type are looked at first: the payload of a record that
 * is no page (an image, a script, a 404) is never decoded, so damage in it
 * is not reported either. */
static int make_page(warc_p *w, const warc_head *h, const char *input, kb_read_item *item)
{
    kb_http http;
    const unsigned char *p = (const unsigned char *)w->block.data;
    if (kb_http_head(p, w->block.len, &http) != KB_OK) return 0;   /* not HTTP */
    if (http.status < 200 || http.status > 299) return 0;
    int html = !strcmp(http.mime, "text/html") || !strcmp(http.mime, "application/xhtml+xml");
    int unknown = !http.mime[0] || !strcmp(http.mime, "application/octet-stream") ||
                  !strcmp(http.mime, "text/plain") || !strcmp(http.mime, "application/x-unknown") ||
                  !strcmp(http.mime, "unknown/unknown");
    if (!html && !unknown) return 0;
    char msg[256];
    int rc = kb_http_body(p, w->block.len, w->ctx.max_doc, &http, msg, sizeof msg);
    if (rc == KB_ENOMEM) { kb_http_free(&http); return KB_ENOMEM; }
    if (rc != KB_OK) {
        kb_http_free(&http);
        kb_item_reject(item, input, rc, "%s, skipped", msg);
        return 1;
    }
    if (!html && kb_sniff_format(NULL, (const char *)http.body, http.len) != KB_FMT_HTML) {
        kb_http_free(&http);
        return 0;
    }
    kb_doc *doc = NULL;
    rc = kb_doc_from_bytes(input, (int)w->n, NULL, KB_FMT_HTML, http.charset[0] ? http.charset : NULL,
                           http.body, http.len, http.warning[0] ? http.warning : NULL, &doc,
                           msg, sizeof msg);
    kb_http_free(&http);
    if (rc == KB_ENOMEM) return KB_ENOMEM;
    if (rc != KB_OK) {
        kb_item_reject(item, input, rc, "%s", msg);
        return 1;
    }
    size_t ul = strlen(h->uri);
    const char *u = h->uri;
    if (ul >= 2 && u[0] == '<' && u[ul - 1] == '>') { u++; ul -= 2; }   /* WARC 1.0 <uri> */
    if ((ul && !(doc->url = kb_arena_strndup(&doc->arena, u, ul))) ||
        kb_read_date(&doc->arena, h->date, strlen(h->date), &doc->crawl_date) != KB_OK) {
        kb_doc_free(doc);
        return KB_ENOMEM;
    }
    kb_item_doc(item, doc);
    return 1;
}

/* After a damaged record: the next one starts at a "WARC/" line. */
static void damaged(warc_p *w)
{
    if (w->rb->err == KB_EFORMAT) w->rb->err = 0;      /* gzip: the next member */
    else if (w->rb->err) w->done = 1;                  /* an I/O error: stop */
    w->resync = 1;
}

static int warc_next(kb_producer *pp, kb_read_item *item)
{
    warc_p *w = (warc_p *)pp;
    kb_rbuf *rb = w->rb;
    char input[1100];
    while (!w->done) {
        if (!w->have_version) {
            uint64_t skipped = 0;
            int got, over;
            while ((got = kb_rbuf_line(rb, &w->line, WARC_LINE_MAX, &over)) == 1) {
                chomp(&w->line);
                if (w->line.len >= 6 && !memcmp(w->line.data, "WARC/", 5) &&
                    isdigit((unsigned char)w->line.data[5]))
                    break;
                skipped += w->line.len;
            }
            if (rb->err == KB_ENOMEM) return KB_ENOMEM;
            if (!got) {
                if (rb->err == KB_EFORMAT && w->resync) {
                    rb->err = 0;     /* the damage already reported: keep looking */
                    continue;
                }
                if (rb->err) {
                    w->n++;
                    snprintf(input, sizeof input, "%s#%ld", w->display, w->n);
                    kb_item_reject(item, input, KB_EFORMAT, "damaged record (%s), skipped", rb->msg);
                    damaged(w);
                    return 1;
                }
                w->done = 1;
            } else {
                w->have_version = 1;
            }
            if (skipped && !w->resync) {
                kb_item_reject(item, w->display, KB_EFORMAT,
                               "%llu bytes after record %ld are not a WARC record, skipped",
                               (unsigned long long)skipped, w->n);
                return 1;
            }
            if (w->done) return 0;
        }
        w->have_version = 0;
        w->resync = 0;
        w->n++;
        snprintf(input, sizeof input, "%s#%ld", w->display, w->n);
        warc_head h;
        if (!read_head(w, &h)) {
            if (rb->err == KB_ENOMEM) return KB_ENOMEM;
            if (rb->err)
                kb_item_reject(item, input, KB_EFORMAT, "damaged record (%s), skipped", rb->msg);
            else
                kb_item_reject(item, input, KB_EFORMAT, "record cut short in its header, skipped");
            damaged(w);
            if (!rb->err && rb->eof) w->done = 1;
            return 1;
        }
        if (h.length < 0) {
            kb_item_reject(item, input, KB_EFORMAT, "record without a valid Content-Length, skipped");
            w->resync = 1;
            return 1;
        }
        int response = !strcasecmp(h.type, "response") &&
                       (!h.ctype[0] || !strncasecmp(h.ctype, "application/http", 16));
        uint64_t cap = (uint64_t)w->ctx.max_doc + (1u << 20);
        int keep = response && (uint64_t)h.length <= cap;
        /* the block is read whole when kept (it is at most cap), else skipped */
        w->block.len = 0;
        if (keep && kb_buf_reserve(&w->block, (size_t)h.length) != KB_OK) return KB_ENOMEM;
        uint64_t got = kb_rbuf_read(rb, keep ? (unsigned char *)w->block.data : NULL, (size_t)h.length);
        if (keep) w->block.len = (size_t)got;
        if (got < (uint64_t)h.length) {
            if (rb->err == KB_ENOMEM) return KB_ENOMEM;
            if (rb->err)
                kb_item_reject(item, input, KB_EFORMAT, "damaged record (%s), skipped", rb->msg);
            else
                kb_item_reject(item, input, KB_EFORMAT,
                               "record cut short: %llu of its %lld bytes, skipped",
                               (unsigned long long)got, (long long)h.length);
            if (!rb->err) w->done = 1;
            damaged(w);
            return 1;
        }
        /* the two CRLFs that close a record */
        for (int k = 0; k < 4 && kb_rbuf_peek(rb, 1) &&
                        (rb->buf[rb->pos] == '\r' || rb->buf[rb->pos] == '\n'); k++)
            kb_rbuf_read(rb, NULL, 1);
        if (!response) continue;
        if (!keep) {
            char a[32];
            kb_fmt_size((uint64_t)h.length, a, sizeof a);
            kb_item_reject(item, input, KB_ETOOBIG, "record is %s, over the size limit, skipped", a);
            return 1;
        }
        int rc = make_page(w, &h, input, item);
        if (rc != 0) return rc;
    }
    return 0;
}

static void warc_free(kb_producer *pp)
{
    warc_p *w = (warc_p *)pp;
    kb_rbuf_free(w->rb);
    kb_buf_free(&w->line);
    kb_buf_free(&w->block);
    free(w->display);
    free(w);
}

kb_producer *kb_warc_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb)
{
    warc_p *w = calloc(1, sizeof *w);
    if (w) w->display = strdup(display);
    if (!w || !w->display) {
        free(w);
        kb_rbuf_free(rb);
        return NULL;
    }
    w->base.next = warc_next;
    w->base.free = warc_free;
    w->ctx = *ctx;
    w->rb = rb;
    return &w->base;
}
