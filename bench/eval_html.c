/* bench/eval_html.c -- quality of the HTML extractor (extract/html_*.c)
 * against the reference answers in ../shared/data/html (see BENCHMARKS.md).
 *
 *   eval_html body   GROUND_TRUTH.json HTML_DIR [-v]  ScrapingHub body F1
 *   eval_html dates  GOLD.json PAGES_DIR [PART] [-v]  htmldate day accuracy;
 *                    PART all (default), dev or held (every 4th sorted
 *                    file name, kept out of inspection while tuning)
 *   eval_html arabic ARABIC_DIR [-v]                  the Arabic references
 *   eval_html score  GROUND_TRUTH.json PRED.json NAME  a peer's {id: text}
 *   eval_html show   FILE [URL]                       articles as JSON lines
 *
 * Body scoring follows the ScrapingHub article-extraction-benchmark's
 * evaluate.py: tokens are runs of \w (Unicode letters, digits, '_'),
 * shingles are 4 consecutive tokens, true/false positives and false
 * negatives are multiset overlaps of shingles, normalised per page;
 * precision and recall are averaged over pages and F1 is their harmonic
 * mean.
 */
#include "khabar.h"
#include "extract/extract.h"
#include "extract/html.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

/* ------------------------------------------------------------ input */

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = malloc(cap);
    for (;;) {
        if (!b) { fclose(f); return NULL; }
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
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

/* Read a page through the reader (gzip, charset) and extract it. */
static int extract_file(const char *path, const char *url, kb_article_list *out)
{
    size_t len;
    unsigned char *bytes = slurp(path, &len);
    if (!bytes) return KB_ENOTFOUND;
    kb_doc *doc = NULL;
    char msg[256];
    kb_read_opts o = { .max_doc_bytes = (size_t)32 << 20 };
    int rc = kb_read_memory(path, bytes, len, &o, &doc, msg, sizeof msg);
    free(bytes);
    if (rc != KB_OK) return rc;
    if (url) doc->url = kb_arena_strdup(&doc->arena, url);
    doc->format = KB_FMT_HTML;
    rc = kb_extract(doc, out);
    kb_doc_free(doc);
    return rc;
}

/* ------------------------------------------------------------ shingles */

typedef struct tok {
    const char *s;
    size_t n;
} tok;

static int is_word(int32_t cp)
{
    if (cp == '_') return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static tok *tokenize(const char *s, size_t *n)
{
    size_t len = strlen(s), cap = 64, k = 0;
    tok *v = malloc(cap * sizeof *v);
    size_t i = 0;
    while (v && i < len) {
        size_t st = i;
        int32_t cp = kb_utf8_decode(s, len, &i);
        if (!is_word(cp)) continue;
        size_t e = i;
        while (e < len) {
            size_t j = e;
            int32_t c2 = kb_utf8_decode(s, len, &j);
            if (!is_word(c2)) break;
            e = j;
        }
        if (k == cap) {
            cap *= 2;
            tok *nv = realloc(v, cap * sizeof *nv);
            if (!nv) { free(v); return NULL; }
            v = nv;
        }
        v[k++] = (tok){ s + st, e - st };
        i = e;
    }
    *n = k;
    return v;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted hashes of the 4-token shingles of s. */
static uint64_t *shingles(const char *s, size_t *n)
{
    size_t nt;
    tok *t = tokenize(s, &nt);
    if (!t) { *n = 0; return NULL; }
    size_t ns = nt >= 4 ? nt - 3 : (nt ? 1 : 0);
    uint64_t *h = malloc((ns ? ns : 1) * sizeof *h);
    for (size_t i = 0; h && i < ns; i++) {
        /* hash of the four tokens' hashes: no buffer to size */
        uint64_t acc[4] = {0, 0, 0, 0};
        for (size_t k = i; k < i + 4 && k < nt; k++) acc[k - i] = XXH3_64bits(t[k].s, t[k].n);
        h[i] = XXH3_64bits(acc, sizeof acc);
    }
    free(t);
    if (h) qsort(h, ns, sizeof *h, cmp_u64);
    *n = ns;
    return h;
}

typedef struct prf {
    double tp, fp, fn;
} prf;

static prf shingle_match(const char *truth, const char *pred)
{
    size_t nt, np;
    uint64_t *a = shingles(truth, &nt), *b = shingles(pred, &np);
    prf r = {0, 0, 0};
    size_t i = 0, j = 0;
    while (i < nt || j < np) {
        if (j >= np || (i < nt && a[i] < b[j])) { r.fn++; i++; }
        else if (i >= nt || b[j] < a[i]) { r.fp++; j++; }
        else { r.tp++; i++; j++; }
    }
    free(a);
    free(b);
    double s = r.tp + r.fp + r.fn;
    if (s > 0) { r.tp /= s; r.fp /= s; r.fn /= s; }
    return r;
}

static double precision_of(prf r)
{
    if (r.fp == 0 && r.fn == 0) return 1;
    if (r.tp == 0 && r.fp == 0) return 0;
    return r.tp / (r.tp + r.fp);
}

static double recall_of(prf r)
{
    if (r.fp == 0 && r.fn == 0) return 1;
    if (r.tp == 0 && r.fn == 0) return 0;
    return r.tp / (r.tp + r.fn);
}

/* ------------------------------------------------------------ body */

static int cmd_body(const char *gt_path, const char *dir, int verbose)
{
    json_error_t err;
    json_t *gt = json_load_file(gt_path, 0, &err);
    if (!gt) {
        fprintf(stderr, "eval_html: %s: %s\n", gt_path, err.text);
        return 1;
    }
    double psum = 0, rsum = 0;
    size_t pn = 0, rn = 0, pages = 0, failed = 0;
    const char *key;
    json_t *val;
    json_object_foreach(gt, key, val) {
        const char *truth = json_string_value(json_object_get(val, "articleBody"));
        const char *url = json_string_value(json_object_get(val, "url"));
        if (!truth) truth = "";
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.html.gz", dir, key);
        kb_article_list l = {0};
        int rc = extract_file(path, url, &l);
        const char *pred = rc == KB_OK && l.n ? l.v[0]->text : "";
        if (rc != KB_OK) failed++;
        prf r = shingle_match(truth, pred);
        pages++;
        double p = precision_of(r), rc_ = recall_of(r);
        if (r.tp + r.fp > 0) { psum += p; pn++; }
        if (r.tp + r.fn > 0) { rsum += rc_; rn++; }
        if (verbose)
            printf("%-12.12s P=%.3f R=%.3f F=%.3f  %s%s\n", key, p, rc_,
                   p + rc_ > 0 ? 2 * p * rc_ / (p + rc_) : 0.0, url ? url : "",
                   rc != KB_OK ? "  (no article)" : "");
        kb_article_list_free(&l);
    }
    json_decref(gt);
    double P = pn ? psum / (double)pn : 0, R = rn ? rsum / (double)rn : 0;
    double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
    printf("body: %zu pages, %zu without an article: precision %.3f  recall %.3f  F1 %.3f\n",
           pages, failed, P, R, F);
    return 0;
}

/* Score a peer's predictions ({id: text} JSON) the same way. */
static int cmd_score(const char *gt_path, const char *pred_path, const char *name)
{
    json_error_t err;
    json_t *gt = json_load_file(gt_path, 0, &err), *pred = json_load_file(pred_path, 0, &err);
    if (!gt || !pred) {
        fprintf(stderr, "eval_html: cannot read %s or %s\n", gt_path, pred_path);
        json_decref(gt);
        json_decref(pred);
        return 1;
    }
    double psum = 0, rsum = 0;
    size_t pn = 0, rn = 0, pages = 0;
    const char *key;
    json_t *val;
    json_object_foreach(gt, key, val) {
        const char *truth = json_string_value(json_object_get(val, "articleBody"));
        const char *p = json_string_value(json_object_get(pred, key));
        prf r = shingle_match(truth ? truth : "", p ? p : "");
        pages++;
        if (r.tp + r.fp > 0) { psum += precision_of(r); pn++; }
        if (r.tp + r.fn > 0) { rsum += recall_of(r); rn++; }
    }
    json_decref(gt);
    json_decref(pred);
    double P = pn ? psum / (double)pn : 0, R = rn ? rsum / (double)rn : 0;
    printf("%s: %zu pages: precision %.3f  recall %.3f  F1 %.3f\n", name, pages, P, R,
           P + R > 0 ? 2 * P * R / (P + R) : 0.0);
    return 0;
}

/* ------------------------------------------------------------ dates */

/* The held-back quarter of the date pages: every 4th file name in sorted
 * order (the 4th, 8th, ...). Those pages are kept out of inspection while
 * the date rules are tuned: their lines are printed only for part "held". */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int held_back(const char **sorted, size_t n, const char *key)
{
    const char **hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
    return hit && (hit - sorted) % 4 == 3;
}

/* part: "all", "dev" (the three quarters inspected) or "held". */
static int cmd_dates(const char *gold_path, const char *dir, const char *part, int verbose)
{
    json_error_t err;
    /* The gold file writes "no date" as NaN, which is not JSON. */
    size_t glen;
    char *gtext = (char *)slurp(gold_path, &glen);
    json_t *gold = NULL;
    if (gtext) {
        for (size_t i = 0; i + 3 <= glen; i++)
            if (memcmp(gtext + i, "NaN", 3) == 0 && (i == 0 || gtext[i - 1] == ' '))
                memcpy(gtext + i, "0  ", 3);
        gold = json_loadb(gtext, glen, 0, &err);
        free(gtext);
    }
    if (!gold) {
        fprintf(stderr, "eval_html: %s: %s\n", gold_path, err.text);
        return 1;
    }
    int want_dev = strcmp(part, "dev") == 0, want_held = strcmp(part, "held") == 0;
    if (!want_dev && !want_held && strcmp(part, "all") != 0) {
        fprintf(stderr, "eval_html: dates: part must be all, dev or held\n");
        json_decref(gold);
        return 2;
    }
    size_t nkeys = json_object_size(gold), nk = 0;
    const char **sorted = malloc((nkeys ? nkeys : 1) * sizeof *sorted);
    if (!sorted) { json_decref(gold); return 1; }
    const char *key;
    json_t *val;
    json_object_foreach(gold, key, val) sorted[nk++] = key;
    qsort(sorted, nk, sizeof *sorted, cmp_str);
    size_t pages = 0, right = 0, none = 0, undated = 0, undated_right = 0;
    const char *srcs[] = { "jsonld", "meta", "time", "url", "text", "raw" };
    size_t by_n[6] = {0}, by_ok[6] = {0};
    json_object_foreach(gold, key, val) {
        int held = held_back(sorted, nk, key);
        if ((want_dev && held) || (want_held && !held)) continue;
        /* never show a held-back page's line unless asked for that part */
        int show = verbose && (!held || want_held);
        const char *want = json_string_value(json_object_get(val, "date"));
        const char *url = json_string_value(json_object_get(val, "url"));
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.gz", dir, key);
        kb_article_list l = {0};
        int rc = extract_file(path, url, &l);
        const kb_article *a = rc == KB_OK && l.n ? l.v[0] : NULL;
        const char *got = a ? a->published : NULL;
        if (!want) {
            /* the page has no publication date: right when we give none */
            undated++;
            undated_right += got == NULL;
            if (show)
                printf("%s %-18s want none       got %-25s\n", got ? "BAD" : "ok ", key,
                       got ? got : "-");
            kb_article_list_free(&l);
            continue;
        }
        int ok = got && strncmp(got, want, 10) == 0 && strlen(got) >= 10;
        pages++;
        right += ok;
        if (!got) none++;
        for (int k = 0; k < 6; k++)
            if (a && a->date_source && strcmp(a->date_source, srcs[k]) == 0) {
                by_n[k]++;
                by_ok[k] += ok;
            }
        if (show)
            printf("%s %-18s want %s got %-25s %-6s %s\n", ok ? "ok " : "BAD", key, want,
                   got ? got : "-", a && a->date_source ? a->date_source : "-", url ? url : "");
        kb_article_list_free(&l);
    }
    free(sorted);
    json_decref(gold);
    printf("dates (%s): %zu dated pages: %zu right (%.3f), %zu without a date found\n", part, pages, right,
           pages ? (double)right / (double)pages : 0.0, none);
    printf("       %zu pages the gold leaves undated: %zu right (no date given); all %zu: %.3f\n",
           undated, undated_right, pages + undated,
           pages + undated ? (double)(right + undated_right) / (double)(pages + undated) : 0.0);
    for (int k = 0; k < 6; k++)
        printf("  %-6s %3zu found, %3zu right\n", srcs[k], by_n[k], by_ok[k]);
    return 0;
}

/* ------------------------------------------------------------ arabic */

/* The visible text of an HTML file (a reference extraction). */
static char *html_text(const char *path)
{
    size_t len;
    unsigned char *b = slurp(path, &len);
    if (!b) return NULL;
    kb_hpage p;
    kb_buf out = {0};
    if (kb_hpage_parse(&p, (const char *)b, len) == KB_OK)
        for (size_t k = 0; k < p.nblocks; k++) {
            if (out.len) kb_buf_append(&out, "\n\n", 2);
            kb_buf_append(&out, p.text + p.blocks[k].off, p.blocks[k].len);
        }
    kb_hpage_free(&p);
    free(b);
    if (!out.data) kb_buf_puts(&out, "");
    return kb_buf_detach(&out, &len);
}

static void report(const char *name, const char *truth, const kb_article *a, const char *gold_title,
                   const char *gold_date, int prefix_only)
{
    const char *pred = a ? a->text : "";
    prf r = shingle_match(truth, pred);
    double p = precision_of(r), rc = recall_of(r);
    if (prefix_only) {
        /* the reference holds the first characters only: recall of it */
        printf("%-28s prefix reference: recall %.3f (precision not measurable)\n", name, rc);
    } else {
        printf("%-28s P=%.3f R=%.3f F1=%.3f\n", name, p, rc,
               p + rc > 0 ? 2 * p * rc / (p + rc) : 0.0);
    }
    if (gold_title)
        printf("%-28s title %s: got \"%s\" want \"%s\"\n", "",
               a && a->title && strcmp(a->title, gold_title) == 0 ? "same" : "DIFFERS",
               a && a->title ? a->title : "", gold_title);
    if (gold_date)
        printf("%-28s date %s: got %s want %s (%s)\n", "",
               a && a->published && strncmp(a->published, gold_date, 10) == 0 ? "same day" : "DIFFERS",
               a && a->published ? a->published : "-", gold_date,
               a && a->date_source ? a->date_source : "-");
}

static int cmd_arabic(const char *dir, int verbose)
{
    char path[4096], ref[4096];
    json_error_t err;
    /* BBC Arabic: a readability port's output (HTML) and metadata */
    {
        snprintf(path, sizeof path, "%s/bbc-arabic.html", dir);
        snprintf(ref, sizeof ref, "%s/bbc-arabic.gold.html", dir);
        char *truth = html_text(ref);
        snprintf(ref, sizeof ref, "%s/bbc-arabic.gold-metadata.json", dir);
        json_t *meta = json_load_file(ref, 0, &err);
        kb_article_list l = {0};
        extract_file(path, NULL, &l);
        report("bbc-arabic (readability)", truth ? truth : "", l.n ? l.v[0] : NULL,
               json_string_value(json_object_get(meta, "title")),
               json_string_value(json_object_get(meta, "publishedDate")), 0);
        if (verbose && l.n) printf("--- ours:\n%s\n--- reference:\n%s\n", l.v[0]->text, truth);
        kb_article_list_free(&l);
        json_decref(meta);
        free(truth);
    }
    /* CNN Arabic 2013, newspaper's reference text */
    {
        snprintf(path, sizeof path, "%s/cnn-arabic-2013.newspaper.html", dir);
        snprintf(ref, sizeof ref, "%s/cnn-arabic-2013.newspaper.gold.txt", dir);
        size_t len;
        char *truth = (char *)slurp(ref, &len);
        if (truth) {
            char *t = realloc(truth, len + 1);
            if (t) { truth = t; truth[len] = '\0'; }
        }
        kb_article_list l = {0};
        extract_file(path, NULL, &l);
        report("cnn-arabic-2013 (newspaper)", truth ? truth : "", l.n ? l.v[0] : NULL, NULL, NULL, 0);
        if (verbose && l.n) printf("--- ours:\n%s\n--- reference:\n%s\n", l.v[0]->text, truth);
        kb_article_list_free(&l);
        free(truth);
    }
    /* CNN Arabic 2013, goose3's reference (first characters only) */
    {
        snprintf(path, sizeof path, "%s/cnn-arabic-2013.goose3.html", dir);
        snprintf(ref, sizeof ref, "%s/cnn-arabic-2013.goose3.gold.json", dir);
        json_t *g = json_load_file(ref, 0, &err);
        json_t *exp = json_object_get(g, "expected");
        const char *truth = json_string_value(json_object_get(exp, "cleaned_text"));
        kb_article_list l = {0};
        extract_file(path, json_string_value(json_object_get(g, "url")), &l);
        report("cnn-arabic-2013 (goose3)", truth ? truth : "", l.n ? l.v[0] : NULL, NULL, NULL, 1);
        if (l.n && truth)
            printf("%-28s starts like the reference: %s; lang %s (reference %s)\n", "",
                   strncmp(l.v[0]->text, truth, strlen(truth)) == 0 ? "yes" : "NO",
                   l.v[0]->lang ? l.v[0]->lang : "-",
                   json_string_value(json_object_get(exp, "meta_lang")));
        kb_article_list_free(&l);
        json_decref(g);
    }
    /* LBC 2026, fundus's reference (title, date, paragraphs) */
    {
        snprintf(path, sizeof path, "%s/lbcgroup-2026.html.gz", dir);
        snprintf(ref, sizeof ref, "%s/lbcgroup-2026.gold.json", dir);
        json_t *g = json_load_file(ref, 0, &err);
        json_t *v1 = json_object_get(g, "V1");
        kb_buf truth = {0};
        json_t *secs = json_object_get(json_object_get(v1, "body"), "sections");
        for (size_t i = 0; i < json_array_size(secs); i++) {
            json_t *ps = json_object_get(json_array_get(secs, i), "paragraphs");
            for (size_t k = 0; k < json_array_size(ps); k++) {
                if (truth.len) kb_buf_puts(&truth, "\n\n");
                kb_buf_puts(&truth, json_string_value(json_array_get(ps, k)));
            }
        }
        kb_article_list l = {0};
        extract_file(path, NULL, &l);
        report("lbcgroup-2026 (fundus)", truth.data ? truth.data : "", l.n ? l.v[0] : NULL,
               json_string_value(json_object_get(v1, "title")),
               json_string_value(json_object_get(v1, "publishing_date")), 0);
        if (verbose && l.n) printf("--- ours:\n%s\n--- reference:\n%s\n", l.v[0]->text, truth.data);
        kb_article_list_free(&l);
        kb_buf_free(&truth);
        json_decref(g);
    }
    return 0;
}

/* ------------------------------------------------------------ show */

static int cmd_show(const char *path, const char *url)
{
    kb_article_list l = {0};
    int rc = extract_file(path, url, &l);
    if (rc != KB_OK) {
        fprintf(stderr, "eval_html: %s: %s\n", path, kb_strerror(rc));
        return 1;
    }
    for (size_t i = 0; i < l.n; i++) {
        char *j = kb_article_json(l.v[i]);
        if (j) puts(j);
        free(j);
    }
    kb_article_list_free(&l);
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[argc - 1], "-v") == 0;
    if (verbose) argc--;
    if (argc >= 4 && strcmp(argv[1], "body") == 0) return cmd_body(argv[2], argv[3], verbose);
    if (argc >= 4 && strcmp(argv[1], "dates") == 0)
        return cmd_dates(argv[2], argv[3], argc > 4 ? argv[4] : "all", verbose);
    if (argc >= 3 && strcmp(argv[1], "arabic") == 0) return cmd_arabic(argv[2], verbose);
    if (argc >= 5 && strcmp(argv[1], "score") == 0) return cmd_score(argv[2], argv[3], argv[4]);
    if (argc >= 3 && strcmp(argv[1], "show") == 0) return cmd_show(argv[2], argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "usage: eval_html body GT.json DIR | dates GOLD.json DIR [all|dev|held] | arabic DIR | "
                    "score GT.json PRED.json NAME | show FILE [URL]  [-v]\n");
    return 2;
}
