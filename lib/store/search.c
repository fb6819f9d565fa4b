/* store/search.c -- full-text search: the user's query (query.c) through
 * FTS5 with BM25 (title 5, tags 2, body 1; the index's rank), optional
 * source and date filters, then for each hit a snippet and title highlights
 * in the original spelling (snippet.c). */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *st, int col, int *oom)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return NULL;
    const char *s = (const char *)sqlite3_column_text(st, col);
    char *c = s ? strndup(s, (size_t)sqlite3_column_bytes(st, col)) : NULL;
    if (!c) *oom = 1;
    return c;
}

static void hit_free(kb_search_hit *h)
{
    free(h->title);
    free(h->source);
    free(h->published);
    free(h->snippet);
    free(h->hl);
    free(h->title_hl);
}

void kb_search_result_free(kb_search_result *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) hit_free(&r->v[i]);
    free(r->v);
    free(r->fts);
    memset(r, 0, sizeof *r);
}

/* Fill a hit's fields and snippet from its stored row. */
static int fill_hit(kb_store *s, sqlite3_stmt *get, const kb_query *q, size_t window,
                    kb_search_hit *h)
{
    sqlite3_reset(get);
    sqlite3_bind_int64(get, 1, h->rid);
    int src = sqlite3_step(get);
    if (src != SQLITE_ROW) return src == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
    int oom = 0;
    const char *id = (const char *)sqlite3_column_text(get, 0);
    snprintf(h->id, sizeof h->id, "%s", id ? id : "");
    h->title = dup_col(get, 1, &oom);
    h->source = dup_col(get, 2, &oom);
    h->published = dup_col(get, 3, &oom);
    if (oom) return KB_ENOMEM;
    const char *text = (const char *)sqlite3_column_text(get, 4);
    size_t tlen = (size_t)sqlite3_column_bytes(get, 4);
    int rc = kb_snippet_st(s->stemmer, text, text ? tlen : 0, q, window, &h->snippet, &h->hl,
                           &h->nhl);
    if (rc == KB_OK && h->title)
        rc = kb_highlight_st(s->stemmer, h->title, strlen(h->title), q, &h->title_hl,
                             &h->ntitle_hl);
    sqlite3_reset(get);
    return rc;
}

int kb_store_search(kb_store *s, const char *query, const kb_search_opts *o,
                    kb_search_result *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    kb_search_opts none = { 0 };
    if (!o) o = &none;
    size_t limit = o->limit ? o->limit : 10;
    char since[11], until[11];
    if (o->since && kb_store_day_bound(o->since, 0, since) != KB_OK) {
        kb_store_seterr(err, errcap, "bad date '%s' (YYYY-MM-DD, YYYY-MM or YYYY)", o->since);
        return KB_EINVAL;
    }
    if (o->until && kb_store_day_bound(o->until, 1, until) != KB_OK) {
        kb_store_seterr(err, errcap, "bad date '%s' (YYYY-MM-DD, YYYY-MM or YYYY)", o->until);
        return KB_EINVAL;
    }
    kb_query q;
    int rc = kb_query_parse_st(s->stemmer, query, &q, err, errcap);
    if (rc != KB_OK) return rc;

    int filtered = o->source || o->since || o->until;
    kb_buf sql = { 0 };
    kb_buf_puts(&sql, "SELECT articles_fts.rowid, articles_fts.rank FROM articles_fts");
    if (filtered) kb_buf_puts(&sql, " JOIN articles a ON a.rid = articles_fts.rowid");
    kb_buf_puts(&sql, " WHERE articles_fts MATCH ?1");
    if (o->source) kb_buf_puts(&sql, " AND a.source = ?2");
    if (o->since) kb_buf_puts(&sql, " AND substr(a.published, 1, 10) >= ?3");
    if (o->until) kb_buf_puts(&sql, " AND substr(a.published, 1, 10) <= ?4");
    kb_buf_puts(&sql, " ORDER BY articles_fts.rank LIMIT ?5");
    if (!sql.data) { kb_query_free(&q); return KB_ENOMEM; }

    sqlite3_stmt *st = NULL, *get = NULL;
    /* One snapshot: a hit can not vanish between the match and its row. */
    int own = 0;
    if (kb_store_read_begin(s, &own) != KB_OK ||
        sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "SELECT id, title, source, published, text FROM articles WHERE rid = ?1",
                           -1, &get, NULL) != SQLITE_OK) {
        kb_store_seterr(err, errcap, "search failed: %s", sqlite3_errmsg(s->db));
        rc = KB_EDB;
        goto out;
    }
    sqlite3_bind_text(st, 1, q.fts, -1, SQLITE_STATIC);
    if (o->source) sqlite3_bind_text(st, 2, o->source, -1, SQLITE_STATIC);
    if (o->since) sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
    if (o->until) sqlite3_bind_text(st, 4, until, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
    int src;
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        kb_search_hit *nv = realloc(out->v, (out->n + 1) * sizeof *nv);
        if (!nv) { rc = KB_ENOMEM; break; }
        out->v = nv;
        kb_search_hit *h = &out->v[out->n++];
        memset(h, 0, sizeof *h);
        h->rid = sqlite3_column_int64(st, 0);
        h->score = -sqlite3_column_double(st, 1);   /* FTS5's bm25 is negative */
    }
    if (rc == KB_OK && src != SQLITE_DONE) {
        /* The parser only writes valid FTS5, so this is a database error. */
        kb_store_seterr(err, errcap, "search failed: %s", sqlite3_errmsg(s->db));
        rc = KB_EDB;
    }
    sqlite3_finalize(st);
    st = NULL;
    for (size_t i = 0; rc == KB_OK && i < out->n; i++) {
        rc = fill_hit(s, get, &q, o->window, &out->v[i]);
        if (rc == KB_ENOMEM) kb_store_seterr(err, errcap, "out of memory");
        else if (rc != KB_OK) kb_store_seterr(err, errcap, "search failed: %s", sqlite3_errmsg(s->db));
    }
    if (rc == KB_OK) {
        out->fts = q.fts;
        q.fts = NULL;
    }
out:
    sqlite3_finalize(st);
    sqlite3_finalize(get);
    kb_store_read_end(s, own);
    kb_buf_free(&sql);
    kb_query_free(&q);
    if (rc != KB_OK) kb_search_result_free(out);
    return rc;
}
