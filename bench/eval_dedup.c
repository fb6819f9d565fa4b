/* bench/eval_dedup.c -- near-duplicate detection on SaudiNewsNet, where the
 * Saudi Press Agency's items are reprinted by the other papers.
 *
 * Silver truth: every pair of bodies whose EXACT Jaccard on 3-word shingles
 * of normalised tokens is >= 0.5, found without MinHash by prefix filtering
 * (two sets with Jaccard >= t share a shingle among the first
 * |x| - ceil(t|x|) + 1 of each in a global rarest-first order: no pair is
 * missed) and then verified exactly. Each detector configuration (shingles
 * of tokens or stems, k, signature length, bands x rows) proposes LSH
 * candidates kept when the estimated Jaccard >= theta; its pairs are scored
 * against the truth pairs with Jaccard >= theta.
 *
 * usage: eval_dedup DIR_OF_UNZIPPED_JSON */
#include "dedup/dedup.h"
#include "eval_snn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 0.5
#define MIN_SH 8

typedef struct { uint64_t *v; size_t n; } set64;

static const kb_u64map *g_freq;

static uint32_t freq_of(uint64_t h) { return *kb_u64map_get(g_freq, h); }

static int cmp_rare_first(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    uint32_t fx = freq_of(x), fy = freq_of(y);
    if (fx != fy) return fx < fy ? -1 : 1;
    return (x > y) - (x < y);
}

static uint64_t pair_key(uint32_t i, uint32_t j)
{
    if (i > j) { uint32_t t = i; i = j; j = t; }
    return ((uint64_t)i << 32 | j) * 0x9E3779B97F4A7C15ull;   /* spread */
}

typedef struct { uint32_t i, j; float jac; } tpair;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    snn_set s;
    if (snn_load_dir(argv[1], &s) != 0) return 1;
    size_t n = s.n;
    printf("articles: %zu\n", n);

    /* Truth sets: 3-shingles of normalised tokens. */
    double t_start = snn_now();
    set64 *sets = calloc(n, sizeof *sets);
    kb_shingle_params tok3 = { .k = 3, .use_stems = 0 };
    kb_u64map freq = {0};
    size_t usable = 0;
    for (size_t i = 0; i < n; i++) {
        kb_tokens t = {0};
        const char *c = s.v[i].content;
        if (kb_tokenize(c, strlen(c), &t) != KB_OK) return 1;
        kb_shingles(&t, &tok3, NULL, &sets[i].v, &sets[i].n);
        kb_tokens_free(&t);
        if (sets[i].n < MIN_SH) continue;
        usable++;
        for (size_t k = 0; k < sets[i].n; k++) {
            int ins;
            uint32_t *f = kb_u64map_put(&freq, sets[i].v[k], 0, &ins);
            (*f)++;
        }
    }
    printf("bodies with >= %d shingles: %zu\n", MIN_SH, usable);
    /* Prefix filtering. */
    g_freq = &freq;
    kb_u64map pindex = {0};          /* shingle -> list head */
    uint32_t *pnext = NULL, *pdoc = NULL;
    size_t npost = 0, cappost = 0;
    uint32_t *seen = malloc(n * sizeof *seen);
    for (size_t i = 0; i < n; i++) seen[i] = UINT32_MAX;
    tpair *truth = NULL;
    size_t ntruth = 0, captruth = 0;
    uint64_t verified = 0;
    uint64_t *tmp = NULL;
    size_t captmp = 0;
    for (size_t i = 0; i < n; i++) {
        size_t m = sets[i].n;
        if (m < MIN_SH) continue;
        if (m > captmp) { captmp = m; tmp = realloc(tmp, m * sizeof *tmp); }
        memcpy(tmp, sets[i].v, m * sizeof *tmp);
        qsort(tmp, m, sizeof *tmp, cmp_rare_first);
        size_t plen = m - (size_t)ceil(T0 * (double)m) + 1;
        for (size_t k = 0; k < plen; k++) {
            int ins;
            uint32_t *head = kb_u64map_put(&pindex, tmp[k], 0, &ins);
            for (uint32_t e = *head; e; e = pnext[e - 1]) {
                uint32_t j = pdoc[e - 1];
                if (seen[j] == i) continue;
                seen[j] = (uint32_t)i;
                size_t a = sets[i].n, b = sets[j].n;
                if ((double)(a < b ? a : b) < T0 * (double)(a > b ? a : b)) continue;
                verified++;
                double jac = kb_jaccard_sets(sets[i].v, a, sets[j].v, b);
                if (jac >= T0) {
                    if (ntruth == captruth) {
                        captruth = captruth ? captruth * 2 : 4096;
                        truth = realloc(truth, captruth * sizeof *truth);
                    }
                    truth[ntruth++] = (tpair){ j, (uint32_t)i, (float)jac };
                }
            }
            if (npost == cappost) {
                cappost = cappost ? cappost * 2 : 65536;
                pnext = realloc(pnext, cappost * sizeof *pnext);
                pdoc = realloc(pdoc, cappost * sizeof *pdoc);
            }
            pnext[npost] = *head;
            pdoc[npost] = (uint32_t)i;
            *head = (uint32_t)++npost;
        }
    }
    free(tmp);
    kb_u64map_free(&pindex);
    free(pnext); free(pdoc);
    printf("truth: %zu pairs with exact Jaccard >= %.1f (%llu verified, %.1f s)\n", ntruth, T0,
           (unsigned long long)verified, snn_now() - t_start);
    const double thetas[] = { 0.5, 0.6, 0.7, 0.8, 0.9 };
    const int nth = 5;
    size_t truth_at[5] = {0};
    kb_u64map tset = {0};
    for (size_t p = 0; p < ntruth; p++) {
        for (int t = 0; t < nth; t++) truth_at[t] += truth[p].jac >= thetas[t] - 1e-9;
        int ins;
        *kb_u64map_put(&tset, pair_key(truth[p].i, truth[p].j), (uint32_t)p, &ins) = (uint32_t)p;
    }
    for (int t = 0; t < nth; t++) printf("  truth J >= %.1f: %zu pairs\n", thetas[t], truth_at[t]);

    /* Detector configurations. */
    struct cfg { const char *name; int k, stems, nperm, bands, rows; } cfgs[] = {
        { "tokens k=3 128 32x4", 3, 0, 128, 32, 4 },
        { "tokens k=3 128 16x8", 3, 0, 128, 16, 8 },
        { "tokens k=3 128 20x6", 3, 0, 128, 20, 6 },
        { "tokens k=3  64 16x4", 3, 0, 64, 16, 4 },
        { "tokens k=3 256 64x4", 3, 0, 256, 64, 4 },
        { "stems  k=3 128 32x4", 3, 1, 128, 32, 4 },
        { "tokens k=5 128 32x4", 5, 0, 128, 32, 4 },
        { "tokens k=2 128 32x4", 2, 0, 128, 32, 4 },
    };
    kb_stemmer *st = kb_stemmer_new(NULL);
    printf("\n%-22s %8s %5s %7s %7s %7s %7s %9s %8s\n", "config", "cands", "theta", "pred",
           "hit", "P", "R", "F1", "sign/s");
    for (size_t ci = 0; ci < sizeof cfgs / sizeof *cfgs; ci++) {
        struct cfg *cf = &cfgs[ci];
        kb_shingle_params sp = { .k = cf->k, .use_stems = cf->stems };
        uint32_t *sig = malloc(n * (size_t)cf->nperm * sizeof *sig);
        uint8_t *ok = calloc(n, 1);
        double t0 = snn_now();
        for (size_t i = 0; i < n; i++) {
            kb_tokens t = {0};
            const char *c = s.v[i].content;
            kb_tokenize(c, strlen(c), &t);
            size_t nsh;
            kb_minhash_sign(&t, &sp, st, cf->nperm, sig + i * cf->nperm, &nsh);
            kb_tokens_free(&t);
            ok[i] = sets[i].n >= MIN_SH;   /* same population as the truth */
        }
        double rate = n / (snn_now() - t0);
        double tol_p[5], tol_r[5];
        kb_lsh l;
        kb_lsh_init(&l, cf->bands, cf->rows);
        uint32_t *cand = NULL;
        size_t nc = 0, capc = 0;
        uint64_t ncand = 0, pred[5] = {0}, hit[5] = {0}, near_hit[5] = {0}, found_clear[5] = {0};
        for (size_t i = 0; i < n; i++) {
            if (!ok[i]) continue;
            const uint32_t *si = sig + i * cf->nperm;
            nc = 0;
            kb_lsh_query(&l, si, &cand, &nc, &capc);
            for (size_t q = 0; q < nc; q++) {
                uint32_t j = cand[q];
                ncand++;
                double est = kb_minhash_jaccard(si, sig + (size_t)j * cf->nperm, cf->nperm);
                const uint32_t *tp = kb_u64map_get(&tset, pair_key((uint32_t)i, j));
                for (int t = 0; t < nth; t++) {
                    if (est < thetas[t] - 1e-9) continue;
                    pred[t]++;
                    if (tp && truth[*tp].jac >= thetas[t] - 1e-9) hit[t]++;
                    if (tp && truth[*tp].jac >= thetas[t] - 0.1 - 1e-9) near_hit[t]++;
                    if (tp && truth[*tp].jac >= thetas[t] + 0.1 - 1e-9) found_clear[t]++;
                }
            }
            kb_lsh_add(&l, si, (uint32_t)i);
        }
        for (int t = 0; t < nth; t++) {
            /* tolerant figures: predicted pairs whose exact Jaccard is at
             * least theta - 0.1; truth pairs at least theta + 0.1 found */
            size_t clear = 0;
            for (int u = 0; u < nth; u++)
                if (fabs(thetas[u] - (thetas[t] + 0.1)) < 1e-6) clear = truth_at[u];
            tol_p[t] = pred[t] && thetas[t] - 0.1 >= T0 - 1e-9 ? (double)near_hit[t] / pred[t] : NAN;
            tol_r[t] = clear ? (double)found_clear[t] / clear : NAN;
            double P = pred[t] ? (double)hit[t] / pred[t] : 0, R = truth_at[t] ? (double)hit[t] / truth_at[t] : 0;
            printf("%-22s %8llu %5.1f %7llu %7llu %7.4f %7.4f %9.4f %8.0f\n", cf->name,
                   (unsigned long long)ncand, thetas[t], (unsigned long long)pred[t],
                   (unsigned long long)hit[t], P, R, P + R > 0 ? 2 * P * R / (P + R) : 0, rate);
            printf("%-22s %8s %5s %7s %7s %7.4f %7.4f   (tolerant: P vs J >= theta-0.1, R of J >= theta+0.1)\n",
                   "", "", "", "", "", tol_p[t], tol_r[t]);
        }
        free(cand);
        kb_lsh_free(&l);
        free(sig);
        free(ok);
    }
    kb_stemmer_free(st);

    /* The detector as the pipeline runs it (defaults), end to end. */
    kb_dedup *d = kb_dedup_new(NULL);
    const kb_dedup_params *dp = kb_dedup_params_of(d);
    double t0 = snn_now(), cpu0 = snn_cpu();
    for (size_t i = 0; i < n; i++) {
        const char *c = s.v[i].content;
        if (kb_dedup_add(d, s.v[i].url, c, strlen(c), s.v[i].day, NULL, NULL) != KB_OK) return 1;
    }
    double secs = snn_now() - t0, cpu = snn_cpu() - cpu0;
    size_t exact = 0, near = 0, spa = 0, spa_reprinted = 0, copies_of_spa = 0;
    for (uint32_t i = 0; i < n; i++) {
        kb_dup_status stt;
        kb_dedup_status(d, i, &stt);
        exact += stt.kind == KB_DUP_EXACT;
        near += stt.kind == KB_DUP_NEAR;
        int is_spa = strcmp(s.v[i].source, "was") == 0;
        if (is_spa) {
            spa++;
            if (stt.group_size > 1) spa_reprinted++;
        }
        if (stt.kind != KB_DUP_NEW && strcmp(s.v[stt.of].source, "was") == 0) copies_of_spa++;
    }
    printf("\ndefaults (tokens k=%d, %d slots, %dx%d bands, theta %.2f, min %d shingles):\n",
           dp->sh.k, dp->nperm, dp->bands, dp->rows, dp->threshold, dp->min_shingles);
    printf("  kb_dedup_add: %zu articles in %.2f s = %.0f articles/s (tokenising included); "
           "%.2f CPU s = %.0f articles per CPU second\n", n, secs, n / secs, cpu, n / cpu);
    printf("  exact copies %zu, near copies %zu; SPA items %zu, of which in a group with other "
           "articles %zu; articles whose original is an SPA item %zu\n",
           exact, near, spa, spa_reprinted, copies_of_spa);
    printf("  peak memory %.0f MiB\n", snn_peak_mib());
    kb_dedup_free(d);
    kb_u64map_free(&tset);
    kb_u64map_free(&freq);
    free(truth);
    for (size_t i = 0; i < n; i++) free(sets[i].v);
    free(sets);
    free(seen);
    snn_free(&s);
    return 0;
}
