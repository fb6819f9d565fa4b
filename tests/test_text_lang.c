/* tests/test_text_lang.c -- stopwords and script-based language
 * identification on real sentences of each language. */
#include "kb_test.h"

#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Normalise raw and ask whether it is a stopword. */
static int stop(const char *raw)
{
    size_t nl;
    char *n = kb_normalize_str(raw, strlen(raw), &nl);
    assert_non_null(n);
    int r = kb_is_stopword(n, nl);
    free(n);
    return r;
}

static void arabic_stopwords(void **state)
{
    (void)state;
    const char *yes[] = { "في", "من", "على", "إلى", "عن", "أن", "إنّ", "التي", "الذي",
                          "هذا", "هذه", "ذلك", "وفي", "ومن", "فإن", "بأن", "لأن",
                          "عليها", "منهم", "هؤلاء", "حتى", "لدى", "فى", "و" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (!stop(yes[i])) { print_message("not a stopword: %s\n", yes[i]); fail(); }
    }
    const char *no[] = { "محادثات", "العراق", "الولايات", "التحالف", "انسحاب", "والي",
                         "قوات", "سبتمبر", "وزير" };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        if (stop(no[i])) { print_message("a stopword: %s\n", no[i]); fail(); }
    }
    /* the table holds normalised forms only: the raw spelling is no match */
    assert_false(kb_is_stopword("إلى", strlen("إلى")));
    assert_true(kb_is_stopword("الي", strlen("الي")));
    assert_true(kb_text_stopwords_sorted());
}

static void english_stopwords(void **state)
{
    (void)state;
    assert_true(stop("The"));
    assert_true(stop("and"));
    assert_true(stop("of"));
    assert_true(stop("which"));
    assert_false(stop("coalition"));
    assert_false(stop("iraq"));
    assert_false(kb_is_stopword("", 0));
    assert_false(kb_is_stopword("thee", 4));
}

static void lang(const char *s, const char *want)
{
    const char *got = kb_lang_detect(s, strlen(s));
    if (strcmp(got, want)) {
        print_message("lang(%.60s...) = %s, want %s\n", s, got, want);
        fail();
    }
}

static void arabic_persian_urdu(void **state)
{
    (void)state;
    lang("أعلنت الحكومة العراقية اليوم أنها ستواصل المحادثات مع الولايات المتحدة "
         "بشأن مستقبل التحالف الدولي في البلاد.", "ar");
    lang("وزیر امور خارجه ایران روز دوشنبه در یک نشست خبری گفت که گفتگوها با "
         "کشورهای همسایه ادامه خواهد داشت.", "fa");
    lang("این کتاب را دیروز از کتابخانه گرفتم و امروز می‌خوانم.", "fa");
    lang("پاکستان کے وزیر اعظم نے کہا ہے کہ حکومت ملک میں معاشی استحکام کے لیے "
         "تمام ضروری اقدامات کرے گی۔", "ur");
    lang("مجھے اردو زبان بہت پسند ہے اور میں روزانہ اخبار پڑھتا ہوں۔", "ur");
    /* Arabic with a few Persian yehs (الولایات, الدولی) stays Arabic */
    lang("أعلنت الولایات المتحدة والعراق انسحاب قوات التحالف الدولی من العراق", "ar");
}

static void samples_are_arabic(void **state)
{
    (void)state;
    for (size_t i = 0; i < KB_TEST_NSAMPLES; i++) {
        size_t len;
        char *s = kb_test_read_file(kb_test_path(kb_test_samples[i]), &len);
        assert_non_null(s);
        assert_string_equal(kb_lang_detect(s, len), "ar");
        free(s);
    }
}

static void latin_languages(void **state)
{
    (void)state;
    lang("The United States and Iraq have agreed on a plan for the withdrawal of "
         "coalition forces, officials said on Friday.", "en");
    lang("Les États-Unis et l'Irak se sont mis d'accord sur un calendrier pour le "
         "retrait des forces de la coalition.", "fr");
    lang("Die Vereinigten Staaten und der Irak haben sich auf einen Zeitplan für den "
         "Abzug der Truppen geeinigt.", "de");
    lang("Estados Unidos e Irak acordaron un calendario para la retirada de las tropas "
         "de la coalición internacional.", "es");
    lang("Il governo italiano ha detto che la missione della coalizione non è finita.", "it");
}

static void other_scripts_and_nothing(void **state)
{
    (void)state;
    lang("Москва является столицей России.", "ru");
    lang("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", "el");
    lang("2024-07-23 12:30 !!! ... ٢٠٢٤", "und");
    lang("", "und");
    lang("\xff\xfe\xfd", "und");
    assert_true(kb_text_lang_words_sorted());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arabic_stopwords),
        cmocka_unit_test(english_stopwords),
        cmocka_unit_test(arabic_persian_urdu),
        cmocka_unit_test(samples_are_arabic),
        cmocka_unit_test(latin_languages),
        cmocka_unit_test(other_scripts_and_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
