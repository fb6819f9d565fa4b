/* dedup/minhash.c -- MinHash signatures of shingle sets.
 *
 * The shingles are already 64-bit xxhash values, so each of the nperm hash
 * functions is a multiply-shift h_i(x) = high32(a_i * x + b_i) with a_i odd:
 * two-independent enough for MinHash on random-looking keys and ~1 ns per
 * slot. a_i, b_i come from splitmix64 with a fixed seed: signatures are
 * stable and can be stored. */
#include "dedup/dedup.h"

#include <stdlib.h>

#define SEED_PERM 0x4d696e48617368ull   /* "MinHash" */

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int kb_minhash_sign_set(const uint64_t *sh, size_t n, int nperm, uint32_t *sig)
{
    if (nperm < 1 || nperm > KB_MINHASH_MAX || !sig || (n && !sh)) return KB_EINVAL;
    uint64_t a[KB_MINHASH_MAX], b[KB_MINHASH_MAX];
    uint64_t s = SEED_PERM;
    for (int i = 0; i < nperm; i++) {
        a[i] = splitmix64(&s) | 1u;
        b[i] = splitmix64(&s);
        sig[i] = UINT32_MAX;
    }
    for (size_t j = 0; j < n; j++) {
        uint64_t x = sh[j];
        for (int i = 0; i < nperm; i++) {
            uint32_t h = (uint32_t)((a[i] * x + b[i]) >> 32);
            if (h < sig[i]) sig[i] = h;
        }
    }
    return KB_OK;
}

int kb_minhash_sign(const kb_tokens *t, const kb_shingle_params *p, kb_stemmer *st,
                    int nperm, uint32_t *sig, size_t *nshingles)
{
    if (nperm < 1 || nperm > KB_MINHASH_MAX || !sig) return KB_EINVAL;
    uint64_t *sh;
    size_t n;
    int rc = kb_shingles(t, p, st, &sh, &n);
    if (rc != KB_OK) return rc;
    rc = kb_minhash_sign_set(sh, n, nperm, sig);
    free(sh);
    if (nshingles) *nshingles = n;
    return rc;
}

double kb_minhash_jaccard(const uint32_t *a, const uint32_t *b, int nperm)
{
    if (nperm < 1) return 0.0;
    int eq = 0;
    for (int i = 0; i < nperm; i++) eq += a[i] == b[i];
    return (double)eq / nperm;
}
