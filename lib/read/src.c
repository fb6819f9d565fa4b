/* read/src.c -- byte sources (a file descriptor, memory) and the buffered
 * reader the read stage's parsers sit on. Everything streams: nothing here
 * holds more than one buffer of an input. */
#include "read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RBUF_CHUNK ((size_t)65536)

void kb_src_close(kb_src *s)
{
    if (s) s->close(s);
}

/* ------------------------------------------------------------ fd source */

typedef struct fd_src {
    kb_src base;
    int own;
} fd_src;

static int fd_read(kb_src *s, unsigned char *buf, size_t n, size_t *got)
{
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r >= 0) { *got = (size_t)r; return KB_OK; }
        if (errno == EINTR) continue;
        char e[128];
        if (strerror_r(errno, e, sizeof e) != 0) snprintf(e, sizeof e, "error %d", errno);
        snprintf(s->msg, sizeof s->msg, "read error: %s", e);
        *got = 0;
        return KB_EIO;
    }
}

static void fd_close(kb_src *s)
{
    fd_src *f = (fd_src *)s;
    if (f->own && s->fd >= 0) close(s->fd);
    free(f);
}

kb_src *kb_src_fd(int fd, int own)
{
    fd_src *f = calloc(1, sizeof *f);
    if (!f) {
        if (own) close(fd);
        return NULL;
    }
    f->base.read = fd_read;
    f->base.close = fd_close;
    f->base.fd = fd;
    f->own = own;
    return &f->base;
}

/* ------------------------------------------------------------ memory source */

typedef struct mem_src {
    kb_src base;
    const unsigned char *p;
    size_t len, pos;
    int own;
} mem_src;

static int mem_read(kb_src *s, unsigned char *buf, size_t n, size_t *got)
{
    mem_src *m = (mem_src *)s;
    size_t k = m->len - m->pos < n ? m->len - m->pos : n;
    if (k) memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    *got = k;
    return KB_OK;
}

static void mem_close(kb_src *s)
{
    mem_src *m = (mem_src *)s;
    if (m->own) free((void *)m->p);
    free(m);
}

kb_src *kb_src_mem(const unsigned char *p, size_t len, int own)
{
    mem_src *m = calloc(1, sizeof *m);
    if (!m) {
        if (own) free((void *)p);
        return NULL;
    }
    m->base.read = mem_read;
    m->base.close = mem_close;
    m->base.fd = -1;
    m->p = p;
    m->len = len;
    m->own = own;
    return &m->base;
}

/* ------------------------------------------------------------ rbuf */

kb_rbuf *kb_rbuf_new(kb_src *src)
{
    kb_rbuf *b = calloc(1, sizeof *b);
    if (b) b->buf = malloc(RBUF_CHUNK);
    if (!b || !b->buf) {
        if (b) free(b);
        kb_src_close(src);
        return NULL;
    }
    b->cap = RBUF_CHUNK;
    b->src = src;
    return b;
}

void kb_rbuf_free(kb_rbuf *b)
{
    if (!b) return;
    kb_src_close(b->src);
    free(b->buf);
    free(b);
}

/* Read up to n bytes from the source into dst, noting the end or an error
 * in b; 0 when nothing came. */
static size_t rbuf_src_read_into(kb_rbuf *b, unsigned char *dst, size_t n)
{
    if (b->eof || b->err) return 0;
    size_t got = 0;
    int rc = b->src->read(b->src, dst, n, &got);
    if (rc != KB_OK) {
        b->err = rc;
        snprintf(b->msg, sizeof b->msg, "%s", b->src->msg);
    } else if (got == 0) {
        b->eof = 1;
    }
    return got;
}

/* Read more from the source after what is buffered; 0 when nothing came. */
static size_t rbuf_fill(kb_rbuf *b, size_t want)
{
    if (b->eof || b->err) return 0;
    if (b->pos > 0 && (b->pos == b->len || b->cap - b->len < RBUF_CHUNK)) {
        memmove(b->buf, b->buf + b->pos, b->len - b->pos);
        b->len -= b->pos;
        b->pos = 0;
    }
    size_t need = b->len + (want > RBUF_CHUNK ? want : RBUF_CHUNK);
    if (need > b->cap) {
        unsigned char *nb = realloc(b->buf, need);
        if (!nb) {
            b->err = KB_ENOMEM;
            snprintf(b->msg, sizeof b->msg, "out of memory");
            return 0;
        }
        b->buf = nb;
        b->cap = need;
    }
    size_t got = rbuf_src_read_into(b, b->buf + b->len, b->cap - b->len);
    b->len += got;
    return got;
}

size_t kb_rbuf_peek(kb_rbuf *b, size_t n)
{
    while (b->len - b->pos < n) {
        if (!rbuf_fill(b, n - (b->len - b->pos))) break;
    }
    size_t have = b->len - b->pos;
    return have < n ? have : n;
}

size_t kb_rbuf_read(kb_rbuf *b, unsigned char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        if (b->pos == b->len && buf && n - done >= RBUF_CHUNK) {
            /* nothing buffered and a large read: straight into buf, not
             * through the buffer (a whole page, a WARC block) */
            size_t k = rbuf_src_read_into(b, buf + done, n - done);
            if (!k) break;
            done += k;
            continue;
        }
        if (b->pos == b->len && !rbuf_fill(b, 1)) break;
        size_t k = b->len - b->pos;
        if (k > n - done) k = n - done;
        if (buf) memcpy(buf + done, b->buf + b->pos, k);
        b->pos += k;
        done += k;
    }
    b->consumed += done;
    return done;
}

int kb_rbuf_line(kb_rbuf *b, kb_buf *line, size_t max, int *overflow)
{
    line->len = 0;
    if (line->data) line->data[0] = '\0';
    *overflow = 0;
    int any = 0;
    for (;;) {
        if (b->pos == b->len && !rbuf_fill(b, 1)) return any;
        any = 1;
        const unsigned char *start = b->buf + b->pos;
        size_t avail = b->len - b->pos;
        const unsigned char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        size_t room = line->len < max ? max - line->len : 0;
        size_t keep = take < room ? take : room;
        if (keep < take) *overflow = 1;
        if (keep && kb_buf_append(line, (const char *)start, keep) != KB_OK) {
            b->err = KB_ENOMEM;
            snprintf(b->msg, sizeof b->msg, "out of memory");
            return 0;
        }
        size_t used = take + (nl ? 1 : 0);
        b->pos += used;
        b->consumed += used;
        if (nl) return 1;
    }
}

/* ------------------------------------------------------------ rbuf source */

typedef struct rbuf_src {
    kb_src base;
    kb_rbuf *b;
} rbuf_src;

static int rbuf_src_read(kb_src *s, unsigned char *buf, size_t n, size_t *got)
{
    rbuf_src *r = (rbuf_src *)s;
    *got = kb_rbuf_read(r->b, buf, n);
    if (*got == 0 && r->b->err) {
        int rc = r->b->err;
        snprintf(s->msg, sizeof s->msg, "%s", r->b->msg);
        r->b->err = 0;
        return rc;
    }
    return KB_OK;
}

static void rbuf_src_close(kb_src *s)
{
    rbuf_src *r = (rbuf_src *)s;
    kb_rbuf_free(r->b);
    free(r);
}

kb_src *kb_src_rbuf(kb_rbuf *b)
{
    rbuf_src *r = calloc(1, sizeof *r);
    if (!r) {
        kb_rbuf_free(b);
        return NULL;
    }
    r->base.read = rbuf_src_read;
    r->base.close = rbuf_src_close;
    r->base.fd = -1;
    r->b = b;
    return &r->base;
}
