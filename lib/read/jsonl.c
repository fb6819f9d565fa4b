/* read/jsonl.c -- JSON Lines (.jsonl, .ndjson, or lines of objects): one
 * record a line, read a line at a time. A bad line is a rejection for
 * "path#N" and reading goes on with the next line. Blank lines are skipped
 * (they still count in N, which is the 1-based line number). */
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jsonl_p {
    kb_producer base;
    kb_open_ctx ctx;
    char *display;
    kb_rbuf *rb;
    kb_buf line;
    long lineno;
    int done;
} jsonl_p;

static int jsonl_next(kb_producer *pp, kb_read_item *item)
{
    jsonl_p *p = (jsonl_p *)pp;
    size_t cap = kb_record_cap(p->ctx.max_doc);
    char input[1100];
    while (!p->done) {
        int over = 0;
        if (!kb_rbuf_line(p->rb, &p->line, cap, &over)) {
            int err = p->rb->err;
            if (!err) return 0;
            if (err == KB_ENOMEM) return KB_ENOMEM;
            kb_item_reject(item, p->display, err, "%s after line %ld", p->rb->msg, p->lineno);
            if (err == KB_EFORMAT) p->rb->err = 0;  /* a damaged gzip member: go on */
            else p->done = 1;
            return 1;
        }
        p->lineno++;
        size_t len = p->line.len;
        const char *s = p->line.data ? p->line.data : "";
        if (p->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        while (len && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
        if (!over && kb_is_blank(s, len)) continue;
        snprintf(input, sizeof input, "%s#%ld", p->display, p->lineno);
        if (over) {
            char a[32];
            kb_fmt_size(cap, a, sizeof a);
            kb_item_reject(item, input, KB_ETOOBIG, "line longer than %s, skipped", a);
            return 1;
        }
        return kb_item_from_json_text(item, s, len, input, (int)p->lineno, p->ctx.max_doc);
    }
    return 0;
}

static void jsonl_free(kb_producer *pp)
{
    jsonl_p *p = (jsonl_p *)pp;
    kb_rbuf_free(p->rb);
    kb_buf_free(&p->line);
    free(p->display);
    free(p);
}

kb_producer *kb_jsonl_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb)
{
    jsonl_p *p = calloc(1, sizeof *p);
    if (p) p->display = strdup(display);
    if (!p || !p->display) {
        free(p);
        kb_rbuf_free(rb);
        return NULL;
    }
    p->base.next = jsonl_next;
    p->base.free = jsonl_free;
    p->ctx = *ctx;
    p->rb = rb;
    return &p->base;
}
