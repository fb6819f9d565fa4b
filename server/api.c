/* server/api.c -- the JSON API of `khabar serve` over the store:
 *
 *   GET  /api/stories?limit=&offset=&since=&source=&min_articles=
 *   GET  /api/stories/{id}
 *   GET  /api/articles/{id}          the article, with the story it is in
 *   GET  /api/search?q=&limit=&source=&since=&until=
 *   GET  /api/similar/{id}?limit=
 *   POST /api/articles               a JSONL body or one HTML page (or text):
 *                                    ingested, stories rebuilt
 *
 * Database connections: one per worker thread at most, kept in a small pool
 * (a kb_store is one SQLite connection, for one thread at a time). Ingests
 * are serialised: one writer at a time is SQLite's rule anyway. */
#include "server.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/stories.h"
#include "store/store.h"

#define KB_API_MAX_LIMIT 100
#define KB_API_MAX_QUERY 1024

struct kb_api {
    char *db_path;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    kb_store **idle;
    size_t nidle, nopen, max;
    pthread_mutex_t write_lock;
};

int kb_api_new(const char *db_path, unsigned nconn, kb_api **out, char *err, size_t errcap)
{
    *out = NULL;
    /* Create the database (and apply migrations) once, up front, so that a
     * bad path fails at start and not at the first request. */
    kb_store *s = kb_store_open(db_path, KB_STORE_CREATE, err, errcap);
    if (!s) return KB_EDB;
    kb_api *a = calloc(1, sizeof *a);
    if (!a) { kb_store_close(s); return KB_ENOMEM; }
    a->db_path = strdup(db_path);
    a->max = nconn ? nconn : 2;
    a->idle = calloc(a->max, sizeof *a->idle);
    if (!a->db_path || !a->idle) {
        kb_store_close(s);
        free(a->db_path);
        free(a->idle);
        free(a);
        return KB_ENOMEM;
    }
    pthread_mutex_init(&a->lock, NULL);
    pthread_mutex_init(&a->write_lock, NULL);
    pthread_cond_init(&a->freed, NULL);
    a->idle[a->nidle++] = s;
    a->nopen = 1;
    *out = a;
    return KB_OK;
}

void kb_api_free(kb_api *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->nidle; i++) kb_store_close(a->idle[i]);
    pthread_mutex_destroy(&a->lock);
    pthread_mutex_destroy(&a->write_lock);
    pthread_cond_destroy(&a->freed);
    free(a->idle);
    free(a->db_path);
    free(a);
}

static kb_store *borrow(kb_api *a)
{
    pthread_mutex_lock(&a->lock);
    while (!a->nidle && a->nopen >= a->max) pthread_cond_wait(&a->freed, &a->lock);
    kb_store *s = NULL;
    if (a->nidle) {
        s = a->idle[--a->nidle];
    } else {
        a->nopen++;
        pthread_mutex_unlock(&a->lock);
        char err[256];
        s = kb_store_open(a->db_path, 0, err, sizeof err);
        pthread_mutex_lock(&a->lock);
        if (!s) {
            a->nopen--;
            pthread_cond_signal(&a->freed);
        }
    }
    pthread_mutex_unlock(&a->lock);
    return s;
}

static void give_back(kb_api *a, kb_store *s)
{
    if (!s) return;
    pthread_mutex_lock(&a->lock);
    a->idle[a->nidle++] = s;
    pthread_cond_signal(&a->freed);
    pthread_mutex_unlock(&a->lock);
}

/* ------------------------------------------------------------ helpers */

/* A count parameter: absent -> def; present -> 0..max or -1 (bad). */
static long count_arg(const kb_http_req *req, const char *name, long def, long max)
{
    const char *v = kb_http_arg(req, name);
    if (!v) return def;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < 0 || n > max) return -1;
    return n;
}

static int valid_id(const char *id, size_t min, size_t max)
{
    size_t n = strlen(id);
    if (n < min || n > max) return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == 's')) return 0;
    return 1;
}

static int db_unavailable(kb_http_resp *resp)
{
    return kb_http_json_error(resp, 503, "database unavailable");
}

static int from_code(kb_http_resp *resp, int rc, const char *what)
{
    char msg[160];
    switch (rc) {
    case KB_ENOTFOUND: snprintf(msg, sizeof msg, "no such %s", what); return kb_http_json_error(resp, 404, msg);
    case KB_EINVAL: snprintf(msg, sizeof msg, "bad %s", what); return kb_http_json_error(resp, 400, msg);
    case KB_ENOMEM: return kb_http_json_error(resp, 500, "out of memory");
    default: return kb_http_json_error(resp, 500, kb_strerror(rc));
    }
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *spans_json(const kb_span *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array();
        json_array_append_new(p, json_integer((json_int_t)v[i].start));
        json_array_append_new(p, json_integer((json_int_t)v[i].end));
        json_array_append_new(arr, p);
    }
    return arr;
}

/* ------------------------------------------------------------ handlers */

static int get_stories(kb_api *a, const kb_http_req *req, kb_http_resp *resp)
{
    long limit = count_arg(req, "limit", 20, KB_API_MAX_LIMIT);
    long offset = count_arg(req, "offset", 0, 100000000);
    long minart = count_arg(req, "min_articles", 1, 100000);
    if (limit < 0 || offset < 0 || minart < 0)
        return kb_http_json_error(resp, 400, "limit (0..100), offset and min_articles must be whole numbers");
    kb_stories_query q = { .limit = limit ? (size_t)limit : 20, .offset = (size_t)offset,
                           .since = kb_http_arg(req, "since"), .source = kb_http_arg(req, "source"),
                           .min_articles = (size_t)minart };
    kb_store *s = borrow(a);
    if (!s) return db_unavailable(resp);
    char *json = NULL;
    int rc = kb_store_stories_json(s, &q, &json);
    give_back(a, s);
    if (rc == KB_EINVAL) return kb_http_json_error(resp, 400, "since must be a date like 2024-07-23");
    if (rc != KB_OK) return from_code(resp, rc, "stories");
    return kb_http_json(resp, 200, json);
}

static int get_story(kb_api *a, const char *id, kb_http_resp *resp)
{
    if (!valid_id(id, 7, 40)) return kb_http_json_error(resp, 404, "no such story");
    kb_store *s = borrow(a);
    if (!s) return db_unavailable(resp);
    char *json = NULL;
    int rc = kb_store_story_json(s, id, &json);
    give_back(a, s);
    if (rc != KB_OK) return from_code(resp, rc == KB_EINVAL ? KB_ENOTFOUND : rc, "story");
    return kb_http_json(resp, 200, json);
}

static int get_article(kb_api *a, const char *id, kb_http_resp *resp)
{
    if (!valid_id(id, 6, 16)) return kb_http_json_error(resp, 404, "no such article");
    kb_store *s = borrow(a);
    if (!s) return db_unavailable(resp);
    kb_article *art = NULL;
    int rc = kb_store_get_article(s, id, &art);
    char *json = NULL, story[48] = "";
    if (rc == KB_OK) {
        json = kb_store_article_json(s, art);
        kb_store_story_of(s, art->id, story);
    }
    give_back(a, s);
    kb_article_free(art);
    if (rc != KB_OK) return from_code(resp, rc == KB_EINVAL ? KB_ENOTFOUND : rc, "article");
    if (!json) return kb_http_json_error(resp, 500, "out of memory");
    /* "story" goes in as the last key by splicing it before the closing
     * brace: parsing the article's JSON again to add one key was half the
     * cost of this request. A story id is [0-9a-fs] only (kb_store_story_of),
     * nothing to escape; anything else is left out as null. */
    size_t n = strlen(json);
    while (n && (json[n - 1] == '\n' || json[n - 1] == ' ')) n--;
    if (n < 2 || json[0] != '{' || json[n - 1] != '}') {
        free(json);
        return kb_http_json_error(resp, 500, "bad stored article");
    }
    int ok_id = valid_id(story, 1, sizeof story - 1);
    resp->status = 200;
    resp->content_type = "application/json; charset=utf-8";
    kb_buf_free(&resp->body);
    int rc2 = kb_buf_append(&resp->body, json, n - 1);
    if (rc2 == KB_OK)
        rc2 = ok_id ? kb_buf_printf(&resp->body, "%s\"story\":\"%s\"}", n > 2 ? "," : "", story)
                    : kb_buf_printf(&resp->body, "%s\"story\":null}", n > 2 ? "," : "");
    free(json);
    if (rc2 != KB_OK) return kb_http_json_error(resp, 500, "out of memory");
    return KB_OK;
}

static int get_search(kb_api *a, const kb_http_req *req, kb_http_resp *resp)
{
    const char *q = kb_http_arg(req, "q");
    if (!q || !*q) return kb_http_json_error(resp, 400, "give a query: /api/search?q=...");
    if (strlen(q) > KB_API_MAX_QUERY) return kb_http_json_error(resp, 400, "query too long (1 KiB at most)");
    long limit = count_arg(req, "limit", 10, KB_API_MAX_LIMIT);
    if (limit < 0) return kb_http_json_error(resp, 400, "limit must be 0..100");
    kb_search_opts o = { .limit = limit ? (size_t)limit : 10, .source = kb_http_arg(req, "source"),
                         .since = kb_http_arg(req, "since"), .until = kb_http_arg(req, "until") };
    kb_store *s = borrow(a);
    if (!s) return db_unavailable(resp);
    kb_search_result r = { 0 };
    char err[256] = "";
    int rc = kb_store_search(s, q, &o, &r, err, sizeof err);
    give_back(a, s);
    if (rc == KB_EEMPTY) {
        kb_search_result_free(&r);
        return kb_http_json(resp, 200, strdup("{\"hits\":[],\"note\":\"nothing searchable in the query\"}"));
    }
    if (rc == KB_EINVAL) {
        kb_search_result_free(&r);
        return kb_http_json_error(resp, 400, err[0] ? err : "bad query");
    }
    if (rc != KB_OK) {
        kb_search_result_free(&r);
        return from_code(resp, rc, "query");
    }
    json_t *hits = json_array();
    for (size_t i = 0; i < r.n; i++) {
        const kb_search_hit *h = &r.v[i];
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(h->id));
        json_object_set_new(x, "title", str_or_null(h->title));
        json_object_set_new(x, "source", str_or_null(h->source));
        json_object_set_new(x, "published", str_or_null(h->published));
        json_object_set_new(x, "score", json_real(h->score));
        json_object_set_new(x, "snippet", str_or_null(h->snippet));
        json_object_set_new(x, "highlights", spans_json(h->hl, h->nhl));
        json_object_set_new(x, "title_highlights", spans_json(h->title_hl, h->ntitle_hl));
        json_array_append_new(hits, x);
    }
    json_t *o2 = json_object();
    json_object_set_new(o2, "query", json_string(q));
    json_object_set_new(o2, "hits", hits);
    kb_search_result_free(&r);
    char *json = json_dumps(o2, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o2);
    return kb_http_json(resp, 200, json);
}

static json_t *similar_json(const kb_similar_hit *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(v[i].id));
        json_object_set_new(x, "title", str_or_null(v[i].title));
        json_object_set_new(x, "source", str_or_null(v[i].source));
        json_object_set_new(x, "published", str_or_null(v[i].published));
        json_object_set_new(x, "score", json_real(v[i].score));
        json_object_set_new(x, "cosine", json_real(v[i].cosine));
        json_array_append_new(arr, x);
    }
    return arr;
}

static int get_similar(kb_api *a, const kb_http_req *req, const char *id, kb_http_resp *resp)
{
    if (!valid_id(id, 6, 16)) return kb_http_json_error(resp, 404, "no such article");
    long limit = count_arg(req, "limit", 10, KB_API_MAX_LIMIT);
    if (limit < 0) return kb_http_json_error(resp, 400, "limit must be 0..100");
    kb_store *s = borrow(a);
    if (!s) return db_unavailable(resp);
    kb_article *art = NULL;
    int rc = kb_store_get_article(s, id, &art);
    kb_similar_result r = { 0 };
    if (rc == KB_OK) {
        kb_similar_opts o = { .limit = limit ? (size_t)limit : 10 };
        rc = kb_store_similar(s, art, &o, &r);
    }
    give_back(a, s);
    if (rc != KB_OK) {
        kb_article_free(art);
        kb_similar_result_free(&r);
        return from_code(resp, rc == KB_EINVAL ? KB_ENOTFOUND : rc, "article");
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(art->id));
    json_object_set_new(o, "similar", similar_json(r.v, r.n));
    json_object_set_new(o, "duplicates", similar_json(r.dups, r.ndups));
    kb_article_free(art);
    kb_similar_result_free(&r);
    char *json = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return kb_http_json(resp, 200, json);
}

/* The body goes through the same reader as files do (format detection,
 * charset, JSONL records, HTML), from a private temporary file. */
static const char *suffix_for(const char *ctype, const char *body, size_t len)
{
    if (ctype && (strstr(ctype, "ndjson") || strstr(ctype, "jsonl") || strstr(ctype, "json")))
        return ".jsonl";
    if (ctype && strstr(ctype, "html")) return ".html";
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) i++;
    if (i < len && body[i] == '{') return ".jsonl";
    if (i < len && body[i] == '<') return ".html";
    return ".txt";
}

static void count_reject(const char *input, int code, const char *message, void *ud)
{
    (void)input; (void)code; (void)message;
    (*(size_t *)ud)++;
}

static int post_articles(kb_api *a, const kb_http_req *req, kb_http_resp *resp)
{
    if (!kb_http_post_allowed(req))
        return kb_http_json_error(resp, 403, "ingest is disabled on a non-loopback address without --token");
    if (!kb_http_authorized(req)) return kb_http_json_error(resp, 401, "missing or wrong token");
    if (!req->body || !req->body_len) return kb_http_json_error(resp, 400, "empty body: send JSONL records or an HTML page");
    const char *ctype = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    const char *suffix = suffix_for(ctype, req->body, req->body_len);
    char path[64];
    snprintf(path, sizeof path, "/tmp/khabar-post-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) return kb_http_json_error(resp, 500, "cannot write a temporary file");
    size_t off = 0;
    while (off < req->body_len) {
        ssize_t w = write(fd, req->body + off, req->body_len - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    close(fd);
    if (off != req->body_len) {
        unlink(path);
        return kb_http_json_error(resp, 500, "cannot write a temporary file");
    }
    pthread_mutex_lock(&a->write_lock);
    kb_store *s = borrow(a);
    kb_reader *r = s ? kb_reader_new(NULL) : NULL;
    int rc = s && r ? KB_OK : KB_ENOMEM;
    kb_ingest_stats st = { 0 };
    kb_stories_stats ss = { 0 };
    size_t rejected = 0;
    if (rc == KB_OK) {
        kb_reader_add(r, path);
        kb_ingest_opts io = { .on_reject = count_reject, .ud = &rejected };
        rc = kb_store_ingest(s, r, &io, &st);
        if (rc == KB_OK && (st.added || st.revised)) rc = kb_store_build_stories(s, &ss);
    }
    kb_reader_free(r);
    give_back(a, s);
    pthread_mutex_unlock(&a->write_lock);
    unlink(path);
    if (rc != KB_OK) return from_code(resp, rc, "ingest");
    if (!st.articles) return kb_http_json_error(resp, 422, "no article found in the body");
    json_t *o = json_object();
    json_object_set_new(o, "documents", json_integer((json_int_t)st.docs));
    json_object_set_new(o, "articles", json_integer((json_int_t)st.articles));
    json_object_set_new(o, "new", json_integer((json_int_t)st.added));
    json_object_set_new(o, "unchanged", json_integer((json_int_t)st.unchanged));
    json_object_set_new(o, "revised", json_integer((json_int_t)st.revised));
    json_object_set_new(o, "rejected", json_integer((json_int_t)st.rejected));
    json_object_set_new(o, "stories", json_integer((json_int_t)ss.stories));
    char *json = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return kb_http_json(resp, st.added ? 201 : 200, json);
}

/* ------------------------------------------------------------ routing */

static int method_not_allowed(kb_http_resp *resp, const char *allow)
{
    kb_http_json_error(resp, 405, "method not allowed");
    resp->allow = allow;
    return 1;
}

int kb_api_handle(kb_api *a, const kb_http_req *req, kb_http_resp *resp)
{
    const char *p = req->path;
    if (strncmp(p, "/api/", 5) != 0) return 0;
    int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    int post = !strcmp(req->method, "POST");
    if (!strcmp(p, "/api/stories")) {
        if (!get) return method_not_allowed(resp, "GET, HEAD");
        get_stories(a, req, resp);
    } else if (!strncmp(p, "/api/stories/", 13)) {
        if (!get) return method_not_allowed(resp, "GET, HEAD");
        get_story(a, p + 13, resp);
    } else if (!strcmp(p, "/api/articles")) {
        if (!post) return method_not_allowed(resp, "POST");
        post_articles(a, req, resp);
    } else if (!strncmp(p, "/api/articles/", 14)) {
        if (!get) return method_not_allowed(resp, "GET, HEAD");
        get_article(a, p + 14, resp);
    } else if (!strcmp(p, "/api/search")) {
        if (!get) return method_not_allowed(resp, "GET, HEAD");
        get_search(a, req, resp);
    } else if (!strncmp(p, "/api/similar/", 13)) {
        if (!get) return method_not_allowed(resp, "GET, HEAD");
        get_similar(a, req, p + 13, resp);
    } else {
        kb_http_json_error(resp, 404, "no such API path");
    }
    return 1;
}
