/* dedup/dedup.c -- the duplicate detector: exact copies by the normalised
 * body hash, near-duplicates by MinHash + LSH + estimated Jaccard, grouped
 * with union-find; each group's original is its earliest member (published
 * day, then key). See dedup.h for why the groups do not depend on the order
 * of adding. */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>

struct kb_dedup {
    kb_dedup_params p;
    kb_stemmer *st;
    kb_arena keys_arena;
    const char **keys;
    int32_t *day;
    uint64_t *exact;
    uint32_t *nsh;
    uint32_t *sig;          /* n * nperm */
    uint32_t *parent, *orig, *gsize;
    size_t n, cap;
    kb_u64map exact_map;    /* exact hash -> first article with it */
    kb_lsh lsh;
    uint32_t *cand;         /* scratch for LSH queries */
    size_t ncand, capcand;
    kb_dedup_stats stats;
};

void kb_dedup_params_default(kb_dedup_params *p)
{
    /* Chosen by bench/eval-dedup.sh on SaudiNewsNet (BENCHMARKS.md). */
    p->sh.k = 3;
    p->sh.use_stems = 0;
    p->nperm = 128;
    p->bands = 32;
    p->rows = 4;
    p->threshold = 0.7;
    p->min_shingles = 8;
}

kb_dedup *kb_dedup_new(const kb_dedup_params *p)
{
    kb_dedup_params def;
    if (!p) {
        kb_dedup_params_default(&def);
        p = &def;
    }
    if (p->nperm < 1 || p->nperm > KB_MINHASH_MAX || p->bands < 1 || p->rows < 1 ||
        (long)p->bands * p->rows > p->nperm || p->sh.k < 1 || p->sh.k > 16 ||
        !(p->threshold > 0.0 && p->threshold <= 1.0) || p->min_shingles < 1)
        return NULL;
    kb_dedup *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->p = *p;
    if (p->sh.use_stems && !(d->st = kb_stemmer_new(NULL))) {
        free(d);
        return NULL;
    }
    kb_lsh_init(&d->lsh, p->bands, p->rows);
    return d;
}

void kb_dedup_free(kb_dedup *d)
{
    if (!d) return;
    if (d->st) kb_stemmer_free(d->st);
    kb_arena_free(&d->keys_arena);
    free(d->keys); free(d->day); free(d->exact); free(d->nsh); free(d->sig);
    free(d->parent); free(d->orig); free(d->gsize); free(d->cand);
    kb_u64map_free(&d->exact_map);
    kb_lsh_free(&d->lsh);
    free(d);
}

const kb_dedup_params *kb_dedup_params_of(const kb_dedup *d) { return &d->p; }

#define GROW(field, ncap)                                                     \
    do {                                                                      \
        void *p_ = realloc(d->field, (ncap) * sizeof *d->field);              \
        if (!p_) return KB_ENOMEM;                                            \
        d->field = p_;                                                        \
    } while (0)

static int reserve(kb_dedup *d)
{
    if (d->n < d->cap) return KB_OK;
    if (d->n >= UINT32_MAX - 1) return KB_ENOMEM;
    size_t nc = d->cap ? d->cap * 2 : 256;
    GROW(keys, nc); GROW(day, nc); GROW(exact, nc); GROW(nsh, nc);
    GROW(parent, nc); GROW(orig, nc); GROW(gsize, nc);
    GROW(sig, nc * (size_t)d->p.nperm);
    d->cap = nc;
    return KB_OK;
}

static uint32_t find(kb_dedup *d, uint32_t i)
{
    uint32_t r = i;
    while (d->parent[r] != r) r = d->parent[r];
    while (d->parent[i] != r) {
        uint32_t nx = d->parent[i];
        d->parent[i] = r;
        i = nx;
    }
    return r;
}

/* True when article a is earlier than b: known day first, then key. */
static int earlier(const kb_dedup *d, uint32_t a, uint32_t b)
{
    int64_t da = d->day[a] == KB_NO_DAY ? INT64_MAX : d->day[a];
    int64_t db = d->day[b] == KB_NO_DAY ? INT64_MAX : d->day[b];
    if (da != db) return da < db;
    int c = strcmp(d->keys[a], d->keys[b]);
    return c != 0 ? c < 0 : a < b;
}

static void unite(kb_dedup *d, uint32_t a, uint32_t b)
{
    uint32_t ra = find(d, a), rb = find(d, b);
    if (ra == rb) return;
    if (d->gsize[ra] < d->gsize[rb]) { uint32_t t = ra; ra = rb; rb = t; }
    d->parent[rb] = ra;
    d->gsize[ra] += d->gsize[rb];
    if (earlier(d, d->orig[rb], d->orig[ra])) d->orig[ra] = d->orig[rb];
}

const uint32_t *kb_dedup_sig(const kb_dedup *d, uint32_t i)
{
    return d->sig + (size_t)i * d->p.nperm;
}

void kb_dedup_status(kb_dedup *d, uint32_t i, kb_dup_status *out)
{
    uint32_t r = find(d, i), o = d->orig[r];
    out->of = o;
    out->group_size = d->gsize[r];
    if (o == i) {
        out->kind = KB_DUP_NEW;
        out->jaccard = 1.0;
    } else if (d->exact[i] != 0 && d->exact[i] == d->exact[o]) {
        out->kind = KB_DUP_EXACT;
        out->jaccard = 1.0;
    } else {
        out->kind = KB_DUP_NEAR;
        out->jaccard = kb_minhash_jaccard(kb_dedup_sig(d, i), kb_dedup_sig(d, o), d->p.nperm);
    }
}

int kb_dedup_add_signed(kb_dedup *d, const char *key, int32_t day, uint64_t exact,
                        const uint32_t *sig, uint32_t nshingles, uint32_t *idx,
                        kb_dup_status *res)
{
    if (!d || !key || !sig) return KB_EINVAL;
    if (reserve(d) != KB_OK) return KB_ENOMEM;
    char *k = kb_arena_strdup(&d->keys_arena, key);
    if (!k) return KB_ENOMEM;
    uint32_t i = (uint32_t)d->n;
    int nperm = d->p.nperm;
    int linked_exact = 0;
    if (exact != 0) {
        int ins;
        uint32_t *first = kb_u64map_put(&d->exact_map, exact, i, &ins);
        if (!first) return KB_ENOMEM;
        linked_exact = !ins;
    }
    int near = !linked_exact && nshingles >= (uint32_t)d->p.min_shingles;
    if (near) {
        /* Index first: on failure the article is not added at all (a
         * dangling LSH entry would point past n). */
        d->ncand = 0;
        if (kb_lsh_query(&d->lsh, sig, &d->cand, &d->ncand, &d->capcand) != KB_OK)
            return KB_ENOMEM;
        if (kb_lsh_add(&d->lsh, sig, i) != KB_OK) return KB_ENOMEM;
    }
    d->keys[i] = k;
    d->day[i] = day;
    d->exact[i] = exact;
    d->nsh[i] = nshingles;
    memcpy(d->sig + (size_t)i * nperm, sig, (size_t)nperm * sizeof *sig);
    d->parent[i] = d->orig[i] = i;
    d->gsize[i] = 1;
    d->n++;
    if (linked_exact) {
        d->stats.exact++;
        unite(d, i, *kb_u64map_get(&d->exact_map, exact));
    } else if (near) {
        for (size_t c = 0; c < d->ncand; c++) {
            uint32_t j = d->cand[c];
            d->stats.candidates++;
            if (kb_minhash_jaccard(sig, kb_dedup_sig(d, j), nperm) >= d->p.threshold) {
                d->stats.verified++;
                unite(d, i, j);
            }
        }
    }
    if (idx) *idx = i;
    if (res) kb_dedup_status(d, i, res);
    return KB_OK;
}

int kb_dedup_add(kb_dedup *d, const char *key, const char *text, size_t len,
                 int32_t day, uint32_t *idx, kb_dup_status *res)
{
    if (!d || !key || (!text && len)) return KB_EINVAL;
    kb_tokens t = {0};
    int rc = kb_tokenize(text ? text : "", len, &t);
    if (rc != KB_OK) {
        kb_tokens_free(&t);
        return rc;
    }
    uint64_t exact = kb_exact_hash_norm(t.norm.text, t.norm.len);
    uint32_t sigbuf[256];
    uint32_t *sig = d->p.nperm <= 256 ? sigbuf : malloc((size_t)d->p.nperm * sizeof *sig);
    if (!sig) {
        kb_tokens_free(&t);
        return KB_ENOMEM;
    }
    size_t nsh = 0;
    rc = kb_minhash_sign(&t, &d->p.sh, d->st, d->p.nperm, sig, &nsh);
    kb_tokens_free(&t);
    if (rc == KB_OK)
        rc = kb_dedup_add_signed(d, key, day, exact, sig,
                                 nsh > UINT32_MAX ? UINT32_MAX : (uint32_t)nsh, idx, res);
    if (sig != sigbuf) free(sig);
    return rc;
}

size_t kb_dedup_count(const kb_dedup *d) { return d->n; }
const char *kb_dedup_key(const kb_dedup *d, uint32_t i) { return d->keys[i]; }
int32_t kb_dedup_day(const kb_dedup *d, uint32_t i) { return d->day[i]; }
uint64_t kb_dedup_exact_hash(const kb_dedup *d, uint32_t i) { return d->exact[i]; }
uint32_t kb_dedup_nshingles(const kb_dedup *d, uint32_t i) { return d->nsh[i]; }
void kb_dedup_get_stats(const kb_dedup *d, kb_dedup_stats *s) { *s = d->stats; }
