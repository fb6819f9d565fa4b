/* dedup/dedup.h -- internal interface of the dedup stage: exact copies
 * (xxhash64 of the normalised, whitespace-folded body) and near-duplicates
 * (MinHash over word shingles, LSH banding, verified by the estimated
 * Jaccard). Sits between extract and story; works on in-memory structs only,
 * the store persists what the accessors below expose.
 *
 * Design:
 *  - Every hash is xxhash with a fixed seed, so signatures are stable across
 *    runs and machines and can be stored.
 *  - Duplicates form groups (union-find over "exact copy" and "estimated
 *    Jaccard >= threshold" edges). Both relations are symmetric and LSH finds
 *    a pair from either side, so the groups do not depend on the order in
 *    which articles are added. A group's ORIGINAL is its earliest member
 *    (published day, then key); every other member is a copy of it. When a
 *    later-added article turns out to be earlier than the original it
 *    becomes the original and the others are re-linked: ask
 *    kb_dedup_status() for the current answer.
 */
#ifndef KB_DEDUP_H
#define KB_DEDUP_H

#include "khabar.h"

#include <stdint.h>

/* Day numbers (days since 1970-01-01, kb_date_days) are int32; an unknown
 * publication day is KB_NO_DAY. It sorts after every known day: an article
 * whose date is unknown is never preferred as the original. */
#define KB_NO_DAY INT32_MIN

/* ------------------------------------------------------------ u64 map */

/* Open-addressing hash map from a 64-bit key to a 32-bit value. The key
 * must already be a good hash (the map uses its low bits directly). */
typedef struct kb_u64map {
    uint64_t *keys;
    uint32_t *vals;
    uint8_t *used;
    size_t n, cap;     /* cap is 0 or a power of two */
} kb_u64map;

/* Pointer to the value of key, or NULL when absent. */
uint32_t *kb_u64map_get(const kb_u64map *m, uint64_t key);
/* Pointer to the value slot of key, inserting it with value init when
 * absent (*inserted says which). NULL when out of memory. */
uint32_t *kb_u64map_put(kb_u64map *m, uint64_t key, uint32_t init, int *inserted);
void kb_u64map_free(kb_u64map *m);

/* ------------------------------------------------------------ shingles */

/* The exact-copy key of a text: XXH64 (fixed seed) of its normalised form
 * (kb_normalize, default flags) with runs of white space folded to one
 * space and the ends trimmed. 0 is returned for a text that is empty after
 * folding (and is never a real key: a 0 hash is mapped to 1). */
uint64_t kb_exact_hash_norm(const char *norm, size_t len);

/* How shingles are formed. */
typedef struct kb_shingle_params {
    int k;             /* words per shingle, >= 1 */
    int use_stems;     /* 1: light stems (kb_stemmer_stem); 0: normalised tokens */
} kb_shingle_params;

/* The sorted, distinct 64-bit hashes of the k-word shingles of t (every
 * word token: Arabic, Latin, numbers, mixed; URLs and e-mails too). A text
 * with fewer than k tokens gives one shingle of all of them; no token gives
 * none. st is required when use_stems (NULL otherwise). *out is malloc'd
 * (the caller frees it; NULL when *n is 0). KB_OK, KB_EINVAL, KB_ENOMEM. */
int kb_shingles(const kb_tokens *t, const kb_shingle_params *p, kb_stemmer *st,
                uint64_t **out, size_t *n);

/* Exact Jaccard of two sorted, distinct hash sets (1.0 when both empty). */
double kb_jaccard_sets(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* ------------------------------------------------------------ minhash */

#define KB_MINHASH_MAX 1024

/* The MinHash signature of a shingle set: sig[i] = min over the shingles x
 * of h_i(x), h_i a multiply-shift hash with fixed odd multipliers. nperm in
 * 1..KB_MINHASH_MAX; sig needs nperm slots. An empty set gives all
 * 0xffffffff. Never fails for valid arguments (KB_EINVAL otherwise). */
int kb_minhash_sign_set(const uint64_t *sh, size_t n, int nperm, uint32_t *sig);

/* Convenience: shingles of t, then the signature. KB_OK, KB_EINVAL,
 * KB_ENOMEM. *nshingles (may be NULL) gets the number of shingles. */
int kb_minhash_sign(const kb_tokens *t, const kb_shingle_params *p, kb_stemmer *st,
                    int nperm, uint32_t *sig, size_t *nshingles);

/* Estimated Jaccard: the share of equal slots. */
double kb_minhash_jaccard(const uint32_t *a, const uint32_t *b, int nperm);

/* ------------------------------------------------------------ LSH */

/* LSH banding index: a signature is cut into bands of rows slots; two
 * signatures that agree on every slot of at least one band are candidates.
 * Items are numbered by the caller (uint32). */
typedef struct kb_lsh {
    int bands, rows;
    kb_u64map heads;           /* band key -> first entry + 1 */
    struct kb_lsh_entry { uint32_t item, next; } *ent;   /* next: entry + 1 */
    size_t nent, capent;
} kb_lsh;

/* Set up an index. bands >= 1, rows >= 1. KB_OK or KB_EINVAL. */
int kb_lsh_init(kb_lsh *l, int bands, int rows);
/* Index sig (bands*rows slots at least) as item. KB_OK or KB_ENOMEM. */
int kb_lsh_add(kb_lsh *l, const uint32_t *sig, uint32_t item);
/* The distinct items sharing a band with sig, ascending, appended to
 * (*out, *n, *cap) (a malloc'd array the caller owns and frees). KB_OK or
 * KB_ENOMEM. */
int kb_lsh_query(const kb_lsh *l, const uint32_t *sig, uint32_t **out, size_t *n,
                 size_t *cap);
void kb_lsh_free(kb_lsh *l);

/* ------------------------------------------------------------ detector */

typedef struct kb_dedup_params {
    kb_shingle_params sh;
    int nperm;            /* signature length */
    int bands, rows;      /* bands * rows <= nperm */
    double threshold;     /* estimated Jaccard for a near-duplicate */
    int min_shingles;     /* fewer shingles: exact copies only */
} kb_dedup_params;

/* The defaults chosen by bench/eval-dedup.sh (see BENCHMARKS.md). */
void kb_dedup_params_default(kb_dedup_params *p);

typedef enum {
    KB_DUP_NEW = 0,       /* not a copy: an original (maybe of others) */
    KB_DUP_EXACT = 1,     /* same normalised text as its original */
    KB_DUP_NEAR = 2,      /* near-duplicate of its original */
} kb_dup_kind;

typedef struct kb_dup_status {
    kb_dup_kind kind;
    uint32_t of;          /* index of the original (itself when NEW) */
    uint32_t group_size;  /* members in its duplicate group, >= 1 */
    double jaccard;       /* estimated Jaccard with the original (1 for NEW) */
} kb_dup_status;

typedef struct kb_dedup kb_dedup;

/* A detector; p NULL means the defaults. NULL when out of memory or p is
 * invalid. */
kb_dedup *kb_dedup_new(const kb_dedup_params *p);
void kb_dedup_free(kb_dedup *d);
const kb_dedup_params *kb_dedup_params_of(const kb_dedup *d);

/* Add an article: key (its id, copied), its body text[0..len), its
 * published day or KB_NO_DAY. *idx (may be NULL) gets its index (0, 1, ...
 * in order of adding); *res (may be NULL) its status right after adding.
 * KB_OK, KB_EINVAL (NULL key/text), KB_ENOMEM (the detector is unchanged). */
int kb_dedup_add(kb_dedup *d, const char *key, const char *text, size_t len,
                 int32_t day, uint32_t *idx, kb_dup_status *res);

/* Rebuild from stored state: what kb_dedup_exact_hash/kb_dedup_sig/
 * kb_dedup_nshingles returned for the article. Gives the same groups as
 * adding the text. sig has params.nperm slots. Same returns. */
int kb_dedup_add_signed(kb_dedup *d, const char *key, int32_t day, uint64_t exact,
                        const uint32_t *sig, uint32_t nshingles, uint32_t *idx,
                        kb_dup_status *res);

/* Accessors; i < kb_dedup_count(d). Pointers stay valid until the next add. */
size_t kb_dedup_count(const kb_dedup *d);
const char *kb_dedup_key(const kb_dedup *d, uint32_t i);
int32_t kb_dedup_day(const kb_dedup *d, uint32_t i);
uint64_t kb_dedup_exact_hash(const kb_dedup *d, uint32_t i);
const uint32_t *kb_dedup_sig(const kb_dedup *d, uint32_t i);
uint32_t kb_dedup_nshingles(const kb_dedup *d, uint32_t i);
/* The current status of article i (its original may have changed since it
 * was added). */
void kb_dedup_status(kb_dedup *d, uint32_t i, kb_dup_status *out);

/* Statistics: candidate pairs LSH proposed, pairs verified as near. */
typedef struct kb_dedup_stats {
    uint64_t candidates, verified, exact;
} kb_dedup_stats;
void kb_dedup_get_stats(const kb_dedup *d, kb_dedup_stats *s);

#endif
