/* store/article_io.c -- kb_article in and out of the articles table: put
 * (new / unchanged / revised), load by id, id prefix or row id, walk by
 * publication date, and the stored JSON form with stored_at and revisions. */
#include "store/store_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ lists <-> JSON */

/* A JSON string for s; invalid UTF-8 bytes become U+FFFD so that nothing is
 * silently dropped. */
static json_t *json_str(const char *s)
{
    size_t n = strlen(s);
    if (kb_utf8_valid(s, n)) return json_stringn(s, n);
    kb_buf b = { 0 };
    for (size_t i = 0; i < n;) {
        size_t at = i;
        int32_t cp = kb_utf8_decode(s, n, &i);
        if (cp < 0) kb_buf_append(&b, "\xef\xbf\xbd", 3);
        else kb_buf_append(&b, s + at, i - at);
    }
    json_t *j = b.data ? json_stringn(b.data, b.len) : json_string("");
    kb_buf_free(&b);
    return j;
}

/* A JSON array of the strings, malloc'd; NULL when out of memory. */
static char *list_json(const char *const *v, size_t n)
{
    if (!n) return strdup("[]");
    json_t *arr = json_array();
    if (!arr) return NULL;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_str(v[i] ? v[i] : "");
        if (!e || json_array_append_new(arr, e) != 0) { json_decref(arr); return NULL; }
    }
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

/* Parse a stored JSON array into arena strings. A malformed value (written
 * by something else) gives an empty list. KB_OK or KB_ENOMEM. */
static int list_load(kb_arena *ar, const char *js, const char ***v, size_t *n)
{
    *v = NULL;
    *n = 0;
    if (!js || !*js || !strcmp(js, "[]")) return KB_OK;
    json_t *arr = json_loads(js, 0, NULL);
    if (!arr) return KB_OK;
    int rc = KB_OK;
    size_t k = json_is_array(arr) ? json_array_size(arr) : 0;
    if (k) {
        const char **out = kb_arena_alloc(ar, k * sizeof *out);
        if (!out) rc = KB_ENOMEM;
        for (size_t i = 0; rc == KB_OK && i < k; i++) {
            json_t *e = json_array_get(arr, i);
            const char *s = json_is_string(e) ? json_string_value(e) : "";
            out[*n] = kb_arena_strndup(ar, s, json_is_string(e) ? json_string_length(e) : 0);
            if (!out[*n]) rc = KB_ENOMEM;
            else (*n)++;
        }
        *v = out;
    }
    json_decref(arr);
    return rc;
}

/* ------------------------------------------------------------ put */

/* The identity of an article across versions: URL + part, else the input
 * (made absolute, so that ./x and x agree) + part; none for stdin. */
static int make_key(const kb_article *a, char **out)
{
    char *key = NULL;
    *out = NULL;
    if (a->url && *a->url) {
        size_t n = strlen(a->url) + 32;
        if (!(key = malloc(n))) return KB_ENOMEM;
        snprintf(key, n, "u:%s#%d", a->url, a->part);
        *out = key;
        return KB_OK;
    }
    const char *in = a->input;
    if (!in || !*in || !strcmp(in, "-") || !strncmp(in, "-#", 2)) return KB_OK;
    /* Records are "path#N": resolve the path, keep the record number. */
    const char *hash = strrchr(in, '#');
    size_t plen = strlen(in);
    if (hash && hash[1] && strspn(hash + 1, "0123456789") == strlen(hash + 1))
        plen = (size_t)(hash - in);
    char *path = strndup(in, plen);
    if (!path) return KB_ENOMEM;
    char *rp = realpath(path, NULL);
    const char *base = rp ? rp : path;
    size_t n = strlen(base) + strlen(in + plen) + 40;
    if ((key = malloc(n))) snprintf(key, n, "i:%s%s#%d", base, in + plen, a->part);
    free(rp);
    free(path);
    *out = key;
    return key ? KB_OK : KB_ENOMEM;
}

static void bind_opt(sqlite3_stmt *st, int col, const char *s)
{
    if (s) sqlite3_bind_text(st, col + 1, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, col + 1);
}

/* Bind every article column of an insert or update. The lists are JSON
 * strings owned by the caller until the statement has run. */
static void bind_article(sqlite3_stmt *st, const kb_article *a, const char *key,
                         const char *now, const char *tags, const char *warnings,
                         const char *related)
{
    bind_opt(st, KB_COL_ID, a->id);
    bind_opt(st, KB_COL_KEY, key);
    sqlite3_bind_int(st, KB_COL_ROLE + 1, a->role == KB_ROLE_EMBEDDED ? 1 : 0);
    sqlite3_bind_int(st, KB_COL_PART + 1, a->part);
    bind_opt(st, KB_COL_PARENT, a->parent[0] ? a->parent : NULL);
    bind_opt(st, KB_COL_PUBLISHED, a->published);
    bind_opt(st, KB_COL_UPDATED, a->updated);
    bind_opt(st, KB_COL_DATE_SOURCE, a->date_source);
    bind_opt(st, KB_COL_SOURCE, a->source);
    bind_opt(st, KB_COL_DATELINE, a->dateline);
    bind_opt(st, KB_COL_AUTHOR, a->author);
    bind_opt(st, KB_COL_LANG, a->lang);
    bind_opt(st, KB_COL_CRAWL_DATE, a->crawl_date);
    bind_opt(st, KB_COL_STORED_AT, now);
    bind_opt(st, KB_COL_INPUT, a->input);
    bind_opt(st, KB_COL_URL, a->url);
    bind_opt(st, KB_COL_CANONICAL, a->canonical);
    bind_opt(st, KB_COL_TITLE, a->title);
    bind_opt(st, KB_COL_TAGS, tags);
    bind_opt(st, KB_COL_WARNINGS, warnings);
    bind_opt(st, KB_COL_RELATED, related);
    bind_opt(st, KB_COL_TEXT, a->text);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KB_OK : KB_EDB;
}

static int put(kb_store *s, const kb_article *a, kb_put_result *r)
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_FIND_ID);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) {
        r->status = KB_PUT_UNCHANGED;
        r->rid = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return KB_OK;
    }
    sqlite3_reset(st);
    if (src != SQLITE_DONE) return KB_EDB;

    char *key;
    int rc = make_key(a, &key);
    if (rc != KB_OK) return rc;
    char *tags = list_json(a->tags, a->ntags);
    char *warnings = list_json(a->warnings, a->nwarnings);
    char *related = list_json(a->related, a->nrelated);
    char now[32];
    kb_store_now(now);
    if (!tags || !warnings || !related) {
        rc = KB_ENOMEM;
        goto out;
    }
    int64_t old_rid = 0;
    if (key) {
        if (!(st = kb_store_stmt(s, KB_ST_FIND_KEY))) { rc = KB_EDB; goto out; }
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        src = sqlite3_step(st);
        if (src == SQLITE_ROW) {
            old_rid = sqlite3_column_int64(st, 0);
            snprintf(r->old_id, sizeof r->old_id, "%s", (const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_reset(st);
        if (src != SQLITE_ROW && src != SQLITE_DONE) { rc = KB_EDB; goto out; }
    }
    /* The index is written here, not by triggers: a trigger makes every
     * insert a statement transaction, and FTS5 flushes its pending terms at
     * each savepoint, so each article would become its own index segment. */
    if (old_rid) {
        if (!(st = kb_store_stmt(s, KB_ST_FTS_DELETE))) { rc = KB_EDB; goto out; }
        sqlite3_bind_int64(st, 1, old_rid);
        if ((rc = step_done(st)) != KB_OK) goto out;
        if (!(st = kb_store_stmt(s, KB_ST_UPDATE))) { rc = KB_EDB; goto out; }
        bind_article(st, a, key, now, tags, warnings, related);
        sqlite3_bind_int64(st, KB_COL__N + 1, old_rid);
        if ((rc = step_done(st)) != KB_OK) goto out;
        if (!(st = kb_store_stmt(s, KB_ST_REVISION))) { rc = KB_EDB; goto out; }
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, r->old_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
        if ((rc = step_done(st)) != KB_OK) goto out;
        /* Embedded articles of the old version now belong to the new one. */
        if (!(st = kb_store_stmt(s, KB_ST_REPARENT))) { rc = KB_EDB; goto out; }
        sqlite3_bind_text(st, 1, r->old_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->id, -1, SQLITE_STATIC);
        if ((rc = step_done(st)) != KB_OK) goto out;
        r->status = KB_PUT_REVISED;
        r->rid = old_rid;
    } else {
        if (!(st = kb_store_stmt(s, KB_ST_INSERT))) { rc = KB_EDB; goto out; }
        bind_article(st, a, key, now, tags, warnings, related);
        if ((rc = step_done(st)) != KB_OK) goto out;
        r->status = KB_PUT_NEW;
        r->rid = sqlite3_last_insert_rowid(s->db);
    }
    if (!(st = kb_store_stmt(s, KB_ST_FTS_INSERT))) { rc = KB_EDB; goto out; }
    sqlite3_bind_int64(st, 1, r->rid);
    bind_opt(st, 1, a->title);
    bind_opt(st, 2, tags);
    bind_opt(st, 3, a->text);
    rc = step_done(st);
out:
    free(key);
    free(tags);
    free(warnings);
    free(related);
    return rc;
}

int kb_store_put_article(kb_store *s, const kb_article *a, kb_put_result *res)
{
    if (!s || !a || strlen(a->id) != 16) return KB_EINVAL;
    kb_put_result r = { 0 };
    int own = !s->in_tx;
    if (own && kb_store_begin(s) != KB_OK) return KB_EDB;
    int rc = put(s, a, &r);
    for (size_t i = 0; rc == KB_OK && i < s->nhooks; i++)
        rc = s->hooks[i].fn(s, a, &r, s->hooks[i].ud);
    if (own) {
        if (rc == KB_OK) rc = kb_store_commit(s);
        else kb_store_rollback(s);
    }
    if (rc == KB_OK && res) *res = r;
    return rc;
}

/* ------------------------------------------------------------ load */

static const char *col_str(kb_arena *ar, sqlite3_stmt *st, int col, int *oom)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return NULL;
    const char *s = (const char *)sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    char *c = s ? kb_arena_strndup(ar, s, (size_t)n) : NULL;
    if (!c) *oom = 1;
    return c;
}

/* Build an article from a row whose article columns start at column off. */
static int row_article(sqlite3_stmt *st, int off, kb_article **out)
{
    kb_article *a = kb_article_new();
    if (!a) return KB_ENOMEM;
    kb_arena *ar = &a->arena;
    int oom = 0;
    const char *id = (const char *)sqlite3_column_text(st, off + KB_COL_ID);
    snprintf(a->id, sizeof a->id, "%s", id ? id : "");
    a->role = sqlite3_column_int(st, off + KB_COL_ROLE) ? KB_ROLE_EMBEDDED : KB_ROLE_MAIN;
    a->part = sqlite3_column_int(st, off + KB_COL_PART);
    const char *parent = (const char *)sqlite3_column_text(st, off + KB_COL_PARENT);
    snprintf(a->parent, sizeof a->parent, "%s", parent ? parent : "");
    a->published = col_str(ar, st, off + KB_COL_PUBLISHED, &oom);
    a->updated = col_str(ar, st, off + KB_COL_UPDATED, &oom);
    a->date_source = col_str(ar, st, off + KB_COL_DATE_SOURCE, &oom);
    a->source = col_str(ar, st, off + KB_COL_SOURCE, &oom);
    a->dateline = col_str(ar, st, off + KB_COL_DATELINE, &oom);
    a->author = col_str(ar, st, off + KB_COL_AUTHOR, &oom);
    a->lang = col_str(ar, st, off + KB_COL_LANG, &oom);
    a->crawl_date = col_str(ar, st, off + KB_COL_CRAWL_DATE, &oom);
    a->input = col_str(ar, st, off + KB_COL_INPUT, &oom);
    a->url = col_str(ar, st, off + KB_COL_URL, &oom);
    a->canonical = col_str(ar, st, off + KB_COL_CANONICAL, &oom);
    a->title = col_str(ar, st, off + KB_COL_TITLE, &oom);
    a->text = col_str(ar, st, off + KB_COL_TEXT, &oom);
    int rc = oom ? KB_ENOMEM : KB_OK;
    if (rc == KB_OK)
        rc = list_load(ar, (const char *)sqlite3_column_text(st, off + KB_COL_TAGS),
                       &a->tags, &a->ntags);
    if (rc == KB_OK)
        rc = list_load(ar, (const char *)sqlite3_column_text(st, off + KB_COL_WARNINGS),
                       &a->warnings, &a->nwarnings);
    if (rc == KB_OK)
        rc = list_load(ar, (const char *)sqlite3_column_text(st, off + KB_COL_RELATED),
                       &a->related, &a->nrelated);
    if (rc != KB_OK) { kb_article_free(a); return rc; }
    *out = a;
    return KB_OK;
}

int kb_store_get_article_rid(kb_store *s, int64_t rid, kb_article **out)
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_GET_RID);
    if (!st) return KB_EDB;
    sqlite3_bind_int64(st, 1, rid);
    int src = sqlite3_step(st), rc;
    if (src == SQLITE_ROW) rc = row_article(st, 0, out);
    else rc = src == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
    sqlite3_reset(st);
    return rc;
}

int kb_store_resolve_id(kb_store *s, const char *prefix, char id[17], int *ambiguous)
{
    if (ambiguous) *ambiguous = 0;
    if (!prefix) return KB_EINVAL;
    size_t n = strlen(prefix);
    if (n < 6 || n > 16) return KB_EINVAL;
    char lo[17], hi[18];
    for (size_t i = 0; i < n; i++) {
        char c = prefix[i];
        if (c >= 'A' && c <= 'F') c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return KB_EINVAL;
        lo[i] = c;
    }
    lo[n] = '\0';
    memcpy(hi, lo, n);
    hi[n] = 'g';             /* after every hex digit */
    hi[n + 1] = '\0';
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_PREFIX);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
    int found = 0, src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        if (!found) snprintf(id, 17, "%s", (const char *)sqlite3_column_text(st, 0));
        found++;
    }
    sqlite3_reset(st);
    if (src != SQLITE_DONE) return KB_EDB;
    if (!found) return KB_ENOTFOUND;
    if (found > 1) {
        if (ambiguous) *ambiguous = 1;
        return KB_EINVAL;
    }
    return KB_OK;
}

static int rid_of(kb_store *s, const char *id, int64_t *rid)
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_FIND_ID);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW) *rid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return src == SQLITE_ROW ? KB_OK : src == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
}

int kb_store_get_article(kb_store *s, const char *id, kb_article **out)
{
    char full[17];
    int rc = kb_store_resolve_id(s, id, full, NULL);
    if (rc != KB_OK) return rc;
    int64_t rid;
    if ((rc = rid_of(s, full, &rid)) != KB_OK) return rc;
    return kb_store_get_article_rid(s, rid, out);
}

int kb_store_each_take(kb_store *s, const kb_store_filter *f,
                       int (*fn)(kb_article *a, int64_t rid, void *ud), void *ud)
{
    kb_store_filter none = { 0 };
    if (!f) f = &none;
    char since[11], until[11];
    if (f->since && kb_store_day_bound(f->since, 0, since) != KB_OK) return KB_EINVAL;
    if (f->until && kb_store_day_bound(f->until, 1, until) != KB_OK) return KB_EINVAL;
    kb_buf sql = { 0 };
    kb_buf_puts(&sql, "SELECT rid, " KB_ARTICLE_COLS " FROM articles WHERE 1");
    if (f->source) kb_buf_puts(&sql, " AND source = ?1");
    if (f->since) kb_buf_puts(&sql, " AND substr(published, 1, 10) >= ?2");
    if (f->until) kb_buf_puts(&sql, " AND substr(published, 1, 10) <= ?3");
    if (f->main_only) kb_buf_puts(&sql, " AND role = 0");
    kb_buf_printf(&sql, " ORDER BY published IS NULL, published%s, rid%s LIMIT %lld",
                  f->newest_first ? " DESC" : "", f->newest_first ? " DESC" : "",
                  f->limit ? (long long)f->limit : -1LL);
    if (!sql.data) return KB_ENOMEM;
    sqlite3_stmt *st;
    int src = sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL);
    kb_buf_free(&sql);
    if (src != SQLITE_OK) return KB_EDB;
    if (f->source) sqlite3_bind_text(st, 1, f->source, -1, SQLITE_STATIC);
    if (f->since) sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
    if (f->until) sqlite3_bind_text(st, 3, until, -1, SQLITE_STATIC);
    int rc = KB_OK;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        kb_article *a;
        if ((rc = row_article(st, 1, &a)) != KB_OK) break;
        if ((rc = fn(a, sqlite3_column_int64(st, 0), ud)) != KB_OK) break;
    }
    if (rc == KB_OK && src != SQLITE_DONE) rc = KB_EDB;
    sqlite3_finalize(st);
    return rc;
}

/* kb_store_each on kb_store_each_take: the article lent, freed after. */
typedef struct lend_ctx {
    int (*fn)(const kb_article *a, int64_t rid, void *ud);
    void *ud;
} lend_ctx;

static int lend(kb_article *a, int64_t rid, void *ud)
{
    lend_ctx *c = ud;
    int rc = c->fn(a, rid, c->ud);
    kb_article_free(a);
    return rc;
}

int kb_store_each(kb_store *s, const kb_store_filter *f,
                  int (*fn)(const kb_article *a, int64_t rid, void *ud), void *ud)
{
    lend_ctx c = { fn, ud };
    return kb_store_each_take(s, f, lend, &c);
}

/* ------------------------------------------------------------ JSON */

int kb_store_stored_at(kb_store *s, const char *id, char out[32])
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_STORED_AT);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int src = sqlite3_step(st);
    if (src == SQLITE_ROW)
        snprintf(out, 32, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return src == SQLITE_ROW ? KB_OK : src == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
}

char *kb_store_article_json(kb_store *s, const kb_article *a)
{
    /* stored_at and revisions, as an object of their own whose keys are
     * spliced in before the article's closing brace: the article's JSON
     * (its whole text) is not parsed and written again. */
    json_t *o = json_object();
    if (!o) return NULL;
    char stored[32];
    int rc = kb_store_stored_at(s, a->id, stored);
    json_object_set_new(o, "stored_at", rc == KB_OK ? json_string(stored) : json_null());
    json_t *revs = json_array();
    /* The history of the article's key (its URL or input), oldest first. */
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_REVISIONS);
    if (!st) {
        json_decref(o);
        json_decref(revs);
        return NULL;
    }
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *r = json_object();
        json_object_set_new(r, "old_id", json_string((const char *)sqlite3_column_text(st, 0)));
        json_object_set_new(r, "new_id", json_string((const char *)sqlite3_column_text(st, 1)));
        json_object_set_new(r, "revised_at",
                            json_string((const char *)sqlite3_column_text(st, 2)));
        json_array_append_new(revs, r);
    }
    sqlite3_reset(st);
    json_object_set_new(o, "revisions", revs);
    char *tail = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    char *base = tail ? kb_article_json(a) : NULL;
    size_t n = base ? strlen(base) : 0;
    kb_buf b = { 0 };
    /* base is "{...}" with at least the id in it; tail is "{...}". */
    int ok = n >= 2 && base[n - 1] == '}' && kb_buf_reserve(&b, n + strlen(tail)) == KB_OK &&
             kb_buf_append(&b, base, n - 1) == KB_OK && kb_buf_putc(&b, ',') == KB_OK &&
             kb_buf_puts(&b, tail + 1) == KB_OK;
    free(base);
    free(tail);
    if (!ok) {
        kb_buf_free(&b);
        return NULL;
    }
    return kb_buf_detach(&b, NULL);
}
