/* bench/bench_store.c -- the store's benchmark (bench/bench-store.sh runs it):
 * storing a corpus of JSON-line records (SaudiNewsNet) and querying it, side
 * by side with the same articles indexed by FTS5's own unicode61 tokenizer
 * in the same database.
 *
 *   bench_store RECORDS.jsonl DIR [QUERIES]
 *
 * Measures
 *  1. storing: records -> kb_article (id from the normalised text) ->
 *     kb_store_put_article in batches of 500 (which writes the khabar
 *     index itself): articles/s; database bytes per article;
 *  2. indexing alone: FTS5 'rebuild' of the khabar index and of a unicode61
 *     index over the same articles: seconds each, index bytes per article;
 *  3. query latency over QUERIES (default 300) queries of 1-3 content words
 *     from real titles: kb_store_search (with snippets), the khabar FTS query
 *     alone, the unicode61 FTS query alone: p50, p99;
 *  4. variant recall on 30 words: for a title word, its "core" is found by
 *     this program's own affix list (not lib/text's stemmer); a brute-force
 *     scan of the corpus lists every distinct surface form = clitic prefixes
 *     + core + suffix (diacritics, tatweel, Persian letters allowed) and the
 *     documents holding it; a form counts as found by an index when EVERY
 *     document holding it is retrieved by the word's query. Also document
 *     recall (documents with any form retrieved) and documents retrieved that
 *     hold no form.
 * Output: "key: value" lines. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "khabar.h"
#include "store/store.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of this process: less disturbed than the wall clock by the
 * other jobs on a shared machine. */
static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_store: %s: %s\n", what, why);
    exit(1);
}

typedef struct rec {
    char *title, *text, *url, *source, *crawl, *author;
    int64_t rid;
} rec;

static char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && *s ? strdup(s) : NULL;
}

static rec *load(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) die(path, "cannot open");
    size_t cap = 1024;
    rec *v = malloc(cap * sizeof *v);
    *n = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o) continue;
        if (*n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        rec *r = &v[(*n)++];
        memset(r, 0, sizeof *r);
        r->title = jstr(o, "title");
        r->text = jstr(o, "content");
        r->url = jstr(o, "url");
        r->source = jstr(o, "source");
        r->crawl = jstr(o, "date_extracted");
        r->author = jstr(o, "author");
        json_decref(o);
    }
    free(line);
    fclose(f);
    return v;
}

static int64_t int_sql(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) die(sql, sqlite3_errmsg(db));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = (size_t)ceil(p * (double)n);
    return v[k ? k - 1 : 0];
}

/* ------------------------------------------------------------ queries */

/* Content words of a title in original spelling: Arabic tokens of 3+
 * letters that are not stopwords. */
static size_t content_words(const char *s, char words[][96], size_t max)
{
    kb_tokens t = { 0 };
    size_t n = 0;
    if (!s || kb_tokenize(s, strlen(s), &t) != KB_OK) return 0;
    for (size_t i = 0; i < t.n && n < max; i++) {
        kb_token *k = &t.v[i];
        if (k->kind != KB_TOK_ARABIC) continue;
        const char *w = t.norm.text + k->nstart;
        size_t wl = k->nend - k->nstart;
        if (wl < 6 || kb_is_stopword(w, wl) || k->end - k->start >= 96) continue;
        memcpy(words[n], s + k->start, k->end - k->start);
        words[n][k->end - k->start] = '\0';
        n++;
    }
    kb_tokens_free(&t);
    return n;
}

/* The rowids an FTS query matches, as a bitmap over rowids. */
static size_t match_set(sqlite3 *db, const char *table, const char *fts, unsigned char *bits,
                        size_t nbits)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s MATCH ?1", table, table);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql, sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    memset(bits, 0, (nbits + 7) / 8);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t r = sqlite3_column_int64(st, 0);
        if (r >= 0 && (size_t)r < nbits) bits[r / 8] |= (unsigned char)(1u << (r % 8));
        n++;
    }
    if (rc != SQLITE_DONE) die(fts, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return n;
}

/* Time one FTS query (best 10 by rank), returns seconds. */
static double time_fts(sqlite3 *db, const char *table, const char *fts, size_t *hits)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT rowid FROM %s WHERE %s MATCH ?1 ORDER BY rank LIMIT 10", table, table);
    double t0 = now();
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql, sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) n++;
    sqlite3_finalize(st);
    *hits = n;
    return now() - t0;
}

/* Latency of the queries: kb_store_search with snippets, and the FTS query
 * alone (top 10 by rank) for both indexes; wall and CPU percentiles. */
static void latency(kb_store *s, sqlite3 *db, char (*queries)[300], size_t made,
                    const char *label, size_t stored)
{
    char err[512];
    double *ws = calloc(made, sizeof *ws), *wk = calloc(made, sizeof *wk),
           *wu = calloc(made, sizeof *wu), *cs = calloc(made, sizeof *cs),
           *ck = calloc(made, sizeof *ck), *cu = calloc(made, sizeof *cu);
    size_t tot_k = 0, tot_u = 0, zero_k = 0, zero_u = 0;
    size_t nbits = stored + 2;
    unsigned char *bits = malloc((nbits + 7) / 8);
    size_t slow[3] = { 0, 0, 0 }, slow_m[3] = { 0, 0, 0 };   /* the 3 slowest (khabar CPU) */
    double slow_c[3] = { -1, -1, -1 };
    for (size_t i = 0; i < made; i++) {
        kb_search_result r;
        kb_search_opts o = { .limit = 10 };
        double t0 = now(), c0 = cpu();
        int rc = kb_store_search(s, queries[i], &o, &r, err, sizeof err);
        ws[i] = now() - t0;
        cs[i] = cpu() - c0;
        if (rc == KB_OK) kb_search_result_free(&r);
        kb_query q;
        size_t hits;
        t0 = now();
        c0 = cpu();
        if (kb_query_parse(queries[i], &q, err, sizeof err) != KB_OK) die(queries[i], err);
        time_fts(db, "articles_fts", q.fts, &hits);
        wk[i] = now() - t0;
        ck[i] = cpu() - c0;
        kb_query_free(&q);
        /* unicode61: the words as quoted strings, all required */
        char uq[400] = "";
        char *save, copy[300];
        snprintf(copy, sizeof copy, "%s", queries[i]);
        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            strcat(uq, uq[0] ? " \"" : "\"");
            strcat(uq, w);
            strcat(uq, "\"");
        }
        t0 = now();
        c0 = cpu();
        time_fts(db, "plain_fts", uq, &hits);
        wu[i] = now() - t0;
        cu[i] = cpu() - c0;
        /* how many documents each finds (all matches) */
        if (kb_query_parse(queries[i], &q, err, sizeof err) != KB_OK) die(queries[i], err);
        size_t mk = match_set(db, "articles_fts", q.fts, bits, nbits);
        kb_query_free(&q);
        size_t mu = match_set(db, "plain_fts", uq, bits, nbits);
        tot_k += mk;
        tot_u += mu;
        for (int k = 0; k < 3; k++)
            if (ck[i] > slow_c[k]) {
                for (int m = 2; m > k; m--) {
                    slow_c[m] = slow_c[m - 1];
                    slow[m] = slow[m - 1];
                    slow_m[m] = slow_m[m - 1];
                }
                slow_c[k] = ck[i];
                slow[k] = i;
                slow_m[k] = mk;
                break;
            }
        zero_k += !mk;
        zero_u += !mu;
    }
    printf("latency_ms %s, search+snippets: wall p50 %.2f p99 %.2f; CPU p50 %.2f p99 %.2f\n", label,
           1000 * pct(ws, made, 0.5), 1000 * pct(ws, made, 0.99), 1000 * pct(cs, made, 0.5),
           1000 * pct(cs, made, 0.99));
    double k50 = pct(wk, made, 0.5), k99 = pct(wk, made, 0.99);
    double u50 = pct(wu, made, 0.5), u99 = pct(wu, made, 0.99);
    printf("latency_ms %s, fts top10: wall khabar p50 %.2f p99 %.2f, unicode61 p50 %.2f p99 %.2f "
           "(khabar/unicode61 p50 %.2fx)\n", label, 1000 * k50, 1000 * k99, 1000 * u50, 1000 * u99,
           k50 / u50);
    k50 = pct(ck, made, 0.5), k99 = pct(ck, made, 0.99);
    u50 = pct(cu, made, 0.5), u99 = pct(cu, made, 0.99);
    printf("latency_ms %s, fts top10: CPU khabar p50 %.2f p99 %.2f, unicode61 p50 %.2f p99 %.2f "
           "(khabar/unicode61 p50 %.2fx, p99 %.2fx)\n", label, 1000 * k50, 1000 * k99, 1000 * u50,
           1000 * u99, k50 / u50, k99 / u99);
    printf("matches per query: khabar %.1f, unicode61 %.1f; queries with no match: khabar %zu, "
           "unicode61 %zu\n", (double)tot_k / (double)made, (double)tot_u / (double)made, zero_k,
           zero_u);
    for (int k = 0; k < 3 && k < (int)made; k++)
        printf("  slowest %d: \"%s\" %.2f ms CPU, %zu matches\n", k + 1, queries[slow[k]],
               1000 * slow_c[k], slow_m[k]);
    free(bits);
    free(ws);
    free(wk);
    free(wu);
    free(cs);
    free(ck);
    free(cu);
}

/* ------------------------------------------------------------ variants */

/* This program's own reference analysis: a skeleton (no diacritics or
 * tatweel, alef/yeh/kaf/teh-marbuta variants folded) and an affix list. */
static size_t skeleton(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp = kb_utf8_decode(s, len, &i);
        if (cp < 0) continue;
        if ((cp >= 0x64B && cp <= 0x652) || cp == 0x670 || cp == 0x640) continue;
        if (cp == 0x623 || cp == 0x625 || cp == 0x622 || cp == 0x671) cp = 0x627;
        else if (cp == 0x6CC || cp == 0x649 || cp == 0x64A) cp = 0x64A;
        else if (cp == 0x6A9) cp = 0x643;
        else if (cp == 0x629) cp = 0x647;
        o += kb_utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    return o;
}

static int is_word_cp(int32_t cp)
{
    return (cp >= 0x621 && cp <= 0x652) || cp == 0x670 || cp == 0x640 ||
           (cp >= 0x671 && cp <= 0x6D3);
}

static const char *const prefixes[] = { "وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال",
                                        "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك", "" };
static const char *const suffixes[] = { "اتها", "اتهم", "ات", "ون", "ين", "ان", "تان", "تين",
                                        "ها", "هم", "هن", "كم", "نا", "يه", "ه", "ي", "" };

static size_t letters(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The article prefixes taken off the query word (a bare و ب ل ك ف is not:
 * in a title word it is as often the word's own first letter). */
static const char *const article_prefixes[] = { "وبال", "وال", "بال", "كال", "فال", "ولل",
                                                "لل", "ال", "" };

/* The core of a title word's skeleton: the article prefix, then the longest
 * suffix off, keeping at least 3 letters. */
static void core_of(const char *sk, char *core)
{
    const char *p = sk;
    for (size_t i = 0; article_prefixes[i][0]; i++) {
        size_t k = strlen(article_prefixes[i]);
        if (!strncmp(p, article_prefixes[i], k) && letters(p + k) >= 3) { p += k; break; }
    }
    strcpy(core, p);
    size_t n = strlen(core);
    for (size_t i = 0; suffixes[i][0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && !strcmp(core + n - k, suffixes[i])) {
            char tmp[256];
            memcpy(tmp, core, n - k);
            tmp[n - k] = '\0';
            if (letters(tmp) >= 3) { core[n - k] = '\0'; break; }
        }
    }
}

static int cmp_core(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#define NVAR 30
#define NCAND 400

typedef struct form {
    char *surface;
    size_t *docs, ndocs, cap;
} form;

typedef struct vq {
    char word[96];          /* the query: a title word as written */
    char core[256];
    form *forms;
    size_t nforms;
} vq;

static void add_doc(vq *q, const char *surface, size_t len, size_t doc)
{
    form *f = NULL;
    for (size_t i = 0; i < q->nforms; i++)
        if (strlen(q->forms[i].surface) == len && !memcmp(q->forms[i].surface, surface, len)) {
            f = &q->forms[i];
            break;
        }
    if (!f) {
        q->forms = realloc(q->forms, (q->nforms + 1) * sizeof *q->forms);
        f = &q->forms[q->nforms++];
        memset(f, 0, sizeof *f);
        f->surface = strndup(surface, len);
    }
    if (f->ndocs && f->docs[f->ndocs - 1] == doc) return;
    if (f->ndocs == f->cap) f->docs = realloc(f->docs, (f->cap = f->cap ? f->cap * 2 : 8) * sizeof *f->docs);
    f->docs[f->ndocs++] = doc;
}

/* Every query whose core the skeleton sk is, with some prefix and suffix
 * from the lists around it: cores[] is sorted, ci[] maps back to queries. */
static void match_forms(vq *qs, const char *const *cores, const size_t *ci, size_t nq,
                        const char *sk, const char *surface, size_t slen, size_t doc)
{
    size_t sl = strlen(sk);
    char core[1024];
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t pl = strlen(prefixes[i]);
        if (pl >= sl || strncmp(sk, prefixes[i], pl)) continue;
        for (size_t j = 0; j < sizeof suffixes / sizeof *suffixes; j++) {
            size_t xl = strlen(suffixes[j]);
            if (pl + xl >= sl || strcmp(sk + sl - xl, suffixes[j])) continue;
            memcpy(core, sk + pl, sl - pl - xl);
            core[sl - pl - xl] = '\0';
            const char *key = core;
            const char *const *hit = bsearch(&key, cores, nq, sizeof *cores, cmp_core);
            if (hit) add_doc(&qs[ci[hit - cores]], surface, slen, doc);
        }
    }
}

static void scan_doc(vq *qs, const char *const *cores, const size_t *ci, size_t nq,
                     const char *s, size_t doc)
{
    if (!s) return;
    size_t len = strlen(s), i = 0;
    char sk[1024];
    while (i < len) {
        size_t start = i;
        int32_t cp = kb_utf8_decode(s, len, &i);
        if (!is_word_cp(cp)) continue;
        size_t end = i;
        while (end < len) {
            size_t j = end;
            if (!is_word_cp(kb_utf8_decode(s, len, &j))) break;
            end = j;
        }
        i = end;
        if (end - start >= 512) continue;
        skeleton(s + start, end - start, sk);
        match_forms(qs, cores, ci, nq, sk, s + start, end - start, doc);
    }
}

static int has_bit(const unsigned char *b, int64_t r)
{
    return (b[r / 8] >> (r % 8)) & 1;
}

/* ------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_store RECORDS.jsonl DIR [QUERIES]\n");
        return 2;
    }
    size_t nq = argc > 3 ? (size_t)atol(argv[3]) : 300;
    size_t n;
    double t0 = now();
    rec *recs = load(argv[1], &n);
    printf("records: %zu (loaded in %.1f s)\n", n, now() - t0);

    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/bench-store.db", argv[2]);
    remove(path);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    kb_store *s = kb_store_open(path, KB_STORE_CREATE, err, sizeof err);
    if (!s) die(path, err);
    sqlite3 *db = kb_store_db(s);
    if (getenv("BENCH_PRAGMA")) exec_sql(db, getenv("BENCH_PRAGMA"));   /* experiments */

    /* 1. storing */
    size_t added = 0, unchanged = 0, revised = 0;
    t0 = now();
    double c0 = cpu();
    kb_store_begin(s);
    for (size_t i = 0; i < n; i++) {
        kb_article *a = kb_article_new();
        char input[64];
        snprintf(input, sizeof input, "saudinewsnet.jsonl#%zu", i + 1);
        a->input = kb_arena_strdup(&a->arena, input);
        a->title = recs[i].title;
        a->text = recs[i].text ? recs[i].text : "";
        a->url = recs[i].url;
        a->source = recs[i].source;
        a->author = recs[i].author;
        a->crawl_date = recs[i].crawl;
        a->lang = "ar";
        kb_put_result r;
        if (kb_article_set_id(a) != KB_OK || kb_store_put_article(s, a, &r) != KB_OK)
            die("put", kb_store_errmsg(s));
        recs[i].rid = r.rid;
        added += r.status == KB_PUT_NEW;
        unchanged += r.status == KB_PUT_UNCHANGED;
        revised += r.status == KB_PUT_REVISED;
        kb_article_free(a);
        if ((i + 1) % 500 == 0) { kb_store_commit(s); kb_store_begin(s); }
    }
    kb_store_commit(s);
    double t_store = now() - t0, c_store = cpu() - c0;
    int64_t stored = int_sql(db, "SELECT count(*) FROM articles");
    exec_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    struct stat st;
    stat(path, &st);
    printf("store: %zu articles (%zu new, %zu unchanged, %zu revised) in %.2f s = %.0f articles/s "
           "(CPU %.2f s = %.0f articles per CPU second)\n", n, added, unchanged, revised, t_store,
           (double)n / t_store, c_store, (double)n / c_store);
    printf("db_bytes_per_article: %.0f (file %lld bytes, %lld articles)\n",
           (double)st.st_size / (double)stored, (long long)st.st_size, (long long)stored);
    int64_t text_bytes = int_sql(db, "SELECT sum(length(CAST(text AS BLOB)) + "
                                     "coalesce(length(CAST(title AS BLOB)), 0)) FROM articles");
    printf("text_bytes_per_article: %.0f\n", (double)text_bytes / (double)stored);

    if (getenv("BENCH_STORE_ONLY")) {   /* for profiling the storing alone */
        kb_store_close(s);
        return 0;
    }

    /* 2. indexing alone, both tokenizers */
    exec_sql(db, "CREATE VIRTUAL TABLE plain_fts USING fts5(title, tags, text, content='articles',"
                 " content_rowid='rid', tokenize='unicode61 remove_diacritics 2')");
    exec_sql(db, "INSERT INTO plain_fts(plain_fts, rank) VALUES('rank', 'bm25(5.0, 2.0, 1.0)')");
    c0 = cpu();
    t0 = now();
    exec_sql(db, "INSERT INTO articles_fts(articles_fts) VALUES('rebuild')");
    double t_k = cpu() - c0, w_k = now() - t0;
    c0 = cpu();
    t0 = now();
    exec_sql(db, "INSERT INTO plain_fts(plain_fts) VALUES('rebuild')");
    double t_u = cpu() - c0, w_u = now() - t0;
    int64_t ik = int_sql(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'");
    int64_t iu = int_sql(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'plain_fts%'");
    printf("index_build_s: CPU khabar %.2f, unicode61 %.2f (khabar/unicode61 %.2fx); wall khabar "
           "%.2f, unicode61 %.2f\n", t_k, t_u, t_k / t_u, w_k, w_u);
    printf("index_bytes_per_article: khabar %.0f, unicode61 %.0f\n", (double)ik / (double)stored,
           (double)iu / (double)stored);

    /* 3. query latency */
    char (*queries)[300] = calloc(nq, sizeof *queries);
    size_t made = 0;
    for (size_t i = 0; made < nq && i < n; i += 1 + n / (nq * 2)) {
        char w[3][96];
        size_t k = content_words(recs[i].title, w, 3);
        size_t want = made % 3 + 1;
        if (k < want) continue;
        queries[made][0] = '\0';
        for (size_t j = 0; j < want; j++) {
            if (j) strcat(queries[made], " ");
            strcat(queries[made], w[(j + made) % k]);
        }
        made++;
    }
    printf("queries: %zu from titles (1-3 content words), e.g. \"%s\", \"%s\", \"%s\"\n", made,
           queries[0], queries[1], queries[2]);
    latency(s, db, queries, made, "as ingested", (size_t)stored);
    c0 = cpu();
    t0 = now();
    exec_sql(db, "INSERT INTO articles_fts(articles_fts) VALUES('optimize')");
    double ok_c = cpu() - c0, ok_w = now() - t0;
    c0 = cpu();
    exec_sql(db, "INSERT INTO plain_fts(plain_fts) VALUES('optimize')");
    printf("optimize_s: khabar CPU %.2f (wall %.2f), unicode61 CPU %.2f\n", ok_c, ok_w, cpu() - c0);
    latency(s, db, queries, made, "after optimize", (size_t)stored);

    /* 4. variant recall */
    vq *cand = calloc(NCAND, sizeof *cand);
    size_t ncand = 0;
    for (size_t i = 0; ncand < NCAND && i < n; i += 1 + n / (NCAND * 3)) {
        char w[3][96];
        size_t k = content_words(recs[i].title, w, 3);
        for (size_t j = 0; j < k && ncand < NCAND; j++) {
            char sk[512], core[256];
            skeleton(w[j], strlen(w[j]), sk);
            core_of(sk, core);
            if (letters(core) < 3) continue;
            int dup = 0;
            for (size_t c = 0; c < ncand; c++) dup |= !strcmp(cand[c].core, core);
            if (dup) continue;
            snprintf(cand[ncand].word, sizeof cand[ncand].word, "%s", w[j]);
            snprintf(cand[ncand].core, sizeof cand[ncand].core, "%s", core);
            ncand++;
        }
    }
    t0 = now();
    size_t nbits = (size_t)stored + 2;
    const char **cores = malloc((ncand ? ncand : 1) * sizeof *cores);
    size_t *ci = malloc((ncand ? ncand : 1) * sizeof *ci);
    for (size_t c = 0; c < ncand; c++) cores[c] = cand[c].core;
    qsort(cores, ncand, sizeof *cores, cmp_core);
    for (size_t c = 0; c < ncand; c++)
        for (size_t k = 0; k < ncand; k++)
            if (cores[k] == cand[c].core) ci[k] = c;
    for (size_t i = 0; i < n; i++) {
        scan_doc(cand, cores, ci, ncand, recs[i].title, i);
        scan_doc(cand, cores, ci, ncand, recs[i].text, i);
    }
    free(cores);
    free(ci);
    double t_scan = now() - t0;
    unsigned char *bk = malloc((nbits + 7) / 8), *bu = malloc((nbits + 7) / 8);
    size_t used = 0, forms = 0, found_k = 0, found_u = 0, rel = 0, rel_k = 0, rel_u = 0,
           extra_k = 0, extra_u = 0;
    printf("variants: word | core | forms | found khabar | found unicode61\n");
    for (size_t c = 0; c < ncand && used < NVAR; c++) {
        vq *q = &cand[c];
        if (q->nforms < 3) continue;
        used++;
        kb_query kq;
        if (kb_query_parse(q->word, &kq, err, sizeof err) != KB_OK) { used--; continue; }
        match_set(db, "articles_fts", kq.fts, bk, nbits);
        kb_query_free(&kq);
        char uq[128];
        snprintf(uq, sizeof uq, "\"%s\"", q->word);
        match_set(db, "plain_fts", uq, bu, nbits);
        size_t fk = 0, fu = 0;
        /* the relevant documents: any form */
        unsigned char *relb = calloc((nbits + 7) / 8, 1);
        for (size_t f = 0; f < q->nforms; f++) {
            int all_k = 1, all_u = 1;
            for (size_t d = 0; d < q->forms[f].ndocs; d++) {
                int64_t r = recs[q->forms[f].docs[d]].rid;
                all_k &= has_bit(bk, r);
                all_u &= has_bit(bu, r);
                relb[r / 8] |= (unsigned char)(1u << (r % 8));
            }
            fk += all_k;
            fu += all_u;
        }
        for (int64_t r = 1; r <= stored; r++) {
            int is_rel = has_bit(relb, r);
            rel += is_rel;
            rel_k += is_rel && has_bit(bk, r);
            rel_u += is_rel && has_bit(bu, r);
            extra_k += !is_rel && has_bit(bk, r);
            extra_u += !is_rel && has_bit(bu, r);
        }
        free(relb);
        forms += q->nforms;
        found_k += fk;
        found_u += fu;
        printf("  %s | %s | %zu | %zu | %zu\n", q->word, q->core, q->nforms, fk, fu);
    }
    printf("variant_forms: %zu words, %zu surface forms; found by khabar %zu (%.0f%%), by unicode61 "
           "%zu (%.0f%%) [scan %.1f s]\n", used, forms, found_k, 100.0 * (double)found_k / (double)forms,
           found_u, 100.0 * (double)found_u / (double)forms, t_scan);
    printf("variant_docs: %zu relevant; retrieved khabar %zu (%.0f%%), unicode61 %zu (%.0f%%); "
           "retrieved without any form: khabar %zu, unicode61 %zu\n", rel, rel_k,
           100.0 * (double)rel_k / (double)rel, rel_u, 100.0 * (double)rel_u / (double)rel, extra_k,
           extra_u);

    for (size_t c = 0; c < ncand; c++) {
        for (size_t f = 0; f < cand[c].nforms; f++) {
            free(cand[c].forms[f].surface);
            free(cand[c].forms[f].docs);
        }
        free(cand[c].forms);
    }
    free(cand);
    free(bk);
    free(bu);
    free(queries);
    for (size_t i = 0; i < n; i++) {
        free(recs[i].title);
        free(recs[i].text);
        free(recs[i].url);
        free(recs[i].source);
        free(recs[i].crawl);
        free(recs[i].author);
    }
    free(recs);
    kb_store_close(s);
    return 0;
}
