/* dedup/shingle.c -- what dedup compares: the exact-copy key of a body and
 * the set of its k-word shingles (hashed), plus exact Jaccard on such sets
 * (the truth the MinHash estimate is measured against). */
#define XXH_STATIC_LINKING_ONLY
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SEED_EXACT 0x6b6861626172ull      /* "khabar" */
#define SEED_TOKEN 0x746f6b656e31ull
#define SEED_SHINGLE 0x7368696e676cull
#define MAX_K 16

/* Length of the white-space character at s[i], 0 when it is none. */
static size_t space_len(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) return 2;
    if (c == 0xE2 && i + 2 < len) {
        unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
        if (c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
        if (c1 == 0x81 && c2 == 0x9F) return 3;
    }
    if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x80) return 3;
    return 0;
}

uint64_t kb_exact_hash_norm(const char *norm, size_t len)
{
    XXH64_state_t st;
    XXH64_reset(&st, SEED_EXACT);
    size_t i = 0, fed = 0;
    while (i < len) {
        size_t w = space_len(norm, len, i);
        if (w == 0) {
            size_t j = i;
            while (j < len && space_len(norm, len, j) == 0) j++;
            if (fed) XXH64_update(&st, " ", 1);
            XXH64_update(&st, norm + i, j - i);
            fed += j - i;
            i = j;
        } else {
            i += w;
        }
    }
    if (!fed) return 0;
    uint64_t h = XXH64_digest(&st);
    return h ? h : 1;
}

static uint64_t token_hash(const kb_tokens *t, size_t i, kb_stemmer *st)
{
    const kb_token *tk = &t->v[i];
    const char *s = t->norm.text + tk->nstart;
    size_t n = tk->nend - tk->nstart;
    if (st && n < 256) {
        char buf[256];
        size_t m = kb_stemmer_stem(st, s, n, (kb_tok_kind)tk->kind, buf);
        if (m > 0) return XXH3_64bits_withSeed(buf, m, SEED_TOKEN);
    }
    return XXH3_64bits_withSeed(s, n, SEED_TOKEN);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int kb_shingles(const kb_tokens *t, const kb_shingle_params *p, kb_stemmer *st,
                uint64_t **out, size_t *n)
{
    if (!t || !p || !out || !n || p->k < 1 || p->k > MAX_K || (p->use_stems && !st))
        return KB_EINVAL;
    *out = NULL;
    *n = 0;
    size_t nt = t->n;
    if (nt == 0) return KB_OK;
    size_t k = (size_t)p->k < nt ? (size_t)p->k : nt;
    size_t ns = nt - k + 1;
    uint64_t *sh = malloc(ns * sizeof *sh);
    uint64_t *th = malloc(nt * sizeof *th);
    if (!sh || !th) {
        free(sh); free(th);
        return KB_ENOMEM;
    }
    for (size_t i = 0; i < nt; i++) th[i] = token_hash(t, i, p->use_stems ? st : NULL);
    for (size_t i = 0; i < ns; i++) sh[i] = XXH3_64bits_withSeed(th + i, k * sizeof *th, SEED_SHINGLE);
    free(th);
    qsort(sh, ns, sizeof *sh, cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < ns; i++)
        if (m == 0 || sh[m - 1] != sh[i]) sh[m++] = sh[i];
    *out = sh;
    *n = m;
    return KB_OK;
}

double kb_jaccard_sets(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na == 0 && nb == 0) return 1.0;
    size_t i = 0, j = 0, inter = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) { inter++; i++; j++; }
        else if (a[i] < b[j]) i++;
        else j++;
    }
    return (double)inter / (double)(na + nb - inter);
}
