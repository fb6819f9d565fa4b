/* server/http.c -- the HTTP side of `khabar serve`: libmicrohttpd daemon with
 * a thread pool, bounded request bodies and URLs, security headers on every
 * response, the built-in web UI files, and dispatch to the API (api.c).
 *
 * Bodies are accumulated per connection up to max_body; a larger one is
 * drained and answered 413 without being kept. */
#include "server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/assets.h"

#define KB_MAX_URL 4096

struct kb_server {
    struct MHD_Daemon *daemon;
    kb_api *api;
    char *token;
    int loopback;
    size_t max_body;
    unsigned port;
};

typedef struct {
    kb_buf body;
    int too_big;
} kb_conn_state;

static const char *const kb_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

const char *kb_http_arg(const kb_http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

int kb_http_json(kb_http_resp *resp, unsigned status, char *json_owned)
{
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    kb_buf_free(&resp->body);
    if (!json_owned) return kb_http_json_error(resp, 500, "out of memory");
    int rc = kb_buf_puts(&resp->body, json_owned);
    free(json_owned);
    return rc;
}

int kb_http_json_error(kb_http_resp *resp, unsigned status, const char *message)
{
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    kb_buf_free(&resp->body);
    kb_buf_puts(&resp->body, "{\"error\":\"");
    for (const unsigned char *p = (const unsigned char *)message; *p; p++) {
        if (*p == '"' || *p == '\\') kb_buf_printf(&resp->body, "\\%c", *p);
        else if (*p < 0x20) kb_buf_printf(&resp->body, "\\u%04x", *p);
        else kb_buf_putc(&resp->body, (char)*p);
    }
    kb_buf_printf(&resp->body, "\",\"status\":%u}", status);
    return KB_OK;
}

static int const_time_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = (unsigned char)(la != lb);
    for (size_t i = 0; i < la; i++) diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return diff == 0;
}

int kb_http_authorized(const kb_http_req *req)
{
    const char *token = req->srv->token;
    if (!token) return 1;
    const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Authorization");
    if (h && !strncmp(h, "Bearer ", 7)) return const_time_equal(h + 7, token);
    h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Khabar-Token");
    return h && const_time_equal(h, token);
}

int kb_http_post_allowed(const kb_http_req *req)
{
    return req->srv->token != NULL || req->srv->loopback;
}

unsigned kb_server_port(const kb_server *s) { return s->port; }

static enum MHD_Result send_resp(struct MHD_Connection *conn, unsigned status,
                                 const char *type, const void *data, size_t len,
                                 enum MHD_ResponseMemoryMode mode, const char *allow,
                                 int cache)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Content-Security-Policy", kb_csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", cache ? "public, max-age=3600" : "no-store");
    if (allow) MHD_add_response_header(r, "Allow", allow);
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static const kb_asset *find_asset(const char *path)
{
    for (const kb_asset *a = kb_assets; a->path; a++)
        if (!strcmp(a->path, path)) return a;
    return NULL;
}

static enum MHD_Result respond(kb_server *s, struct MHD_Connection *conn, const char *url,
                               const char *method, kb_conn_state *st)
{
    kb_http_resp resp = { 0 };
    char err[160];
    if (strlen(url) > KB_MAX_URL) {
        kb_http_json_error(&resp, 414, "URL too long");
    } else if (st->too_big) {
        snprintf(err, sizeof err, "request body larger than %zu bytes", s->max_body);
        kb_http_json_error(&resp, MHD_HTTP_CONTENT_TOO_LARGE, err);
    } else {
        kb_http_req req = { s, conn, method, url, st->body.data, st->body.len };
        if (!strcmp(url, "/healthz")) {
            if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
                kb_http_json_error(&resp, 405, "method not allowed");
                resp.allow = "GET, HEAD";
            } else {
                resp.status = 200;
                resp.content_type = "application/json; charset=utf-8";
                kb_buf_puts(&resp.body, "{\"ok\":true}");
            }
        } else if (!kb_api_handle(s->api, &req, &resp)) {
            const kb_asset *a = find_asset(url);
            if (a && (!strcmp(method, "GET") || !strcmp(method, "HEAD"))) {
                if (!a->len) {
                    kb_http_json_error(&resp, 404, "not built into this binary");
                } else {
                    return send_resp(conn, 200, a->content_type, a->data, a->len,
                                     MHD_RESPMEM_PERSISTENT, NULL, strcmp(url, "/") != 0);
                }
            } else if (a) {
                kb_http_json_error(&resp, 405, "method not allowed");
                resp.allow = "GET, HEAD";
            } else {
                kb_http_json_error(&resp, 404, "not found");
            }
        }
    }
    if (!resp.body.data) kb_buf_puts(&resp.body, "");
    enum MHD_Result r = send_resp(conn, resp.status ? resp.status : 500,
                                  resp.content_type ? resp.content_type : "text/plain",
                                  resp.body.data, resp.body.len, MHD_RESPMEM_MUST_COPY,
                                  resp.allow, 0);
    kb_buf_free(&resp.body);
    return r;
}

/* %HH decoding for paths and query values, except %00: a NUL would cut the
 * decoded path short ("/static/app.js%00.png" serving app.js) and reach the
 * handlers inside values. It stays as the three characters "%00". */
static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls; (void)conn;
    char *w = s;
    for (const char *r = s; *r;) {
        if (r[0] == '%' && hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
            int v = hexval(r[1]) * 16 + hexval(r[2]);
            if (v) {
                *w++ = (char)v;
                r += 3;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
    return (size_t)(w - s);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    kb_server *s = cls;
    kb_conn_state *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st) return MHD_NO;
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->max_body) st->too_big = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!st->too_big && st->body.len + *upload_size > s->max_body) {
            st->too_big = 1;
            kb_buf_free(&st->body);
        }
        if (!st->too_big && kb_buf_append(&st->body, upload, *upload_size) != KB_OK)
            st->too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(s, conn, url, method, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls; (void)conn; (void)code;
    kb_conn_state *st = *con_cls;
    if (st) {
        kb_buf_free(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

int kb_server_start(const kb_server_opts *o, kb_server **out, char *err, size_t errcap)
{
    *out = NULL;
    const char *host = o->host && *o->host ? o->host : "127.0.0.1";
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    int loopback;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)o->port);
        loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)o->port);
        flags |= MHD_USE_IPv6;
        loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
    } else if (!strcmp(host, "localhost")) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)o->port);
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        loopback = 1;
    } else {
        snprintf(err, errcap, "--host must be a numeric IPv4/IPv6 address or localhost, not '%s'", host);
        return KB_EINVAL;
    }

    kb_server *s = calloc(1, sizeof *s);
    if (!s) return KB_ENOMEM;
    s->loopback = loopback;
    s->max_body = o->max_body ? o->max_body : (size_t)16 << 20;
    s->token = o->token && *o->token ? strdup(o->token) : NULL;
    if (o->token && *o->token && !s->token) {   /* never serve open for want of a copy */
        kb_server_stop(s);
        return KB_ENOMEM;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads ? o->threads : (unsigned)(cores > 0 ? cores : 2);
    int rc = kb_api_new(o->db_path, threads, &s->api, err, errcap);
    if (rc != KB_OK) {
        kb_server_stop(s);
        return rc;
    }
    s->daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout ? o->timeout : 15u,
        MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 << 10,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
        MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, errcap, "cannot listen on %s port %u (in use, or not allowed)", host, o->port);
        kb_server_stop(s);
        return KB_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return KB_OK;
}

void kb_server_stop(kb_server *s)
{
    if (!s) return;
    if (s->daemon) MHD_stop_daemon(s->daemon);
    kb_api_free(s->api);
    free(s->token);
    free(s);
}
