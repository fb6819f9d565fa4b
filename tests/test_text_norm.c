/* tests/test_text_norm.c -- kb_normalize: every folding rule on real words,
 * the offset map, invalid UTF-8, idempotence on the samples and on random
 * strings built from the characters the rules touch. */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *norm(const char *s, unsigned flags)
{
    kb_norm n;
    assert_int_equal(kb_normalize(s, strlen(s), flags, &n), KB_OK);
    assert_int_equal(strlen(n.text), n.len);
    free(n.map);
    return n.text;
}

#define assert_norm(in, want)                                                 \
    do {                                                                      \
        char *got_ = norm(in, 0);                                             \
        assert_string_equal(got_, want);                                      \
        free(got_);                                                           \
    } while (0)

#define assert_norm_flags(in, flags, want)                                    \
    do {                                                                      \
        char *got_ = norm(in, flags);                                         \
        assert_string_equal(got_, want);                                      \
        free(got_);                                                           \
    } while (0)

static void harakat_tanween_shadda_sukun(void **state)
{
    (void)state;
    assert_norm("مُحادثاتٌ", "محادثات");           /* damma, dammatan */
    assert_norm("تُعقد هذا الأسبوع", "تعقد هذا الاسبوع");   /* from sample 000 */
    assert_norm("ابتداءً من سبتمبر", "ابتداء من سبتمبر");   /* fathatan */
    assert_norm("وفقاً لقناة الحرة", "وفقا لقناه الحره");
    assert_norm("بِسْمِ", "بسم");                   /* kasra, sukun */
    assert_norm("إنّ محمّداً", "ان محمدا");          /* shadda */
    assert_norm("هٰذا الرَّحْمٰن", "هذا الرحمن");    /* superscript alef */
}

static void quranic_marks_and_tatweel(void **state)
{
    (void)state;
    /* the small high three dots (U+06DB) between words go, spaces stay;
     * the dagger alef of Quranic spelling goes too (الكتٰب -> الكتب) */
    assert_norm("ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ", "ذلك الكتب لا ريب  فيه");
    assert_norm("۞ الحمد", " الحمد");           /* rub el hizb */
    assert_norm("خلال الـ12 شهراً", "خلال ال12 شهرا");   /* sample 001 */
    assert_norm("لـ(داعش)", "ل(داعش)");
    assert_norm("مـــصـــر", "مصر");
}

static void alef_forms(void **state)
{
    (void)state;
    assert_norm("أعلنت إنهاء آخر ٱلكتاب", "اعلنت انهاء اخر الكتاب");
    /* hamza on waw and yeh stays: they are other letters */
    assert_norm("مسؤولون رئيس", "مسؤولون رئيس");
}

static void yeh_and_teh_marbuta(void **state)
{
    (void)state;
    assert_norm("مستشفى المدينة", "مستشفي المدينه");
    assert_norm("مستشارى التحالف الدولى", "مستشاري التحالف الدولي");  /* sample 000 */
    assert_norm_flags("مستشفى المدينة", KB_NORM_KEEP_TA_MARBUTA | KB_NORM_KEEP_ALEF_MAQSURA,
                      "مستشفى المدينة");
    assert_norm_flags("مستشفى المدينة", KB_NORM_KEEP_TA_MARBUTA, "مستشفي المدينة");
    assert_norm_flags("مستشفى المدينة", KB_NORM_KEEP_ALEF_MAQSURA, "مستشفى المدينه");
}

static void persian_and_urdu_letters(void **state)
{
    (void)state;
    assert_norm("الولایات", "الولايات");              /* sample 002, Persian yeh */
    assert_norm("التحالف الدولی", "التحالف الدولي");  /* samples 003, 004 */
    assert_norm("کتاب", "كتاب");                      /* keheh */
    assert_norm("ڪتاب", "كتاب");                      /* swash kaf */
    assert_norm("پاکستان", "پاكستان");                /* پ is a letter of its own */
    assert_norm("مدرسۃ", "مدرسه");                    /* Urdu teh marbuta goal */
    assert_norm_flags("مدرسۃ", KB_NORM_KEEP_TA_MARBUTA, "مدرسة");
    assert_norm("خانۀ", "خانه");                      /* heh with hamza */
    assert_norm("شہر", "شهر");                        /* heh goal */
    assert_norm("بھی", "بهي");                        /* heh doachashmee */
    assert_norm("کے لیے", "كي ليي");                  /* yeh barree */
}

static void digits(void **state)
{
    (void)state;
    assert_norm("٢٠٢٤", "2024");
    assert_norm("۲۰۲۴", "2024");                      /* Persian digits */
    assert_norm("١٢٫٥٪ و٢٬٥٠٠", "12.5% و2,500");
}

static void presentation_forms(void **state)
{
    (void)state;
    assert_norm("ﻻ", "لا");
    assert_norm("ﷲ", "الله");
    assert_norm("ﺍﻟﻌﺮﺑﻴﺔ", "العربيه");
    assert_norm("ﻷ", "لا");                           /* lam-alef with hamza */
    assert_norm("ﯾ", "ي");                            /* Farsi yeh initial form */
    assert_norm("ﮐ", "ك");                            /* keheh initial form */
    assert_norm("ﺓ", "ه");
    assert_norm("ﹰﹱ", "");                            /* isolated/medial fathatan */
    assert_norm("ﷺ", "صلي الله عليه وسلم");
}

static void invisible_controls(void **state)
{
    (void)state;
    assert_norm("می\u200cخواهم", "ميخواهم");         /* ZWNJ */
    assert_norm("لا\u200dزم", "لازم");                /* ZWJ */
    assert_norm("\u200fالعراق\u200e", "العراق");      /* RLM, LRM */
    assert_norm("\u202bبغداد\u202c \u202aA\u202d\u202e", "بغداد a");
    assert_norm("\u2067داعش\u2069\u2066\u2068", "داعش");  /* RLI PDI LRI FSI */
    assert_norm("\ufeffالمصدر", "المصدر");            /* BOM */
    assert_norm("Ex\u00adample", "example");          /* soft hyphen */
    assert_norm("A\u200bB", "ab");                    /* zero width space */
}

static void nfc_and_case_fold(void **state)
{
    (void)state;
    assert_norm("Cafe\u0301", "caf\u00e9");
    assert_norm("BAGHDAD Straße ÉTAT", "baghdad strasse \u00e9tat");
    assert_norm("ΑΘΗΝΑ", "αθηνα");
    /* a combining hamza composes as the precomposed letter would */
    assert_norm("\u0648\u0654", "ؤ");
    assert_norm("\u064a\u0654", "ئ");
    assert_norm("\u0627\u0654\u0645\u0631", "امر");
    assert_norm("\uff21\uff22", "ab");                /* full-width */
}

static void invalid_utf8(void **state)
{
    (void)state;
    assert_norm("a\xff" "b", "a\xef\xbf\xbd" "b");
    assert_norm("\xd8", "\xef\xbf\xbd");              /* truncated */
    assert_norm("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");   /* overlong */
    assert_norm("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  /* surrogate */
    kb_norm n;
    assert_int_equal(kb_normalize("a\0b", 3, 0, &n), KB_OK);
    assert_int_equal(n.len, 3);
    assert_memory_equal(n.text, "a\0b", 3);
    kb_norm_free(&n);
}

static void offset_map(void **state)
{
    (void)state;
    const char *s = "مُحادثاتٌ، ﻻ";
    kb_norm n;
    assert_int_equal(kb_normalize(s, strlen(s), 0, &n), KB_OK);
    assert_string_equal(n.text, "محادثات، لا");
    /* م at 0; damma (2 bytes) dropped, so ح starts at 4 */
    assert_int_equal(n.map[0], 0);
    assert_int_equal(n.map[1], 0);
    assert_int_equal(n.map[2], 4);
    assert_int_equal(n.map[3], 4);
    /* ، follows ت at 14 and dammatan at 16: it is at 18 */
    assert_int_equal(n.map[14], 18);
    /* ﻻ (3 bytes at 21) produced both letters */
    assert_int_equal(n.map[17], 21);
    assert_int_equal(n.map[20], 21);
    assert_int_equal(n.map[n.len], strlen(s));
    kb_norm_free(&n);

    assert_int_equal(kb_normalize("", 0, 0, &n), KB_OK);
    assert_int_equal(n.len, 0);
    assert_string_equal(n.text, "");
    assert_int_equal(n.map[0], 0);
    kb_norm_free(&n);
}

/* Normalise s twice; check idempotence and the map invariants. */
static void check_idempotent(const char *s, size_t len)
{
    kb_norm a, b;
    assert_int_equal(kb_normalize(s, len, 0, &a), KB_OK);
    assert_int_equal(kb_normalize(a.text, a.len, 0, &b), KB_OK);
    if (a.len != b.len || memcmp(a.text, b.text, a.len)) {
        print_message("not idempotent on %zu bytes: [%s] -> [%s]\n", len, a.text, b.text);
        fail();
    }
    assert_true(kb_utf8_valid(a.text, a.len));
    assert_int_equal(a.map[a.len], len);
    for (size_t i = 0; i < a.len; i++) {
        assert_true(a.map[i] < len);
        if (i) assert_true(a.map[i] >= a.map[i - 1]);
    }
    size_t sl;
    char *str = kb_normalize_str(s, len, &sl);
    assert_non_null(str);
    assert_int_equal(sl, a.len);
    assert_memory_equal(str, a.text, sl);
    free(str);
    kb_norm_free(&a);
    kb_norm_free(&b);
}

static void idempotent_on_samples(void **state)
{
    (void)state;
    for (size_t i = 0; i < KB_TEST_NSAMPLES; i++) {
        size_t len;
        char *s = kb_test_read_file(kb_test_path(kb_test_samples[i]), &len);
        assert_non_null(s);
        check_idempotent(s, len);
        free(s);
    }
}

/* Every single code point of the Arabic blocks, the presentation forms and
 * Latin-1/Extended-A: normalising once is normalising twice. */
static void idempotent_per_code_point(void **state)
{
    (void)state;
    static const int32_t ranges[][2] = {
        { 0x0080, 0x024F }, { 0x0300, 0x036F }, { 0x0600, 0x06FF }, { 0x0750, 0x077F },
        { 0x08A0, 0x08FF }, { 0x2000, 0x206F }, { 0xFB50, 0xFDFF }, { 0xFE70, 0xFEFF },
        { 0xFF00, 0xFF65 },
    };
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            char buf[16];
            size_t n = kb_utf8_encode(cp, buf + 1);
            if (!n) continue;
            buf[0] = 'x';       /* after a letter, so marks have a base */
            check_idempotent(buf, n + 1);
            check_idempotent(buf + 1, n);
        }
    }
}

/* Random strings over the characters the rules are about. */
static void idempotent_property(void **state)
{
    (void)state;
    static const char *const atoms[] = {
        "م", "ح", "ا", "ل", "و", "ي", "ه", "ة", "ى", "أ", "إ", "آ", "ٱ", "ء", "ؤ", "ئ",
        "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0653", "\u0654", "\u0655",
        "\u0670", "\u0640", "\u06db", "ی", "ک", "ہ", "ۀ", "ۃ", "ے", "ڪ", "پ", "٢", "۵",
        "٫", "٬", "٪", "ﻻ", "ﷲ", "ﺍ", "ﻷ", "ﹰ", "ﷺ", "\u200c", "\u200d", "\u200f",
        "\u202b", "\u2067", "\ufeff", "\u00ad", "e", "E", "\u0301", "\u0327", "\u0308",
        "ß", "İ", "\u1100", "\u1161", "\xff", "\xd8", "\xe2\x80", " ", "،", "1", ".",
        "\u0316", "\u05b0", "Å", "\u212b", "ﬁ", "\u0345", "\xa7", "\u08f0",
    };
    const size_t na = sizeof atoms / sizeof atoms[0];
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char buf[512];
    for (int it = 0; it < 5000; it++) {
        size_t len = 0;
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int k = (int)(x % 24) + 1;
        for (int j = 0; j < k; j++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            const char *a = atoms[x % na];
            size_t al = strlen(a);
            memcpy(buf + len, a, al);
            len += al;
        }
        check_idempotent(buf, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(harakat_tanween_shadda_sukun),
        cmocka_unit_test(quranic_marks_and_tatweel),
        cmocka_unit_test(alef_forms),
        cmocka_unit_test(yeh_and_teh_marbuta),
        cmocka_unit_test(persian_and_urdu_letters),
        cmocka_unit_test(digits),
        cmocka_unit_test(presentation_forms),
        cmocka_unit_test(invisible_controls),
        cmocka_unit_test(nfc_and_case_fold),
        cmocka_unit_test(invalid_utf8),
        cmocka_unit_test(offset_map),
        cmocka_unit_test(idempotent_on_samples),
        cmocka_unit_test(idempotent_per_code_point),
        cmocka_unit_test(idempotent_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
