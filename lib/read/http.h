/* read/http.h -- the HTTP response parser the WARC reader uses (http.c).
 * Internal to the read stage. */
#ifndef KB_READ_HTTP_H
#define KB_READ_HTTP_H

#include "read.h"

typedef struct kb_http {
    int status;                /* 200, 404... (0 when unreadable) */
    char mime[96];             /* Content-Type without parameters, lower case */
    char charset[48];          /* its charset parameter, lower case, or "" */
    unsigned char *body;       /* decoded payload (malloc'd, NUL-terminated) */
    size_t len;
    char warning[160];         /* damage that was survived, or "" */
} kb_http;

/* Parse the HTTP response p[0..len): headers, chunked framing, gzip/deflate
 * content coding. The decoded body may be at most max bytes. Returns KB_OK,
 * or KB_EFORMAT (not HTTP, unsupported or undecodable coding) / KB_ETOOBIG /
 * KB_ENOMEM with a message. Free with kb_http_free (also after failure). */
int kb_http_parse(const unsigned char *p, size_t len, size_t max, kb_http *h,
                  char *msg, size_t msgcap);
void kb_http_free(kb_http *h);

#endif
