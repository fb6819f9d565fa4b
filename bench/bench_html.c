/* bench/bench_html.c -- speed of the HTML extractor (extract/html_*.c) on
 * real pages, for bench/bench-html.sh.
 *
 *   bench_html DUMP ROUNDS FILE...
 *
 * Reads every FILE through kb_read_memory (gzip, charset -> UTF-8; not
 * timed), writes the decoded pages to DUMP (4-byte little-endian length,
 * then the bytes, per page) so that the peer runs on exactly the same text,
 * then times kb_extract (which dispatches to kb_extract_html) over all pages ROUNDS times on one thread and
 * prints pages/s and MB/s of HTML (best round, CPU time).
 */
#include "khabar.h"
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = malloc(cap);
    for (;;) {
        if (!b) { fclose(f); return NULL; }
        n += fread(b + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        unsigned char *nb = realloc(b, cap);
        if (!nb) free(b);
        b = nb;
    }
    fclose(f);
    *len = n;
    return b;
}

/* CPU time of this process: the machine is shared, and CPU time is what
 * other processes disturb least. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_html DUMP ROUNDS FILE...\n");
        return 2;
    }
    int rounds = atoi(argv[2]);
    if (rounds < 1) rounds = 1;
    size_t n = (size_t)(argc - 3), ndocs = 0;
    kb_doc **docs = calloc(n, sizeof *docs);
    FILE *dump = fopen(argv[1], "wb");
    if (!docs || !dump) {
        fprintf(stderr, "bench_html: cannot start\n");
        return 1;
    }
    double bytes = 0;
    kb_read_opts o = { .max_doc_bytes = (size_t)32 << 20 };
    for (size_t i = 0; i < n; i++) {
        size_t len;
        unsigned char *b = slurp(argv[3 + i], &len);
        char msg[256];
        kb_doc *d = NULL;
        if (!b || kb_read_memory(argv[3 + i], b, len, &o, &d, msg, sizeof msg) != KB_OK) {
            free(b);
            continue;
        }
        free(b);
        d->format = KB_FMT_HTML;
        docs[ndocs++] = d;
        bytes += (double)d->len;
        uint32_t l = (uint32_t)d->len;
        unsigned char le[4] = { (unsigned char)l, (unsigned char)(l >> 8),
                                (unsigned char)(l >> 16), (unsigned char)(l >> 24) };
        fwrite(le, 1, 4, dump);
        fwrite(d->data, 1, d->len, dump);
    }
    fclose(dump);
    double best = 1e30;
    size_t articles = 0, empty = 0;
    for (int r = 0; r < rounds; r++) {
        articles = empty = 0;
        double t0 = now();
        for (size_t i = 0; i < ndocs; i++) {
            kb_article_list l = {0};
            int rc = kb_extract(docs[i], &l);
            if (rc == KB_OK) articles += l.n;
            else if (rc == KB_EEMPTY) empty++;
            else fprintf(stderr, "bench_html: %s: %s\n", docs[i]->input, kb_strerror(rc));
            kb_article_list_free(&l);
        }
        double t = now() - t0;
        if (t < best) best = t;
    }
    printf("khabar: %zu pages, %.1f MB of HTML, %zu articles, %zu empty: best of %d rounds "
           "%.3f s CPU = %.0f pages/s, %.1f MB/s\n",
           ndocs, bytes / 1e6, articles, empty, rounds, best, (double)ndocs / best,
           bytes / 1e6 / best);
    for (size_t i = 0; i < ndocs; i++) kb_doc_free(docs[i]);
    free(docs);
    return 0;
}
