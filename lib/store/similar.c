/* store/similar.c -- "similar articles" that are other reports of the same
 * event, not articles that merely share a word.
 *
 *  1. The article's TF-IDF vector over stems (stopwords out): a title word
 *     counts 3, a word of the lead (first 50 tokens) 2, any other 1; weight
 *     (1 + ln tf) * idf, idf = ln((N + 1) / (df + 0.5)) with df from the
 *     index (fts5vocab).
 *  2. Candidates: an FTS5 OR-query of its 20 heaviest terms that occur in
 *     some other article, best 200 by BM25.
 *  3. Re-rank each candidate by
 *       cosine of the two vectors
 *     + up to 0.2 for shared names: the share of the idf mass of the
 *       article's "name-like" terms (title words, capitalised Latin words;
 *       without a title, the first 15 words) that the candidate contains
 *     + up to 0.15 for closeness in time, 0.15 * exp(-days / 7) (published
 *       date, else crawl date; nothing when either is unknown).
 *     A candidate with cosine >= 0.9 is a copy (reprint, revision): listed
 *     apart as a duplicate. The article itself (same id) is left out. */
#include "store/store_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define TITLE_WEIGHT 3.0
#define LEAD_WEIGHT 2.0
#define LEAD_TOKENS 50
#define NAME_LEAD_TOKENS 15
#define QUERY_TERMS 20
#define DUP_COSINE 0.9
#define ENTITY_BONUS 0.2
#define DATE_BONUS 0.15
#define DATE_SCALE_DAYS 7.0

/* ------------------------------------------------------------ term map */

typedef struct tent {
    const char *key;       /* stem, in the map's arena */
    uint32_t klen;
    uint64_t h;
    double tf;             /* weighted count (in the df cache: df) */
    double w;              /* tf-idf weight */
    const char *surface;   /* first original spelling (target only) */
    uint32_t slen;
    uint8_t name;          /* name-like: in the title or a capitalised Latin word */
} tent;

typedef struct tmap {
    tent *v;
    size_t cap, n;
    kb_arena ar;
} tmap;

static void tmap_free(tmap *m)
{
    free(m->v);
    kb_arena_free(&m->ar);
    memset(m, 0, sizeof *m);
}

static void tmap_clear(tmap *m)
{
    if (m->v) memset(m->v, 0, m->cap * sizeof *m->v);
    m->n = 0;
    kb_arena_free(&m->ar);
}

static int tmap_grow(tmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    tent *nv = calloc(cap, sizeof *nv);
    if (!nv) return KB_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->v[i].key) continue;
        size_t j = m->v[i].h & (cap - 1);
        while (nv[j].key) j = (j + 1) & (cap - 1);
        nv[j] = m->v[i];
    }
    free(m->v);
    m->v = nv;
    m->cap = cap;
    return KB_OK;
}

/* The entry of key, created (zeroed) when create is set; NULL when absent
 * or out of memory (*oom set). */
static tent *tmap_get(tmap *m, const char *k, size_t kl, int create, int *oom)
{
    uint64_t h = XXH3_64bits(k, kl);
    if (m->cap) {
        size_t j = h & (m->cap - 1);
        while (m->v[j].key) {
            if (m->v[j].h == h && m->v[j].klen == kl && !memcmp(m->v[j].key, k, kl))
                return &m->v[j];
            j = (j + 1) & (m->cap - 1);
        }
    }
    if (!create) return NULL;
    if ((m->n + 1) * 2 > m->cap && tmap_grow(m) != KB_OK) { *oom = 1; return NULL; }
    size_t j = h & (m->cap - 1);
    while (m->v[j].key) j = (j + 1) & (m->cap - 1);
    char *key = kb_arena_strndup(&m->ar, k, kl);
    if (!key) { *oom = 1; return NULL; }
    memset(&m->v[j], 0, sizeof m->v[j]);
    m->v[j].key = key;
    m->v[j].klen = (uint32_t)kl;
    m->v[j].h = h;
    m->n++;
    return &m->v[j];
}

/* ------------------------------------------------------------ vectors */

typedef struct vec_ctx {
    tmap *m;
    const char *src;
    int title;
    int lead_names;        /* no title: the opening words are name-like */
    int keep_surface;
    int oom;
} vec_ctx;

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static int vec_tok(const kb_term *t, void *ud)
{
    vec_ctx *c = ud;
    if (t->stop || utf8_chars(t->stem, t->len) < 2) return KB_OK;
    tent *e = tmap_get(c->m, t->stem, t->len, 1, &c->oom);
    if (!e) return KB_ENOMEM;
    e->tf += c->title ? TITLE_WEIGHT : t->index < LEAD_TOKENS ? LEAD_WEIGHT : 1.0;
    if (c->title || (c->lead_names && t->index < NAME_LEAD_TOKENS) ||
        (t->kind == KB_TOK_LATIN && isupper((unsigned char)c->src[t->start])))
        e->name = 1;
    if (c->keep_surface && !e->surface) {
        e->surface = kb_arena_strndup(&c->m->ar, c->src + t->start, t->end - t->start);
        if (!e->surface) return KB_ENOMEM;
        e->slen = t->end - t->start;
    }
    return KB_OK;
}

static int build_vec(kb_stemmer *st, tmap *m, const char *title, const char *text, int surface)
{
    vec_ctx c = { .m = m, .keep_surface = surface };
    int rc = KB_OK;
    c.lead_names = !title || !*title;
    if (title && *title) {
        c.src = title;
        c.title = 1;
        rc = kb_analyze(st, title, strlen(title), KB_AN_STOP, vec_tok, &c);
    }
    if (rc == KB_OK && text && *text) {
        c.src = text;
        c.title = 0;
        rc = kb_analyze(st, text, strlen(text), KB_AN_STOP, vec_tok, &c);
    }
    return c.oom ? KB_ENOMEM : rc;
}

/* ------------------------------------------------------------ idf */

typedef struct idf_ctx {
    kb_store *s;
    tmap df;               /* stem -> df (in tf), a cache for the whole call */
    double n;              /* articles */
    int rc;
} idf_ctx;

static double idf(idf_ctx *c, const char *stem, size_t len)
{
    int oom = 0;
    tent *e = tmap_get(&c->df, stem, len, 0, &oom);
    if (!e) {
        double df = 0;
        sqlite3_stmt *st = kb_store_stmt(c->s, KB_ST_DF);
        if (!st) { c->rc = KB_EDB; return 0; }
        sqlite3_bind_text(st, 1, stem, (int)len, SQLITE_STATIC);
        int src = sqlite3_step(st);
        if (src == SQLITE_ROW) df = sqlite3_column_double(st, 0);
        else if (src != SQLITE_DONE) c->rc = KB_EDB;
        sqlite3_reset(st);
        e = tmap_get(&c->df, stem, len, 1, &oom);
        if (!e) { c->rc = KB_ENOMEM; return 0; }
        e->tf = df;
    }
    double v = log((c->n + 1) / (e->tf + 0.5));
    return v > 0 ? v : 0;
}

/* Weights of every entry; returns the vector's norm. */
static double weigh(idf_ctx *c, tmap *m)
{
    double norm = 0;
    for (size_t i = 0; i < m->cap; i++) {
        tent *e = &m->v[i];
        if (!e->key) continue;
        e->w = (1 + log(e->tf)) * idf(c, e->key, e->klen);
        norm += e->w * e->w;
    }
    return sqrt(norm);
}

/* ------------------------------------------------------------ dates */

/* Day number of an ISO date of day precision (or finer), else INT64_MIN. */
static int64_t day_of(const char *s)
{
    kb_date d;
    if (!s || kb_date_parse_iso(s, strlen(s), &d) != KB_OK || d.prec < KB_PREC_DAY)
        return INT64_MIN;
    return kb_date_days(&d);
}

static int64_t article_day(const char *published, const char *crawl)
{
    int64_t d = day_of(published);
    return d != INT64_MIN ? d : day_of(crawl);
}

/* ------------------------------------------------------------ search */

static int cmp_hit(const void *x, const void *y)
{
    const kb_similar_hit *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->rid < b->rid ? -1 : a->rid > b->rid;
}

static int cmp_weight(const void *x, const void *y)
{
    const tent *a = *(const tent *const *)x, *b = *(const tent *const *)y;
    if (a->w != b->w) return a->w > b->w ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void hit_free(kb_similar_hit *h)
{
    free(h->title);
    free(h->source);
    free(h->published);
}

void kb_similar_result_free(kb_similar_result *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) hit_free(&r->v[i]);
    for (size_t i = 0; i < r->ndups; i++) hit_free(&r->dups[i]);
    free(r->v);
    free(r->dups);
    memset(r, 0, sizeof *r);
}

static char *dup_text(sqlite3_stmt *st, int col, int *oom)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    if (!s) return NULL;
    char *c = strdup(s);
    if (!c) *oom = 1;
    return c;
}

static int push_hit(kb_similar_hit **v, size_t *n, const kb_similar_hit *h)
{
    kb_similar_hit *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return KB_ENOMEM;
    *v = nv;
    nv[(*n)++] = *h;
    return KB_OK;
}

/* The FTS5 OR-query of the heaviest terms found in more than self_df
 * articles (a term only the article itself has finds nothing), in their
 * original spelling (the tokenizer turns each back into the same stem).
 * NULL when there is none. */
static char *candidate_query(tmap *t, tmap *df, double self_df, int *oom)
{
    tent **ord = malloc((t->n ? t->n : 1) * sizeof *ord);
    if (!ord) { *oom = 1; return NULL; }
    size_t k = 0;
    for (size_t i = 0; i < t->cap; i++) {
        tent *e = &t->v[i];
        if (!e->key || e->w <= 0 || !e->surface) continue;
        tent *d = tmap_get(df, e->key, e->klen, 0, oom);
        if (d && d->tf > self_df) ord[k++] = e;
    }
    if (k) qsort(ord, k, sizeof *ord, cmp_weight);
    kb_buf b = { 0 };
    for (size_t i = 0; i < k && i < QUERY_TERMS; i++) {
        if (i) kb_buf_puts(&b, " OR ");
        kb_buf_putc(&b, '"');
        for (uint32_t j = 0; j < ord[i]->slen; j++) {
            if (ord[i]->surface[j] == '"') kb_buf_putc(&b, '"');
            kb_buf_putc(&b, ord[i]->surface[j]);
        }
        kb_buf_putc(&b, '"');
    }
    free(ord);
    if (!b.len) { kb_buf_free(&b); return NULL; }
    char *q = kb_buf_detach(&b, NULL);
    if (!q) *oom = 1;
    return q;
}

int kb_store_similar(kb_store *s, const kb_article *a, const kb_similar_opts *o,
                     kb_similar_result *out)
{
    memset(out, 0, sizeof *out);
    kb_similar_opts none = { 0 };
    if (!o) o = &none;
    size_t limit = o->limit ? o->limit : 10;
    size_t ncand = o->candidates ? o->candidates : 200;
    int64_t n;
    int own = 0;
    if (kb_store_read_begin(s, &own) != KB_OK) return KB_EDB;
    if (kb_store_count(s, &n) != KB_OK) {
        kb_store_read_end(s, own);
        return KB_EDB;
    }
    idf_ctx ic = { .s = s, .n = (double)n };
    tmap t = { 0 }, c = { 0 };
    sqlite3_stmt *cand = NULL, *get = NULL;
    char *fts = NULL;
    int rc = build_vec(s->stemmer, &t, a->title, a->text, 1);
    if (rc != KB_OK) goto out;
    double tnorm = weigh(&ic, &t);
    if ((rc = ic.rc) != KB_OK) goto out;
    double name_mass = 0;
    for (size_t i = 0; i < t.cap; i++)
        if (t.v[i].key && t.v[i].name) name_mass += t.v[i].w;
    int oom = 0;
    /* Is the article itself stored? Then every df counts it once. */
    double self_df = 0;
    sqlite3_stmt *fid = kb_store_stmt(s, KB_ST_FIND_ID);
    if (!fid) { rc = KB_EDB; goto out; }
    sqlite3_bind_text(fid, 1, a->id, -1, SQLITE_STATIC);
    if (sqlite3_step(fid) == SQLITE_ROW) self_df = 1;
    sqlite3_reset(fid);
    fts = candidate_query(&t, &ic.df, self_df, &oom);
    if (oom) { rc = KB_ENOMEM; goto out; }
    if (!fts || tnorm == 0) goto out;      /* nothing distinctive: no neighbours */
    int64_t aday = article_day(a->published, a->crawl_date);

    if (sqlite3_prepare_v2(s->db,
                           "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 "
                           "ORDER BY rank LIMIT ?2", -1, &cand, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "SELECT id, title, text, source, published, crawl_date "
                           "FROM articles WHERE rid = ?1", -1, &get, NULL) != SQLITE_OK) {
        rc = KB_EDB;
        goto out;
    }
    sqlite3_bind_text(cand, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int64(cand, 2, (sqlite3_int64)ncand);
    int src = SQLITE_DONE;
    while (rc == KB_OK && (src = sqlite3_step(cand)) == SQLITE_ROW) {
        int64_t rid = sqlite3_column_int64(cand, 0);
        sqlite3_reset(get);
        sqlite3_bind_int64(get, 1, rid);
        if (sqlite3_step(get) != SQLITE_ROW) continue;
        const char *id = (const char *)sqlite3_column_text(get, 0);
        if (!id || !strcmp(id, a->id)) continue;
        tmap_clear(&c);
        rc = build_vec(s->stemmer, &c, (const char *)sqlite3_column_text(get, 1),
                       (const char *)sqlite3_column_text(get, 2), 0);
        if (rc != KB_OK) break;
        double cnorm = weigh(&ic, &c);
        if ((rc = ic.rc) != KB_OK) break;
        if (cnorm == 0) continue;
        double dot = 0, names = 0;
        for (size_t i = 0; i < c.cap; i++) {
            tent *e = &c.v[i];
            if (!e->key) continue;
            tent *te = tmap_get(&t, e->key, e->klen, 0, &oom);
            if (!te) continue;
            dot += e->w * te->w;
            if (te->name) names += te->w;
        }
        kb_similar_hit h = { .rid = rid };
        snprintf(h.id, sizeof h.id, "%s", id);
        h.cosine = dot / (tnorm * cnorm);
        h.entity = name_mass > 0 ? ENTITY_BONUS * names / name_mass : 0;
        int64_t cday = article_day((const char *)sqlite3_column_text(get, 4),
                                   (const char *)sqlite3_column_text(get, 5));
        if (aday != INT64_MIN && cday != INT64_MIN)
            h.date = DATE_BONUS * exp(-(double)llabs(aday - cday) / DATE_SCALE_DAYS);
        h.score = h.cosine + h.entity + h.date;
        h.duplicate = h.cosine >= DUP_COSINE;
        h.title = dup_text(get, 1, &oom);
        h.source = dup_text(get, 3, &oom);
        h.published = dup_text(get, 4, &oom);
        if (oom ||
            (h.duplicate ? push_hit(&out->dups, &out->ndups, &h) : push_hit(&out->v, &out->n, &h))
                != KB_OK) {
            hit_free(&h);
            rc = KB_ENOMEM;
        }
    }
    if (rc == KB_OK && src != SQLITE_DONE) rc = KB_EDB;
    if (rc == KB_OK) {
        if (out->n) qsort(out->v, out->n, sizeof *out->v, cmp_hit);
        if (out->ndups) qsort(out->dups, out->ndups, sizeof *out->dups, cmp_hit);
        while (out->n > limit) hit_free(&out->v[--out->n]);
    }
out:
    sqlite3_finalize(cand);
    sqlite3_finalize(get);
    kb_store_read_end(s, own);
    free(fts);
    tmap_free(&t);
    tmap_free(&c);
    tmap_free(&ic.df);
    if (rc != KB_OK) kb_similar_result_free(out);
    return rc;
}
