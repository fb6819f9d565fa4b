/* read/open.c -- look at the first bytes of an input and decide what it is:
 * gzip (unwrapped, then looked at again), a container (ZIP, WARC, JSONL,
 * JSON) handed to its producer, or one document read whole (up to the size
 * limit) and made into a doc. Also kb_read_memory, the same for bytes in
 * memory. */
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read everything left in rb into out, stopping once more than max bytes
 * came (*over set). KB_OK or KB_ENOMEM; source errors stay in rb->err. */
static int slurp(kb_rbuf *rb, size_t max, kb_buf *out, int *over)
{
    *over = 0;
    for (;;) {
        size_t want = max - out->len + 1;   /* one byte past max says "over" */
        if (kb_buf_reserve(out, want < 65536 ? want : 65536) != KB_OK) return KB_ENOMEM;
        size_t room = out->cap - out->len - 1;
        if (room > want) room = want;
        size_t k = kb_rbuf_read(rb, (unsigned char *)out->data + out->len, room);
        out->len += k;
        if (out->len > max) {
            *over = 1;
            out->len = max;
        }
        out->data[out->len] = '\0';
        if (*over) return KB_OK;
        if (k < room) return rb->err == KB_ENOMEM ? KB_ENOMEM : KB_OK;
    }
}

/* The name without a trailing .gz (for extension checks), in out. */
static void strip_gz(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s", name ? name : "");
    size_t n = strlen(out);
    if (n > 3 && kb_has_ext(out, ".gz")) out[n - 3] = '\0';
    else if (n > 4 && kb_has_ext(out, ".tgz")) snprintf(out + n - 4, 5, ".tar");
}

/* The first non-blank byte of p (after a UTF-8 BOM), or 0. */
static int first_char(const unsigned char *p, size_t n, size_t *at)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    *at = i;
    return i < n ? p[i] : 0;
}

/* JSON Lines: the first line is one whole object. */
static int looks_jsonl(const unsigned char *p, size_t n, size_t at)
{
    const unsigned char *nl = memchr(p + at, '\n', n - at);
    size_t end = nl ? (size_t)(nl - p) : n;
    while (end > at && (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\r')) end--;
    return end > at + 1 && p[end - 1] == '}';
}

/* A ZIP needs random access: a regular file is read in place (pread on a
 * duplicate of its descriptor); anything else is read into memory first, up
 * to the container cap. */
static int open_zip(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb, int64_t known_size,
                    kb_read_item *item, kb_producer **prod)
{
    kb_open_ctx sub = *ctx;
    sub.depth++;
    if (rb->src->fd >= 0 && known_size >= 0) {
        int fd = dup(rb->src->fd);
        kb_rbuf_free(rb);
        if (fd < 0) {
            kb_item_reject(item, display, KB_EIO, "cannot read ZIP archive: out of file descriptors");
            return 1;
        }
        return kb_zip_open(&sub, display, fd, NULL, (uint64_t)known_size, item, prod);
    }
    kb_buf data = { 0 };
    int over;
    if (slurp(rb, (size_t)KB_CONTAINER_CAP, &data, &over) != KB_OK) {
        kb_buf_free(&data);
        kb_rbuf_free(rb);
        return KB_ENOMEM;
    }
    int err = rb->err;
    char msg[200];
    snprintf(msg, sizeof msg, "%s", rb->msg);
    kb_rbuf_free(rb);
    if (over || err) {
        char a[32];
        kb_fmt_size(KB_CONTAINER_CAP, a, sizeof a);
        if (over)
            kb_item_reject(item, display, KB_ETOOBIG, "ZIP archive from a stream is over %s, skipped", a);
        else
            kb_item_reject(item, display, err == KB_EIO ? KB_EIO : KB_EFORMAT, "%s", msg);
        kb_buf_free(&data);
        return 1;
    }
    size_t len;
    unsigned char *mem = (unsigned char *)kb_buf_detach(&data, &len);
    return kb_zip_open(&sub, display, -1, mem, len, item, prod);
}

/* Why a document of size bytes, known before reading it, is refused. */
static void over_limit(uint64_t size, size_t max, char *msg, size_t cap)
{
    char a[32], b[32];
    kb_fmt_size(size, a, sizeof a);
    kb_fmt_size((uint64_t)max, b, sizeof b);
    snprintf(msg, cap, "is %s, over the %s size limit, skipped", a, b);
}

static int open_one_doc(const kb_open_ctx *ctx, const char *display, const char *name,
                        kb_rbuf *rb, int64_t known_size, int gz, kb_read_item *item)
{
    char a[32], b[32];
    kb_fmt_size((uint64_t)ctx->max_doc, b, sizeof b);
    if (known_size >= 0 && (uint64_t)known_size > ctx->max_doc) {
        char msg[128];
        over_limit((uint64_t)known_size, ctx->max_doc, msg, sizeof msg);
        kb_item_reject(item, display, KB_ETOOBIG, "%s", msg);
        kb_rbuf_free(rb);
        return 1;
    }
    kb_buf data = { 0 };
    int over;
    if (slurp(rb, ctx->max_doc, &data, &over) != KB_OK) {
        kb_buf_free(&data);
        kb_rbuf_free(rb);
        return KB_ENOMEM;
    }
    int rc = 1;
    char warn[300] = "";
    if (over) {
        kb_item_reject(item, display, KB_ETOOBIG, "%s more than %s (the size limit), skipped",
                       gz ? "decompresses to" : "is", b);
    } else if (rb->err == KB_EIO || (rb->err && data.len == 0)) {
        kb_item_reject(item, display, rb->err == KB_EIO ? KB_EIO : KB_EFORMAT, "%s", rb->msg);
    } else {
        if (rb->err) {
            kb_fmt_size(data.len, a, sizeof a);
            snprintf(warn, sizeof warn, "%s: kept the %s decoded before it", rb->msg, a);
        }
        kb_doc *doc = NULL;
        char msg[256];
        int drc = kb_doc_from_bytes(display, 0, name, 0, NULL, (const unsigned char *)data.data,
                                    data.len, *warn ? warn : NULL, &doc, msg, sizeof msg);
        if (drc == KB_ENOMEM) {
            rc = KB_ENOMEM;
        } else if (drc != KB_OK) {
            kb_item_reject(item, display, drc, "%s", msg);
        } else {
            kb_item_doc(item, doc);
        }
    }
    kb_buf_free(&data);
    kb_rbuf_free(rb);
    return rc;
}

int kb_open_input(const kb_open_ctx *ctx, const char *display, const char *name,
                  kb_src *src, int64_t known_size, kb_read_item *item,
                  kb_producer **prod)
{
    *prod = NULL;
    kb_rbuf *rb = kb_rbuf_new(src);
    if (!rb) return KB_ENOMEM;
    size_t n = kb_rbuf_peek(rb, KB_SNIFF_BYTES);
    if (rb->err == KB_ENOMEM) { kb_rbuf_free(rb); return KB_ENOMEM; }
    if (n == 0) {
        if (rb->err)
            kb_item_reject(item, display, rb->err == KB_EIO ? KB_EIO : KB_EFORMAT, "%s", rb->msg);
        else
            kb_item_reject(item, display, KB_EEMPTY, "empty file, skipped");
        kb_rbuf_free(rb);
        return 1;
    }
    const unsigned char *p = rb->buf + rb->pos;

    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        if (ctx->depth >= KB_MAX_NEST) {
            kb_item_reject(item, display, KB_EBINARY, "compressed data nested too deep, skipped");
            kb_rbuf_free(rb);
            return 1;
        }
        kb_src *s = kb_src_rbuf(rb);
        kb_src *gz = s ? kb_src_gzip(s) : NULL;
        if (!gz) return KB_ENOMEM;
        char inner[1024];
        strip_gz(name, inner, sizeof inner);
        kb_open_ctx sub = *ctx;
        sub.depth++;
        return kb_open_input(&sub, display, inner, gz, -1, item, prod);
    }
    if (n >= 4 && p[0] == 'P' && p[1] == 'K' && ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6))) {
        if (ctx->depth >= KB_MAX_NEST) {
            kb_item_reject(item, display, KB_EBINARY, "archive nested too deep, skipped");
            kb_rbuf_free(rb);
            return 1;
        }
        return open_zip(ctx, display, rb, known_size, item, prod);
    }
    if (n >= 6 && memcmp(p, "WARC/1", 6) == 0) {
        *prod = kb_warc_new(ctx, display, rb);
        return *prod ? 0 : KB_ENOMEM;
    }
    size_t at;
    int c = first_char(p, n, &at);
    int jsonl_ext = name && (kb_has_ext(name, ".jsonl") || kb_has_ext(name, ".ndjson") ||
                             kb_has_ext(name, ".jsonlines"));
    int json_ext = name && kb_has_ext(name, ".json");
    int kind = 0;   /* 1 JSONL, 2 JSON */
    if (jsonl_ext) {
        kind = 1;
    } else if (c == '[') {
        size_t k = at + 1;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r' || p[k] == '\n')) k++;
        if (json_ext || (k < n && (p[k] == '{' || p[k] == ']'))) kind = 2;
    } else if (c == '{') {
        size_t k = at + 1;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r' || p[k] == '\n')) k++;
        if (looks_jsonl(p, n, at)) kind = 1;
        else if (json_ext || (k < n && p[k] == '"')) kind = 2;   /* pretty-printed, or a
                                                                   first line longer than we look */
    }
    if (kind) {
        *prod = kind == 1 ? kb_jsonl_new(ctx, display, rb) : kb_json_new(ctx, display, rb);
        return *prod ? 0 : KB_ENOMEM;
    }
    /* binary files are told by their first bytes: no need to read on */
    char why[96];
    if (kb_sniff_binary(p, n, why, sizeof why)) {
        kb_item_reject(item, display, KB_EBINARY, "binary file (%s), skipped", why);
        kb_rbuf_free(rb);
        return 1;
    }
    return open_one_doc(ctx, display, name, rb, known_size, ctx->depth > 0, item);
}

int kb_read_memory(const char *name, const unsigned char *bytes, size_t len,
                   const kb_read_opts *opts, kb_doc **out, char *msg, size_t msgcap)
{
    *out = NULL;
    if (!bytes && len) {
        snprintf(msg, msgcap, "no data");
        return KB_EINVAL;
    }
    kb_open_ctx ctx = { .max_doc = opts && opts->max_doc_bytes ? opts->max_doc_bytes
                                                               : KB_DEFAULT_MAX_DOC };
    if (!name) name = "-";
    if (len < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b) {
        /* the bytes are all here: no stream to read them through */
        if (len > ctx.max_doc) {
            over_limit(len, ctx.max_doc, msg, msgcap);
            return KB_ETOOBIG;
        }
        return kb_doc_from_bytes(name, 0, name, 0, NULL, bytes, len, NULL, out, msg, msgcap);
    }
    kb_read_item item;
    memset(&item, 0, sizeof item);
    kb_rbuf *rb = NULL;
    kb_src *src = kb_src_mem(bytes, len, 0);
    if (src) src = kb_src_gzip(src);
    if (src) rb = kb_rbuf_new(src);
    if (!rb) {
        snprintf(msg, msgcap, "out of memory");
        return KB_ENOMEM;
    }
    char inner[1024];
    strip_gz(name, inner, sizeof inner);
    if (open_one_doc(&ctx, name, inner, rb, -1, 1, &item) == KB_ENOMEM) {
        snprintf(msg, msgcap, "out of memory");
        return KB_ENOMEM;
    }
    if (item.kind == KB_READ_DOC) {
        *out = item.doc;
        return KB_OK;
    }
    snprintf(msg, msgcap, "%s", item.message);
    return item.code;
}
