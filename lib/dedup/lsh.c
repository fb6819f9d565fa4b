/* dedup/lsh.c -- LSH banding over MinHash signatures: the candidate finder
 * of the near-duplicate detector. One hash map holds every band of every
 * item: key = xxhash(band's slots, seed = band number), value = the newest
 * entry of a chain of items that share that key. */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int kb_lsh_init(kb_lsh *l, int bands, int rows)
{
    memset(l, 0, sizeof *l);
    if (bands < 1 || rows < 1 || (long)bands * rows > KB_MINHASH_MAX) return KB_EINVAL;
    l->bands = bands;
    l->rows = rows;
    return KB_OK;
}

static uint64_t band_key(const kb_lsh *l, const uint32_t *sig, int b)
{
    return XXH3_64bits_withSeed(sig + (size_t)b * l->rows,
                                (size_t)l->rows * sizeof *sig, 0x6c7368u + (uint64_t)b);
}

int kb_lsh_add(kb_lsh *l, const uint32_t *sig, uint32_t item)
{
    if (l->nent + (size_t)l->bands > l->capent) {
        size_t nc = l->capent ? l->capent * 2 : 1024;
        while (nc < l->nent + (size_t)l->bands) nc *= 2;
        struct kb_lsh_entry *e = realloc(l->ent, nc * sizeof *e);
        if (!e) return KB_ENOMEM;
        l->ent = e;
        l->capent = nc;
    }
    for (int b = 0; b < l->bands; b++) {
        int ins;
        uint32_t *head = kb_u64map_put(&l->heads, band_key(l, sig, b), 0, &ins);
        if (!head) return KB_ENOMEM;   /* entries added so far are harmless */
        l->ent[l->nent].item = item;
        l->ent[l->nent].next = *head;
        *head = (uint32_t)(++l->nent);
    }
    return KB_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int kb_lsh_query(const kb_lsh *l, const uint32_t *sig, uint32_t **out, size_t *n,
                 size_t *cap)
{
    size_t start = *n;
    for (int b = 0; b < l->bands; b++) {
        const uint32_t *head = kb_u64map_get(&l->heads, band_key(l, sig, b));
        for (uint32_t e = head ? *head : 0; e; e = l->ent[e - 1].next) {
            if (*n == *cap) {
                size_t nc = *cap ? *cap * 2 : 64;
                uint32_t *v = realloc(*out, nc * sizeof *v);
                if (!v) return KB_ENOMEM;
                *out = v;
                *cap = nc;
            }
            (*out)[(*n)++] = l->ent[e - 1].item;
        }
    }
    size_t m = *n - start;
    if (m > 1) {
        uint32_t *v = *out + start;
        qsort(v, m, sizeof *v, cmp_u32);
        size_t k = 0;
        for (size_t i = 0; i < m; i++)
            if (k == 0 || v[k - 1] != v[i]) v[k++] = v[i];
        *n = start + k;
    }
    return KB_OK;
}

void kb_lsh_free(kb_lsh *l)
{
    kb_u64map_free(&l->heads);
    free(l->ent);
    memset(l, 0, sizeof *l);
}
