/* read/json.c -- a JSON array of records ([{...}, {...}], as in the
 * SaudiNewsNet files) or a sequence of top-level objects, streamed: the
 * bytes of one element are collected by a small scanner (nesting depth,
 * strings, escapes) and only that element is parsed. Element N (1-based)
 * becomes "path#N". An element that is not a valid object is a rejection
 * and the scan goes on; a file cut off inside an element ends with one. */
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { J_START, J_ARRAY, J_SEQ, J_DONE };

typedef struct json_p {
    kb_producer base;
    kb_open_ctx ctx;
    char *display;
    kb_rbuf *rb;
    kb_buf elem;
    long n;
    int mode;
} json_p;

/* Skip white space (and, in an array, the commas between elements).
 * Returns the next byte, or -1 at the end. */
static int skip_space(kb_rbuf *rb, int commas)
{
    for (;;) {
        if (!kb_rbuf_peek(rb, 1)) return -1;
        unsigned char c = rb->buf[rb->pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || (commas && c == ',')) {
            kb_rbuf_read(rb, NULL, 1);
            continue;
        }
        return c;
    }
}

/* Collect one JSON value into p->elem (up to cap bytes; *over when more).
 * Returns 1 when the value is complete, 0 when the input ended inside it. */
static int scan_value(json_p *p, size_t cap, int *over)
{
    kb_rbuf *rb = p->rb;
    p->elem.len = 0;
    *over = 0;
    int depth = 0, in_str = 0, esc = 0, started = 0;
    unsigned char first = 0;
    for (;;) {
        if (!kb_rbuf_peek(rb, 1)) return 0;
        const unsigned char *s = rb->buf + rb->pos;
        size_t avail = rb->len - rb->pos, i = 0;
        int done = 0;
        for (; i < avail && !done; i++) {
            unsigned char c = s[i];
            if (!started) {
                started = 1;
                first = c;
                if (c == '"') in_str = 1;
                else if (c == '{' || c == '[') depth = 1;
                continue;
            }
            if (in_str) {
                if (esc) esc = 0;
                else if (c == '\\') esc = 1;
                else if (c == '"') {
                    in_str = 0;
                    if (first == '"') done = 1;
                }
                continue;
            }
            if (first != '{' && first != '[') {
                /* a bare number / true / false / null ends before these */
                if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' ||
                    c == '\t') {
                    i--;
                    done = 1;
                }
                continue;
            }
            if (c == '"') in_str = 1;
            else if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0) done = 1;
            }
        }
        size_t keep = i;
        if (p->elem.len + keep > cap) {
            *over = 1;
            keep = p->elem.len < cap ? cap - p->elem.len : 0;
        }
        if (keep && kb_buf_append(&p->elem, (const char *)s, keep) != KB_OK) {
            rb->err = KB_ENOMEM;
            return 0;
        }
        kb_rbuf_read(rb, NULL, i);
        if (done) return 1;
        if (first != '{' && first != '[' && first != '"' && started && !kb_rbuf_peek(rb, 1))
            return rb->err ? 0 : 1;   /* a bare scalar at the very end */
    }
}

static int json_next(kb_producer *pp, kb_read_item *item)
{
    json_p *p = (json_p *)pp;
    kb_rbuf *rb = p->rb;
    size_t cap = kb_record_cap(p->ctx.max_doc);
    char input[1100];
    if (p->mode == J_DONE) return 0;
    if (p->mode == J_START) {
        if (kb_rbuf_peek(rb, 3) == 3 && memcmp(rb->buf + rb->pos, "\xEF\xBB\xBF", 3) == 0)
            kb_rbuf_read(rb, NULL, 3);
        int c = skip_space(rb, 0);
        if (c == '[') {
            kb_rbuf_read(rb, NULL, 1);
            p->mode = J_ARRAY;
        } else if (c == '{') {
            p->mode = J_SEQ;
        } else {
            p->mode = J_DONE;
            if (rb->err == KB_ENOMEM) return KB_ENOMEM;
            if (c < 0 && rb->err)
                kb_item_reject(item, p->display, rb->err, "%s", rb->msg);
            else if (c < 0)
                kb_item_reject(item, p->display, KB_EEMPTY, "empty file, skipped");
            else
                kb_item_reject(item, p->display, KB_EFORMAT,
                               "not a JSON array or object of records, skipped");
            return 1;
        }
    }
    int c = skip_space(rb, p->mode == J_ARRAY);
    if (rb->err == KB_ENOMEM) return KB_ENOMEM;
    if (c < 0) {
        int was_array = p->mode == J_ARRAY;
        p->mode = J_DONE;
        if (rb->err) {
            kb_item_reject(item, p->display, rb->err, "%s after element %ld", rb->msg, p->n);
            return 1;
        }
        if (was_array) {
            kb_item_reject(item, p->display, KB_EFORMAT,
                           "JSON array not closed after element %ld (truncated?)", p->n);
            return 1;
        }
        return 0;
    }
    if (p->mode == J_ARRAY && c == ']') {
        p->mode = J_DONE;
        return 0;
    }
    p->n++;
    snprintf(input, sizeof input, "%s#%ld", p->display, p->n);
    int over;
    int complete = scan_value(p, cap, &over);
    if (rb->err == KB_ENOMEM) return KB_ENOMEM;
    if (!complete) {
        p->mode = J_DONE;
        kb_item_reject(item, input, rb->err ? rb->err : KB_EFORMAT,
                       "JSON ends inside this element (%s), skipped",
                       rb->err ? rb->msg : "truncated?");
        return 1;
    }
    if (over) {
        char a[32];
        kb_fmt_size(cap, a, sizeof a);
        kb_item_reject(item, input, KB_ETOOBIG, "element larger than %s, skipped", a);
        return 1;
    }
    return kb_item_from_json_text(item, p->elem.data, p->elem.len, input, (int)p->n,
                                  p->ctx.max_doc);
}

static void json_free(kb_producer *pp)
{
    json_p *p = (json_p *)pp;
    kb_rbuf_free(p->rb);
    kb_buf_free(&p->elem);
    free(p->display);
    free(p);
}

kb_producer *kb_json_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb)
{
    json_p *p = calloc(1, sizeof *p);
    if (p) p->display = strdup(display);
    if (!p || !p->display) {
        free(p);
        kb_rbuf_free(rb);
        return NULL;
    }
    p->base.next = json_next;
    p->base.free = json_free;
    p->ctx = *ctx;
    p->rb = rb;
    p->mode = J_START;
    return &p->base;
}
