/* bench/bench_text.c -- speed of the text layer: normalise, tokenise and
 * stem a large real Arabic text, one article per line (bench-text.sh makes
 * it from SaudiNewsNet). Prints MB/s (input bytes) per stage, best of RUNS
 * runs, on one thread: by the thread's CPU time (what one core does; the
 * machine is shared, so wall time also counts time spent waiting for a
 * core) and by wall time. Also times libstemmer's Snowball Arabic over the
 * same normalised tokens, for reference.
 *
 *   bench_text FILE [RUNS [STAGE]]     STAGE 0..3 runs that stage alone
 */
#include "bench_util.h"
#include "khabar.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct line { const char *s; size_t len; } line;

enum { NORM, TOK, STEM, SNOW, NSTAGES };

/* One pass of one stage over all lines; returns a checksum so the work
 * cannot be optimised away, and counts tokens. */
static uint64_t pass(int stage, const line *v, size_t n, kb_stemmer *st,
                     struct sb_stemmer *sb, size_t *ntok)
{
    uint64_t sum = 0;
    char out[4096];
    *ntok = 0;
    for (size_t i = 0; i < n; i++) {
        if (stage == NORM) {
            kb_norm nm;
            if (kb_normalize(v[i].s, v[i].len, 0, &nm) != KB_OK) exit(1);
            sum += nm.len;
            kb_norm_free(&nm);
            continue;
        }
        kb_tokens t;
        if (kb_tokenize(v[i].s, v[i].len, &t) != KB_OK) exit(1);
        *ntok += t.n;
        for (size_t k = 0; k < t.n; k++) {
            const kb_token *tk = &t.v[k];
            const char *w = t.norm.text + tk->nstart;
            size_t wl = tk->nend - tk->nstart;
            if (stage == TOK) { sum += wl; continue; }
            if (wl >= sizeof out) continue;
            if (stage == STEM) {
                sum += kb_stemmer_stem(st, w, wl, (kb_tok_kind)tk->kind, out);
            } else if (tk->kind == KB_TOK_ARABIC) {
                const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)wl);
                sum += r ? (uint64_t)sb_stemmer_length(sb) : 0;
            }
        }
        kb_tokens_free(&t);
    }
    return sum;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    int only = argc > 3 ? atoi(argv[3]) : -1;
    if (runs < 1) runs = 1;
    size_t len;
    char *data = bench_read_all(argv[1], &len);
    if (!data) {
        fprintf(stderr, "bench_text: cannot read %s\n", argv[1]);
        return 1;
    }
    size_t n = 0, cap = 1024;
    line *v = malloc(cap * sizeof *v);
    for (char *p = data, *end = data + len; p < end && v;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n == cap) {
            line *nv = realloc(v, cap * 2 * sizeof *v);
            if (!nv) { free(v); v = NULL; break; }
            v = nv;
            cap *= 2;
        }
        v[n].s = p;
        v[n++].len = l;
        p += l + 1;
    }
    kb_stemmer *st = kb_stemmer_new("en");
    struct sb_stemmer *sb = sb_stemmer_new("arabic", "UTF_8");
    if (!v || !st || !sb) {
        fprintf(stderr, "bench_text: out of memory\n");
        return 1;
    }
    static const char *const names[NSTAGES] = {
        "normalise", "normalise+tokenise", "normalise+tokenise+stem",
        "normalise+tokenise+Snowball Arabic (C)",
    };
    double mb = (double)len / 1e6;
    printf("input: %zu articles, %.1f MB, best of %d runs, one thread\n", n, mb, runs);
    for (int s = 0; s < NSTAGES; s++) {
        if (only >= 0 && s != only) continue;
        double best = 1e30, wall = 1e30;
        size_t ntok = 0;
        uint64_t sum = 0;
        for (int r = 0; r < runs; r++) {
            double w0 = clock_s(CLOCK_MONOTONIC), t0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
            sum = pass(s, v, n, st, sb, &ntok);
            double t = clock_s(CLOCK_THREAD_CPUTIME_ID) - t0, w = clock_s(CLOCK_MONOTONIC) - w0;
            if (t < best) best = t;
            if (w < wall) wall = w;
        }
        printf("%-40s %8.1f MB/s cpu  %6.1f MB/s wall", names[s], mb / best, mb / wall);
        if (s != NORM) printf("  %zu tokens (%.2f M/s cpu)", ntok, (double)ntok / best / 1e6);
        printf("  [check %llu]\n", (unsigned long long)sum);
    }
    sb_stemmer_delete(sb);
    kb_stemmer_free(st);
    free(v);
    free(data);
    return 0;
}
