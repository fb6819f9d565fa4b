/* bench/eval_cluster.c -- story clustering: quality of the article
 * similarity against SemEval-2022 Task 8 (Overall: 1 = very similar .. 4 =
 * very dissimilar), and speed, memory and a hand-read sample of stories on
 * SaudiNewsNet.
 *
 * usage: eval_cluster semeval TRAINING_SET.CSV [name value...]
 *        eval_cluster snn DIR_OF_UNZIPPED_JSON STORIES_OUT [limit [name value...]]
 * "name value" pairs override the clustering parameters, for tuning (see
 * set_params). Like the story rebuild, no entity keys by default. "entities N" gives the
 * clusterer the keys kb_story_entity_keys finds with KB_EKEY_* bits N (7:
 * people, organisations and places of the whole text; 391 =
 * KB_EKEY_MEASURED: those of the title and lead, people by first and last
 * name), "entity_boost X" sets their boost (BENCHMARKS.md, "Story
 * clustering -- entity keys").
 */
#include "dedup/dedup.h"
#include "story/entity_terms.h"
#include "story/story.h"
#include "bench_util.h"
#include "eval_snn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The entity keys of one article (kb_story_entity_keys with the KB_EKEY_*
 * bits which); *keys and the strings live in ar. 0 when which is 0 or on
 * failure (then no keys). */
static size_t doc_entities(const kb_gazetteer *g, unsigned which, const char *title,
                           const char *text, kb_buf *scratch, kb_arena *ar, const char ***keys)
{
    size_t n = 0;
    *keys = NULL;
    if (!g || !which || kb_story_entity_keys(g, title, text, which, scratch, ar, keys, &n) != KB_OK)
        return 0;
    return n;
}

/* Apply "name value" overrides to prm; returns the KB_EKEY_* bits of
 * "entities" (0 when not given). Unknown names are ignored. */
static unsigned set_params(kb_cluster_params *prm, int argc, char **argv)
{
    unsigned which = 0;
    for (int a = 0; a + 1 < argc; a += 2) {
        double v = atof(argv[a + 1]);
        if (!strcmp(argv[a], "threshold")) prm->threshold = v;
        else if (!strcmp(argv[a], "attach")) prm->attach_threshold = v;
        else if (!strcmp(argv[a], "centroid")) prm->centroid_threshold = v;
        else if (!strcmp(argv[a], "dates")) prm->date_finder = v > 0 ? kb_date_find : NULL;
        else if (!strcmp(argv[a], "bigram")) prm->boost_bigram = v;
        else if (!strcmp(argv[a], "unique")) prm->unique_weight = v;
        else if (!strcmp(argv[a], "prior")) prm->idf_prior = v;
        else if (!strcmp(argv[a], "half_life")) prm->half_life_days = v;
        else if (!strcmp(argv[a], "title_entity")) prm->boost_title_entity = v;
        else if (!strcmp(argv[a], "lead")) prm->w_lead = v;
        else if (!strcmp(argv[a], "online")) prm->online = (int)v;
        else if (!strcmp(argv[a], "entities")) which = (unsigned)v;
        else if (!strcmp(argv[a], "entity_boost")) prm->boost_entity = v;
    }
    return which;
}

/* ------------------------------------------------------------ CSV */

/* Next field of a CSV (RFC 4180: quotes, doubled quotes, newlines inside
 * quotes). Returns a malloc'd field; *eol set when it ended a record; NULL
 * at the end of the input. */
static char *csv_field(const char **pp, const char *end, int *eol)
{
    const char *p = *pp;
    if (p >= end) return NULL;
    kb_buf b = {0};
    kb_buf_reserve(&b, 16);
    if (*p == '"') {
        p++;
        while (p < end) {
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    kb_buf_putc(&b, '"');
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            kb_buf_putc(&b, *p++);
        }
    } else {
        while (p < end && *p != ',' && *p != '\n' && *p != '\r') kb_buf_putc(&b, *p++);
    }
    *eol = 0;
    if (p < end && *p == ',') {
        p++;
    } else {
        while (p < end && (*p == '\r' || *p == '\n')) p++;
        *eol = 1;
    }
    *pp = p;
    if (!b.data) kb_buf_putc(&b, '\0'), b.len = 0, b.data[0] = '\0';
    return kb_buf_detach(&b, NULL);
}

typedef struct { char *lang1, *lang2, *t1, *t2; double overall; } srow;

static double pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
    mx /= n; my /= n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

static void report(const char *label, const srow *rows, const double *sim, size_t n,
                   int (*keep)(const srow *), double thr, double att)
{
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    size_t m = 0, pos = 0, neg = 0, ok = 0, ok_att = 0;
    for (size_t i = 0; i < n; i++) {
        if (!keep(&rows[i])) continue;
        x[m] = sim[i];
        y[m] = 5.0 - rows[i].overall;
        m++;
        if (rows[i].overall <= 1.5) { pos++; ok += sim[i] >= thr; ok_att += sim[i] >= att; }
        if (rows[i].overall >= 3.5) { neg++; ok += sim[i] < thr; ok_att += sim[i] < att; }
    }
    /* the best a single threshold could do, for reference */
    double best = 0, best_t = 0;
    for (double t = 0.01; t < 0.8; t += 0.01) {
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            if (!keep(&rows[i])) continue;
            if (rows[i].overall <= 1.5) o += sim[i] >= t;
            if (rows[i].overall >= 3.5) o += sim[i] < t;
        }
        if (pos + neg && (double)o / (pos + neg) > best) { best = (double)o / (pos + neg); best_t = t; }
    }
    printf("%-6s pairs %4zu  Pearson(sim, 5-Overall) %.3f  same-story accuracy: %.3f at the merge "
           "threshold %.2f, %.3f at the attach threshold %.2f (%zu similar <= 1.5, %zu dissimilar "
           ">= 3.5; best single threshold %.2f would give %.3f)\n",
           label, m, pearson(x, y, m), pos + neg ? (double)ok / (pos + neg) : 0, thr,
           pos + neg ? (double)ok_att / (pos + neg) : 0, att, pos, neg, best_t, best);
    free(x);
    free(y);
}

static int keep_all(const srow *r) { (void)r; return 1; }
static int keep_arar(const srow *r) { return !strcmp(r->lang1, "ar") && !strcmp(r->lang2, "ar"); }
static int keep_mono(const srow *r) { return !strcmp(r->lang1, r->lang2); }

static int semeval(const char *path, int argc, char **argv)
{
    size_t len;
    char *data = bench_read_all(path, &len);
    if (!data) { perror(path); return 1; }
    const char *p = data, *end = data + len;
    srow *rows = NULL;
    size_t n = 0, cap = 0, rec = 0;
    char *fields[16];
    int nf = 0, eol;
    char *fld;
    while ((fld = csv_field(&p, end, &eol))) {
        if (nf < 16) fields[nf++] = fld; else free(fld);
        if (!eol) continue;
        if (rec++ > 0 && nf >= 11) {
            if (n == cap) { cap = cap ? cap * 2 : 1024; rows = realloc(rows, cap * sizeof *rows); }
            rows[n++] = (srow){ fields[2], fields[3], fields[4], fields[5], atof(fields[10]) };
            fields[2] = fields[3] = fields[4] = fields[5] = NULL;
        }
        for (int i = 0; i < nf; i++) free(fields[i]);
        nf = 0;
    }
    free(data);
    kb_cluster_params prm;
    kb_cluster_params_default(&prm);
    unsigned which = set_params(&prm, argc, argv);
    kb_gazetteer *g = NULL;
    if (which && kb_gazetteer_new(&g) != KB_OK) return 1;
    kb_buf scratch = {0};
    kb_cluster *c = kb_cluster_new(&prm);
    for (size_t i = 0; i < n; i++) {
        char ida[32], idb[32];
        snprintf(ida, sizeof ida, "r%zua", i);
        snprintf(idb, sizeof idb, "r%zub", i);
        kb_story_doc a = { .id = ida, .text = rows[i].t1, .day = KB_NO_DAY, .lang = rows[i].lang1 };
        kb_story_doc b = { .id = idb, .text = rows[i].t2, .day = KB_NO_DAY, .lang = rows[i].lang2 };
        kb_arena ar = {0};
        const char **ka, **kb;
        a.nentities = doc_entities(g, which, NULL, a.text, &scratch, &ar, &ka);
        a.entities = ka;
        b.nentities = doc_entities(g, which, NULL, b.text, &scratch, &ar, &kb);
        b.entities = kb;
        int rc = kb_cluster_add(c, &a, NULL, NULL);
        if (rc == KB_OK) rc = kb_cluster_add(c, &b, NULL, NULL);
        kb_arena_free(&ar);
        if (rc != KB_OK) return 1;
    }
    kb_buf_free(&scratch);
    kb_gazetteer_free(g);
    kb_cluster_finish(c);
    double *sim = calloc(n ? n : 1, sizeof *sim);
    for (size_t i = 0; i < n; i++) sim[i] = kb_cluster_similarity(c, (uint32_t)(2 * i), (uint32_t)(2 * i + 1));
    printf("SemEval-2022 task 8 training sample: %zu pairs, similarity = khabar's (cosine x decay; no dates here); "
           "entity keys %u, boost %.1f\n", n, which, prm.boost_entity);
    report("ar-ar", rows, sim, n, keep_arar, prm.threshold, prm.attach_threshold);
    report("mono", rows, sim, n, keep_mono, prm.threshold, prm.attach_threshold);
    report("all", rows, sim, n, keep_all, prm.threshold, prm.attach_threshold);
    free(sim);
    kb_cluster_free(c);
    for (size_t i = 0; i < n; i++) { free(rows[i].lang1); free(rows[i].lang2); free(rows[i].t1); free(rows[i].t2); }
    free(rows);
    return 0;
}

/* ------------------------------------------------------------ SaudiNewsNet */

static int snn(const char *dir, const char *out_path, size_t limit, int argc, char **argv)
{
    snn_set s;
    if (snn_load_dir(dir, &s) != 0) return 1;
    size_t n = s.n < limit ? s.n : limit;
    double base_mib = snn_peak_mib();
    kb_cluster_params prm;
    kb_cluster_params_default(&prm);
    unsigned which = set_params(&prm, argc, argv);
    double t0 = snn_now(), cpu0 = snn_cpu();
    kb_gazetteer *g = NULL;
    if (which && kb_gazetteer_new(&g) != KB_OK) return 1;
    kb_buf scratch = {0};
    kb_dedup *d = kb_dedup_new(NULL);
    kb_cluster *c = kb_cluster_new(&prm);
    for (size_t i = 0; i < n; i++) {
        snn_rec *r = &s.v[i];
        kb_dup_status st;
        if (kb_dedup_add(d, r->url, r->content, strlen(r->content), r->day, NULL, &st) != KB_OK)
            return 1;
        /* the group's original may still change; the cluster only needs a
         * stable group key: the first member's key works as well */
        kb_story_doc doc = { .id = r->url, .title = r->title, .text = r->content, .day = r->day,
                             .source = r->source, .lang = "ar",
                             .dup_group = st.kind != KB_DUP_NEW ? kb_dedup_key(d, st.of) : NULL };
        kb_arena ar = {0};
        const char **keys;
        doc.nentities = doc_entities(g, which, r->title, r->content, &scratch, &ar, &keys);
        doc.entities = keys;
        int rc = kb_cluster_add(c, &doc, NULL, NULL);
        kb_arena_free(&ar);
        if (rc != KB_OK) return 1;
    }
    kb_buf_free(&scratch);
    kb_gazetteer_free(g);
    /* the final originals (an earlier copy may have arrived later) */
    for (uint32_t i = 0; i < n; i++) {
        kb_dup_status st;
        kb_dedup_status(d, i, &st);
        if (kb_cluster_set_group(c, i, st.of != i ? kb_dedup_key(d, st.of) : NULL) != KB_OK)
            return 1;
    }
    double t1 = snn_now();
    if (kb_cluster_finish(c) != KB_OK) return 1;
    double t2 = snn_now(), cpu2 = snn_cpu();
    size_t ns = kb_cluster_nstories(c), multi = 0, in_multi = 0, largest = 0, hist[6] = {0};
    for (size_t k = 0; k < ns; k++) {
        size_t m;
        kb_cluster_story_docs(c, k, &m);
        if (m > 1) { multi++; in_multi += m; }
        if (m > largest) largest = m;
        hist[m >= 100 ? 5 : m >= 20 ? 4 : m >= 5 ? 3 : m >= 3 ? 2 : m == 2 ? 1 : 0]++;
    }
    kb_cluster_stats cs;
    kb_cluster_get_stats(c, &cs);
    printf("SaudiNewsNet: %zu articles; dedup + entities + features + online links %.2f s, settle "
           "%.2f s: %.0f articles/s end to end (JSON loading excluded); entity keys %u, boost %.1f\n",
           n, t1 - t0, t2 - t1, n / (t2 - t0), which, prm.boost_entity);
    printf("  CPU time %.2f s: %.0f articles per CPU second (one thread)\n", cpu2 - cpu0,
           n / (cpu2 - cpu0));
    printf("  peak RSS %.0f MiB (%.0f MiB of it the loaded corpus)\n", snn_peak_mib(), base_mib);
    printf("  stories %zu; with >= 2 articles %zu holding %zu articles; largest %zu\n", ns, multi,
           in_multi, largest);
    printf("  sizes: 1: %zu, 2: %zu, 3-4: %zu, 5-19: %zu, 20-99: %zu, >= 100: %zu\n", hist[0],
           hist[1], hist[2], hist[3], hist[4], hist[5]);
    printf("  settle: %llu pairs scored in full, %llu strong links merged stories (%llu needed "
           "the centroid test), %llu attached, %llu dedup-group links\n",
           (unsigned long long)cs.candidates, (unsigned long long)cs.links,
           (unsigned long long)cs.centroid_checks,
           (unsigned long long)cs.attach_links, (unsigned long long)cs.group_links);
    /* the largest stories, where chaining would show; article k of the
     * cluster is s.v[k] (added in that order) */
    for (size_t k = 0, shown = 0; k < ns && shown < 5; k++) {
        size_t m;
        const uint32_t *docs = kb_cluster_story_docs(c, k, &m);
        if (m < 40) continue;
        shown++;
        printf("  big story %s: %zu articles, e.g.", kb_cluster_story_id(c, k), m);
        for (size_t j = 0; j < m; j += m / 4) printf(" | %.60s", s.v[docs[j]].title);
        printf("\n");
    }
    if (out_path && *out_path) {
        /* 30 stories with >= 2 articles, spread evenly over the list */
        FILE *f = fopen(out_path, "w");
        if (!f) { perror(out_path); return 1; }
        size_t step = multi / 30 ? multi / 30 : 1, seen = 0, shown = 0;
        for (size_t k = 0; k < ns && shown < 30; k++) {
            size_t m;
            const uint32_t *docs = kb_cluster_story_docs(c, k, &m);
            if (m < 2) continue;
            if (seen++ % step) continue;
            shown++;
            fprintf(f, "== %s (%zu articles; day 0 = 2015-07-21, the crawl day)\n",
                    kb_cluster_story_id(c, k), m);
            for (size_t j = 0; j < m && j < 12; j++) {
                const snn_rec *r = &s.v[docs[j]];
                fprintf(f, "  day %d %-12s %s\n", (int)(r->day - snn_day(2015, 7, 21)),
                        r->source, r->title);
            }
            if (m > 12) fprintf(f, "  ... %zu more\n", m - 12);
        }
        fclose(f);
        printf("  %zu stories written to %s for reading\n", shown, out_path);
    }
    kb_cluster_free(c);
    kb_dedup_free(d);
    snn_free(&s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "semeval")) return semeval(argv[2], argc - 3, argv + 3);
    if (argc >= 4 && !strcmp(argv[1], "snn")) {
        size_t limit = argc >= 5 ? (size_t)atol(argv[4]) : SIZE_MAX;
        if (!limit) limit = SIZE_MAX;
        return snn(argv[2], argv[3], limit, argc - 5 > 0 ? argc - 5 : 0, argv + 5);
    }
    fprintf(stderr, "usage: %s semeval CSV [name value...] | snn DIR OUT [limit [name value...]]\n", argv[0]);
    return 2;
}
