/* bench/bench_date.c -- speed of the date grammar and the time expression
 * tagger on real articles, and agreement with the hand-checked date strings
 * of tests/fixtures/dates-real.tsv (bench/bench-date.sh runs it beside
 * dateparser on the same input).
 *
 *   bench_date speed ARTICLES.bin ROUNDS
 *       ARTICLES.bin: records of a 4-byte little-endian length and UTF-8 text.
 *       Finds every date of every article with kb_date_find (and, separately,
 *       every time expression with kb_timex_find against 2015-08-01); prints
 *       the best of ROUNDS CPU times.
 *   bench_date cases FIXTURE.tsv
 *       The share of fixture texts whose first date kb_date_find reads as
 *       the expected value (to the expected precision). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "khabar.h"
#include "story/timex.h"

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int speed(const char *path, int rounds)
{
    size_t n;
    char *buf = bench_read_all(path, &n);
    if (!buf) { fprintf(stderr, "bench_date: cannot read %s\n", path); return 1; }
    /* index the records */
    size_t cap = 1024, cnt = 0, bytes = 0;
    const char **txt = malloc(cap * sizeof *txt);
    size_t *len = malloc(cap * sizeof *len);
    const char *rec;
    size_t l;
    for (size_t p = 0; bench_next_record(buf, n, &p, &rec, &l);) {
        if (cnt == cap) {
            cap *= 2;
            txt = realloc(txt, cap * sizeof *txt);
            len = realloc(len, cap * sizeof *len);
        }
        txt[cnt] = rec;
        len[cnt++] = l;
        bytes += l;
    }
    double best_d = 1e30, best_t = 1e30;
    size_t dates = 0, timexes = 0;
    kb_date ref;
    kb_date_parse_iso("2015-08-01", 10, &ref);
    for (int r = 0; r < rounds; r++) {
        double t0 = cpu_now();
        size_t found = 0;
        for (size_t i = 0; i < cnt; i++) {
            size_t pos = 0;
            kb_date_match m;
            while (pos < len[i] && kb_date_find(txt[i] + pos, len[i] - pos, &m)) {
                found++;
                pos += m.end;
            }
        }
        double t1 = cpu_now();
        size_t tx = 0;
        for (size_t i = 0; i < cnt; i++) {
            kb_timex *v;
            size_t k;
            if (kb_timex_find(txt[i], len[i], &ref, &v, &k) != KB_OK) return 1;
            tx += k;
            free(v);
        }
        double t2 = cpu_now();
        if (t1 - t0 < best_d) best_d = t1 - t0;
        if (t2 - t1 < best_t) best_t = t2 - t1;
        dates = found;
        timexes = tx;
    }
    printf("khabar kb_date_find: %zu articles, %.1f MB, %zu dates, %.3f s CPU "
           "(best of %d): %.0f articles/s, %.1f MB/s\n", cnt, (double)bytes / 1e6, dates,
           best_d, rounds, (double)cnt / best_d, (double)bytes / best_d / 1e6);
    printf("khabar kb_timex_find: %zu expressions, %.3f s CPU: %.0f articles/s, %.1f MB/s\n",
           timexes, best_t, (double)cnt / best_t, (double)bytes / best_t / 1e6);
    free(txt);
    free(len);
    free(buf);
    return 0;
}

/* expected "YYYY", "YYYY-MM", "YYYY-MM-DD..." against the found date at the
 * expected precision (times compared when the expectation has one) */
static int agrees(const kb_date *d, const char *want)
{
    char iso[32];
    kb_date_iso(d, iso);
    size_t wl = strlen(want);
    size_t cmp = wl >= 10 ? 10 : wl;
    if (strncmp(iso, want, cmp) != 0) return 0;
    return wl <= 10 || strcmp(iso, want) == 0;
}

static int cases(const char *path)
{
    size_t n;
    char *buf = bench_read_all(path, &n);
    if (!buf) { fprintf(stderr, "bench_date: cannot read %s\n", path); return 1; }
    size_t total = 0, day_ok = 0, full_ok = 0;
    for (char *line = buf; line && *line;) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (*line && *line != '#') {
            char *tab = strchr(line, '\t');
            if (tab) {
                *tab = '\0';
                char *want = tab + 1, *t2 = strchr(want, '\t');
                if (t2) *t2 = '\0';
                total++;
                kb_date_match m;
                if (kb_date_find(line, strlen(line), &m)) {
                    char iso[32];
                    kb_date_iso(&m.date, iso);
                    day_ok += strncmp(iso, want, strlen(want) < 10 ? strlen(want) : 10) == 0;
                    full_ok += agrees(&m.date, want);
                }
            }
        }
        line = next;
    }
    printf("khabar kb_date_find on %s: first date right to the day %zu/%zu, with the time "
           "too %zu/%zu\n", path, day_ok, total, full_ok, total);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "speed") == 0) return speed(argv[2], atoi(argv[3]));
    if (argc >= 3 && strcmp(argv[1], "cases") == 0) return cases(argv[2]);
    fprintf(stderr, "usage: bench_date speed ARTICLES.bin ROUNDS | bench_date cases FIXTURE.tsv\n");
    return 2;
}
