/* tests/test_server.c -- `khabar serve` over real HTTP: a database built from
 * the five samples, the server started in-process on 127.0.0.1 (port 0), and
 * a small HTTP/1.1 client written here on plain sockets (status line,
 * headers, Content-Length and chunked bodies). Checks status codes, JSON
 * shapes, limits, methods, raw path traversal, the token, security headers
 * and that markup in a title comes back as a JSON string. */
#define _GNU_SOURCE   /* memmem, strcasestr, asprintf */
#include "kb_test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "server/server.h"
#include "store/stories.h"
#include "store/store.h"


/* ------------------------------------------------------------ HTTP client */

typedef struct {
    char *name, *value;
} header;

typedef struct {
    int status;
    header *h;
    size_t nh;
    char *body;          /* NUL-terminated */
    size_t body_len;
    int chunked;         /* the body came chunked */
} http_resp;

static void resp_free(http_resp *r)
{
    for (size_t i = 0; i < r->nh; i++) {
        free(r->h[i].name);
        free(r->h[i].value);
    }
    free(r->h);
    free(r->body);
    memset(r, 0, sizeof *r);
}

static const char *resp_header(const http_resp *r, const char *name)
{
    for (size_t i = 0; i < r->nh; i++)
        if (!strcasecmp(r->h[i].name, name)) return r->h[i].value;
    return NULL;
}

static int connect_to(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = { .tv_sec = 20 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Send everything; a peer that closes early (413) is not an error here: the
 * answer it sent is still read afterwards. */
static void send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) {
            if (w < 0 && errno == EINTR) continue;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

/* Decode a chunked body from b[0..n). Returns 1 and fills out when the last
 * chunk and the trailer are there, 0 when more bytes are needed, -1 when
 * malformed. *used is the number of bytes of b consumed. */
static int dechunk(const char *b, size_t n, kb_buf *out, size_t *used)
{
    size_t i = 0;
    for (;;) {
        const char *eol = memmem(b + i, n - i, "\r\n", 2);
        if (!eol) return 0;
        char *end;
        unsigned long sz = strtoul(b + i, &end, 16);
        if (end == b + i) return -1;
        i = (size_t)(eol - b) + 2;
        if (sz == 0) {
            /* Trailer lines until an empty one. */
            for (;;) {
                const char *e2 = memmem(b + i, n - i, "\r\n", 2);
                if (!e2) return 0;
                size_t len = (size_t)(e2 - (b + i));
                i += len + 2;
                if (len == 0) {
                    *used = i;
                    return 1;
                }
            }
        }
        if (n - i < sz + 2) return 0;
        kb_buf_append(out, b + i, sz);
        if (memcmp(b + i + sz, "\r\n", 2) != 0) return -1;
        i += sz + 2;
    }
}

/* Try to parse one whole response from b[0..n); eof says no more bytes will
 * come. Returns 1 (parsed, *used bytes consumed), 0 (need more), -1. */
static int parse_resp(const char *b, size_t n, int eof, int head, http_resp *r, size_t *used)
{
    const char *hend = memmem(b, n, "\r\n\r\n", 4);
    if (!hend) return eof ? -1 : 0;
    size_t hlen = (size_t)(hend - b) + 4;
    if (n < 12 || strncmp(b, "HTTP/1.", 7) != 0) return -1;
    resp_free(r);
    r->status = atoi(b + 9);
    const char *line = memchr(b, '\n', hlen) + 1;
    while (line < b + hlen - 2) {
        const char *eol = memmem(line, (size_t)(b + hlen - line), "\r\n", 2);
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            r->h = realloc(r->h, (r->nh + 1) * sizeof *r->h);
            const char *v = colon + 1;
            while (*v == ' ' || *v == '\t') v++;
            r->h[r->nh].name = strndup(line, (size_t)(colon - line));
            r->h[r->nh].value = strndup(v, (size_t)(eol - v));
            r->nh++;
        }
        line = eol + 2;
    }
    kb_buf body = { 0 };
    const char *te = resp_header(r, "Transfer-Encoding");
    const char *cl = resp_header(r, "Content-Length");
    int rc;
    if (head || r->status == 204 || r->status == 304 || r->status / 100 == 1) {
        *used = hlen;
        rc = 1;
    } else if (te && strcasestr(te, "chunked")) {
        r->chunked = 1;
        size_t u = 0;
        rc = dechunk(b + hlen, n - hlen, &body, &u);
        if (rc == 0 && eof) rc = -1;
        *used = hlen + u;
    } else if (cl) {
        size_t want = strtoul(cl, NULL, 10);
        if (n - hlen < want) {
            rc = eof ? -1 : 0;
        } else {
            kb_buf_append(&body, b + hlen, want);
            *used = hlen + want;
            rc = 1;
        }
    } else if (eof) {
        kb_buf_append(&body, b + hlen, n - hlen);
        *used = n;
        rc = 1;
    } else {
        rc = 0;
    }
    if (rc == 1) {
        kb_buf_putc(&body, '\0');
        r->body_len = body.len - 1;
        r->body = kb_buf_detach(&body, NULL);
    }
    kb_buf_free(&body);
    return rc;
}

/* Read one response from fd. Returns 0 or -1 (timeout, malformed). */
static int read_resp(int fd, int head, http_resp *r)
{
    kb_buf in = { 0 };
    char chunk[16384];
    int rc = 0;
    size_t used = 0;
    for (;;) {
        ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got > 0) kb_buf_append(&in, chunk, (size_t)got);
        rc = parse_resp(in.data ? in.data : "", in.len, got <= 0, head, r, &used);
        if (rc != 0) break;
    }
    kb_buf_free(&in);
    return rc == 1 ? 0 : -1;
}

/* Write raw request bytes, read the answer. */
static int http_raw(unsigned port, const char *req, size_t len, http_resp *r)
{
    int fd = connect_to(port);
    if (fd < 0) return -1;
    send_all(fd, req, len);
    int rc = read_resp(fd, !strncmp(req, "HEAD ", 5), r);
    close(fd);
    return rc;
}

/* One request on its own connection (Connection: close). extra: more header
 * lines, each ending in \r\n, or NULL. */
static int http_req(unsigned port, const char *method, const char *target, const char *extra,
                    const char *body, size_t body_len, http_resp *r)
{
    kb_buf q = { 0 };
    kb_buf_printf(&q, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n", method,
                  target, port);
    if (extra) kb_buf_puts(&q, extra);
    if (body) kb_buf_printf(&q, "Content-Length: %zu\r\n", body_len);
    kb_buf_puts(&q, "\r\n");
    if (body) kb_buf_append(&q, body, body_len);
    int rc = http_raw(port, q.data, q.len, r);
    kb_buf_free(&q);
    return rc;
}

static int http_get(unsigned port, const char *target, http_resp *r)
{
    return http_req(port, "GET", target, NULL, NULL, 0, r);
}

/* The body as JSON; fails the test when it is not JSON. */
static json_t *body_json(const http_resp *r)
{
    json_error_t e;
    json_t *o = json_loadb(r->body ? r->body : "", r->body_len, 0, &e);
    if (!o) print_message("not JSON (%s): %.200s\n", e.text, r->body ? r->body : "");
    assert_non_null(o);
    return o;
}

/* GET target, expect status and a JSON object back. Caller decrefs. */
static json_t *get_json(unsigned port, const char *target, int status)
{
    http_resp r = { 0 };
    assert_int_equal(http_get(port, target, &r), 0);
    if (r.status != status) print_message("GET %s -> %d: %.300s\n", target, r.status, r.body);
    assert_int_equal(r.status, status);
    const char *ct = resp_header(&r, "Content-Type");
    assert_non_null(ct);
    assert_non_null(strstr(ct, "application/json"));
    json_t *o = body_json(&r);
    resp_free(&r);
    return o;
}

/* A 4xx answer must be {"error": "..."} with a message. */
static void expect_json_error(unsigned port, const char *method, const char *target,
                              const char *extra, const char *body, int status)
{
    http_resp r = { 0 };
    assert_int_equal(http_req(port, method, target, extra, body, body ? strlen(body) : 0, &r), 0);
    if (r.status != status) print_message("%s %s -> %d: %.300s\n", method, target, r.status, r.body);
    assert_int_equal(r.status, status);
    json_t *o = body_json(&r);
    const char *msg = json_string_value(json_object_get(o, "error"));
    assert_non_null(msg);
    assert_true(strlen(msg) > 3);
    json_decref(o);
    resp_free(&r);
}

/* ------------------------------------------------------------ fixtures */

typedef struct {
    char *dir;
    char *db, *wdb;               /* samples database; a database for writes */
    kb_server *srv;               /* samples, no token */
    kb_server *wsrv;              /* write database, token "s3cret", small bodies */
    kb_server *osrv;              /* write database, no token */
    unsigned port, wport, oport;
    char main_ids[KB_TEST_NSAMPLES][17];  /* the main article of each sample file */
} fixture;

/* The id of the main article of a file, as the extractor gives it. */
static void main_article_id(const char *path, char id[17])
{
    kb_reader *rd = kb_reader_new(NULL);
    assert_non_null(rd);
    kb_reader_add(rd, path);
    kb_read_item it;
    id[0] = '\0';
    while (kb_reader_next(rd, &it) == KB_OK && it.kind != KB_READ_END) {
        if (it.kind != KB_READ_DOC) continue;
        kb_article_list l = { 0 };
        if (kb_extract(it.doc, &l) == KB_OK) {
            for (size_t k = 0; k < l.n; k++)
                if (l.v[k]->role == KB_ROLE_MAIN && !id[0]) memcpy(id, l.v[k]->id, 17);
        }
        kb_article_list_free(&l);
        kb_doc_free(it.doc);
    }
    kb_reader_free(rd);
    assert_int_equal(strlen(id), 16);
}

static kb_server *start(const char *db, const char *token, size_t max_body, unsigned *port)
{
    kb_server_opts o = { .db_path = db, .host = "127.0.0.1", .port = 0, .token = token,
                         .threads = 2, .max_body = max_body };
    kb_server *s = NULL;
    char err[256] = "";
    int rc = kb_server_start(&o, &s, err, sizeof err);
    if (rc != KB_OK) print_message("kb_server_start: %s\n", err);
    assert_int_equal(rc, KB_OK);
    *port = kb_server_port(s);
    assert_true(*port > 0);
    return s;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = kb_test_temp_dir();
    if (asprintf(&f->db, "%s/samples.db", f->dir) < 0) return -1;
    if (asprintf(&f->wdb, "%s/writes.db", f->dir) < 0) return -1;
    char err[256];
    kb_store *s = kb_store_open(f->db, KB_STORE_CREATE, err, sizeof err);
    if (!s) {
        fprintf(stderr, "kb_store_open: %s\n", err);
        return -1;
    }
    kb_reader *r = kb_reader_new(NULL);
    char paths[KB_TEST_NSAMPLES][4096];
    for (size_t i = 0; i < KB_TEST_NSAMPLES; i++) {
        snprintf(paths[i], sizeof paths[i], "%s", kb_test_path(kb_test_samples[i]));
        kb_reader_add(r, paths[i]);
    }
    kb_ingest_stats st = { 0 };
    int rc = kb_store_ingest(s, r, NULL, &st);
    kb_reader_free(r);
    kb_stories_stats ss = { 0 };
    if (rc == KB_OK) rc = kb_store_build_stories(s, &ss);
    kb_store_close(s);
    if (rc != KB_OK || st.docs != KB_TEST_NSAMPLES) {
        fprintf(stderr, "ingest: %s, %zu docs\n", kb_strerror(rc), st.docs);
        return -1;
    }
    for (size_t i = 0; i < KB_TEST_NSAMPLES; i++) main_article_id(paths[i], f->main_ids[i]);
    f->srv = start(f->db, NULL, 0, &f->port);
    f->wsrv = start(f->wdb, "s3cret", 2048, &f->wport);
    f->osrv = start(f->wdb, NULL, 0, &f->oport);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    kb_server_stop(f->srv);
    kb_server_stop(f->wsrv);
    kb_server_stop(f->osrv);
    kb_test_remove_tree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->wdb);
    free(f);
    return 0;
}

/* The id of the story holding every main sample article. */
static char *main_story_id(const fixture *f)
{
    json_t *list = get_json(f->port, "/api/stories?limit=100", 200);
    json_t *v;
    size_t i;
    char *found = NULL;
    json_array_foreach(json_object_get(list, "stories"), i, v) {
        const char *id = json_string_value(json_object_get(v, "id"));
        char target[128];
        snprintf(target, sizeof target, "/api/stories/%s", id);
        json_t *s = get_json(f->port, target, 200);
        size_t have = 0;
        json_t *a;
        size_t k;
        json_array_foreach(json_object_get(s, "articles"), k, a) {
            const char *aid = json_string_value(json_object_get(a, "id"));
            for (size_t m = 0; m < KB_TEST_NSAMPLES; m++)
                if (aid && !strcmp(aid, f->main_ids[m])) have++;
        }
        json_decref(s);
        if (have == KB_TEST_NSAMPLES) found = strdup(id);
    }
    json_decref(list);
    return found;
}

/* ------------------------------------------------------------ tests */

static void healthz_and_security_headers(void **state)
{
    fixture *f = *state;
    http_resp r = { 0 };
    assert_int_equal(http_get(f->port, "/healthz", &r), 0);
    assert_int_equal(r.status, 200);
    json_t *o = body_json(&r);
    assert_true(json_is_true(json_object_get(o, "ok")));
    json_decref(o);
    const char *csp = resp_header(&r, "Content-Security-Policy");
    assert_non_null(csp);
    assert_non_null(strstr(csp, "script-src 'self'"));
    assert_non_null(strstr(csp, "default-src 'none'"));
    assert_null(strstr(csp, "unsafe-inline"));
    assert_null(strstr(csp, "unsafe-eval"));
    assert_string_equal(resp_header(&r, "X-Content-Type-Options"), "nosniff");
    resp_free(&r);

    /* The page and its script carry the same headers; the page has no
     * inline script for the CSP to block. */
    assert_int_equal(http_get(f->port, "/", &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(resp_header(&r, "Content-Type"), "text/html"));
    assert_non_null(resp_header(&r, "Content-Security-Policy"));
    assert_non_null(strstr(r.body, "<script src=\"/static/app.js\""));
    assert_non_null(strstr(r.body, "dir=\"rtl\""));
    assert_null(strstr(r.body, "<script>"));
    resp_free(&r);
    assert_int_equal(http_get(f->port, "/static/app.js", &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(resp_header(&r, "Content-Type"), "javascript"));
    assert_string_equal(resp_header(&r, "X-Content-Type-Options"), "nosniff");
    assert_non_null(strstr(r.body, "createTextNode"));
    assert_null(strstr(r.body, "innerHTML ="));
    resp_free(&r);
    /* HEAD: headers only. */
    const char head[] = "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_int_equal(http_raw(f->port, head, sizeof head - 1, &r), 0);
    assert_int_equal(r.status, 200);
    resp_free(&r);
}

static void stories_list_and_paging(void **state)
{
    fixture *f = *state;
    /* Four stories: the coalition talks (five main articles and the
     * withdrawal-plan piece appended to 000), and the three unrelated pieces
     * appended to 002 (Libya on the Texas floods), 003 (the two-state
     * alliance meeting in Rabat) and 004 (Asmahan Bal'oun on Libya). */
    json_t *all = get_json(f->port, "/api/stories", 200);
    assert_int_equal(json_integer_value(json_object_get(all, "total")), 4);
    json_t *arr = json_object_get(all, "stories");
    assert_true(json_is_array(arr));
    assert_int_equal(json_array_size(arr), 4);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        assert_true(json_is_string(json_object_get(v, "id")));
        assert_true(json_is_string(json_object_get(v, "headline")));
        assert_true(json_integer_value(json_object_get(v, "articles")) >= 1);
        assert_true(json_is_array(json_object_get(v, "sources")));
    }
    /* limit=1 gives one, and offset walks the same order. */
    for (size_t k = 0; k < 4; k++) {
        char target[64];
        snprintf(target, sizeof target, "/api/stories?limit=1&offset=%zu", k);
        json_t *p = get_json(f->port, target, 200);
        json_t *ps = json_object_get(p, "stories");
        assert_int_equal(json_array_size(ps), 1);
        assert_int_equal(json_integer_value(json_object_get(p, "total")), 4);
        assert_int_equal(json_integer_value(json_object_get(p, "offset")), (long)k);
        assert_string_equal(json_string_value(json_object_get(json_array_get(ps, 0), "id")),
                            json_string_value(json_object_get(json_array_get(arr, k), "id")));
        json_decref(p);
    }
    json_t *past = get_json(f->port, "/api/stories?limit=2&offset=4", 200);
    assert_int_equal(json_array_size(json_object_get(past, "stories")), 0);
    json_decref(past);
    /* The biggest story has at least six articles (five main + one). */
    json_t *big = get_json(f->port, "/api/stories?min_articles=5", 200);
    assert_int_equal(json_integer_value(json_object_get(big, "total")), 1);
    assert_true(json_integer_value(json_object_get(json_array_get(json_object_get(big, "stories"), 0), "articles")) >= 6);
    json_decref(big);
    json_decref(all);
}

static void stories_bad_parameters(void **state)
{
    fixture *f = *state;
    const char *bad[] = {
        "/api/stories?limit=abc", "/api/stories?limit=1000", "/api/stories?limit=-1",
        "/api/stories?limit=", "/api/stories?offset=x", "/api/stories?since=notadate",
        "/api/stories?since=2024-13-45", "/api/stories?min_articles=1e3",
        "/api/search?q=%D8%B9%D8%B1%D8%A7%D9%82&limit=abc", "/api/similar/0000000000000000?limit=500",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        expect_json_error(f->port, "GET", bad[i], NULL, NULL, 400);
}

static void story_of_the_samples(void **state)
{
    fixture *f = *state;
    char *id = main_story_id(f);
    assert_non_null(id);
    char target[128];
    snprintf(target, sizeof target, "/api/stories/%s", id);
    json_t *s = get_json(f->port, target, 200);
    assert_string_equal(json_string_value(json_object_get(s, "id")), id);
    assert_true(json_is_string(json_object_get(s, "headline")));
    json_t *tl = json_object_get(s, "timeline");
    assert_true(json_is_array(tl));
    assert_true(json_array_size(tl) > 0);
    json_t *ev;
    size_t i;
    json_array_foreach(tl, i, ev) {
        assert_true(json_is_string(json_object_get(ev, "date")));
        assert_true(json_is_string(json_object_get(ev, "text")));
    }
    json_t *ms = json_object_get(s, "milestones");
    assert_true(json_is_array(ms));
    assert_true(json_array_size(ms) > 0);
    /* The samples announce the withdrawal for September 2025 and the end of
     * the presence in Kurdistan for September 2026: both are milestones. */
    int y2025 = 0, y2026 = 0;
    json_array_foreach(ms, i, ev) {
        const char *d = json_string_value(json_object_get(ev, "date"));
        assert_non_null(d);
        if (!strncmp(d, "2025", 4)) y2025 = 1;
        if (!strncmp(d, "2026", 4)) y2026 = 1;
    }
    assert_true(y2025 || y2026);
    /* Every main article is in it (checked by main_story_id); the appended
     * withdrawal-plan piece of 000 too, so at least six. */
    assert_true(json_array_size(json_object_get(s, "articles")) >= 6);
    json_decref(s);

    /* A unique prefix works; junk and unknown ids are 404 JSON. */
    snprintf(target, sizeof target, "/api/stories/%.8s", id);
    s = get_json(f->port, target, 200);
    assert_string_equal(json_string_value(json_object_get(s, "id")), id);
    json_decref(s);
    expect_json_error(f->port, "GET", "/api/stories/doesnotexist", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/api/stories/0123456789abcdef", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/api/stories/", NULL, NULL, 404);
    free(id);
}

static void article_with_its_story(void **state)
{
    fixture *f = *state;
    char *story = main_story_id(f);
    assert_non_null(story);
    for (size_t i = 0; i < KB_TEST_NSAMPLES; i++) {
        char target[128];
        snprintf(target, sizeof target, "/api/articles/%s", f->main_ids[i]);
        json_t *a = get_json(f->port, target, 200);
        assert_string_equal(json_string_value(json_object_get(a, "id")), f->main_ids[i]);
        /* Only 002 opens with a title line; the others have none. */
        json_t *title = json_object_get(a, "title");
        assert_true(json_is_string(title) || json_is_null(title));
        if (i == 2)
            assert_string_equal(json_string_value(title),
                                "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق");
        const char *text = json_string_value(json_object_get(a, "text"));
        assert_non_null(text);
        assert_true(strlen(text) > 500);
        assert_non_null(strstr(text, "العراق"));
        assert_string_equal(json_string_value(json_object_get(a, "story")), story);
        json_decref(a);
    }
    /* 000 names its outlet; its title is the talks. */
    char target[128];
    snprintf(target, sizeof target, "/api/articles/%.8s", f->main_ids[0]);
    json_t *a = get_json(f->port, target, 200);
    assert_string_equal(json_string_value(json_object_get(a, "id")), f->main_ids[0]);
    assert_non_null(strstr(json_string_value(json_object_get(a, "source")), "الصحافة المستقلة"));
    json_decref(a);
    expect_json_error(f->port, "GET", "/api/articles/ffffffffffffffff", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/api/articles/../../etc", NULL, NULL, 404);
    free(story);
}

/* True when p is not inside a UTF-8 sequence. */
static int utf8_boundary(const char *s, size_t p)
{
    return ((unsigned char)s[p] & 0xC0) != 0x80;
}

static void search_with_highlights(void **state)
{
    fixture *f = *state;
    /* محادثات (talks), URL-encoded. */
    json_t *o = get_json(f->port, "/api/search?q=%D9%85%D8%AD%D8%A7%D8%AF%D8%AB%D8%A7%D8%AA", 200);
    json_t *hits = json_object_get(o, "hits");
    assert_true(json_array_size(hits) >= 2);
    size_t i, marked = 0;
    json_t *h;
    json_array_foreach(hits, i, h) {
        assert_int_equal(strlen(json_string_value(json_object_get(h, "id"))), 16);
        const char *sn = json_string_value(json_object_get(h, "snippet"));
        assert_non_null(sn);
        size_t n = strlen(sn);
        json_t *sp;
        size_t k;
        json_array_foreach(json_object_get(h, "highlights"), k, sp) {
            json_int_t s = json_integer_value(json_array_get(sp, 0));
            json_int_t e = json_integer_value(json_array_get(sp, 1));
            assert_true(s >= 0 && s < e && (size_t)e <= n);
            assert_true(utf8_boundary(sn, (size_t)s));
            assert_true((size_t)e == n || utf8_boundary(sn, (size_t)e));
            /* The marked word is a form of محادثة (talks): المحادثات, محادثات... */
            char *w = strndup(sn + s, (size_t)(e - s));
            assert_non_null(strstr(w, "محادث"));
            free(w);
            marked++;
        }
    }
    assert_true(marked >= 2);
    json_decref(o);

    expect_json_error(f->port, "GET", "/api/search", NULL, NULL, 400);
    expect_json_error(f->port, "GET", "/api/search?q=", NULL, NULL, 400);
    /* A 10 KB query. */
    kb_buf q = { 0 };
    kb_buf_puts(&q, "/api/search?q=");
    while (q.len < 10240) kb_buf_puts(&q, "iraq%20");
    expect_json_error(f->port, "GET", q.data, NULL, NULL, 400);
    kb_buf_free(&q);
    /* FTS5 syntax is text, never an error of the database. */
    json_decref(get_json(f->port, "/api/search?q=%22unclosed%20NEAR(x*%20%5E", 200));
}

static void similar_finds_the_same_story(void **state)
{
    fixture *f = *state;
    char target[128];
    snprintf(target, sizeof target, "/api/similar/%s", f->main_ids[4]);
    json_t *o = get_json(f->port, target, 200);
    assert_string_equal(json_string_value(json_object_get(o, "id")), f->main_ids[4]);
    json_t *sim = json_object_get(o, "similar");
    assert_true(json_is_array(sim));
    assert_true(json_is_array(json_object_get(o, "duplicates")));
    /* The best match is another main article of the talks. */
    const char *best = json_string_value(json_object_get(json_array_get(sim, 0), "id"));
    assert_non_null(best);
    int other_main = 0;
    for (size_t i = 0; i < KB_TEST_NSAMPLES - 1; i++) other_main |= !strcmp(best, f->main_ids[i]);
    assert_true(other_main);
    json_t *h;
    size_t i;
    json_array_foreach(sim, i, h) assert_string_not_equal(json_string_value(json_object_get(h, "id")), f->main_ids[4]);
    json_decref(o);
    expect_json_error(f->port, "GET", "/api/similar/ffffffffffffffff", NULL, NULL, 404);
}

static void methods_and_unknown_paths(void **state)
{
    fixture *f = *state;
    http_resp r = { 0 };
    assert_int_equal(http_req(f->port, "POST", "/api/stories", NULL, "{}", 2, &r), 0);
    assert_int_equal(r.status, 405);
    assert_non_null(resp_header(&r, "Allow"));
    assert_non_null(strstr(resp_header(&r, "Allow"), "GET"));
    resp_free(&r);
    assert_int_equal(http_req(f->port, "DELETE", "/api/stories/abcdef0", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 405);
    assert_non_null(resp_header(&r, "Allow"));
    resp_free(&r);
    assert_int_equal(http_req(f->port, "GET", "/api/articles", NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 405);
    assert_string_equal(resp_header(&r, "Allow"), "POST");
    resp_free(&r);
    assert_int_equal(http_req(f->port, "PUT", "/", NULL, "x", 1, &r), 0);
    assert_int_equal(r.status, 405);
    resp_free(&r);
    expect_json_error(f->port, "GET", "/nope", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/api/nope", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/static/", NULL, NULL, 404);
    expect_json_error(f->port, "GET", "/static/missing.js", NULL, NULL, 404);
}

static void raw_path_traversal(void **state)
{
    fixture *f = *state;
    const char *targets[] = {
        "/static/../../etc/passwd", "/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd", "//etc/passwd", "/static//etc/passwd",
        "/static/../server/http.c", "/static/./app.js/../../../etc/passwd",
        "/static/app.js%00.png", "/static\\..\\..\\etc\\passwd",
    };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        char req[512];
        int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                         targets[i]);
        http_resp r = { 0 };
        assert_int_equal(http_raw(f->port, req, (size_t)n, &r), 0);
        if (r.status != 404) print_message("%s -> %d\n", targets[i], r.status);
        assert_true(r.status == 404 || r.status == 400);
        assert_null(strstr(r.body, "root:"));
        assert_null(strstr(r.body, "#include"));
        resp_free(&r);
    }
    /* Not even a request line with an absolute URL gets anything. */
    const char abs[] = "GET http://127.0.0.1/../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    http_resp r = { 0 };
    assert_int_equal(http_raw(f->port, abs, sizeof abs - 1, &r), 0);
    assert_true(r.status >= 400);
    assert_null(strstr(r.body, "root:"));
    resp_free(&r);
}

/* Two requests on one connection (keep-alive, as wrk and browsers do). */
static void keep_alive(void **state)
{
    fixture *f = *state;
    int fd = connect_to(f->port);
    assert_true(fd >= 0);
    const char req[] = "GET /api/stories?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int k = 0; k < 3; k++) {
        send_all(fd, req, sizeof req - 1);
        http_resp r = { 0 };
        assert_int_equal(read_resp(fd, 0, &r), 0);
        assert_int_equal(r.status, 200);
        json_t *o = body_json(&r);
        assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
        json_decref(o);
        resp_free(&r);
    }
    close(fd);
}

typedef struct {
    unsigned port;
    const char *story;
    int ok;
} hammer_arg;

static void *hammer(void *ud)
{
    hammer_arg *h = ud;
    char target[128];
    for (int k = 0; k < 40; k++) {
        http_resp r = { 0 };
        if (k % 3 == 0) snprintf(target, sizeof target, "/api/stories");
        else if (k % 3 == 1) snprintf(target, sizeof target, "/api/stories/%s", h->story);
        else snprintf(target, sizeof target, "/api/search?q=%%D8%%A7%%D9%%84%%D8%%B9%%D8%%B1%%D8%%A7%%D9%%82");
        if (http_get(h->port, target, &r) == 0 && r.status == 200 && r.body_len > 10) h->ok++;
        resp_free(&r);
    }
    return NULL;
}

/* Many clients at once share the connection pool without errors. */
static void concurrent_readers(void **state)
{
    fixture *f = *state;
    char *story = main_story_id(f);
    assert_non_null(story);
    pthread_t t[6];
    hammer_arg a[6];
    for (int i = 0; i < 6; i++) {
        a[i] = (hammer_arg){ f->port, story, 0 };
        assert_int_equal(pthread_create(&t[i], NULL, hammer, &a[i]), 0);
    }
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].ok, 40);
    }
    free(story);
}

/* A small article of my own, one JSONL record. */
static const char zanj_record[] =
    "{\"url\":\"https://example.org/news/zanjabil-festival\",\"title\":\"افتتاح مهرجان الزنجبيل في مدينة صحار\","
    "\"date\":\"2024-10-02\",\"source\":\"نشرة الاختبار\",\"text\":\"افتتح محافظ شمال الباطنة "
    "يوم الأربعاء مهرجان الزنجبيل السنوي في مدينة صحار بمشاركة أكثر من مئة مزارع من ولايات السلطنة.\\n\\n"
    "ويعرض المهرجان أصنافا من الزنجبيل المجفف والطازج إلى جانب منتجات الحرف اليدوية، ويستمر عشرة أيام.\\n\\n"
    "وقال رئيس اللجنة المنظمة إن عدد الزوار في الدورة الماضية تجاوز عشرين ألف زائر، وإن الدورة الحالية "
    "تضم ورشا لتعليم الزراعة المنزلية.\"}\n";

static const char xss_record[] =
    "{\"url\":\"https://example.org/news/xss\",\"title\":\"<script>alert(1)</script>\","
    "\"date\":\"2024-10-03\",\"source\":\"نشرة الاختبار\",\"text\":\"أعلنت بلدية مدينة نزوى "
    "يوم الخميس عن افتتاح سوق جديدة للتمور في وسط المدينة القديمة بعد أعمال ترميم استمرت عامين.\\n\\n"
    "وتضم السوق الجديدة ستين محلا لبيع التمور والحلوى العمانية، وتفتح أبوابها كل يوم من الصباح حتى المساء.\\n\\n"
    "وقال مدير البلدية إن السوق ستسهم في تنشيط السياحة في المدينة خلال موسم الشتاء.\"}\n";

/* The id of the one hit for a word, or NULL. */
static char *find_by_search(unsigned port, const char *encoded_q, const char *title)
{
    char target[256];
    snprintf(target, sizeof target, "/api/search?q=%s", encoded_q);
    json_t *o = get_json(port, target, 200);
    json_t *hits = json_object_get(o, "hits");
    char *id = NULL;
    if (json_array_size(hits) == 1) {
        json_t *h = json_array_get(hits, 0);
        assert_string_equal(json_string_value(json_object_get(h, "title")), title);
        id = strdup(json_string_value(json_object_get(h, "id")));
    }
    json_decref(o);
    return id;
}

static void post_token_limits_and_markup(void **state)
{
    fixture *f = *state;
    const char *json_ct = "Content-Type: application/x-ndjson\r\n";
    /* The token server: no token, a wrong one -> 401; nothing stored. */
    expect_json_error(f->wport, "POST", "/api/articles", json_ct, zanj_record, 401);
    expect_json_error(f->wport, "POST", "/api/articles", "Authorization: Bearer s3cre\r\n", zanj_record, 401);
    expect_json_error(f->wport, "POST", "/api/articles", "Authorization: Bearer s3cretX\r\n", zanj_record, 401);
    expect_json_error(f->wport, "POST", "/api/articles", "Authorization: Basic s3cret\r\n", zanj_record, 401);
    json_t *l = get_json(f->wport, "/api/stories", 200);
    assert_int_equal(json_integer_value(json_object_get(l, "total")), 0);
    json_decref(l);

    /* With the token: 201, the counts, and the article can be fetched. */
    http_resp r = { 0 };
    assert_int_equal(http_req(f->wport, "POST", "/api/articles",
                              "Authorization: Bearer s3cret\r\nContent-Type: application/x-ndjson\r\n",
                              zanj_record, strlen(zanj_record), &r), 0);
    if (r.status != 201) print_message("POST -> %d %s\n", r.status, r.body);
    assert_int_equal(r.status, 201);
    json_t *o = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(o, "new")), 1);
    assert_int_equal(json_integer_value(json_object_get(o, "stories")), 1);
    json_decref(o);
    resp_free(&r);
    /* الزنجبيل */
    char *id = find_by_search(f->wport, "%D8%A7%D9%84%D8%B2%D9%86%D8%AC%D8%A8%D9%8A%D9%84",
                              "افتتاح مهرجان الزنجبيل في مدينة صحار");
    assert_non_null(id);
    char target[128];
    snprintf(target, sizeof target, "/api/articles/%s", id);
    o = get_json(f->oport, target, 200);
    assert_string_equal(json_string_value(json_object_get(o, "source")), "نشرة الاختبار");
    assert_non_null(strstr(json_string_value(json_object_get(o, "text")), "عشرين ألف زائر"));
    assert_true(json_is_string(json_object_get(o, "story")));
    json_decref(o);
    free(id);
    /* The same record again: stored already, 200 and nothing new. */
    assert_int_equal(http_req(f->wport, "POST", "/api/articles", "X-Khabar-Token: s3cret\r\n",
                              zanj_record, strlen(zanj_record), &r), 0);
    assert_int_equal(r.status, 200);
    o = body_json(&r);
    assert_int_equal(json_integer_value(json_object_get(o, "new")), 0);
    assert_int_equal(json_integer_value(json_object_get(o, "unchanged")), 1);
    json_decref(o);
    resp_free(&r);

    /* Over --max-body (2048 here): 413, by Content-Length and chunked. */
    kb_buf big = { 0 };
    while (big.len < 8192) kb_buf_puts(&big, zanj_record);
    expect_json_error(f->wport, "POST", "/api/articles", "Authorization: Bearer s3cret\r\n", big.data, 413);
    kb_buf raw = { 0 };
    kb_buf_printf(&raw, "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        "Authorization: Bearer s3cret\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (size_t off = 0; off < big.len; off += 1000) {
        size_t n = big.len - off < 1000 ? big.len - off : 1000;
        kb_buf_printf(&raw, "%zx\r\n", n);
        kb_buf_append(&raw, big.data + off, n);
        kb_buf_puts(&raw, "\r\n");
    }
    kb_buf_puts(&raw, "0\r\n\r\n");
    assert_int_equal(http_raw(f->wport, raw.data, raw.len, &r), 0);
    assert_int_equal(r.status, 413);
    resp_free(&r);
    kb_buf_free(&raw);
    kb_buf_free(&big);
    /* An empty body, and a body with no article: a record whose text is
     * empty is rejected by the reader, nothing is stored. */
    expect_json_error(f->wport, "POST", "/api/articles", "Authorization: Bearer s3cret\r\n", "", 400);
    expect_json_error(f->wport, "POST", "/api/articles",
                      "Authorization: Bearer s3cret\r\nContent-Type: application/x-ndjson\r\n",
                      "{\"url\":\"https://example.org/news/empty\",\"title\":\"خبر بلا نص\",\"text\":\"\"}\n",
                      422);
    l = get_json(f->wport, "/api/stories", 200);
    assert_int_equal(json_integer_value(json_object_get(l, "total")), 1);
    json_decref(l);

    /* Markup in a title is data: it comes back as the same JSON string. The
     * loopback server without a token takes POSTs. */
    assert_int_equal(http_req(f->oport, "POST", "/api/articles", json_ct, xss_record,
                              strlen(xss_record), &r), 0);
    assert_int_equal(r.status, 201);
    resp_free(&r);
    /* التمور */
    id = find_by_search(f->oport, "%D8%A7%D9%84%D8%AA%D9%85%D9%88%D8%B1", "<script>alert(1)</script>");
    assert_non_null(id);
    snprintf(target, sizeof target, "/api/articles/%s", id);
    assert_int_equal(http_get(f->oport, target, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(resp_header(&r, "Content-Type"), "application/json"));
    assert_string_equal(resp_header(&r, "X-Content-Type-Options"), "nosniff");
    o = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(o, "title")), "<script>alert(1)</script>");
    assert_true(json_is_string(json_object_get(o, "story")));
    json_decref(o);
    resp_free(&r);
    free(id);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(healthz_and_security_headers),
        cmocka_unit_test(stories_list_and_paging),
        cmocka_unit_test(stories_bad_parameters),
        cmocka_unit_test(story_of_the_samples),
        cmocka_unit_test(article_with_its_story),
        cmocka_unit_test(search_with_highlights),
        cmocka_unit_test(similar_finds_the_same_story),
        cmocka_unit_test(methods_and_unknown_paths),
        cmocka_unit_test(raw_path_traversal),
        cmocka_unit_test(keep_alive),
        cmocka_unit_test(concurrent_readers),
        cmocka_unit_test(post_token_limits_and_markup),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
