/* tests/test_dedup.c -- exact copies, MinHash estimates, LSH candidates and
 * the duplicate detector, on real Arabic paragraphs from samples/. */
#include "kb_test.h"
#include "dedup/dedup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* Line n (1-based) of a sample file, malloc'd. */
static char *sample_line(const char *file, int n)
{
    char rel[256];
    snprintf(rel, sizeof rel, "samples/%s", file);
    size_t len;
    char *all = kb_test_read_file(kb_test_path(rel), &len);
    assert_non_null(all);
    char *p = all;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    assert_non_null(p);
    char *e = strchr(p, '\n');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    char *out = malloc(l + 1);
    memcpy(out, p, l);
    out[l] = '\0';
    free(all);
    return out;
}

/* Lines a..b joined with newlines. */
static char *sample_lines(const char *file, int a, int b)
{
    kb_buf buf = {0};
    for (int i = a; i <= b; i++) {
        char *l = sample_line(file, i);
        kb_buf_puts(&buf, l);
        kb_buf_putc(&buf, '\n');
        free(l);
    }
    return kb_buf_detach(&buf, NULL);
}

static void shingles_of(const char *text, int k, uint64_t **sh, size_t *n)
{
    kb_tokens t = {0};
    assert_int_equal(kb_tokenize(text, strlen(text), &t), KB_OK);
    kb_shingle_params p = { .k = k, .use_stems = 0 };
    assert_int_equal(kb_shingles(&t, &p, NULL, sh, n), KB_OK);
    kb_tokens_free(&t);
}

static void sign(const char *text, int nperm, uint32_t *sig)
{
    uint64_t *sh;
    size_t n;
    shingles_of(text, 3, &sh, &n);
    assert_int_equal(kb_minhash_sign_set(sh, n, nperm, sig), KB_OK);
    free(sh);
}

/* Edit a text: every `every`-th space-separated word is dropped (mode 0),
 * replaced by a made-up word (mode 1), or doubled (mode 2). */
static char *edit_words(const char *s, int every, int mode)
{
    kb_buf b = {0};
    int w = 0;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != ' ') e++;
        w++;
        int hit = every > 0 && w % every == 0;
        if (!hit || mode == 2) kb_buf_append(&b, p, (size_t)(e - p));
        if (hit && mode == 1) kb_buf_printf(&b, "كلمة%d", w);
        if (hit && mode == 2) {
            kb_buf_putc(&b, ' ');
            kb_buf_append(&b, p, (size_t)(e - p));
        }
        if (*e) kb_buf_putc(&b, ' ');
        p = *e ? e + 1 : e;
    }
    return kb_buf_detach(&b, NULL);
}

/* ------------------------------------------------------------ exact key */

static void exact_hash_folds_space_and_marks(void **state)
{
    (void)state;
    /* The same sentence with harakat, tatweel, a hamza form, extra spaces
     * and line breaks is the same normalised text. */
    const char *a = "أعلنت الولايات المتحدة والعراق في بيان مشترك إنهاء المهمة العسكرية";
    const char *b = "  أَعلنت   الولايـــات المتحدة\n\nوالعراق في بيانٍ مشترك\tإنهاء المهمة العسكرية \n";
    const char *c = "أعلنت الولايات المتحدة والعراق في بيان مشترك إنهاء المهمة السياسية";
    size_t la, lb, lc;
    char *na = kb_normalize_str(a, strlen(a), &la);
    char *nb = kb_normalize_str(b, strlen(b), &lb);
    char *nc = kb_normalize_str(c, strlen(c), &lc);
    uint64_t ha = kb_exact_hash_norm(na, la);
    assert_true(ha != 0);
    assert_true(ha == kb_exact_hash_norm(nb, lb));
    assert_true(ha != kb_exact_hash_norm(nc, lc));
    assert_true(kb_exact_hash_norm(" \n\t ", 4) == 0);
    free(na); free(nb); free(nc);
}

/* ------------------------------------------------------------ MinHash */

static void minhash_identical_is_one(void **state)
{
    (void)state;
    char *p = sample_line("000_f122214a9d49da4a.txt", 11);
    uint32_t a[128], b[128];
    sign(p, 128, a);
    sign(p, 128, b);
    assert_true(kb_minhash_jaccard(a, b, 128) == 1.0);
    uint64_t *sh;
    size_t n;
    shingles_of(p, 3, &sh, &n);
    assert_true(n > 50);   /* a long paragraph: ~80 words */
    assert_true(kb_jaccard_sets(sh, n, sh, n) == 1.0);
    free(sh);
    free(p);
}

static void minhash_disjoint_is_near_zero(void **state)
{
    (void)state;
    /* The US-Iraq security talks paragraph vs the Libya/Texas floods one. */
    char *a = sample_line("000_f122214a9d49da4a.txt", 11);
    char *b = sample_line("002_dff5410a16d3e991.txt", 15);
    uint64_t *sa, *sb;
    size_t na, nb;
    shingles_of(a, 3, &sa, &na);
    shingles_of(b, 3, &sb, &nb);
    assert_true(kb_jaccard_sets(sa, na, sb, nb) < 0.01);
    uint32_t x[128], y[128];
    sign(a, 128, x);
    sign(b, 128, y);
    assert_true(kb_minhash_jaccard(x, y, 128) <= 0.05);
    free(sa); free(sb); free(a); free(b);
}

static void minhash_estimate_tracks_exact_jaccard(void **state)
{
    (void)state;
    /* Real paragraphs, edited at several rates; the estimate from 128
     * slots has a standard error <= 0.044, so 0.15 is > 3 sigma. */
    const struct { const char *file; int from, to; } src[] = {
        { "000_f122214a9d49da4a.txt", 3, 17 },
        { "001_57f495dec0a2a805.txt", 2, 15 },
        { "003_5c49057d6339451f.txt", 1, 13 },
        { "004_e340d19b9189306f.txt", 3, 17 },
    };
    double sum_err = 0;
    int cases = 0;
    for (size_t s = 0; s < sizeof src / sizeof *src; s++) {
        char *orig = sample_lines(src[s].file, src[s].from, src[s].to);
        uint64_t *so;
        size_t no;
        shingles_of(orig, 3, &so, &no);
        uint32_t sigo[128];
        assert_int_equal(kb_minhash_sign_set(so, no, 128, sigo), KB_OK);
        const int every[] = { 3, 5, 9, 20, 60 };
        for (int mode = 0; mode < 3; mode++) {
            for (size_t e = 0; e < sizeof every / sizeof *every; e++) {
                char *ed = edit_words(orig, every[e], mode);
                uint64_t *se;
                size_t ne;
                shingles_of(ed, 3, &se, &ne);
                uint32_t sige[128];
                assert_int_equal(kb_minhash_sign_set(se, ne, 128, sige), KB_OK);
                double exact = kb_jaccard_sets(so, no, se, ne);
                double est = kb_minhash_jaccard(sigo, sige, 128);
                assert_true(exact > 0.0 && exact < 1.0);
                if (fabs(est - exact) > 0.15)
                    fail_msg("%s mode %d every %d: exact %.3f est %.3f", src[s].file, mode,
                             every[e], exact, est);
                sum_err += fabs(est - exact);
                cases++;
                free(se);
                free(ed);
            }
        }
        free(so);
        free(orig);
    }
    assert_true(sum_err / cases < 0.05);
}

/* ------------------------------------------------------------ LSH */

static void lsh_finds_near_copy_only(void **state)
{
    (void)state;
    const char *files[] = {
        "000_f122214a9d49da4a.txt", "001_57f495dec0a2a805.txt", "002_dff5410a16d3e991.txt",
        "003_5c49057d6339451f.txt", "004_e340d19b9189306f.txt",
    };
    const int lines[][2] = { { 3, 17 }, { 2, 15 }, { 3, 10 }, { 1, 13 }, { 3, 17 } };
    kb_lsh l;
    assert_int_equal(kb_lsh_init(&l, 32, 4), KB_OK);
    uint32_t sig[5][128];
    for (int i = 0; i < 5; i++) {
        char *t = sample_lines(files[i], lines[i][0], lines[i][1]);
        sign(t, 128, sig[i]);
        assert_int_equal(kb_lsh_add(&l, sig[i], (uint32_t)i), KB_OK);
        free(t);
    }
    /* 003 as another paper would reprint it: one word in 20 changed. */
    char *t = sample_lines(files[3], lines[3][0], lines[3][1]);
    char *ed = edit_words(t, 20, 1);
    uint32_t q[128];
    sign(ed, 128, q);
    uint32_t *cand = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(kb_lsh_query(&l, q, &cand, &n, &cap), KB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(cand[0], 3);
    assert_true(kb_minhash_jaccard(q, sig[3], 128) > 0.6);
    /* An unrelated text (the Libya/Texas piece) has no candidate. */
    char *texas = sample_lines(files[2], 14, 17);
    sign(texas, 128, q);
    n = 0;
    assert_int_equal(kb_lsh_query(&l, q, &cand, &n, &cap), KB_OK);
    assert_int_equal(n, 0);
    free(cand); free(texas); free(ed); free(t);
    kb_lsh_free(&l);
}

/* ------------------------------------------------------------ detector */

static int32_t day_of(int y, int m, int d)
{
    kb_date t = { .year = (int16_t)y, .month = (int8_t)m, .day = (int8_t)d, .prec = KB_PREC_DAY };
    return (int32_t)kb_date_days(&t);
}

static void detector_exact_and_new(void **state)
{
    (void)state;
    kb_dedup *d = kb_dedup_new(NULL);
    assert_non_null(d);
    char *a = sample_lines("004_e340d19b9189306f.txt", 3, 17);
    char *b = sample_lines("001_57f495dec0a2a805.txt", 2, 15);
    /* the same body, re-wrapped: all on one line with doubled spaces */
    kb_buf w = {0};
    for (const char *p = a; *p; p++) kb_buf_puts(&w, *p == '\n' ? "  " : (char[]){ *p, 0 });
    kb_dup_status st;
    uint32_t i;
    assert_int_equal(kb_dedup_add(d, "a", a, strlen(a), day_of(2024, 8, 12), &i, &st), KB_OK);
    assert_int_equal(i, 0);
    assert_int_equal(st.kind, KB_DUP_NEW);
    assert_int_equal(kb_dedup_add(d, "b", b, strlen(b), KB_NO_DAY, &i, &st), KB_OK);
    assert_int_equal(st.kind, KB_DUP_NEW);
    assert_int_equal(kb_dedup_add(d, "c", w.data, w.len, day_of(2024, 8, 13), &i, &st), KB_OK);
    assert_int_equal(i, 2);
    assert_int_equal(st.kind, KB_DUP_EXACT);
    assert_int_equal(st.of, 0);
    assert_int_equal(st.group_size, 2);
    assert_string_equal(kb_dedup_key(d, st.of), "a");
    /* empty and blank bodies are nobody's copies */
    assert_int_equal(kb_dedup_add(d, "e1", "", 0, KB_NO_DAY, NULL, &st), KB_OK);
    assert_int_equal(st.kind, KB_DUP_NEW);
    assert_int_equal(kb_dedup_add(d, "e2", " \n ", 3, KB_NO_DAY, NULL, &st), KB_OK);
    assert_int_equal(st.kind, KB_DUP_NEW);
    assert_int_equal(st.group_size, 1);
    assert_int_equal(kb_dedup_add(d, NULL, "x", 1, KB_NO_DAY, NULL, &st), KB_EINVAL);
    kb_buf_free(&w);
    free(a); free(b);
    kb_dedup_free(d);
}

static void reprint_links_to_earliest(void **state)
{
    (void)state;
    char *orig = sample_lines("000_f122214a9d49da4a.txt", 3, 17);
    char *light = edit_words(orig, 40, 1);   /* a lightly edited reprint */
    char *other = sample_lines("003_5c49057d6339451f.txt", 1, 13);
    /* Added latest-first: the wire original (earliest day, and on a tie
     * the smaller key) must end up as everyone's original. */
    const struct { const char *key, *text; int32_t day; } in[] = {
        { "k-late", orig, day_of(2024, 7, 25) },
        { "k-undated", orig, KB_NO_DAY },
        { "k-edit", light, day_of(2024, 7, 24) },
        { "k-other", other, day_of(2024, 1, 27) },
        { "k-tie-b", orig, day_of(2024, 7, 23) },
        { "k-tie-a", light, day_of(2024, 7, 23) },
    };
    for (int round = 0; round < 2; round++) {
        kb_dedup *d = kb_dedup_new(NULL);
        size_t n = sizeof in / sizeof *in;
        for (size_t k = 0; k < n; k++) {
            size_t j = round == 0 ? k : n - 1 - k;
            assert_int_equal(kb_dedup_add(d, in[j].key, in[j].text, strlen(in[j].text),
                                          in[j].day, NULL, NULL), KB_OK);
        }
        uint32_t tie_a = UINT32_MAX;
        for (uint32_t i = 0; i < n; i++)
            if (strcmp(kb_dedup_key(d, i), "k-tie-a") == 0) tie_a = i;
        for (uint32_t i = 0; i < n; i++) {
            kb_dup_status st;
            kb_dedup_status(d, i, &st);
            const char *key = kb_dedup_key(d, i);
            if (strcmp(key, "k-other") == 0) {
                assert_int_equal(st.kind, KB_DUP_NEW);
                assert_int_equal(st.group_size, 1);
            } else if (strcmp(key, "k-tie-a") == 0) {
                assert_int_equal(st.kind, KB_DUP_NEW);
                assert_int_equal(st.group_size, 5);
            } else {
                assert_int_equal(st.of, tie_a);
                /* "k-edit" is the same text as k-tie-a: an exact copy of it;
                 * the others are the unedited text: near copies. */
                if (strcmp(key, "k-edit") == 0) {
                    assert_int_equal(st.kind, KB_DUP_EXACT);
                } else {
                    assert_int_equal(st.kind, KB_DUP_NEAR);
                    assert_true(st.jaccard >= 0.7 && st.jaccard < 1.0);
                }
            }
        }
        kb_dedup_free(d);
    }
    free(orig); free(light); free(other);
}

static void rebuild_from_signatures(void **state)
{
    (void)state;
    const char *files[] = { "000_f122214a9d49da4a.txt", "004_e340d19b9189306f.txt" };
    kb_dedup *d = kb_dedup_new(NULL);
    char *texts[4];
    texts[0] = sample_lines(files[0], 3, 17);
    texts[1] = edit_words(texts[0], 30, 0);
    texts[2] = sample_lines(files[1], 3, 17);
    texts[3] = sample_lines(files[1], 3, 17);
    for (int i = 0; i < 4; i++) {
        char key[16];
        snprintf(key, sizeof key, "d%d", i);
        assert_int_equal(kb_dedup_add(d, key, texts[i], strlen(texts[i]), 19000 + i, NULL, NULL),
                         KB_OK);
    }
    kb_dedup *r = kb_dedup_new(NULL);
    for (uint32_t i = 4; i-- > 0;)   /* stored state, read back in reverse */
        assert_int_equal(kb_dedup_add_signed(r, kb_dedup_key(d, i), kb_dedup_day(d, i),
                                             kb_dedup_exact_hash(d, i), kb_dedup_sig(d, i),
                                             kb_dedup_nshingles(d, i), NULL, NULL), KB_OK);
    for (uint32_t i = 0; i < 4; i++) {
        kb_dup_status a, b;
        kb_dedup_status(d, i, &a);
        kb_dedup_status(r, 3 - i, &b);
        assert_int_equal(a.kind, b.kind);
        assert_string_equal(kb_dedup_key(d, a.of), kb_dedup_key(r, b.of));
    }
    kb_dup_status st;
    kb_dedup_status(d, 1, &st);
    assert_int_equal(st.kind, KB_DUP_NEAR);
    assert_int_equal(st.of, 0);
    kb_dedup_status(d, 3, &st);
    assert_int_equal(st.kind, KB_DUP_EXACT);
    assert_int_equal(st.of, 2);
    for (int i = 0; i < 4; i++) free(texts[i]);
    kb_dedup_free(d);
    kb_dedup_free(r);
}

static void params_are_checked(void **state)
{
    (void)state;
    kb_dedup_params p;
    kb_dedup_params_default(&p);
    p.bands = 64;          /* 64 x 4 > 128 slots */
    assert_null(kb_dedup_new(&p));
    kb_dedup_params_default(&p);
    p.threshold = 0;
    assert_null(kb_dedup_new(&p));
    uint32_t sig[4];
    assert_int_equal(kb_minhash_sign_set(NULL, 0, 0, sig), KB_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_hash_folds_space_and_marks),
        cmocka_unit_test(minhash_identical_is_one),
        cmocka_unit_test(minhash_disjoint_is_near_zero),
        cmocka_unit_test(minhash_estimate_tracks_exact_jaccard),
        cmocka_unit_test(lsh_finds_near_copy_only),
        cmocka_unit_test(detector_exact_and_new),
        cmocka_unit_test(reprint_links_to_earliest),
        cmocka_unit_test(rebuild_from_signatures),
        cmocka_unit_test(params_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
