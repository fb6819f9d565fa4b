/* tests/test_text_stem.c -- the Arabic light stemmer against Snowball
 * Arabic's known failures, variant groups from the samples, the و and
 * short-word guards, proper nouns; kb_stemmer for Latin tokens; and a
 * measurement on the kabi word list of ../shared/data/arabic-stemmers. */
#include "kb_test.h"

#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Normalise raw, stem it; the result is malloc'd. */
static char *stem(const char *raw)
{
    size_t nl;
    char *n = kb_normalize_str(raw, strlen(raw), &nl);
    assert_non_null(n);
    char *out = malloc(nl + 1);
    assert_non_null(out);
    size_t sl = kb_stem_ar(n, nl, out);
    assert_int_equal(strlen(out), sl);
    assert_true(sl <= nl);
    assert_non_null(strstr(n, out));   /* a light stem is a piece of the word */
    free(n);
    return out;
}

#define assert_stem(raw, want)                                                \
    do {                                                                      \
        char *got_ = stem(raw);                                               \
        if (strcmp(got_, want)) {                                             \
            print_message("stem(%s) = %s, want %s\n", raw, got_, want);       \
            fail();                                                           \
        }                                                                     \
        free(got_);                                                           \
    } while (0)

/* Every word of the NULL-terminated list has the stem want. */
static void assert_group(const char *want, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) assert_stem(words[i], want);
}

static void snowball_failures_fixed(void **state)
{
    (void)state;
    /* what Snowball Arabic does to them (the issue that asked for this
     * stemmer lists these), then ours */
    static const char *const w[][3] = {
        { "الولايات", "ولا", "ولاي" },
        { "والمحادثات", "والمحادثا", "محادث" },
        { "وزراء", "زراء", "وزراء" },
        { "فلسطينيين", "لسطيني", "فلسطين" },
    };
    for (size_t i = 0; i < 4; i++) {
        char sb[128];
        kb_text_snowball_ar(w[i][0], strlen(w[i][0]), sb, sizeof sb);
        assert_string_equal(sb, w[i][1]);
        assert_stem(w[i][0], w[i][2]);
    }
}

static void variant_groups(void **state)
{
    (void)state;
    static const char *const talks[] = {
        "محادثات", "والمحادثات", "المحادثات", "ومحادثات", "مُحادثات", "محادثة",
        "للمحادثات", "محادثاتها", NULL };
    assert_group("محادث", talks);
    static const char *const states[] = {
        "الولايات", "الولایات", "ولايات", "والولايات", "ولاية", "بالولايات",
        "للولايات", "ولايتين", NULL };
    assert_group("ولاي", states);
    static const char *const iraq[] = {
        "العراق", "والعراق", "العراقية", "العراقي", "عراقيين", "العراقيون", NULL };
    assert_group("عراق", iraq);
    static const char *const intl[] = {
        "الدولي", "الدولية", "الدولی", "الدولى", "والدولية", NULL };
    assert_group("دولي", intl);
    static const char *const palestine[] = {
        "فلسطين", "فلسطينيين", "الفلسطينية", "الفلسطينيون", "فلسطيني", NULL };
    assert_group("فلسطين", palestine);
    static const char *const government[] = {
        "حكومة", "الحكومة", "حكومته", "حكومتها", "والحكومات", NULL };
    assert_group("حكوم", government);
    static const char *const forces[] = { "قوة", "قوات", "القوات", "قواتها", NULL };
    assert_group("قو", forces);
    static const char *const advisers[] = {
        "المستشارين", "مستشاري", "مستشارى", "المستشارون", "مستشار", NULL };
    assert_group("مستشار", advisers);
    static const char *const america[] = {
        "الأمريكية", "أمريكيون", "الأمريكيين", "أمريكا", "أمريكي", NULL };
    assert_group("امريك", america);
}

static void waw_guard(void **state)
{
    (void)state;
    /* the و belongs to these words */
    assert_stem("وزير", "وزير");
    assert_stem("وطن", "وطن");
    assert_stem("ولاية", "ولاي");
    assert_stem("وقت", "وقت");
    assert_stem("وقتها", "وقت");
    assert_stem("وكالة", "وكال");
    assert_stem("وكالات", "وكال");
    assert_stem("وزارة", "وزار");
    assert_stem("الوزير", "وزير");
    assert_stem("واشنطن", "واشنطن");
    assert_stem("وفقاً", "وفق");
    /* and here it is the conjunction */
    assert_stem("وقال", "قال");
    assert_stem("ووزير", "وزير");
    assert_stem("والوزير", "وزير");
    assert_stem("وبالتالي", "تالي");    /* ي needs four letters left */
}

static void short_words_and_proper_nouns(void **state)
{
    (void)state;
    assert_stem("قال", "قال");
    assert_stem("من", "من");
    assert_stem("بين", "بين");
    assert_stem("دين", "دين");
    assert_stem("لبنان", "لبنان");
    assert_stem("اللبنانية", "لبنان");
    assert_stem("مليون", "مليون");
    assert_stem("قانون", "قانون");
    assert_stem("القانونية", "قانون");
    assert_stem("عبدالله", "عبدالله");
    assert_stem("والله", "الله");
    assert_stem("تأمين", "تامين");      /* taf'il, not a plural in -ين */
    assert_stem("سلمان", "سلمان");
    /* an initial أل that is not the article goes like one, so both meet */
    assert_stem("ألعاب", "عاب");
    assert_stem("الألعاب", "عاب");
}

static void non_arabic_unchanged(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(kb_stem_ar("covid19", 7, out), 7);
    assert_string_equal(out, "covid19");
    const char *mixed = "ت2";
    assert_int_equal(kb_stem_ar(mixed, strlen(mixed), out), strlen(mixed));
    assert_string_equal(out, mixed);
    assert_int_equal(kb_stem_ar("", 0, out), 0);
    assert_string_equal(out, "");
    assert_true(kb_text_stem_tables_sorted());
}

static void stemmer_by_kind(void **state)
{
    (void)state;
    kb_stemmer *en = kb_stemmer_new(NULL);
    assert_non_null(en);
    char a[64], b[64], c[64];
    kb_stemmer_stem(en, "talks", 5, KB_TOK_LATIN, a);
    kb_stemmer_stem(en, "talking", 7, KB_TOK_LATIN, b);
    kb_stemmer_stem(en, "talked", 6, KB_TOK_LATIN, c);
    assert_string_equal(a, "talk");
    assert_string_equal(b, "talk");
    assert_string_equal(c, "talk");
    kb_stemmer_stem(en, "withdrawals", 11, KB_TOK_LATIN, a);
    kb_stemmer_stem(en, "withdrawal", 10, KB_TOK_LATIN, b);
    assert_string_equal(a, b);
    /* numbers, URLs and mixed tokens pass through */
    assert_int_equal(kb_stemmer_stem(en, "2,500", 5, KB_TOK_NUMBER, a), 5);
    assert_string_equal(a, "2,500");
    assert_int_equal(kb_stemmer_stem(en, "covid19s", 8, KB_TOK_MIXED, a), 8);
    assert_string_equal(a, "covid19s");
    /* Arabic tokens go to kb_stem_ar whatever the language */
    const char *w = "والمحادثات";
    kb_stemmer_stem(en, w, strlen(w), KB_TOK_ARABIC, a);
    assert_string_equal(a, "محادث");
    kb_stemmer_free(en);

    kb_stemmer *fr = kb_stemmer_new("fr");
    assert_non_null(fr);
    const char *x = "négociations", *y = "négociation";
    kb_stemmer_stem(fr, x, strlen(x), KB_TOK_LATIN, a);
    kb_stemmer_stem(fr, y, strlen(y), KB_TOK_LATIN, b);
    assert_string_equal(a, b);
    assert_true(strlen(a) < strlen(y));
    kb_stemmer_free(fr);

    kb_stemmer *de = kb_stemmer_new("german");
    assert_non_null(de);
    kb_stemmer_stem(de, "verhandlungen", 13, KB_TOK_LATIN, a);
    kb_stemmer_stem(de, "verhandlung", 11, KB_TOK_LATIN, b);
    assert_string_equal(a, b);
    kb_stemmer_free(de);

    /* a language Snowball does not have stems as English: "-ed" goes */
    kb_stemmer *xx = kb_stemmer_new("xx");
    assert_non_null(xx);
    assert_int_equal(kb_stemmer_stem(xx, "talked", 6, KB_TOK_LATIN, a), 4);
    assert_string_equal(a, "talk");
    kb_stemmer_free(xx);
    kb_stemmer_free(NULL);
}

/* ---- kabi: word, root, stem, stem (tab-separated, header line) */

typedef struct kword {
    char *word, *root, *kb, *sb;
} kword;

static int by_word(const void *a, const void *b)
{
    return strcmp(((const kword *)a)->word, ((const kword *)b)->word);
}

static const kword *find(const kword *v, size_t n, const char *w)
{
    kword key = { (char *)w, NULL, NULL, NULL };
    return bsearch(&key, v, n, sizeof *v, by_word);
}

static int by_kb_root(const void *a, const void *b)
{
    const kword *x = a, *y = b;
    int c = strcmp(x->kb, y->kb);
    return c ? c : strcmp(x->root, y->root);
}
static int by_sb_root(const void *a, const void *b)
{
    const kword *x = a, *y = b;
    int c = strcmp(x->sb, y->sb);
    return c ? c : strcmp(x->root, y->root);
}
static int by_root(const void *a, const void *b)
{
    return strcmp(((const kword *)a)->root, ((const kword *)b)->root);
}

/* Pair precision and recall of a stemmer against the roots: of the pairs
 * of words it puts together, how many share a root; of the pairs sharing a
 * root, how many it puts together. */
static void pairs(kword *v, size_t n, int snowball, double *prec, double *rec)
{
    qsort(v, n, sizeof *v, snowball ? by_sb_root : by_kb_root);
    double same_stem = 0, same_both = 0, same_root = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(snowball ? v[j].sb : v[j].kb, snowball ? v[i].sb : v[i].kb)) j++;
        same_stem += (double)(j - i) * (double)(j - i - 1) / 2;
        for (size_t k = i; k < j;) {
            size_t l = k;
            while (l < j && !strcmp(v[l].root, v[k].root)) l++;
            same_both += (double)(l - k) * (double)(l - k - 1) / 2;
            k = l;
        }
        i = j;
    }
    qsort(v, n, sizeof *v, by_root);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(v[j].root, v[i].root)) j++;
        same_root += (double)(j - i) * (double)(j - i - 1) / 2;
        i = j;
    }
    *prec = same_both / same_stem;
    *rec = same_both / same_root;
    qsort(v, n, sizeof *v, by_word);
}

static void kabi_word_list(void **state)
{
    (void)state;
    KB_REQUIRE_SHARED();
    char path[4096];
    snprintf(path, sizeof path, "%s/arabic-stemmers/kabi.csv", kb_test_shared_data());
    size_t len;
    char *data = kb_test_read_file(path, &len);
    if (!data) {
        print_message("skipped: %s not readable\n", path);
        skip();
    }
    kword *v = calloc(8000, sizeof *v);
    assert_non_null(v);
    size_t n = 0;
    char *save = NULL;
    int header = 1;
    for (char *line = strtok_r(data, "\n", &save); line && n < 8000;
         line = strtok_r(NULL, "\n", &save)) {
        if (header) { header = 0; continue; }
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        char *root = tab + 1, *end = strchr(root, '\t');
        if (end) *end = '\0';
        /* words without a known root cannot be judged */
        if (!*root || strstr(root, "؟")) continue;
        size_t nl;
        char *w = kb_normalize_str(line, strlen(line), &nl);
        assert_non_null(w);
        v[n].word = w;
        v[n].root = strdup(root);
        v[n].kb = malloc(nl + 1);
        v[n].sb = malloc(nl * 2 + 8);
        kb_stem_ar(w, nl, v[n].kb);
        kb_text_snowball_ar(w, nl, v[n].sb, nl * 2 + 8);
        n++;
    }
    /* distinct words only */
    qsort(v, n, sizeof *v, by_word);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && !strcmp(v[m - 1].word, v[i].word)) {
            free(v[i].word); free(v[i].root); free(v[i].kb); free(v[i].sb);
            continue;
        }
        v[m++] = v[i];
    }
    n = m;
    assert_true(n > 6000);

    /* 1. Words that differ only by a proclitic and share a root (الوزير /
     *    وزير, والمحادثات / المحادثات): how often is the stem the same? */
    static const char *const pre[] = { "و", "ال", "وال", "بال", "كال", "فال", "لل" };
    size_t fam = 0, kb_same = 0, sb_same = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t p = 0; p < sizeof pre / sizeof pre[0]; p++) {
            size_t pl = strlen(pre[p]);
            if (strncmp(v[i].word, pre[p], pl)) continue;
            const kword *b = find(v, n, v[i].word + pl);
            if (!b || strcmp(b->root, v[i].root)) continue;
            fam++;
            kb_same += !strcmp(b->kb, v[i].kb);
            sb_same += !strcmp(b->sb, v[i].sb);
        }
    }
    double kb_fam = (double)kb_same / (double)fam, sb_fam = (double)sb_same / (double)fam;

    /* 2. Pairs against the roots. */
    double kp, kr, sp, sr;
    pairs(v, n, 0, &kp, &kr);
    pairs(v, n, 1, &sp, &sr);
    print_message("kabi: %zu words; proclitic pairs %zu: same stem kb %.3f snowball %.3f\n"
                  "kabi: root pairs: kb precision %.3f recall %.3f, snowball precision %.3f "
                  "recall %.3f\n", n, fam, kb_fam, sb_fam, kp, kr, sp, sr);
    /* measured: 1392 pairs, kb 0.997, Snowball 0.248; precision
     * kb 0.968 / Snowball 0.973 (the roots are noisy: سياسي is filed under
     * سود, سوس and سيس), recall kb 0.150 / Snowball 0.073 */
    assert_true(fam > 1000);
    assert_true(kb_fam >= 0.98);
    assert_true(kb_fam > sb_fam + 0.5);
    assert_true(kp >= 0.95);
    assert_true(kr > sr);

    for (size_t i = 0; i < n; i++) {
        free(v[i].word); free(v[i].root); free(v[i].kb); free(v[i].sb);
    }
    free(v);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snowball_failures_fixed),
        cmocka_unit_test(variant_groups),
        cmocka_unit_test(waw_guard),
        cmocka_unit_test(short_words_and_proper_nouns),
        cmocka_unit_test(non_arabic_unchanged),
        cmocka_unit_test(stemmer_by_kind),
        cmocka_unit_test(kabi_word_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
