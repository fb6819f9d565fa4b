/* server/server.h -- `khabar serve`: the HTTP JSON API and the web UI, on
 * libmicrohttpd with a thread pool. A program layer over libkhabar, like
 * cli/: it may print (to its log), the library does not. */
#ifndef KB_SERVER_H
#define KB_SERVER_H

#include <stddef.h>
#include <microhttpd.h>

#include "khabar.h"

typedef struct kb_server_opts {
    const char *db_path;     /* the SQLite store */
    const char *host;        /* default 127.0.0.1 */
    unsigned port;           /* default 8080; 0 picks a free port */
    const char *token;       /* NULL: none */
    unsigned threads;        /* thread pool size; 0 = number of cores */
    size_t max_body;         /* POST body limit; 0 = 16 MiB */
    unsigned timeout;        /* seconds of idleness before a connection is closed; 0 = 15 */
} kb_server_opts;

typedef struct kb_server kb_server;

/* One request as the handlers see it. */
typedef struct kb_http_req {
    kb_server *srv;
    struct MHD_Connection *conn;
    const char *method;
    const char *path;        /* without the query string */
    const char *body;        /* POST body (NUL-terminated), or NULL */
    size_t body_len;
} kb_http_req;

typedef struct kb_http_resp {
    unsigned status;
    const char *content_type;  /* static string */
    kb_buf body;
    const char *allow;         /* Allow header for 405 */
} kb_http_resp;

/* Start serving. On failure returns KB_E* and writes why to err. */
int kb_server_start(const kb_server_opts *opts, kb_server **out, char *err, size_t errcap);
/* The port actually bound (useful with port 0). */
unsigned kb_server_port(const kb_server *s);
/* Stop accepting, finish requests in flight, free everything. */
void kb_server_stop(kb_server *s);

/* Helpers for handlers (server/http.c). */
const char *kb_http_arg(const kb_http_req *req, const char *name);
int kb_http_json_error(kb_http_resp *resp, unsigned status, const char *message);
int kb_http_json(kb_http_resp *resp, unsigned status, char *json_owned);
/* True when the request carries the server's token (constant-time compare). */
int kb_http_authorized(const kb_http_req *req);
/* True when POST is allowed at all (token set, or bound to loopback). */
int kb_http_post_allowed(const kb_http_req *req);

/* The API (server/api.c): fills resp and returns 1 when the path is an API
 * path, else 0. The pool of database connections lives there too. */
typedef struct kb_api kb_api;
int kb_api_new(const char *db_path, unsigned nconn, kb_api **out, char *err, size_t errcap);
void kb_api_free(kb_api *api);
int kb_api_handle(kb_api *api, const kb_http_req *req, kb_http_resp *resp);

#endif
