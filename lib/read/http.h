/* read/http.h -- the HTTP response parser the WARC reader uses (http.c).
 * Internal to the read stage. */
#ifndef KB_READ_HTTP_H
#define KB_READ_HTTP_H

#include "read.h"

typedef struct kb_http {
    int status;                /* 200, 404... (0 when unreadable) */
    char mime[96];             /* Content-Type without parameters, lower case */
    char charset[48];          /* its charset parameter, lower case, or "" */
    char te[64], ce[64];       /* Transfer-Encoding (lower case), Content-Encoding */
    size_t body_at;            /* where the body starts in the response */
    const unsigned char *body; /* decoded payload: in the response itself when it
                                  had no coding, else in owned */
    size_t len;
    unsigned char *owned;      /* malloc'd, or NULL */
    char warning[160];         /* damage that was survived, or "" */
} kb_http;

/* Parse the status line and headers of the HTTP response p[0..len) into h
 * (status, mime, charset, codings, body_at). Returns KB_OK, or KB_EFORMAT
 * when p is not an HTTP response. Cannot fail otherwise; allocates nothing. */
int kb_http_head(const unsigned char *p, size_t len, kb_http *h);
/* Decode the body of the response whose head is in h: chunked framing,
 * gzip/deflate content coding. The decoded body may be at most max bytes.
 * Returns KB_OK with h->body set (it may point into p), or KB_EFORMAT (unsupported or
 * undecodable coding) / KB_ETOOBIG / KB_ENOMEM with a message. Free with
 * kb_http_free (also after failure). */
int kb_http_body(const unsigned char *p, size_t len, size_t max, kb_http *h,
                 char *msg, size_t msgcap);
void kb_http_free(kb_http *h);

#endif
