/* store/stories.c -- the story tables: rebuild them from the stored articles
 * (dedup -> cluster -> build), list and fetch them. See stories.h. */
#include "store/stories.h"
#include "store/store_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"
#include "story/build.h"
#include "story/entity.h"
#include "story/story.h"

/* ------------------------------------------------------------ loading */

typedef struct loaded {
    kb_article **v;
    int32_t *day;
    size_t n, cap;
} loaded;

static int32_t day_of(const char *iso)
{
    kb_date d;
    if (!iso || kb_date_parse_iso(iso, strlen(iso), &d) != KB_OK || d.prec < KB_PREC_DAY)
        return KB_NO_DAY;
    return (int32_t)kb_date_days(&d);
}

/* Keep each stored article as the walk hands it over. */
static int collect(kb_article *a, int64_t rid, void *ud)
{
    (void)rid;
    loaded *l = ud;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 256;
        kb_article **nv = realloc(l->v, nc * sizeof *nv);
        if (nv) l->v = nv;
        int32_t *nd = nv ? realloc(l->day, nc * sizeof *nd) : NULL;
        if (!nd) { kb_article_free(a); return KB_ENOMEM; }
        l->day = nd;
        l->cap = nc;
    }
    l->v[l->n] = a;
    l->day[l->n++] = day_of(a->published);
    return KB_OK;
}

static int load_all(kb_store *s, loaded *l)
{
    kb_store_filter f = { 0 };
    return kb_store_each_take(s, &f, collect, l);
}

static void free_loaded(loaded *l)
{
    for (size_t i = 0; l->v && i < l->n; i++) kb_article_free(l->v[i]);
    free(l->v);
    free(l->day);
}

/* The outlet to credit each article with: its own, else (for a piece
 * appended to a page) its page's. *out[i] borrows from the articles. */
typedef struct id_idx {
    const char *id;
    size_t idx;
} id_idx;

static int cmp_id_idx(const void *pa, const void *pb)
{
    return strcmp(((const id_idx *)pa)->id, ((const id_idx *)pb)->id);
}

static int credited_sources(const loaded *l, const char ***out)
{
    size_t n = l->n;
    const char **src = calloc(n ? n : 1, sizeof *src);
    id_idx *by_id = malloc((n ? n : 1) * sizeof *by_id);
    if (!src || !by_id) { free(src); free(by_id); return KB_ENOMEM; }
    for (size_t i = 0; i < n; i++) by_id[i] = (id_idx){ l->v[i]->id, i };
    qsort(by_id, n, sizeof *by_id, cmp_id_idx);
    for (size_t i = 0; i < n; i++) {
        const kb_article *a = l->v[i];
        src[i] = a->source;
        if (src[i] || a->role != KB_ROLE_EMBEDDED || !a->parent[0]) continue;
        id_idx key = { a->parent, 0 };
        const id_idx *hit = bsearch(&key, by_id, n, sizeof *by_id, cmp_id_idx);
        if (hit) src[i] = l->v[hit->idx]->source;
    }
    free(by_id);
    *out = src;
    return KB_OK;
}

/* Canonical order: known day first (ascending), then id. Every later step
 * sees the articles in this order, whatever order they were stored in. */
static int cmp_canon(const void *pa, const void *pb, const loaded *l)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    int32_t da = l->day[a], db = l->day[b];
    if (da != db) {
        if (da == KB_NO_DAY) return 1;
        if (db == KB_NO_DAY) return -1;
        return da < db ? -1 : 1;
    }
    return strcmp(l->v[a]->id, l->v[b]->id);
}

static void sort_canon(size_t *ord, size_t n, const loaded *l)
{
    /* Merge sort: stable, no global comparator state. */
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp) {
        for (size_t i = 1; i < n; i++) {
            size_t x = ord[i], j = i;
            while (j > 0 && cmp_canon(&ord[j - 1], &x, l) > 0) { ord[j] = ord[j - 1]; j--; }
            ord[j] = x;
        }
        return;
    }
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = cmp_canon(&ord[j], &ord[i], l) < 0 ? ord[j++] : ord[i++];
            while (i < mid) tmp[k++] = ord[i++];
            while (j < hi) tmp[k++] = ord[j++];
        }
        memcpy(ord, tmp, n * sizeof *ord);
    }
    free(tmp);
}

/* ------------------------------------------------------------ writing */

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? KB_OK : KB_EDB;
}

static int write_story(sqlite3_stmt *ins_story, sqlite3_stmt *ins_member, const kb_story *st,
                       const char *json)
{
    json_t *src = json_array();
    for (size_t i = 0; i < st->nsources; i++) json_array_append_new(src, json_string(st->sources[i]));
    char *src_json = json_dumps(src, JSON_COMPACT);
    json_decref(src);
    if (!src_json) return KB_ENOMEM;
    size_t originals = 0;
    for (size_t i = 0; i < st->narticles; i++) if (st->articles[i].dup_of < 0) originals++;
    sqlite3_reset(ins_story);
    sqlite3_bind_text(ins_story, 1, st->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_story, 2, st->headline, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_story, 3, st->first, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_story, 4, st->last, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins_story, 5, (sqlite3_int64)st->narticles);
    sqlite3_bind_int64(ins_story, 6, (sqlite3_int64)originals);
    sqlite3_bind_text(ins_story, 7, src_json, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_story, 8, json, -1, SQLITE_STATIC);
    int ok = sqlite3_step(ins_story) == SQLITE_DONE;
    free(src_json);
    if (!ok) return KB_EDB;
    for (size_t i = 0; i < st->narticles; i++) {
        const kb_story_article *a = &st->articles[i];
        sqlite3_reset(ins_member);
        sqlite3_bind_text(ins_member, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_member, 2, st->id, -1, SQLITE_STATIC);
        if (a->dup_of >= 0) sqlite3_bind_text(ins_member, 3, st->articles[a->dup_of].id, -1, SQLITE_STATIC);
        else sqlite3_bind_null(ins_member, 3);
        sqlite3_bind_text(ins_member, 4, a->source, -1, SQLITE_STATIC);
        if (sqlite3_step(ins_member) != SQLITE_DONE) return KB_EDB;
    }
    return KB_OK;
}

/* ------------------------------------------------------------ prepare */

/* What one article gives dedup and the clusterer, computed off the main
 * thread: the same values kb_dedup_add and kb_cluster_add compute.
 *
 * No entity keys (kb_story_doc.entities stays empty), on measurement: the
 * names found by the entity finder (story/entity_terms.c), given as keys,
 * barely move the splits between rewrites of one event -- the names are
 * already stems of the vector -- while shared spokesmen, places and clubs
 * glue topics (one region's fires, FIFA's election, oil market days) and
 * SemEval ar-ar Pearson falls; at the boost where they repair splits the
 * samples' own story breaks apart. BENCHMARKS.md, "Story clustering --
 * entity keys". */
typedef struct prep {
    uint64_t exact;
    uint32_t *sig;           /* nperm slots */
    uint32_t nsh;
    int32_t day;             /* for the time decay */
    kb_story_terms terms;
    int rc;
} prep;

#define PREP_CHUNK 2048u

typedef struct prep_job {
    const loaded *l;
    const size_t *ord;
    const char *const *credit;
    const kb_dedup_params *dp;
    const kb_cluster_params *cp;
    prep *out;
    size_t first;            /* the chunk starts at this canonical index */
} prep_job;

static int prep_one(const prep_job *j, size_t k, kb_stemmer *st, kb_features *f, prep *pr)
{
    const kb_article *a = j->l->v[j->ord[k]];
    const char *text = a->text ? a->text : "";
    kb_tokens t = { 0 };
    int rc = kb_tokenize(text, strlen(text), &t);
    if (rc != KB_OK) { kb_tokens_free(&t); return rc; }
    pr->exact = kb_exact_hash_norm(t.norm.text, t.norm.len);
    pr->sig = malloc((size_t)j->dp->nperm * sizeof *pr->sig);
    size_t nsh = 0;
    rc = pr->sig ? kb_minhash_sign(&t, &j->dp->sh, st, j->dp->nperm, pr->sig, &nsh) : KB_ENOMEM;
    kb_tokens_free(&t);
    if (rc != KB_OK) return rc;
    pr->nsh = nsh > UINT32_MAX ? UINT32_MAX : (uint32_t)nsh;
    /* Closeness in time: the publication day, else the crawl day -- a page
     * is crawled near when it was published, which is all the decay needs;
     * it never becomes the article's published date. */
    int32_t day = j->l->day[j->ord[k]];
    pr->day = day != KB_NO_DAY ? day : day_of(a->crawl_date);
    kb_story_doc d = { 0 };
    d.id = a->id;
    d.title = a->title;
    d.text = a->text;
    d.day = pr->day;
    d.source = j->credit[j->ord[k]];
    d.lang = a->lang;
    return kb_features_doc(f, &d, &pr->terms);
}

/* A prep thread's own tools. */
typedef struct prep_tools {
    kb_stemmer *st;
    kb_features *f;
} prep_tools;

static void *prep_tools_new(void *ctx)
{
    prep_job *j = ctx;
    prep_tools *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->st = kb_stemmer_new("en");
    t->f = kb_features_new(j->cp);
    return t;
}

static void prep_tools_free(void *local)
{
    prep_tools *t = local;
    if (!t) return;
    kb_features_free(t->f);
    kb_stemmer_free(t->st);
    free(t);
}

static void prep_task(void *ctx, size_t i, void *local)
{
    prep_job *j = ctx;
    prep_tools *t = local;
    j->out[i].rc = t && t->st && t->f ? prep_one(j, j->first + i, t->st, t->f, &j->out[i]) : KB_ENOMEM;
}

/* ------------------------------------------------------------ build */

/* Stories are built in parallel (they are independent), each thread with
 * its own builder; the gazetteer is shared read-only. Results land in a slot
 * per story and are written in story order. */
typedef struct built {
    kb_story st;
    char *json;
    int rc;
} built;

typedef struct build_job {
    const kb_gazetteer *gz;
    const kb_story_member *members;   /* all stories' members, story after story */
    const size_t *moff;               /* story k: members[moff[k] .. moff[k+1]) */
    const char *const *ids;
    built *out;
} build_job;

static void *builder_new(void *ctx)
{
    return kb_story_builder_new(((build_job *)ctx)->gz);
}

static void builder_free(void *local)
{
    kb_story_builder_free(local);
}

static void build_task(void *ctx, size_t k, void *local)
{
    build_job *job = ctx;
    built *b = &job->out[k];
    if (!local) { b->rc = KB_ENOMEM; return; }
    b->rc = kb_story_build(local, job->ids[k], job->members + job->moff[k],
                           job->moff[k + 1] - job->moff[k], &b->st);
    if (b->rc == KB_OK && !(b->json = kb_story_json(&b->st))) b->rc = KB_ENOMEM;
}

int kb_store_build_stories(kb_store *s, kb_stories_stats *stats)
{
    kb_stories_stats local = { 0 };
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    loaded l = { 0 };
    size_t *ord = NULL;
    kb_dedup *dd = NULL;
    kb_cluster *cl = NULL;
    kb_gazetteer *gz = NULL;
    kb_story_member *members = NULL;
    uint32_t *orig = NULL;
    const char **credit = NULL;
    size_t *moff = NULL;
    const char **ids = NULL;
    built *results = NULL;
    size_t nresults = 0;
    sqlite3_stmt *ins_story = NULL, *ins_member = NULL;
    sqlite3 *db = kb_store_db(s);
    int rc = load_all(s, &l), in_tx = 0;
    if (rc != KB_OK) goto done;
    size_t n = l.n;
    stats->articles = n;
    ord = malloc((n ? n : 1) * sizeof *ord);
    orig = malloc((n ? n : 1) * sizeof *orig);
    members = malloc((n ? n : 1) * sizeof *members);
    if (!ord || !orig || !members) { rc = KB_ENOMEM; goto done; }
    for (size_t i = 0; i < n; i++) ord[i] = i;
    sort_canon(ord, n, &l);
    if ((rc = credited_sources(&l, &credit)) != KB_OK) goto done;

    /* Copies and stories. What costs -- tokenising each article for its
     * MinHash signature and its term vector -- is done on every core, a
     * chunk of articles at a time; adding them to the detector and the
     * clusterer stays in canonical order. Online provisional links are not
     * needed: finish settles the same partition without them (story.h). */
    dd = kb_dedup_new(NULL);
    kb_cluster_params cp;
    kb_cluster_params_default(&cp);
    if (!cp.date_finder) cp.date_finder = kb_date_find;
    cp.online = 0;
    cl = kb_cluster_new(&cp);
    if (!dd || !cl) { rc = KB_ENOMEM; goto done; }
    {
        prep_job pj = { &l, ord, credit, kb_dedup_params_of(dd), &cp, NULL, 0 };
        kb_parallel par = { &pj, prep_task, prep_tools_new, prep_tools_free };
        pj.out = calloc(PREP_CHUNK, sizeof *pj.out);
        if (!pj.out) { rc = KB_ENOMEM; goto done; }
        for (size_t c0 = 0; c0 < n && rc == KB_OK; c0 += PREP_CHUNK) {
            size_t cn = n - c0 < PREP_CHUNK ? n - c0 : PREP_CHUNK;
            pj.first = c0;
            kb_parallel_for(&par, cn, kb_cores());
            for (size_t i = 0; i < cn; i++) {
                prep *pr = &pj.out[i];
                size_t k = c0 + i;
                const kb_article *a = l.v[ord[k]];
                if (rc == KB_OK) rc = pr->rc;
                if (rc == KB_OK)
                    rc = kb_dedup_add_signed(dd, a->id, l.day[ord[k]], pr->exact, pr->sig, pr->nsh,
                                             NULL, NULL);
                if (rc == KB_OK)
                    rc = kb_cluster_add_terms(cl, a->id, pr->day, credit[ord[k]], NULL, &pr->terms,
                                              NULL, NULL);
                kb_story_terms_free(&pr->terms);
                free(pr->sig);
                memset(pr, 0, sizeof *pr);
            }
        }
        free(pj.out);
        if (rc != KB_OK) goto done;
    }
    for (size_t k = 0; k < n; k++) {
        kb_dup_status ds;
        kb_dedup_status(dd, (uint32_t)k, &ds);
        orig[k] = ds.of;
        if (ds.kind != KB_DUP_NEW) stats->copies++;
        if (orig[k] != k && (rc = kb_cluster_set_group(cl, (uint32_t)k, l.v[ord[orig[k]]]->id)) != KB_OK)
            goto done;
    }
    if ((rc = kb_cluster_finish(cl)) != KB_OK) goto done;

    if (kb_gazetteer_new(&gz) != KB_OK) { rc = KB_ENOMEM; goto done; }

    size_t ns = kb_cluster_nstories(cl);
    stats->stories = ns;
    moff = malloc((ns + 1) * sizeof *moff);
    ids = malloc((ns ? ns : 1) * sizeof *ids);
    results = calloc(ns ? ns : 1, sizeof *results);
    if (!moff || !ids || !results) { rc = KB_ENOMEM; goto done; }
    nresults = ns;
    moff[0] = 0;
    for (size_t k = 0; k < ns; k++) {
        size_t m;
        const uint32_t *docs = kb_cluster_story_docs(cl, k, &m);
        kb_story_member *mem = members + moff[k];
        moff[k + 1] = moff[k] + m;
        ids[k] = kb_cluster_story_id(cl, k);
        size_t originals = 0;
        for (size_t i = 0; i < m; i++) {
            uint32_t ci = docs[i];          /* cluster index == canonical index */
            mem[i].a = l.v[ord[ci]];
            mem[i].source = credit[ord[ci]];
            mem[i].day = l.day[ord[ci]];
            mem[i].dup_of = -1;
            mem[i].nearest_dated = -1;
            if (orig[ci] != ci)
                for (size_t j = 0; j < m; j++)
                    if (docs[j] == orig[ci]) mem[i].dup_of = (int)j;
            if (mem[i].dup_of < 0) originals++;
        }
        if (originals > 1) stats->multi++;
        for (size_t i = 0; i < m; i++) {
            if (mem[i].day != KB_NO_DAY) continue;
            double best = -1;
            for (size_t j = 0; j < m; j++) {
                if (j == i || mem[j].day == KB_NO_DAY) continue;
                double sim = kb_cluster_similarity(cl, docs[i], docs[j]);
                if (sim > best) { best = sim; mem[i].nearest_dated = (int)j; }
            }
        }
    }
    build_job job = { gz, members, moff, ids, results };
    kb_parallel par = { &job, build_task, builder_new, builder_free };
    kb_parallel_for(&par, ns, kb_cores());
    for (size_t k = 0; k < ns && rc == KB_OK; k++) rc = results[k].rc;
    if (rc != KB_OK) goto done;

    /* Write: the old stories are replaced in one transaction, taken only now
     * so that readers and other writers wait for the writing alone. */
    if ((rc = kb_store_begin(s)) != KB_OK) goto done;
    in_tx = 1;
    if ((rc = exec(db, "DELETE FROM story_articles; DELETE FROM stories;")) != KB_OK) goto done;
    if (sqlite3_prepare_v2(db, "INSERT INTO stories(id,headline,first,last,articles,originals,"
                           "sources_json,json) VALUES(?,?,?,?,?,?,?,?)", -1, &ins_story, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO story_articles(article_id,story_id,dup_of,source)"
                           " VALUES(?,?,?,?)", -1, &ins_member, NULL) != SQLITE_OK) {
        rc = KB_EDB;
        goto done;
    }
    for (size_t k = 0; k < ns && rc == KB_OK; k++)
        rc = write_story(ins_story, ins_member, &results[k].st, results[k].json);
    if (rc == KB_OK) {
        sqlite3_finalize(ins_story);
        sqlite3_finalize(ins_member);
        ins_story = ins_member = NULL;
        rc = kb_store_commit(s);
        in_tx = 0;
    }
done:
    sqlite3_finalize(ins_story);
    sqlite3_finalize(ins_member);
    if (in_tx) kb_store_rollback(s);
    for (size_t k = 0; results && k < nresults; k++) {
        kb_story_free(&results[k].st);
        free(results[k].json);
    }
    free(results);
    free(moff);
    free(ids);
    kb_gazetteer_free(gz);
    kb_cluster_free(cl);
    kb_dedup_free(dd);
    free(members);
    free(credit);
    free(orig);
    free(ord);
    free_loaded(&l);
    return rc;
}

/* ------------------------------------------------------------ reading */

static int valid_day(const char *s)
{
    kb_date d;
    return s && kb_date_parse_iso(s, strlen(s), &d) == KB_OK && d.prec >= KB_PREC_DAY;
}

int kb_store_stories_json(kb_store *s, const kb_stories_query *q, char **out)
{
    *out = NULL;
    kb_stories_query dq = { 0 };
    if (!q) q = &dq;
    if (q->since && !valid_day(q->since)) return KB_EINVAL;
    size_t limit = q->limit ? q->limit : 20;
    size_t min_articles = q->min_articles ? q->min_articles : 1;
    sqlite3 *db = kb_store_db(s);
    const char *where =
        " WHERE s.originals >= ?1"
        " AND (?2 IS NULL OR coalesce(s.last, s.first) >= ?2)"
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM story_articles m WHERE m.story_id = s.id AND m.source = ?3))";
    char sql[1024];
    sqlite3_stmt *st = NULL;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM stories s%s", where);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return KB_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)min_articles);
    if (q->since) sqlite3_bind_text(st, 2, q->since, -1, SQLITE_STATIC);
    if (q->source) sqlite3_bind_text(st, 3, q->source, -1, SQLITE_STATIC);
    int64_t total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    snprintf(sql, sizeof sql,
             /* DESC puts undated stories (NULL) last, and matches the
              * stories_activity index, so a page reads only its rows. */
             "SELECT s.id, s.headline, s.first, s.last, s.articles, s.originals, s.sources_json"
             " FROM stories s%s ORDER BY coalesce(s.last, s.first) DESC, s.originals DESC, s.id"
             " LIMIT ?4 OFFSET ?5", where);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return KB_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)min_articles);
    if (q->since) sqlite3_bind_text(st, 2, q->since, -1, SQLITE_STATIC);
    if (q->source) sqlite3_bind_text(st, 3, q->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)q->offset);
    json_t *arr = json_array();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int c = 0; c < 4; c++) {
            static const char *const names[] = { "id", "headline", "first", "last" };
            const char *v = (const char *)sqlite3_column_text(st, c);
            json_object_set_new(o, names[c], v ? json_string(v) : json_null());
        }
        json_object_set_new(o, "articles", json_integer(sqlite3_column_int64(st, 4)));
        json_object_set_new(o, "originals", json_integer(sqlite3_column_int64(st, 5)));
        const char *srcs = (const char *)sqlite3_column_text(st, 6);
        json_t *sj = srcs ? json_loads(srcs, 0, NULL) : NULL;
        json_object_set_new(o, "sources", sj ? sj : json_array());
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) { json_decref(arr); return KB_EDB; }
    json_t *res = json_object();
    json_object_set_new(res, "stories", arr);
    json_object_set_new(res, "total", json_integer(total));
    json_object_set_new(res, "offset", json_integer((json_int_t)q->offset));
    json_object_set_new(res, "limit", json_integer((json_int_t)limit));
    *out = json_dumps(res, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(res);
    return *out ? KB_OK : KB_ENOMEM;
}

int kb_store_story_json(kb_store *s, const char *id, char **out)
{
    *out = NULL;
    if (!id || strlen(id) < 7) return KB_EINVAL;
    if (strlen(id) > 40) return KB_ENOTFOUND;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == 's')) return KB_ENOTFOUND;
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_STORY);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
    }
    char *json = strdup((const char *)sqlite3_column_text(st, 0));
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) { free(json); return KB_EINVAL; }   /* ambiguous prefix */
    if (!json) return KB_ENOMEM;
    *out = json;
    return KB_OK;
}

int kb_store_story_of(kb_store *s, const char *article_id, char out[48])
{
    sqlite3_stmt *st = kb_store_stmt(s, KB_ST_STORY_OF);
    if (!st) return KB_EDB;
    sqlite3_bind_text(st, 1, article_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) snprintf(out, 48, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? KB_OK : rc == SQLITE_DONE ? KB_ENOTFOUND : KB_EDB;
}
