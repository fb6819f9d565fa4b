/* dedup/u64map.c -- open-addressing hash map uint64 -> uint32, the index
 * under the exact-copy table, the LSH buckets and the story term dictionary.
 * Linear probing, load factor <= 1/2, no deletion (nothing is ever removed). */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(uint64_t key, size_t cap)
{
    /* Fibonacci hashing: spreads keys that are not perfect hashes too. */
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

uint32_t *kb_u64map_get(const kb_u64map *m, uint64_t key)
{
    if (m->cap == 0) return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (!m->used[i]) return NULL;
        if (m->keys[i] == key) return &m->vals[i];
    }
}

static int grow(kb_u64map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *k = malloc(ncap * sizeof *k);
    uint32_t *v = malloc(ncap * sizeof *v);
    uint8_t *u = calloc(ncap, 1);
    if (!k || !v || !u) {
        free(k); free(v); free(u);
        return KB_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->used[i]) continue;
        size_t j = slot_of(m->keys[i], ncap);
        while (u[j]) j = (j + 1) & (ncap - 1);
        u[j] = 1;
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    free(m->keys); free(m->vals); free(m->used);
    m->keys = k; m->vals = v; m->used = u;
    m->cap = ncap;
    return KB_OK;
}

uint32_t *kb_u64map_put(kb_u64map *m, uint64_t key, uint32_t init, int *inserted)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) != KB_OK) return NULL;
    size_t i = slot_of(key, m->cap);
    while (m->used[i]) {
        if (m->keys[i] == key) {
            if (inserted) *inserted = 0;
            return &m->vals[i];
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->used[i] = 1;
    m->keys[i] = key;
    m->vals[i] = init;
    m->n++;
    if (inserted) *inserted = 1;
    return &m->vals[i];
}

void kb_u64map_free(kb_u64map *m)
{
    free(m->keys); free(m->vals); free(m->used);
    memset(m, 0, sizeof *m);
}
