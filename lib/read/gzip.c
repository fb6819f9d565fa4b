/* read/gzip.c -- a kb_src that decompresses gzip (.gz files, .warc.gz with
 * one member per record, .jsonl.gz) while streaming.
 *
 * Damage is survivable: when a member is corrupt or cut short, the source
 * reports KB_EFORMAT once and then looks for the next member header
 * (1f 8b 08). The compressed bytes of the current member are kept (up to
 * KEEP_MAX) so that the search can restart just after the damaged member's
 * start: a member cut short is followed directly by the next one, whose
 * bytes inflate may already have swallowed as if they were its own. */
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define IBUF ((size_t)65536)
#define KEEP_MAX ((size_t)32 << 20)

enum { GZ_HEADER, GZ_MEMBER, GZ_SEARCH, GZ_END };

typedef struct gz_src {
    kb_src base;
    kb_src *in;
    z_stream z;
    int zinit;
    unsigned char *ib;
    size_t ipos, ilen;
    int in_eof;
    kb_buf keep;               /* compressed bytes of the member being read */
    int keeping;
    unsigned char *replay;     /* bytes to read again after a resync */
    size_t rpos, rlen;
    int state;
    int pending;               /* an error to report on the next call */
    char pmsg[200];
    unsigned long members;
} gz_src;

/* Move unconsumed input to the front and read more after it. Returns the
 * number of new bytes (0 at the end) or a negative KB_E*. */
static int gz_feed(gz_src *g)
{
    if (g->ipos > 0) {
        memmove(g->ib, g->ib + g->ipos, g->ilen - g->ipos);
        g->ilen -= g->ipos;
        g->ipos = 0;
    }
    size_t room = IBUF - g->ilen, got = 0;
    if (room == 0) return 0;
    if (g->replay && g->rpos < g->rlen) {
        got = g->rlen - g->rpos < room ? g->rlen - g->rpos : room;
        memcpy(g->ib + g->ilen, g->replay + g->rpos, got);
        g->rpos += got;
        if (g->rpos == g->rlen) {
            free(g->replay);
            g->replay = NULL;
        }
    } else if (!g->in_eof) {
        int rc = g->in->read(g->in, g->ib + g->ilen, room, &got);
        if (rc != KB_OK) {
            snprintf(g->base.msg, sizeof g->base.msg, "%s", g->in->msg);
            return rc;
        }
        if (got == 0) g->in_eof = 1;
    }
    if (got && g->keeping) {
        if (g->keep.len + got > KEEP_MAX) {
            g->keeping = 0;
            kb_buf_free(&g->keep);
        } else if (kb_buf_append(&g->keep, (const char *)g->ib + g->ilen, got) != KB_OK) {
            return KB_ENOMEM;
        }
    }
    g->ilen += got;
    return (int)(got > 0);
}

/* After damage: search again from just after the damaged member's start. */
static void gz_resync(gz_src *g, const char *why)
{
    g->pending = KB_EFORMAT;
    snprintf(g->pmsg, sizeof g->pmsg, "%s", why);
    if (g->keeping && g->keep.len > 1) {
        /* keep holds every byte fed since the member started, including the
         * unconsumed ones in ib: replay them, minus the first. */
        free(g->replay);
        size_t n;
        g->replay = (unsigned char *)kb_buf_detach(&g->keep, &n);
        g->rlen = n;
        g->rpos = 1;
        g->ipos = g->ilen = 0;
    }
    kb_buf_free(&g->keep);
    g->keeping = 0;
    g->state = GZ_SEARCH;
}

static int gz_start_member(gz_src *g)
{
    int zr = g->zinit ? inflateReset(&g->z) : inflateInit2(&g->z, 16 + MAX_WBITS);
    if (zr != Z_OK) return KB_ENOMEM;
    g->zinit = 1;
    kb_buf_free(&g->keep);
    g->keeping = 1;
    if (kb_buf_append(&g->keep, (const char *)g->ib + g->ipos, g->ilen - g->ipos) != KB_OK)
        return KB_ENOMEM;
    g->state = GZ_MEMBER;
    return KB_OK;
}

/* Advance the state machine, writing up to n bytes; *out gets the count. */
static int gz_step(gz_src *g, unsigned char *buf, size_t n, size_t *out)
{
    *out = 0;
    switch (g->state) {
    case GZ_HEADER: {
        while (g->ilen - g->ipos < 3) {
            int f = gz_feed(g);
            if (f < 0) return f;
            if (f == 0) break;
        }
        size_t avail = g->ilen - g->ipos;
        const unsigned char *p = g->ib + g->ipos;
        if (avail == 0) { g->state = GZ_END; return KB_OK; }
        if (avail >= 2 && p[0] == 0x1f && p[1] == 0x8b) return gz_start_member(g);
        if (g->members > 0) {
            size_t z = 0;
            while (z < avail && p[z] == 0) z++;   /* zero padding is harmless */
            if (z > 0) { g->ipos += z; return KB_OK; }
        }
        if (g->members == 0) {
            g->pending = KB_EFORMAT;
            snprintf(g->pmsg, sizeof g->pmsg, "not gzip data");
            g->state = GZ_END;
            return KB_OK;
        }
        g->pending = KB_EFORMAT;
        snprintf(g->pmsg, sizeof g->pmsg, "unexpected data after gzip member %lu", g->members);
        g->state = GZ_SEARCH;
        return KB_OK;
    }
    case GZ_SEARCH: {
        for (;;) {
            const unsigned char *p = g->ib + g->ipos;
            size_t avail = g->ilen - g->ipos;
            for (size_t i = 0; i + 2 < avail; i++) {
                if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8) {
                    g->ipos += i;
                    g->state = GZ_HEADER;
                    return KB_OK;
                }
            }
            if (avail > 2) g->ipos = g->ilen - 2;   /* a magic may straddle */
            int f = gz_feed(g);
            if (f < 0) return f;
            if (f == 0) { g->state = GZ_END; return KB_OK; }
        }
    }
    case GZ_MEMBER: {
        if (g->ipos == g->ilen) {
            int f = gz_feed(g);
            if (f < 0) return f;
            if (f == 0) {
                gz_resync(g, "gzip data truncated");
                return KB_OK;
            }
        }
        g->z.next_in = g->ib + g->ipos;
        g->z.avail_in = (uInt)(g->ilen - g->ipos);
        g->z.next_out = buf;
        g->z.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
        int zr = inflate(&g->z, Z_NO_FLUSH);
        *out = (size_t)(g->z.next_out - buf);
        g->ipos = (size_t)(g->z.next_in - g->ib);
        if (zr == Z_STREAM_END) {
            g->members++;
            kb_buf_free(&g->keep);
            g->keeping = 0;
            g->state = GZ_HEADER;
        } else if (zr == Z_MEM_ERROR) {
            return KB_ENOMEM;
        } else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT || zr == Z_STREAM_ERROR) {
            char why[160];
            snprintf(why, sizeof why, "corrupt gzip data (%s)", g->z.msg ? g->z.msg : "bad data");
            gz_resync(g, why);
        }
        return KB_OK;
    }
    default:
        return KB_OK;
    }
}

static int gz_read(kb_src *s, unsigned char *buf, size_t n, size_t *got)
{
    gz_src *g = (gz_src *)s;
    *got = 0;
    if (g->pending) {
        int rc = g->pending;
        g->pending = 0;
        snprintf(s->msg, sizeof s->msg, "%s", g->pmsg);
        return rc;
    }
    while (*got < n && g->state != GZ_END && !g->pending) {
        size_t k = 0;
        int rc = gz_step(g, buf + *got, n - *got, &k);
        *got += k;
        if (rc != KB_OK) {
            if (*got) {                 /* hand out what came first */
                g->pending = rc;
                snprintf(g->pmsg, sizeof g->pmsg, "%s", rc == KB_ENOMEM ? "out of memory" : s->msg);
                g->state = GZ_END;
                return KB_OK;
            }
            g->state = GZ_END;
            if (rc == KB_ENOMEM) snprintf(s->msg, sizeof s->msg, "out of memory");
            return rc;
        }
        if (*got && g->state == GZ_MEMBER && k == 0) break;
        if (*got && g->state == GZ_HEADER) break;  /* member boundary: deliver */
    }
    if (*got == 0 && g->pending) {
        int rc = g->pending;
        g->pending = 0;
        snprintf(s->msg, sizeof s->msg, "%s", g->pmsg);
        return rc;
    }
    return KB_OK;
}

static void gz_close(kb_src *s)
{
    gz_src *g = (gz_src *)s;
    if (g->zinit) inflateEnd(&g->z);
    kb_src_close(g->in);
    kb_buf_free(&g->keep);
    free(g->replay);
    free(g->ib);
    free(g);
}

kb_src *kb_src_gzip(kb_src *inner)
{
    gz_src *g = calloc(1, sizeof *g);
    if (g) g->ib = malloc(IBUF);
    if (!g || !g->ib) {
        if (g) free(g);
        kb_src_close(inner);
        return NULL;
    }
    g->base.read = gz_read;
    g->base.close = gz_close;
    g->base.fd = -1;
    g->in = inner;
    g->state = GZ_HEADER;
    return &g->base;
}
