/* read/http.c -- the HTTP response inside a WARC "response" record: status
 * line, the headers we need (Content-Type with its charset,
 * Transfer-Encoding, Content-Encoding), the body with chunked framing and
 * gzip/deflate content coding undone. Damage in the framing keeps what was
 * decoded, with a warning. */
#include "http.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

void kb_http_free(kb_http *h)
{
    free(h->owned);
    memset(h, 0, sizeof *h);
}

/* Copy a header value (trimmed) into out. */
static void copy_value(const char *v, size_t n, char *out, size_t cap)
{
    while (n && (*v == ' ' || *v == '\t')) { v++; n--; }
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r')) n--;
    if (n >= cap) n = cap - 1;
    memcpy(out, v, n);
    out[n] = '\0';
}

/* Undo chunked framing into out; 1 when the framing was whole. A body that
 * does not start with a chunk size is taken as already unframed. */
static int dechunk(const unsigned char *p, size_t len, kb_buf *out, int *ok)
{
    size_t i = 0;
    *ok = 1;
    int first = 1;
    for (;;) {
        uint64_t size = 0;
        int digits = 0;
        while (i < len && isxdigit(p[i]) && digits < 16) {
            int c = p[i];
            size = size * 16 + (uint64_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
            i++;
            digits++;
        }
        if (!digits) {
            if (first) return kb_buf_append(out, (const char *)p, len);   /* not chunked */
            *ok = 0;
            return KB_OK;
        }
        while (i < len && p[i] != '\n') i++;      /* chunk extensions, CR */
        if (i >= len) { *ok = 0; return KB_OK; }
        i++;
        first = 0;
        if (size == 0) return KB_OK;
        if (size > len - i) {
            *ok = 0;
            return kb_buf_append(out, (const char *)p + i, len - i);
        }
        if (kb_buf_append(out, (const char *)p + i, (size_t)size) != KB_OK) return KB_ENOMEM;
        i += (size_t)size;
        if (i < len && p[i] == '\r') i++;
        if (i < len && p[i] == '\n') i++;
    }
}

/* Inflate p with zlib window bits wbits into out, at most max+1 bytes.
 * Returns KB_OK (*whole when the stream ended cleanly) or KB_ENOMEM. */
static int inflate_to(const unsigned char *p, size_t len, int wbits, size_t max, kb_buf *out,
                      int *whole)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    *whole = 0;
    if (inflateInit2(&z, wbits) != Z_OK) return KB_ENOMEM;
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    int rc = KB_OK;
    for (;;) {
        if (kb_buf_reserve(out, 65536) != KB_OK) { rc = KB_ENOMEM; break; }
        z.next_out = (unsigned char *)out->data + out->len;
        z.avail_out = 65536;
        int zr = inflate(&z, Z_NO_FLUSH);
        out->len = (size_t)((char *)z.next_out - out->data);
        if (zr == Z_STREAM_END) {
            *whole = 1;
            if (z.avail_in >= 2 && wbits > 15 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
                inflateReset(&z);                /* another gzip member */
                continue;
            }
            break;
        }
        if (out->len > max) break;
        if (zr == Z_OK) continue;
        if (zr == Z_MEM_ERROR) rc = KB_ENOMEM;
        *whole = 0;
        break;
    }
    inflateEnd(&z);
    if (rc == KB_OK && out->data) out->data[out->len < out->cap ? out->len : out->cap - 1] = '\0';
    return rc;
}

int kb_http_head(const unsigned char *p, size_t len, kb_http *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0;
    if (len < 12 || memcmp(p, "HTTP/", 5) != 0) return KB_EFORMAT;
    while (i < len && p[i] != ' ') i++;
    while (i < len && p[i] == ' ') i++;
    int status = 0;
    while (i < len && isdigit(p[i]) && status < 1000) status = status * 10 + (p[i++] - '0');
    h->status = status;
    while (i < len && p[i] != '\n') i++;
    if (i < len) i++;
    char ct[256] = "";
    for (;;) {                                      /* header lines */
        if (i >= len) break;
        size_t st = i;
        while (i < len && p[i] != '\n') i++;
        size_t end = i;
        if (i < len) i++;
        if (end > st && p[end - 1] == '\r') end--;
        if (end == st) break;                       /* blank line: body follows */
        const char *line = (const char *)p + st;
        const char *colon = memchr(line, ':', end - st);
        if (!colon) continue;
        size_t nl = (size_t)(colon - line), vl = end - st - nl - 1;
        if (nl == 12 && !strncasecmp(line, "Content-Type", 12)) copy_value(colon + 1, vl, ct, sizeof ct);
        else if (nl == 17 && !strncasecmp(line, "Transfer-Encoding", 17)) copy_value(colon + 1, vl, h->te, sizeof h->te);
        else if (nl == 16 && !strncasecmp(line, "Content-Encoding", 16)) copy_value(colon + 1, vl, h->ce, sizeof h->ce);
    }
    size_t m = 0;
    while (ct[m] && ct[m] != ';' && ct[m] != ' ' && m + 1 < sizeof h->mime) {
        h->mime[m] = (char)tolower((unsigned char)ct[m]);
        m++;
    }
    h->mime[m] = '\0';
    kb_content_type_charset(ct, h->charset, sizeof h->charset);
    for (char *c = h->te; *c; c++) *c = (char)tolower((unsigned char)*c);
    h->body_at = i;
    return KB_OK;
}

int kb_http_body(const unsigned char *p, size_t len, size_t max, kb_http *h,
                 char *msg, size_t msgcap)
{
    const char *ce = h->ce;
    const unsigned char *body = p + h->body_at;
    size_t blen = len - h->body_at;
    kb_buf framed = { 0 };
    if (strstr(h->te, "chunked")) {
        int ok;
        if (dechunk(body, blen, &framed, &ok) != KB_OK) { kb_buf_free(&framed); goto nomem; }
        if (!ok) snprintf(h->warning, sizeof h->warning, "broken chunked transfer encoding: kept what was decoded");
        body = (const unsigned char *)(framed.data ? framed.data : "");
        blen = framed.len;
    }
    kb_buf dec = { 0 };
    int gz = !strcasecmp(ce, "gzip") || !strcasecmp(ce, "x-gzip");
    int deflate = !strcasecmp(ce, "deflate");
    if (gz && blen >= 2 && body[0] == 0x1f && body[1] == 0x8b) {
        int whole;
        if (inflate_to(body, blen, 16 + MAX_WBITS, max, &dec, &whole) != KB_OK) goto nomem2;
        if (!whole && dec.len <= max) {
            if (dec.len == 0) {
                snprintf(msg, msgcap, "gzip-encoded body that does not decompress");
                kb_buf_free(&dec);
                kb_buf_free(&framed);
                return KB_EFORMAT;
            }
            snprintf(h->warning, sizeof h->warning, "gzip-encoded body cut short: kept what was decoded");
        }
    } else if (deflate && blen) {
        int whole;
        if (inflate_to(body, blen, MAX_WBITS, max, &dec, &whole) != KB_OK) goto nomem2;
        if (!whole && dec.len == 0) {
            if (inflate_to(body, blen, -MAX_WBITS, max, &dec, &whole) != KB_OK) goto nomem2;
        }
        if (!whole && dec.len == 0) {
            snprintf(msg, msgcap, "deflate-encoded body that does not decompress");
            kb_buf_free(&dec);
            kb_buf_free(&framed);
            return KB_EFORMAT;
        }
    } else if (*ce && !gz && strcasecmp(ce, "identity") && strcasecmp(ce, "none")) {
        snprintf(msg, msgcap, "content encoding \"%s\" is not supported", ce);
        kb_buf_free(&framed);
        return KB_EFORMAT;
    } else if (framed.data) {
        dec = framed;                               /* unframed: taken as it is */
        framed = (kb_buf){ 0 };
    }
    kb_buf_free(&framed);
    size_t n = dec.data ? dec.len : blen;
    if (n > max) {
        char a[32];
        kb_fmt_size(max, a, sizeof a);
        snprintf(msg, msgcap, "page is more than %s (the size limit)", a);
        kb_buf_free(&dec);
        return KB_ETOOBIG;
    }
    if (!dec.data) {                                /* no coding: the bytes in p */
        h->body = body;
        h->len = blen;
        return KB_OK;
    }
    h->body = h->owned = (unsigned char *)kb_buf_detach(&dec, &h->len);
    return KB_OK;
nomem2:
    kb_buf_free(&dec);
    kb_buf_free(&framed);
nomem:
    snprintf(msg, msgcap, "out of memory");
    return KB_ENOMEM;
}
