/* story/cluster.c -- online, incremental, order-independent story
 * clustering: single link over a thresholded tf-idf cosine x time-decay
 * (x title-number agreement) graph, found through an inverted index. The design and why it is
 * deterministic are in story.h. */
#include "story/story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SEED_ID 0x6964ull
/* Two titles whose numbers all disagree: the pair's similarity is
 * multiplied by this (story.h). Measured on SaudiNewsNet (BENCHMARKS.md,
 * "Story clustering -- hand-read sample"). */
#define NUM_CONTRADICTION 0.5

typedef struct { uint32_t doc; float lt; } posting;   /* lt = (float)log1p(tf) */
typedef struct { posting *v; uint32_t n, cap; } plist;

struct kb_cluster {
    kb_cluster_params p;
    kb_features *feat;
    kb_arena arena;                  /* ids, sources, story ids */
    /* articles */
    const char **id, **source;
    int32_t *day;
    uint64_t *group;                 /* hash of dup_group, else of id */
    size_t *toff;                    /* terms of i: [toff[i], toff[i+1]) */
    size_t *noff;                    /* title numbers of i: [noff[i], noff[i+1]) */
    float *onorm;                    /* online: norm when added */
    uint32_t *parent, *first;        /* union-find; first[root]: earliest */
    size_t n, cap;
    /* term occurrences, each article's sorted by term hash */
    uint32_t *tid;
    float *tf, *ltf;                 /* weighted count, (float)log1p of it */
    size_t nt, capt;
    /* title numbers (kb_story_num_term codes), each article's ascending */
    uint64_t *num;
    size_t nn, capn;
    /* dictionary */
    kb_u64map dict;                  /* term hash -> term id */
    uint64_t *thash;
    uint32_t *df;
    plist *post;                     /* online: each term's postings so far
                                        (else settling builds an index) */
    size_t nterms, capterms;
    kb_u64map ids;                   /* id hash -> article */
    /* scratch */
    double *acc;
    uint32_t *touched;
    /* results of finish */
    int finished;
    double *idf;                     /* per term */
    double *inorm;                   /* per article: 1 / norm */
    uint32_t *story_of;              /* article -> story */
    uint32_t *sdocs;                 /* articles, grouped by story */
    size_t *soff;                    /* story k: sdocs[soff[k] .. soff[k+1]) */
    const char **sid;
    size_t nstories;
    kb_arena sarena;
    kb_cluster_stats stats;
};

void kb_cluster_params_default(kb_cluster_params *p)
{
    /* Measured by bench/eval-cluster.sh (BENCHMARKS.md). */
    memset(p, 0, sizeof *p);
    p->w_title = 3.0;
    p->w_lead = 2.0;
    p->w_body = 1.0;
    p->lead_min_tokens = 20;
    p->boost_bigram = 0.5;
    p->boost_entity = 2.0;
    p->boost_date = 1.0;
    p->boost_title_entity = 0.0;
    p->date_finder = kb_date_find;   /* text/date.c, the leaf text library */
    p->grace_days = 3.0;
    p->half_life_days = 30.0;
    p->decay_floor = 0.25;
    p->unique_weight = 0.25;
    p->idf_prior = 100;
    p->threshold = 0.35;
    p->attach_threshold = 0.25;
    p->centroid_threshold = 0.4;
    p->min_terms = 12;
    p->cand_frac = 0.5;
    p->cand_max_df = 0.02;
    p->online = 1;
}

kb_cluster *kb_cluster_new(const kb_cluster_params *p)
{
    kb_cluster_params def;
    if (!p) {
        kb_cluster_params_default(&def);
        p = &def;
    }
    if (!(p->threshold > 0 && p->threshold <= 1) || p->half_life_days <= 0 ||
        p->decay_floor < 0 || p->decay_floor > 1 || p->grace_days < 0 ||
        p->cand_frac < 0 || p->cand_frac > 1 || p->lead_min_tokens < 0 || p->min_terms < 0)
        return NULL;
    kb_cluster *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->p = *p;
    if (!(c->feat = kb_features_new(p))) {
        free(c);
        return NULL;
    }
    return c;
}

static void drop_results(kb_cluster *c)
{
    free(c->idf); free(c->inorm); free(c->story_of); free(c->sdocs); free(c->soff);
    free(c->sid);
    c->idf = c->inorm = NULL;
    c->story_of = c->sdocs = NULL;
    c->soff = NULL;
    c->sid = NULL;
    c->nstories = 0;
    kb_arena_free(&c->sarena);
    c->finished = 0;
}

void kb_cluster_free(kb_cluster *c)
{
    if (!c) return;
    drop_results(c);
    kb_features_free(c->feat);
    kb_arena_free(&c->arena);
    free(c->id); free(c->source); free(c->day); free(c->group); free(c->toff); free(c->noff);
    free(c->num);
    free(c->onorm); free(c->parent); free(c->first);
    free(c->tid); free(c->tf); free(c->ltf);
    kb_u64map_free(&c->dict);
    free(c->thash); free(c->df);
    for (size_t t = 0; c->post && t < c->nterms; t++) free(c->post[t].v);
    free(c->post);
    kb_u64map_free(&c->ids);
    free(c->acc); free(c->touched);
    free(c);
}

/* ------------------------------------------------------------ helpers */

double kb_story_decay(const kb_cluster_params *p, int32_t a, int32_t b)
{
    if (a == KB_NO_DAY || b == KB_NO_DAY) return 1.0;
    double d = fabs((double)a - (double)b) - p->grace_days;
    if (d <= 0) return 1.0;
    double f = exp2(-d / p->half_life_days);
    return f < p->decay_floor ? p->decay_floor : f;
}

/* Known day first, then id: the canonical order of articles. */
static int earlier(const kb_cluster *c, uint32_t a, uint32_t b)
{
    int64_t da = c->day[a] == KB_NO_DAY ? INT64_MAX : c->day[a];
    int64_t db = c->day[b] == KB_NO_DAY ? INT64_MAX : c->day[b];
    if (da != db) return da < db;
    int r = strcmp(c->id[a], c->id[b]);
    return r != 0 ? r < 0 : a < b;
}

static uint32_t find(uint32_t *parent, uint32_t i)
{
    uint32_t r = i;
    while (parent[r] != r) r = parent[r];
    while (parent[i] != r) {
        uint32_t nx = parent[i];
        parent[i] = r;
        i = nx;
    }
    return r;
}

static void unite(kb_cluster *c, uint32_t *parent, uint32_t *first, uint32_t a, uint32_t b)
{
    uint32_t ra = find(parent, a), rb = find(parent, b);
    if (ra == rb) return;
    if (rb < ra) { uint32_t t = ra; ra = rb; rb = t; }
    parent[rb] = ra;
    if (earlier(c, first[rb], first[ra])) first[ra] = first[rb];
}

/* idf with a prior: as if the collection held idf_prior more articles
 * without the term. A handful of articles then do not make their shared
 * story words worthless; a large collection hardly notices it. */
static double idf_of(const kb_cluster *c, size_t n, uint32_t df)
{
    return log(((double)n + c->p.idf_prior + 1.0) / ((double)df + 0.5));
}

#define GROW(field, ncap)                                                     \
    do {                                                                      \
        void *p_ = realloc(c->field, (ncap) * sizeof *c->field);              \
        if (!p_) return KB_ENOMEM;                                            \
        c->field = p_;                                                        \
    } while (0)

static int reserve_docs(kb_cluster *c)
{
    if (c->n + 1 < c->cap) return KB_OK;
    if (c->n >= UINT32_MAX - 2) return KB_ENOMEM;
    size_t nc = c->cap ? c->cap * 2 : 256;
    GROW(id, nc); GROW(source, nc); GROW(day, nc); GROW(group, nc); GROW(toff, nc + 1);
    GROW(noff, nc + 1);
    GROW(onorm, nc); GROW(parent, nc); GROW(first, nc); GROW(acc, nc); GROW(touched, nc);
    for (size_t i = c->cap; i < nc; i++) c->acc[i] = 0;
    if (c->cap == 0) c->toff[0] = c->noff[0] = 0;
    c->cap = nc;
    return KB_OK;
}

static int reserve_nums(kb_cluster *c, size_t more)
{
    if (c->nn + more <= c->capn) return KB_OK;
    size_t nc = c->capn ? c->capn * 2 : 256;
    while (nc < c->nn + more) nc *= 2;
    GROW(num, nc);
    c->capn = nc;
    return KB_OK;
}

static int reserve_terms(kb_cluster *c, size_t more)
{
    if (c->nt + more <= c->capt) return KB_OK;
    size_t nc = c->capt ? c->capt * 2 : 4096;
    while (nc < c->nt + more) nc *= 2;
    GROW(tid, nc); GROW(tf, nc); GROW(ltf, nc);
    c->capt = nc;
    return KB_OK;
}

/* The term id of hash h, adding it (df 0, no postings) when new; online,
 * its posting list gets room for one more. UINT32_MAX when out of memory
 * (what was added is harmless: an unused term). */
static uint32_t term_id(kb_cluster *c, uint64_t h)
{
    if (c->nterms == c->capterms) {
        size_t nc = c->capterms ? c->capterms * 2 : 4096;
        uint64_t *th = realloc(c->thash, nc * sizeof *th);
        if (!th) return UINT32_MAX;
        c->thash = th;
        uint32_t *df = realloc(c->df, nc * sizeof *df);
        if (!df) return UINT32_MAX;
        c->df = df;
        if (c->p.online) {
            plist *pl = realloc(c->post, nc * sizeof *pl);
            if (!pl) return UINT32_MAX;
            c->post = pl;
        }
        c->capterms = nc;
    }
    int ins;
    uint32_t *v = kb_u64map_put(&c->dict, h, (uint32_t)c->nterms, &ins);
    if (!v) return UINT32_MAX;
    if (ins) {
        c->thash[c->nterms] = h;
        c->df[c->nterms] = 0;
        if (c->p.online) memset(&c->post[c->nterms], 0, sizeof c->post[0]);
        c->nterms++;
    }
    if (!c->p.online) return *v;
    plist *pl = &c->post[*v];
    if (pl->n == pl->cap) {
        uint32_t nc = pl->cap ? pl->cap * 2 : 4;
        posting *pv = realloc(pl->v, nc * sizeof *pv);
        if (!pv) return UINT32_MAX;
        pl->v = pv;
        pl->cap = nc;
    }
    return *v;
}

static int cmp_u64p(const void *a, const void *b)
{
    uint64_t x = **(const uint64_t *const *)a, y = **(const uint64_t *const *)b;
    return (x > y) - (x < y);
}

/* ------------------------------------------------------------ numbers */

static int is_num_term(uint64_t h) { return (h >> 56) == KB_NUM_TAG; }

/* Do two title numbers (codes: value x 100) name the same figure? Within
 * 10% of each other, or the smaller is the leading digits of a number at
 * least 100 times larger (44 [thousand] and 44,793). */
static int num_agree(uint64_t a, uint64_t b)
{
    a &= KB_NUM_MASK;
    b &= KB_NUM_MASK;
    uint64_t lo = a < b ? a : b, hi = a < b ? b : a;
    if ((double)(hi - lo) <= 0.1 * (double)hi) return 1;
    uint64_t il = lo / 100, ih = hi / 100;
    if (il < 10 || ih < 100 * il) return 0;
    while (ih > il) ih /= 10;
    return ih == il;
}

/* NUM_CONTRADICTION when both titles carry numbers and none agree, else 1. */
static double num_factor(const kb_cluster *c, uint32_t i, uint32_t j)
{
    size_t ai = c->noff[i], ae = c->noff[i + 1], bi = c->noff[j], be = c->noff[j + 1];
    if (ai == ae || bi == be) return 1.0;
    for (size_t x = ai; x < ae; x++)
        for (size_t y = bi; y < be; y++)
            if (num_agree(c->num[x], c->num[y])) return 1.0;
    return NUM_CONTRADICTION;
}

/* ------------------------------------------------------------ adding */

static uint32_t cand_cap(const kb_cluster *c, size_t n)
{
    double cap = c->p.cand_max_df * (double)n;
    return cap < 50 ? 50 : (uint32_t)cap;
}

/* Provisional links of the newest article i with the idf known now. */
/* Too little text to judge (a caricature's caption, an empty body): such
 * an article joins a story only through its dedup group. */
static int too_short(const kb_cluster *c, uint32_t i)
{
    return c->toff[i + 1] - c->toff[i] < (size_t)c->p.min_terms;
}

static void link_online(kb_cluster *c, uint32_t i)
{
    size_t n = c->n, nt = 0;
    if (too_short(c, i)) return;
    uint32_t cap = cand_cap(c, n);
    double thr = c->p.threshold;
    for (size_t k = c->toff[i]; k < c->toff[i + 1]; k++) {
        uint32_t t = c->tid[k];
        if (c->df[t] < 2 || c->df[t] > cap) continue;
        double idf = idf_of(c, n, c->df[t]);
        double wi = (double)c->ltf[k] * idf / c->onorm[i];
        const plist *pl = &c->post[t];
        for (uint32_t q = 0; q < pl->n; q++) {
            uint32_t e = pl->v[q].doc;
            if (e == i || too_short(c, e)) continue;
            if (c->acc[e] == 0) c->touched[nt++] = e;
            c->acc[e] += wi * (double)pl->v[q].lt * idf / c->onorm[e];
        }
    }
    for (size_t q = 0; q < nt; q++) {
        uint32_t e = c->touched[q];
        double s = c->acc[e] * kb_story_decay(&c->p, c->day[i], c->day[e]);
        if (s >= thr && s * num_factor(c, i, e) >= thr) unite(c, c->parent, c->first, i, e);
        c->acc[e] = 0;
    }
}

static int add_terms(kb_cluster *c, const char *id, int32_t day, const char *source,
                     const char *dup_group, const kb_story_terms *t, uint32_t *idx,
                     uint32_t *story)
{
    if (!id || !*id) return KB_EINVAL;
    uint64_t idh = XXH3_64bits_withSeed(id, strlen(id), SEED_ID);
    const uint32_t *seen = kb_u64map_get(&c->ids, idh);
    if (seen && strcmp(c->id[*seen], id) == 0) return KB_EINVAL;
    if (reserve_docs(c) != KB_OK || reserve_terms(c, t->n) != KB_OK ||
        reserve_nums(c, t->n) != KB_OK)
        return KB_ENOMEM;
    /* Canonical term order: by hash (so sums run in the same order whatever
     * the order of adding). kb_features_doc and kb_cluster_doc_terms give
     * them in that order already. */
    const uint64_t **ord = malloc((t->n ? t->n : 1) * sizeof *ord);
    if (!ord) return KB_ENOMEM;
    int sorted = 1;
    for (size_t k = 0; k < t->n; k++) {
        ord[k] = &t->term[k];
        if (k && t->term[k - 1] > t->term[k]) sorted = 0;
    }
    if (!sorted) qsort(ord, t->n, sizeof *ord, cmp_u64p);
    size_t base = c->nt, m = 0, nbase = c->nn, nm = 0;
    uint64_t last = 0;   /* hash of the last term kept (when m > 0) */
    for (size_t k = 0; k < t->n; k++) {
        size_t src = (size_t)(ord[k] - t->term);
        if (!(t->tf[src] > 0)) continue;
        if (is_num_term(*ord[k])) {   /* a title number: ascending, once */
            if (nm == 0 || c->num[nbase + nm - 1] != *ord[k]) c->num[nbase + nm++] = *ord[k];
            continue;
        }
        if (m && last == *ord[k]) {   /* repeated term */
            c->tf[base + m - 1] += t->tf[src];
            continue;
        }
        uint32_t tid = term_id(c, *ord[k]);
        if (tid == UINT32_MAX) {
            free(ord);
            return KB_ENOMEM;
        }
        c->tid[base + m] = tid;
        c->tf[base + m] = t->tf[src];
        m++;
        last = *ord[k];
    }
    free(ord);
    char *idc = kb_arena_strdup(&c->arena, id);
    char *src = source ? kb_arena_strdup(&c->arena, source) : NULL;
    int ins;
    uint32_t *slot = kb_u64map_put(&c->ids, idh, (uint32_t)c->n, &ins);
    if (!idc || (source && !src) || !slot) return KB_ENOMEM;
    /* Commit. */
    uint32_t i = (uint32_t)c->n;
    c->id[i] = idc;
    c->source[i] = src;
    c->day[i] = day;
    c->group[i] = dup_group && *dup_group
                      ? XXH3_64bits_withSeed(dup_group, strlen(dup_group), SEED_ID)
                      : idh;
    c->nt = base + m;
    c->toff[i + 1] = c->nt;
    c->nn = nbase + nm;
    c->noff[i + 1] = c->nn;
    c->parent[i] = c->first[i] = i;
    c->n++;
    drop_results(c);
    for (size_t k = base; k < c->nt; k++) {
        c->ltf[k] = (float)log1p(c->tf[k]);
        c->df[c->tid[k]]++;
    }
    if (c->p.online) {
        /* postings, and the norm with the idf known now */
        double norm = 0;
        for (size_t k = base; k < c->nt; k++) {
            uint32_t tt = c->tid[k];
            plist *pl = &c->post[tt];
            pl->v[pl->n].doc = i;
            pl->v[pl->n].lt = c->ltf[k];
            pl->n++;
            double w = (double)c->ltf[k] * idf_of(c, c->n, c->df[tt]);
            norm += w * w;
        }
        c->onorm[i] = norm > 0 ? (float)sqrt(norm) : 1.0f;
        link_online(c, i);
    }
    if (idx) *idx = i;
    if (story) *story = c->first[find(c->parent, i)];
    return KB_OK;
}

int kb_cluster_add_terms(kb_cluster *c, const char *id, int32_t day, const char *source,
                         const char *dup_group, const kb_story_terms *t, uint32_t *idx,
                         uint32_t *story)
{
    if (!c || !t || (t->n && (!t->term || !t->tf))) return KB_EINVAL;
    return add_terms(c, id, day, source, dup_group, t, idx, story);
}

int kb_cluster_add(kb_cluster *c, const kb_story_doc *d, uint32_t *idx, uint32_t *story)
{
    if (!c || !d || !d->id || !*d->id) return KB_EINVAL;
    kb_story_terms t;
    int rc = kb_features_doc(c->feat, d, &t);
    if (rc != KB_OK) return rc;
    rc = add_terms(c, d->id, d->day, d->source, d->dup_group, &t, idx, story);
    kb_story_terms_free(&t);
    return rc;
}

int kb_cluster_set_group(kb_cluster *c, uint32_t i, const char *dup_group)
{
    if (!c || i >= c->n) return KB_EINVAL;
    c->group[i] = dup_group && *dup_group
                      ? XXH3_64bits_withSeed(dup_group, strlen(dup_group), SEED_ID)
                      : XXH3_64bits_withSeed(c->id[i], strlen(c->id[i]), SEED_ID);
    drop_results(c);
    return KB_OK;
}

/* ------------------------------------------------------------ settling */

static double weight(const kb_cluster *c, size_t k, uint32_t doc)
{
    return (double)c->ltf[k] * c->idf[c->tid[k]] * c->inorm[doc];
}

double kb_cluster_cosine(const kb_cluster *c, uint32_t i, uint32_t j)
{
    if (!c->finished || i >= c->n || j >= c->n) return 0.0;
    if (i == j) return 1.0;
    size_t a = c->toff[i], ae = c->toff[i + 1], b = c->toff[j], be = c->toff[j + 1];
    double dot = 0;
    while (a < ae && b < be) {
        uint64_t ha = c->thash[c->tid[a]], hb = c->thash[c->tid[b]];
        if (ha == hb) {
            dot += weight(c, a, i) * weight(c, b, j);
            a++; b++;
        } else if (ha < hb) {
            a++;
        } else {
            b++;
        }
    }
    return dot > 1.0 ? 1.0 : dot;
}

double kb_cluster_similarity(const kb_cluster *c, uint32_t i, uint32_t j)
{
    if (!c->finished || i >= c->n || j >= c->n) return 0.0;
    if (i == j) return 1.0;
    return kb_cluster_cosine(c, i, j) * kb_story_decay(&c->p, c->day[i], c->day[j]) *
           num_factor(c, i, j);
}

static int cmp_docs_ctx(const kb_cluster *c, uint32_t a, uint32_t b)
{
    if (a == b) return 0;
    return earlier(c, a, b) ? -1 : 1;
}

/* qsort has no context argument: sort with a small merge sort instead. */
static void sort_docs(const kb_cluster *c, uint32_t *v, uint32_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    sort_docs(c, v, tmp, h);
    sort_docs(c, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp_docs_ctx(c, v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* ------------------------------------------------------------ merging
 *
 * Strong links are taken strongest first (ties in the canonical order of
 * their articles: the list is a function of the set of articles, so is the
 * result). Two stories of one article each merge on the link alone; two
 * stories of which one already holds several articles merge only when their
 * centroids (sums of their articles' unit vectors) are close too
 * (centroid_threshold). That keeps single link's "a new article close to two
 * stories merges them" while a chain of pairwise-similar articles that
 * drifts from subject to subject (royal protocol news, weather reports)
 * stops growing. */

typedef struct { uint32_t a, b; double sim; } edge;

typedef struct {
    uint32_t *tid;   /* ascending term hash */
    double *w;
    size_t n;
    double norm2;
} centroid;

static void centroid_free(centroid *x)
{
    free(x->tid);
    free(x->w);
    memset(x, 0, sizeof *x);
}

/* a + b into out (a term-hash-ordered merge); KB_OK or KB_ENOMEM. */
static int centroid_sum(const kb_cluster *c, const centroid *a, const centroid *b, centroid *out)
{
    size_t cap = a->n + b->n;
    out->tid = malloc((cap ? cap : 1) * sizeof *out->tid);
    out->w = malloc((cap ? cap : 1) * sizeof *out->w);
    if (!out->tid || !out->w) {
        centroid_free(out);
        return KB_ENOMEM;
    }
    size_t i = 0, j = 0, k = 0;
    double n2 = 0;
    while (i < a->n || j < b->n) {
        uint64_t ha = i < a->n ? c->thash[a->tid[i]] : UINT64_MAX;
        uint64_t hb = j < b->n ? c->thash[b->tid[j]] : UINT64_MAX;
        if (j >= b->n || (i < a->n && ha < hb)) {
            out->tid[k] = a->tid[i];
            out->w[k] = a->w[i++];
        } else if (i >= a->n || hb < ha) {
            out->tid[k] = b->tid[j];
            out->w[k] = b->w[j++];
        } else {
            out->tid[k] = a->tid[i];
            out->w[k] = a->w[i++] + b->w[j++];
        }
        n2 += out->w[k] * out->w[k];
        k++;
    }
    out->n = k;
    out->norm2 = n2;
    return KB_OK;
}

/* The vector of article i as a one-member centroid. */
static int centroid_of_doc(const kb_cluster *c, uint32_t i, centroid *out)
{
    size_t n = c->toff[i + 1] - c->toff[i];
    centroid empty = {0}, one = {0};
    one.tid = c->tid + c->toff[i];
    one.n = n;
    one.w = malloc((n ? n : 1) * sizeof *one.w);
    if (!one.w) return KB_ENOMEM;
    for (size_t k = 0; k < n; k++) one.w[k] = weight(c, c->toff[i] + k, i);
    int rc = centroid_sum(c, &one, &empty, out);
    free(one.w);
    return rc;
}

static double centroid_cos(const kb_cluster *c, const centroid *a, const centroid *b)
{
    if (a->norm2 <= 0 || b->norm2 <= 0) return 0;
    size_t i = 0, j = 0;
    double dot = 0;
    while (i < a->n && j < b->n) {
        uint64_t ha = c->thash[a->tid[i]], hb = c->thash[b->tid[j]];
        if (ha == hb) dot += a->w[i++] * b->w[j++];
        else if (ha < hb) i++;
        else j++;
    }
    return dot / sqrt(a->norm2 * b->norm2);
}

/* Strongest first; ties by the canonical ranks of the pair. (A merge sort:
 * qsort has no context argument.) */
static int edge_before(const uint32_t *rank, const edge *x, const edge *y)
{
    if (x->sim != y->sim) return x->sim > y->sim;
    uint32_t xl = rank[x->a] < rank[x->b] ? rank[x->a] : rank[x->b];
    uint32_t xh = rank[x->a] < rank[x->b] ? rank[x->b] : rank[x->a];
    uint32_t yl = rank[y->a] < rank[y->b] ? rank[y->a] : rank[y->b];
    uint32_t yh = rank[y->a] < rank[y->b] ? rank[y->b] : rank[y->a];
    return xl != yl ? xl < yl : xh < yh;
}

static void sort_edges(const uint32_t *rank, edge *v, edge *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    sort_edges(rank, v, tmp, h);
    sort_edges(rank, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = edge_before(rank, &v[j], &v[i]) ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}


static int merge_strong(kb_cluster *c, uint32_t *parent, uint32_t *first, edge *edges,
                        size_t nedges)
{
    size_t n = c->n;
    int rc = KB_ENOMEM;
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    uint32_t *rank = malloc((n ? n : 1) * sizeof *rank);
    uint32_t *size = calloc(n ? n : 1, sizeof *size);
    uint32_t *tmpd = malloc((n ? n : 1) * sizeof *tmpd);
    edge *tmpe = malloc((nedges ? nedges : 1) * sizeof *tmpe);
    centroid *cent = calloc(n ? n : 1, sizeof *cent);
    if (!order || !rank || !size || !tmpd || !tmpe || !cent) goto out;
    for (size_t i = 0; i < n; i++) order[i] = (uint32_t)i;
    sort_docs(c, order, tmpd, n);
    for (size_t k = 0; k < n; k++) rank[order[k]] = (uint32_t)k;
    for (size_t i = 0; i < n; i++) size[find(parent, (uint32_t)i)]++;
    /* Centroids of the stories the dedup groups made, summed in canonical
     * order. */
    for (size_t k = 0; k < n; k++) {
        uint32_t i = order[k], r = find(parent, i);
        if (size[r] < 2) continue;
        centroid one, sum;
        if (centroid_of_doc(c, i, &one) != KB_OK) goto out;
        int e = centroid_sum(c, &cent[r], &one, &sum);
        centroid_free(&one);
        if (e != KB_OK) goto out;
        centroid_free(&cent[r]);
        cent[r] = sum;
    }
    sort_edges(rank, edges, tmpe, nedges);
    for (size_t q = 0; q < nedges; q++) {
        uint32_t ra = find(parent, edges[q].a), rb = find(parent, edges[q].b);
        if (ra == rb) continue;
        for (int z = 0; z < 2; z++) {
            uint32_t r = z ? rb : ra;
            if (size[r] == 1 && cent[r].n == 0 && c->toff[r + 1] > c->toff[r] &&
                centroid_of_doc(c, r, &cent[r]) != KB_OK)
                goto out;
        }
        if (size[ra] > 1 || size[rb] > 1) {
            c->stats.centroid_checks++;
            if (centroid_cos(c, &cent[ra], &cent[rb]) < c->p.centroid_threshold) continue;
        }
        centroid sum;
        if (centroid_sum(c, &cent[ra], &cent[rb], &sum) != KB_OK) goto out;
        centroid_free(&cent[ra]);
        centroid_free(&cent[rb]);
        unite(c, parent, first, ra, rb);
        uint32_t r = find(parent, ra);
        size[r] = size[ra] + size[rb];
        cent[r] = sum;
        c->stats.links++;
    }
    rc = KB_OK;
out:
    if (cent)
        for (size_t i = 0; i < n; i++) centroid_free(&cent[i]);
    free(cent); free(order); free(rank); free(size); free(tmpd); free(tmpe);
    return rc;
}

/* The settle's inverted index over the terms that propose candidates (df
 * 2 .. cap): term t's postings, articles ascending, are
 * (*v)[(*start)[t] .. (*start)[t + 1]). Built in one pass over the term
 * occurrences (filled from the last article back), freed by the caller.
 * KB_OK or KB_ENOMEM. */
static int build_index(const kb_cluster *c, uint32_t cap, size_t **start, posting **v)
{
    size_t nterms = c->nterms, total = 0;
    size_t *st = malloc((nterms + 1) * sizeof *st);
    if (!st) return KB_ENOMEM;
    for (size_t t = 0; t < nterms; t++) {
        if (c->df[t] >= 2 && c->df[t] <= cap) total += c->df[t];
        st[t] = total;   /* one past t's last posting, for now */
    }
    st[nterms] = total;
    posting *pv = malloc((total ? total : 1) * sizeof *pv);
    if (!pv) {
        free(st);
        return KB_ENOMEM;
    }
    for (size_t i = c->n; i-- > 0;)
        for (size_t k = c->toff[i]; k < c->toff[i + 1]; k++) {
            uint32_t t = c->tid[k];
            if (c->df[t] >= 2 && c->df[t] <= cap)
                pv[--st[t]] = (posting){ (uint32_t)i, c->ltf[k] };
        }
    *start = st;
    *v = pv;
    return KB_OK;
}

int kb_cluster_finish(kb_cluster *c)
{
    if (!c) return KB_EINVAL;
    drop_results(c);
    size_t n = c->n;
    memset(&c->stats, 0, sizeof c->stats);
    c->idf = malloc((c->nterms ? c->nterms : 1) * sizeof *c->idf);
    c->inorm = malloc((n ? n : 1) * sizeof *c->inorm);
    c->story_of = malloc((n ? n : 1) * sizeof *c->story_of);
    c->sdocs = malloc((n ? n : 1) * sizeof *c->sdocs);
    uint32_t *parent = malloc((n ? n : 1) * sizeof *parent);
    uint32_t *first = malloc((n ? n : 1) * sizeof *first);
    uint32_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    kb_u64map groups = {0};
    uint32_t *best = NULL;
    double *bestsim = NULL;
    size_t *pstart = NULL;
    posting *pv = NULL;
    edge *edges = NULL;
    size_t nedges = 0, capedges = 0;
    int rc = KB_ENOMEM;
    if (!c->idf || !c->inorm || !c->story_of || !c->sdocs || !parent || !first || !tmp)
        goto out;
    for (size_t t = 0; t < c->nterms; t++) c->idf[t] = idf_of(c, n, c->df[t]);
    for (size_t i = 0; i < n; i++) {
        double norm = 0;
        for (size_t k = c->toff[i]; k < c->toff[i + 1]; k++) {
            double w = (double)c->ltf[k] * c->idf[c->tid[k]];
            norm += c->df[c->tid[k]] > 1 ? w * w : c->p.unique_weight * w * w;
        }
        c->inorm[i] = norm > 0 ? 1.0 / sqrt(norm) : 0.0;
        parent[i] = first[i] = (uint32_t)i;
    }
    c->finished = 1;   /* weights are ready: kb_cluster_cosine works */
    /* Same group, same story. */
    for (size_t i = 0; i < n; i++) {
        int ins;
        uint32_t *g = kb_u64map_put(&groups, c->group[i], (uint32_t)i, &ins);
        if (!g) goto out;
        if (!ins) {
            unite(c, parent, first, (uint32_t)i, *g);
            c->stats.group_links++;
        }
    }
    /* An article's own id is the group of its reprints. */
    for (size_t i = 0; i < n; i++) {
        uint64_t idh = XXH3_64bits_withSeed(c->id[i], strlen(c->id[i]), SEED_ID);
        uint32_t *g = kb_u64map_get(&groups, idh);
        if (g && find(parent, *g) != find(parent, (uint32_t)i)) {
            unite(c, parent, first, (uint32_t)i, *g);
            c->stats.group_links++;
        }
    }
    /* Similarity links: each pair once, from its later-added article.
     * Strong links (>= threshold) merge stories; a weaker one (>= attach)
     * only counts as a candidate best neighbour. */
    uint32_t cap = cand_cap(c, n);
    double thr = c->p.threshold, att = c->p.attach_threshold;
    double lo = att < thr ? att : thr, need = c->p.cand_frac * lo;
    best = malloc((n ? n : 1) * sizeof *best);
    bestsim = malloc((n ? n : 1) * sizeof *bestsim);
    if (!best || !bestsim) goto out;
    /* postings: online, the lists kept while adding; else an index now */
    if (!c->p.online && build_index(c, cap, &pstart, &pv) != KB_OK) goto out;
    for (size_t i = 0; i < n; i++) {
        best[i] = UINT32_MAX;
        bestsim[i] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        size_t nt = 0;
        if (too_short(c, (uint32_t)i)) continue;
        for (size_t k = c->toff[i]; k < c->toff[i + 1]; k++) {
            uint32_t t = c->tid[k];
            if (c->df[t] < 2 || c->df[t] > cap) continue;
            double wi = weight(c, k, (uint32_t)i), idf = c->idf[t];
            const posting *p = pv ? pv + pstart[t] : c->post[t].v;
            const posting *pe = pv ? pv + pstart[t + 1] : p + c->post[t].n;
            for (; p < pe && p->doc < i; p++) {
                uint32_t e = p->doc;
                if (c->acc[e] == 0) c->touched[nt++] = e;
                /* same expression as weight(): the sum is then the same
                 * whichever article of the pair was added last */
                c->acc[e] += wi * ((double)p->lt * idf * c->inorm[e]);
            }
        }
        for (size_t q = 0; q < nt; q++) {
            uint32_t e = c->touched[q];
            double partial = c->acc[e];
            c->acc[e] = 0;
            if (partial < need || too_short(c, e)) continue;
            double dec = kb_story_decay(&c->p, c->day[i], c->day[e]);
            c->stats.candidates++;
            double sim = kb_cluster_cosine(c, (uint32_t)i, e) * dec * num_factor(c, (uint32_t)i, e);
            if (sim < lo) continue;
            if (sim >= thr) {
                if (nedges == capedges) {
                    size_t nc = capedges ? capedges * 2 : 1024;
                    edge *ev = realloc(edges, nc * sizeof *ev);
                    if (!ev) goto out;
                    edges = ev;
                    capedges = nc;
                }
                edges[nedges++] = (edge){ (uint32_t)i, e, sim };
            }
            if (sim >= att) {
                uint32_t ends[2] = { (uint32_t)i, e };
                for (int z = 0; z < 2; z++) {
                    uint32_t a = ends[z], b = ends[1 - z];
                    if (best[a] == UINT32_MAX || sim > bestsim[a] ||
                        (sim == bestsim[a] && earlier(c, b, best[a]))) {
                        best[a] = b;
                        bestsim[a] = sim;
                    }
                }
            }
        }
    }
    if (merge_strong(c, parent, first, edges, nedges) != KB_OK) goto out;
    /* An article that no strong link put into a story joins the story of
     * its best weakly linked neighbour. Decided on the strong components
     * alone, before any joining, so the order does not matter. */
    for (size_t i = 0; i < n; i++) tmp[i] = find(parent, (uint32_t)i);
    {
        uint32_t *size = calloc(n ? n : 1, sizeof *size);
        if (!size) goto out;
        for (size_t i = 0; i < n; i++) size[tmp[i]]++;
        for (size_t i = 0; i < n; i++)
            if (size[tmp[i]] == 1 && best[i] != UINT32_MAX) {
                c->stats.attach_links++;
                unite(c, parent, first, (uint32_t)i, best[i]);
            }
        free(size);
    }

    /* Stories: ordered by their earliest article. */
    uint32_t *roots = tmp;
    size_t nr = 0;
    for (size_t i = 0; i < n; i++)
        if (find(parent, (uint32_t)i) == i) roots[nr++] = first[i];
    uint32_t *tmp2 = malloc((nr ? nr : 1) * sizeof *tmp2);
    c->soff = calloc(nr + 1, sizeof *c->soff);
    c->sid = malloc((nr ? nr : 1) * sizeof *c->sid);
    if (!tmp2 || !c->soff || !c->sid) {
        free(tmp2);
        goto out;
    }
    sort_docs(c, roots, tmp2, nr);
    free(tmp2);
    /* story index by root: reuse first[] of roots */
    for (size_t k = 0; k < nr; k++) {
        uint32_t r = find(parent, roots[k]);
        first[r] = (uint32_t)k;
        size_t len = strlen(c->id[roots[k]]);
        char *s = kb_arena_alloc(&c->sarena, len + 2);
        if (!s) goto out;
        s[0] = 's';
        memcpy(s + 1, c->id[roots[k]], len + 1);
        c->sid[k] = s;
    }
    for (size_t i = 0; i < n; i++) {
        c->story_of[i] = first[find(parent, (uint32_t)i)];
        c->soff[c->story_of[i] + 1]++;
    }
    for (size_t k = 0; k < nr; k++) c->soff[k + 1] += c->soff[k];
    for (size_t k = 0; k < nr; k++) tmp[k] = (uint32_t)c->soff[k];   /* roots no longer needed */
    for (size_t i = 0; i < n; i++) c->sdocs[tmp[c->story_of[i]]++] = (uint32_t)i;
    for (size_t k = 0; k < nr; k++)
        sort_docs(c, c->sdocs + c->soff[k], parent, c->soff[k + 1] - c->soff[k]);
    c->nstories = nr;
    rc = KB_OK;
out:
    free(parent); free(first); free(tmp); free(best); free(bestsim); free(edges);
    free(pstart); free(pv);
    kb_u64map_free(&groups);
    if (rc != KB_OK) drop_results(c);
    return rc;
}

/* ------------------------------------------------------------ accessors */

size_t kb_cluster_count(const kb_cluster *c) { return c->n; }
size_t kb_cluster_nstories(const kb_cluster *c) { return c->finished ? c->nstories : 0; }

const uint32_t *kb_cluster_story_docs(const kb_cluster *c, size_t k, size_t *n)
{
    if (!c->finished || k >= c->nstories) {
        *n = 0;
        return NULL;
    }
    *n = c->soff[k + 1] - c->soff[k];
    return c->sdocs + c->soff[k];
}

const char *kb_cluster_story_id(const kb_cluster *c, size_t k)
{
    return c->finished && k < c->nstories ? c->sid[k] : NULL;
}

size_t kb_cluster_story_of(const kb_cluster *c, uint32_t i)
{
    return c->finished && i < c->n ? c->story_of[i] : SIZE_MAX;
}

const char *kb_cluster_doc_id(const kb_cluster *c, uint32_t i) { return c->id[i]; }
int32_t kb_cluster_doc_day(const kb_cluster *c, uint32_t i) { return c->day[i]; }
const char *kb_cluster_doc_source(const kb_cluster *c, uint32_t i) { return c->source[i]; }

int kb_cluster_doc_terms(const kb_cluster *c, uint32_t i, kb_story_terms *out)
{
    memset(out, 0, sizeof *out);
    size_t n = c->toff[i + 1] - c->toff[i], nn = c->noff[i + 1] - c->noff[i];
    out->term = malloc((n + nn ? n + nn : 1) * sizeof *out->term);
    out->tf = malloc((n + nn ? n + nn : 1) * sizeof *out->tf);
    if (!out->term || !out->tf) {
        kb_story_terms_free(out);
        return KB_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        out->term[k] = c->thash[c->tid[c->toff[i] + k]];
        out->tf[k] = c->tf[c->toff[i] + k];
    }
    for (size_t k = 0; k < nn; k++) {   /* after every vector term: top byte */
        out->term[n + k] = c->num[c->noff[i] + k];
        out->tf[n + k] = 1.0f;
    }
    out->n = n + nn;
    return KB_OK;
}

void kb_cluster_get_stats(const kb_cluster *c, kb_cluster_stats *s) { *s = c->stats; }

double kb_story_similarity(const kb_story_doc *a, const kb_story_doc *b,
                           const kb_cluster_params *p)
{
    kb_cluster *c = kb_cluster_new(p);
    double sim = -1.0;
    if (!c) return -1.0;
    if (kb_cluster_add(c, a, NULL, NULL) == KB_OK && kb_cluster_add(c, b, NULL, NULL) == KB_OK &&
        kb_cluster_finish(c) == KB_OK)
        sim = kb_cluster_similarity(c, 0, 1);
    kb_cluster_free(c);
    return sim;
}
