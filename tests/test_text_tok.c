/* tests/test_text_tok.c -- kb_tokenize: words with clitics, Arabic
 * punctuation, numbers, URLs, e-mails, mixed tokens, and spans that lead
 * back to the original text on all five samples. */
#include "kb_test.h"

#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tokenise s and compare the normalised token texts and kinds with want,
 * a list of "kind:text" strings (kind: A L N U E M), NULL-terminated. */
static void check_tokens(const char *s, const char *const *want)
{
    kb_tokens t;
    assert_int_equal(kb_tokenize(s, strlen(s), &t), KB_OK);
    size_t n = 0;
    while (want[n]) n++;
    for (size_t i = 0; i < t.n && i < n; i++) {
        const kb_token *k = &t.v[i];
        char got[512];
        snprintf(got, sizeof got, "%c:%.*s", " ALNUEM"[k->kind],
                 (int)(k->nend - k->nstart), t.norm.text + k->nstart);
        assert_string_equal(got, want[i]);
    }
    assert_int_equal(t.n, n);
    kb_tokens_free(&t);
}

static void arabic_words_keep_clitics(void **state)
{
    (void)state;
    /* sample 000, first sentence */
    static const char *const want[] = {
        "A:كشفت", "A:مصادر", "A:عراقيه", "A:ومسؤولون", "A:امريكيون", "A:اليوم",
        "A:الثلاثاء", "A:عن", "A:تطورات", "A:جديده", "A:في", "A:الحوار", "A:الامني",
        "A:بين", "A:العراق", "A:والولايات", "A:المتحده", NULL };
    check_tokens("كشفت مصادر عراقية ومسؤولون أمريكيون، اليوم الثلاثاء، عن تطورات "
                 "جديدة في الحوار الأمني بين العراق والولايات المتحدة.", want);
    static const char *const want2[] = { "A:والمحادثات", "A:للتحالف", "A:بالتنسيق", NULL };
    check_tokens("والمحادثات للتحالف بالتنسيق", want2);
}

static void arabic_punctuation_separates(void **state)
{
    (void)state;
    static const char *const want[] = {
        "A:العراق", "A:سوريا", "A:لبنان", "A:مصر", "A:الاردن", NULL };
    check_tokens("العراق،سوريا؛لبنان؟«مصر»…الأردن", want);
    /* quotes and brackets from sample 001 */
    static const char *const want2[] = {
        "A:لهزيمه", "A:داعش", "A:في", "A:العراق", "A:ل", "A:داعش", NULL };
    check_tokens("لهزيمة \"داعش\" في العراق لـ(داعش)", want2);
}

static void numbers(void **state)
{
    (void)state;
    static const char *const want[] = {
        "A:بلغ", "N:2,500", "A:و", "N:2500", "N:12.5%", "N:1.5", "N:12.5%", "N:2025", NULL };
    /* و before a number is a proclitic and is dropped, but a lone و stays */
    check_tokens("بلغ 2,500 و ٢٥٠٠ و12.5% 1.5 ١٢٫٥٪ 2025.", want);
    /* dates split on - and /: a search for the year finds them */
    static const char *const want2[] = { "N:2024", "N:07", "N:23", "N:23", "N:7", "N:2024",
                                          "N:10", "N:30", NULL };
    check_tokens("2024-07-23 23/7/2024 10:30", want2);
    /* الـ12 (sample 001): the article before the number goes */
    static const char *const want3[] = { "A:خلال", "N:12", "A:شهرا", "A:المقبله", NULL };
    check_tokens("خلال الـ12 شهراً المقبلة", want3);
    /* a year with the Gregorian mark م: two tokens */
    static const char *const want4[] = { "A:عام", "N:2024", "A:م", NULL };
    check_tokens("عام 2024م", want4);
}

static void urls_and_emails(void **state)
{
    (void)state;
    static const char *const want[] = {
        "A:المصدر", "U:https://www.aljazeera.net/news/2024/1/25/عراق?id=5",
        "A:او", "U:www.example.org/a_b", "E:news.desk@example.co.uk", NULL };
    check_tokens("المصدر: https://www.aljazeera.net/news/2024/1/25/عراق?id=5، "
                 "أو (www.example.org/a_b). news.desk@example.co.uk.", want);
    static const char *const want2[] = { "L:user", "L:localhost", "L:http", NULL };
    check_tokens("user@localhost http://", want2);
}

static void latin_and_mixed(void **state)
{
    (void)state;
    static const char *const want[] = {
        "L:the", "L:u", "L:s", "L:and", "L:iraq", "M:covid19", "M:g20", "M:5g", "A:ت",
        "N:2", NULL };
    /* ت 2: space between, so two tokens */
    check_tokens("The U.S. and Iraq, COVID19 G20 5G ت 2", want);
    static const char *const want2[] = { "M:ت2", "L:l", "L:armée", "L:covid", "N:19", NULL };
    check_tokens("ت2 l'Armée covid-19", want2);
    /* Latin glued to Arabic: two scripts, two tokens */
    static const char *const want3[] = { "A:ب", "L:cnn", NULL };
    check_tokens("بـCNN", want3);
}

static void empty_and_separators_only(void **state)
{
    (void)state;
    kb_tokens t;
    assert_int_equal(kb_tokenize("", 0, &t), KB_OK);
    assert_int_equal(t.n, 0);
    kb_tokens_free(&t);
    const char *seps = " ، «» ... \n\t";
    assert_int_equal(kb_tokenize(seps, strlen(seps), &t), KB_OK);
    assert_int_equal(t.n, 0);
    kb_tokens_free(&t);
}

static void class_tables_match(void **state)
{
    (void)state;
    assert_true(kb_text_class_tables_ok());
    assert_int_equal(kb_text_char_class(0x0645), KB_CC_ARABIC);    /* م */
    assert_int_equal(kb_text_char_class(0x060C), KB_CC_OTHER);     /* ، */
    assert_int_equal(kb_text_char_class(0x00AB), KB_CC_OTHER);     /* « */
    assert_int_equal(kb_text_char_class(0x00E9), KB_CC_LETTER);    /* é */
    assert_int_equal(kb_text_char_class(0x0301), KB_CC_MARK);
    assert_int_equal(kb_text_char_class(0x0967), KB_CC_DIGIT);     /* Devanagari 1 */
}

static void spans_point_into_original(void **state)
{
    (void)state;
    const char *s = "مُحادثاتٌ في «الولایات»";
    kb_tokens t;
    assert_int_equal(kb_tokenize(s, strlen(s), &t), KB_OK);
    assert_int_equal(t.n, 3);
    /* the original span keeps the harakat, the Persian yeh */
    assert_int_equal(t.v[0].start, 0);
    assert_memory_equal(s + t.v[0].start, "مُحادثاتٌ", t.v[0].end - t.v[0].start);
    assert_int_equal(t.v[0].end - t.v[0].start, strlen("مُحادثاتٌ"));
    assert_int_equal(t.v[2].end - t.v[2].start, strlen("الولایات"));
    assert_memory_equal(s + t.v[2].start, "الولایات", strlen("الولایات"));
    assert_memory_equal(t.norm.text + t.v[2].nstart, "الولايات", strlen("الولايات"));
    kb_tokens_free(&t);
}

/* For every token of every sample, the original span normalises to the
 * token's normalised text. */
static void spans_round_trip_on_samples(void **state)
{
    (void)state;
    size_t total = 0, arabic = 0, numbers = 0;
    for (size_t f = 0; f < KB_TEST_NSAMPLES; f++) {
        size_t len;
        char *s = kb_test_read_file(kb_test_path(kb_test_samples[f]), &len);
        assert_non_null(s);
        kb_tokens t;
        assert_int_equal(kb_tokenize(s, len, &t), KB_OK);
        assert_true(t.n > 200);
        for (size_t i = 0; i < t.n; i++) {
            const kb_token *k = &t.v[i];
            assert_true(k->start < k->end && k->end <= len);
            assert_true(k->nstart < k->nend && k->nend <= t.norm.len);
            if (i) assert_true(k->nstart >= t.v[i - 1].nend && k->start >= t.v[i - 1].end);
            size_t nl;
            char *n = kb_normalize_str(s + k->start, k->end - k->start, &nl);
            assert_non_null(n);
            if (nl != k->nend - k->nstart || memcmp(n, t.norm.text + k->nstart, nl)) {
                print_message("%s: token %zu: original [%.*s] normalises to [%s], token is [%.*s]\n",
                              kb_test_samples[f], i, (int)(k->end - k->start), s + k->start, n,
                              (int)(k->nend - k->nstart), t.norm.text + k->nstart);
                fail();
            }
            free(n);
            arabic += k->kind == KB_TOK_ARABIC;
            numbers += k->kind == KB_TOK_NUMBER;
        }
        total += t.n;
        kb_tokens_free(&t);
        free(s);
    }
    /* Arabic news: nearly all tokens are Arabic words; the samples hold
     * years (2024, 2025, 2026) and counts */
    assert_true(arabic * 10 > total * 9);
    assert_true(numbers >= 10);
}

/* Random bytes and pieces of words: tokens stay inside both texts, in
 * order, and every token can be stemmed into a buffer of its own size. */
static void random_input(void **state)
{
    (void)state;
    static const char *const atoms[] = {
        "و", "ال", "محادثات", "ة", "ى", "\u064b", "ـ", "١٢", "٫", "٬", "٪", ",", ".", "%",
        "http://", "https://a.b/", "www.", "@", "x@y.co", "ﻻ", "ﷺ", "\u200c", "e\u0301",
        "COVID", "19", " ", "،", "«", "\xff", "\xd8", "\xe2\x80", "-", "'", "(", ")",
    };
    const size_t na = sizeof atoms / sizeof atoms[0];
    kb_stemmer *st = kb_stemmer_new("en");
    assert_non_null(st);
    uint64_t x = 0x243F6A8885A308D3ull;
    char buf[1024], out[1024];
    for (int it = 0; it < 3000; it++) {
        size_t len = 0;
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int k = (int)(x % 40);
        for (int j = 0; j < k; j++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            if (x % 5 == 0) {
                buf[len++] = (char)(x >> 24);
                continue;
            }
            const char *a = atoms[(x >> 8) % na];
            memcpy(buf + len, a, strlen(a));
            len += strlen(a);
        }
        kb_tokens t;
        assert_int_equal(kb_tokenize(buf, len, &t), KB_OK);
        for (size_t i = 0; i < t.n; i++) {
            const kb_token *tk = &t.v[i];
            assert_true(tk->start < tk->end && tk->end <= len);
            assert_true(tk->nstart < tk->nend && tk->nend <= t.norm.len);
            if (i) assert_true(tk->nstart >= t.v[i - 1].nend);
            size_t wl = tk->nend - tk->nstart;
            size_t sl = kb_stemmer_stem(st, t.norm.text + tk->nstart, wl,
                                        (kb_tok_kind)tk->kind, out);
            assert_true(sl <= wl);
            assert_int_equal(out[sl], '\0');
        }
        kb_tokens_free(&t);
    }
    kb_stemmer_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arabic_words_keep_clitics),
        cmocka_unit_test(arabic_punctuation_separates),
        cmocka_unit_test(numbers),
        cmocka_unit_test(urls_and_emails),
        cmocka_unit_test(latin_and_mixed),
        cmocka_unit_test(empty_and_separators_only),
        cmocka_unit_test(class_tables_match),
        cmocka_unit_test(spans_point_into_original),
        cmocka_unit_test(spans_round_trip_on_samples),
        cmocka_unit_test(random_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
