/* bench/eval_timex.c -- scores kb_timex_find against TimeML TIMEX3
 * annotations (../shared/data/timeml-arabic/doc*.tml): extent (exact and
 * overlap) and value precision / recall / F1, TempEval-3 style.
 *
 * The text is the TimeML body with its tags stripped (entities decoded, BOM
 * dropped); gold spans are byte spans of that text. The corpus stores no
 * document creation time (DCT), so each run says how it picks one:
 *   --dct=doc          the most frequent full date (YYYY-MM-DD) among the
 *                      document's gold values (ties: the first in the text);
 *                      documents with none take the corpus-wide most frequent
 *   --dct=YYYY-MM-DD   one DCT for every document
 * Value matching compares kb_timex_value_str with the gold value as strings,
 * on pairs matched by overlap, one-to-one in text order.
 *
 * usage: eval_timex DIR [--dct=doc|YYYY-MM-DD] [-v] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "khabar.h"
#include "story/timex.h"

typedef struct gold {
    size_t start, end;
    char value[40];
    char type[12];
} gold;

typedef struct doc {
    char name[64];
    char *text;
    size_t len;
    gold *g;
    size_t ng;
} doc;

static void attr(const char *tag, size_t taglen, const char *name, char *out, size_t cap)
{
    out[0] = '\0';
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *p = tag, *end = tag + taglen;
    size_t pl = strlen(pat);
    while (p + pl < end && memcmp(p, pat, pl) != 0) p++;
    if (p + pl >= end) return;
    p += pl;
    size_t k = 0;
    while (p < end && *p != '"' && k + 1 < cap) out[k++] = *p++;
    out[k] = '\0';
}

/* Strip the tags of one TimeML file into d. 0 on success. */
static int load(const char *path, doc *d)
{
    size_t n;
    char *raw = bench_read_all(path, &n);
    if (!raw) return -1;
    const char *body = strstr(raw, "<TimeML>");
    const char *stop = strstr(raw, "</TimeML>");
    if (!body || !stop) { free(raw); return -1; }
    body += strlen("<TimeML>");
    d->text = malloc((size_t)(stop - body) + 1);
    d->g = NULL;
    d->ng = 0;
    size_t cap = 0, o = 0;
    gold cur;
    memset(&cur, 0, sizeof cur);
    for (const char *p = body; p < stop;) {
        if (p + 3 <= stop && memcmp(p, "\xef\xbb\xbf", 3) == 0) { p += 3; continue; }
        if (*p == '<') {
            const char *q = memchr(p, '>', (size_t)(stop - p));
            if (!q) break;
            if (strncmp(p, "<TIMEX3", 7) == 0) {
                memset(&cur, 0, sizeof cur);
                cur.start = o;
                attr(p, (size_t)(q - p), "value", cur.value, sizeof cur.value);
                attr(p, (size_t)(q - p), "type", cur.type, sizeof cur.type);
            } else if (strncmp(p, "</TIMEX3", 8) == 0) {
                cur.end = o;
                if (d->ng == cap) {
                    cap = cap ? cap * 2 : 32;
                    d->g = realloc(d->g, cap * sizeof *d->g);
                }
                d->g[d->ng++] = cur;
            }
            p = q + 1;
            continue;
        }
        if (*p == '&') {
            static const struct { const char *e; char c; } ENT[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
            };
            int done = 0;
            for (size_t k = 0; k < 5 && !done; k++) {
                size_t l = strlen(ENT[k].e);
                if ((size_t)(stop - p) >= l && memcmp(p, ENT[k].e, l) == 0) {
                    d->text[o++] = ENT[k].c;
                    p += l;
                    done = 1;
                }
            }
            if (done) continue;
        }
        d->text[o++] = *p++;
    }
    d->text[o] = '\0';
    d->len = o;
    free(raw);
    return 0;
}

static int is_full_date(const char *v)
{
    return strlen(v) == 10 && v[4] == '-' && v[7] == '-';
}

/* The most frequent full-date gold value of d ("" when none). */
static void doc_dct(const doc *d, char out[16])
{
    out[0] = '\0';
    size_t best = 0;
    for (size_t i = 0; i < d->ng; i++) {
        if (!is_full_date(d->g[i].value)) continue;
        size_t c = 0;
        for (size_t j = 0; j < d->ng; j++) c += strcmp(d->g[i].value, d->g[j].value) == 0;
        if (c > best) {
            best = c;
            memcpy(out, d->g[i].value, 11);
        }
    }
}

static int cmp_names(const void *a, const void *b)
{
    const doc *x = a, *y = b;
    int nx = atoi(x->name + 3), ny = atoi(y->name + 3);
    return nx - ny;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: eval_timex DIR [--dct=doc|YYYY-MM-DD] [-v]\n");
        return 2;
    }
    const char *dir = argv[1], *dct_mode = "doc";
    int verbose = 0;
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "--dct=", 6) == 0) dct_mode = argv[i] + 6;
        else if (strcmp(argv[i], "-v") == 0) verbose = 1;
    }
    DIR *dh = opendir(dir);
    if (!dh) { fprintf(stderr, "eval_timex: cannot open %s\n", dir); return 1; }
    doc *docs = NULL;
    size_t nd = 0, capd = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tml") != 0 || l >= 64) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (nd == capd) {
            capd = capd ? capd * 2 : 32;
            docs = realloc(docs, capd * sizeof *docs);
        }
        memset(&docs[nd], 0, sizeof docs[nd]);
        snprintf(docs[nd].name, sizeof docs[nd].name, "%s", de->d_name);
        if (load(path, &docs[nd]) == 0) nd++;
    }
    closedir(dh);
    qsort(docs, nd, sizeof *docs, cmp_names);

    /* corpus-wide most frequent full date, for documents with none */
    char corpus_dct[16] = "";
    {
        size_t best = 0;
        for (size_t a = 0; a < nd; a++)
            for (size_t i = 0; i < docs[a].ng; i++) {
                const char *v = docs[a].g[i].value;
                if (!is_full_date(v)) continue;
                size_t c = 0;
                for (size_t b = 0; b < nd; b++)
                    for (size_t j = 0; j < docs[b].ng; j++) c += strcmp(v, docs[b].g[j].value) == 0;
                if (c > best) { best = c; memcpy(corpus_dct, v, 11); }
            }
    }

    size_t ngold = 0, nsys = 0, exact = 0, overlap = 0, value_ok = 0, bytes = 0;
    size_t type_gold[4] = {0}, type_found[4] = {0};
    static const char *const TYPES[4] = {"DATE", "TIME", "DURATION", "SET"};
    double secs = 0;
    for (size_t a = 0; a < nd; a++) {
        doc *d = &docs[a];
        char dct[16];
        if (strcmp(dct_mode, "doc") == 0) {
            doc_dct(d, dct);
            if (!dct[0]) memcpy(dct, corpus_dct, 16);
        } else {
            snprintf(dct, sizeof dct, "%s", dct_mode);
        }
        kb_date ref;
        if (kb_date_parse_iso(dct, strlen(dct), &ref) != KB_OK) {
            fprintf(stderr, "eval_timex: bad DCT %s\n", dct);
            return 1;
        }
        kb_timex *v;
        size_t n;
        struct timespec t0, t1;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        if (kb_timex_find(d->text, d->len, &ref, &v, &n) != KB_OK) return 1;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        bytes += d->len;
        ngold += d->ng;
        nsys += n;
        char *used = calloc(d->ng + 1, 1);
        for (size_t i = 0; i < n; i++) {
            char val[32];
            kb_timex_value_str(&v[i], val);
            int matched = 0;
            for (size_t j = 0; j < d->ng; j++) {
                gold *g = &d->g[j];
                if (used[j] || v[i].end <= g->start || v[i].start >= g->end) continue;
                used[j] = 1;
                matched = 1;
                overlap++;
                if (v[i].start == g->start && v[i].end == g->end) exact++;
                if (strcmp(val, g->value) == 0) value_ok++;
                else if (verbose)
                    printf("%s value  [%.*s] got %s gold %s\n", d->name,
                           (int)(v[i].end - v[i].start), d->text + v[i].start, val, g->value);
                if (verbose && !(v[i].start == g->start && v[i].end == g->end))
                    printf("%s extent sys [%.*s] gold [%.*s]\n", d->name,
                           (int)(v[i].end - v[i].start), d->text + v[i].start,
                           (int)(g->end - g->start), d->text + g->start);
                break;
            }
            if (!matched && verbose)
                printf("%s spurious [%.*s] %s (%s)\n", d->name, (int)(v[i].end - v[i].start),
                       d->text + v[i].start, val, kb_timex_kind_name(v[i].kind));
        }
        for (size_t j = 0; j < d->ng; j++) {
            for (int k = 0; k < 4; k++)
                if (strcmp(d->g[j].type, TYPES[k]) == 0) {
                    type_gold[k]++;
                    type_found[k] += used[j];
                }
            if (!used[j] && verbose)
                printf("%s missed [%.*s] %s %s\n", d->name, (int)(d->g[j].end - d->g[j].start),
                       d->text + d->g[j].start, d->g[j].type, d->g[j].value);
        }
        free(used);
        free(v);
    }
    double ep = nsys ? (double)exact / nsys : 0, er = ngold ? (double)exact / ngold : 0;
    double op = nsys ? (double)overlap / nsys : 0, orr = ngold ? (double)overlap / ngold : 0;
    double vp = nsys ? (double)value_ok / nsys : 0, vr = ngold ? (double)value_ok / ngold : 0;
    printf("timeml-arabic: %zu docs, %zu gold TIMEX3, %zu found; DCT %s\n", nd, ngold, nsys,
           strcmp(dct_mode, "doc") == 0 ? "per document (most frequent gold full date)" : dct_mode);
    printf("  extent exact    P %.3f  R %.3f  F1 %.3f\n", ep, er, f1(ep, er));
    printf("  extent overlap  P %.3f  R %.3f  F1 %.3f\n", op, orr, f1(op, orr));
    printf("  value           P %.3f  R %.3f  F1 %.3f\n", vp, vr, f1(vp, vr));
    printf("  recall by type (overlap):");
    for (int k = 0; k < 4; k++)
        printf(" %s %zu/%zu", TYPES[k], type_found[k], type_gold[k]);
    printf("\n  speed: %.1f MB/s of CPU time (%zu bytes in %.2f ms)\n",
           secs > 0 ? (double)bytes / secs / 1e6 : 0, bytes, secs * 1e3);
    for (size_t a = 0; a < nd; a++) {
        free(docs[a].text);
        free(docs[a].g);
    }
    free(docs);
    return 0;
}
