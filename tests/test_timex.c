/* tests/test_timex.c -- time expressions: every form the tagger knows, with
 * a reference date and the resolved value worked out by hand, on sentences
 * from samples/ and on sentences as Arabic news writes them. */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/timex.h"

static kb_date day(const char *iso)
{
    kb_date d;
    assert_int_equal(kb_date_parse_iso(iso, strlen(iso), &d), KB_OK);
    return d;
}

/* Tag text against ref (an ISO day or NULL). Caller frees *v. */
static size_t tag(const char *text, const char *ref_iso, kb_timex **v)
{
    kb_date ref;
    if (ref_iso) ref = day(ref_iso);
    size_t n;
    assert_int_equal(kb_timex_find(text, strlen(text), ref_iso ? &ref : NULL, v, &n), KB_OK);
    return n;
}

/* The expression whose span is exactly span, or fail. */
static const kb_timex *by_span(const char *text, const kb_timex *v, size_t n, const char *span)
{
    size_t l = strlen(span);
    for (size_t i = 0; i < n; i++)
        if (v[i].end - v[i].start == l && memcmp(text + v[i].start, span, l) == 0) return &v[i];
    for (size_t i = 0; i < n; i++) {
        char val[32];
        kb_timex_value_str(&v[i], val);
        print_error("  have [%.*s] %s\n", (int)(v[i].end - v[i].start), text + v[i].start, val);
    }
    print_error("no expression [%s] in \"%s\"\n", span, text);
    fail();
    return NULL;
}

static void expect(const char *text, const kb_timex *v, size_t n, const char *span,
                   int kind, const char *value, int future)
{
    const kb_timex *t = by_span(text, v, n, span);
    char val[32];
    kb_timex_value_str(t, val);
    if (t->kind != kind || strcmp(val, value) != 0 || t->future != future) {
        print_error("[%s]: kind %s value %s future %d; want %s %s %d\n", span,
                    kb_timex_kind_name(t->kind), val, t->future, kb_timex_kind_name(kind),
                    value, future);
        fail();
    }
}

/* One expression alone in a short sentence. */
typedef struct one {
    const char *text, *span;
    int kind;
    const char *value;
    int future;
} one;

static void forms_against_a_tuesday(void **state)
{
    (void)state;
    /* ref: Tuesday 23 July 2024 */
    static const one F[] = {
        {"وقال المتحدث اليوم إن الاجتماع انتهى", "اليوم", KB_TIMEX_RELATIVE, "2024-07-23", 0},
        {"وصل الوفد أمس إلى بغداد", "أمس", KB_TIMEX_RELATIVE, "2024-07-22", -1},
        {"ويصل الوفد غداً إلى بغداد", "غداً", KB_TIMEX_RELATIVE, "2024-07-24", 1},
        {"ويفتتح المعرض بعد غد في مسقط", "بعد غد", KB_TIMEX_RELATIVE, "2024-07-25", 1},
        {"وكان قد وصل أول أمس", "أول أمس", KB_TIMEX_RELATIVE, "2024-07-21", -1},
        {"وقال مصدر صباح أمس إن", "صباح أمس", KB_TIMEX_RELATIVE, "2024-07-22", -1},
        /* a bare weekday: on or before ref in a past sentence */
        {"قال الوزير الجمعة إن المحادثات مستمرة", "الجمعة", KB_TIMEX_WEEKDAY, "2024-07-19", -1},
        /* ... on or after it when a سـ verb speaks of the future */
        {"سيزور الوزير بغداد الجمعة", "الجمعة", KB_TIMEX_WEEKDAY, "2024-07-26", 1},
        {"ومن المقرر أن يعقد الاجتماع الخميس", "الخميس", KB_TIMEX_WEEKDAY, "2024-07-25", 1},
        {"تبدأ الجولة الجمعة المقبلة", "الجمعة المقبلة", KB_TIMEX_WEEKDAY, "2024-07-26", 1},
        {"انتهت الجولة الأحد الماضي", "الأحد الماضي", KB_TIMEX_WEEKDAY, "2024-07-21", -1},
        {"وعقد الاجتماع يوم الثلاثاء الماضي", "يوم الثلاثاء الماضي", KB_TIMEX_WEEKDAY,
         "2024-07-16", -1},
        {"يزور بغداد الأسبوع المقبل", "الأسبوع المقبل", KB_TIMEX_RELATIVE, "2024-W31", 1},
        {"زار بغداد الشهر الماضي", "الشهر الماضي", KB_TIMEX_RELATIVE, "2024-06", -1},
        {"يزور بغداد الشهر المقبل", "الشهر المقبل", KB_TIMEX_RELATIVE, "2024-08", 1},
        {"تنتهي المهمة العام المقبل", "العام المقبل", KB_TIMEX_RELATIVE, "2025", 1},
        {"بدأت المهمة العام الماضي", "العام الماضي", KB_TIMEX_RELATIVE, "2023", -1},
        {"وتراجع النمو هذا العام", "هذا العام", KB_TIMEX_RELATIVE, "2024", 0},
        {"بدءاً من سبتمبر المقبل", "سبتمبر المقبل", KB_TIMEX_MONTH_YEAR, "2024-09", 1},
        {"منذ أغسطس الماضي", "أغسطس الماضي", KB_TIMEX_MONTH_YEAR, "2023-08", -1},
        {"في مارس الماضي", "مارس الماضي", KB_TIMEX_MONTH_YEAR, "2024-03", -1},
        {"وقع الانفجار منذ ساعتين", "منذ ساعتين", KB_TIMEX_RELATIVE, "2024-07-23", 0},
        {"وقع الانفجار قبل 3 أيام", "قبل 3 أيام", KB_TIMEX_RELATIVE, "2024-07-20", -1},
        {"بدأ الإضراب منذ يومين", "منذ يومين", KB_TIMEX_RELATIVE, "2024-07-21", -1},
        {"بدأت الحرب قبل عامين", "قبل عامين", KB_TIMEX_RELATIVE, "2022", -1},
        {"ستنسحب القوات بنهاية 2026", "نهاية 2026", KB_TIMEX_YEAR, "2026", 1},
        {"وسيطر التنظيم على الموصل في 2014", "2014", KB_TIMEX_YEAR, "2014", -1},
        {"تنتهي المهمة بحلول 2026", "2026", KB_TIMEX_YEAR, "2026", 1},
        {"تستمر حتى عام 2026", "عام 2026", KB_TIMEX_YEAR, "2026", 1},
        {"في موعد أقصاه نهاية سبتمبر 2025", "نهاية سبتمبر 2025", KB_TIMEX_MONTH_YEAR,
         "2025-09", 1},
        {"وفي 14 يوليو (تموز) الحالي", "14 يوليو (تموز) الحالي", KB_TIMEX_ABSOLUTE,
         "2024-07-14", -1},
        /* no year: the last one unless the next one is much nearer */
        {"وقع الهجوم في 3 يناير", "3 يناير", KB_TIMEX_ABSOLUTE, "2024-01-03", -1},
        {"تعقد القمة في 20 أغسطس", "20 أغسطس", KB_TIMEX_ABSOLUTE, "2024-08-20", 1},
        {"وسيعقد المؤتمر في 10 يوليو", "10 يوليو", KB_TIMEX_ABSOLUTE, "2025-07-10", 1},
        {"الثلاثاء 17 محرم 1446 هـ الموافق 23 يوليو 2024 م",
         "الثلاثاء 17 محرم 1446 هـ الموافق 23 يوليو 2024 م", KB_TIMEX_ABSOLUTE,
         "2024-07-23", 0},
        {"أعلن في 12/07/2024 عن", "12/07/2024", KB_TIMEX_ABSOLUTE, "2024-07-12", -1},
        {"يصوم المسلمون رمضان المقبل", "رمضان المقبل", KB_TIMEX_MONTH_YEAR, "2025-03", 1},
        {"أغاني السبعينيات", "السبعينيات", KB_TIMEX_YEAR, "197", -1},
        {"في القرن الماضي", "القرن الماضي", KB_TIMEX_YEAR, "19", -1},
        {"استمرت الحرب 26 عاما", "26 عاما", KB_TIMEX_DURATION, "P26Y", 0},
        {"استمرت المعارك يومين", "يومين", KB_TIMEX_DURATION, "P2D", 0},
        {"يمثل الموضوع المحوري الآن", "الآن", KB_TIMEX_REF, "PRESENT_REF", 0},
        {"تعكف المديرية حاليا على", "حاليا", KB_TIMEX_REF, "PRESENT_REF", 0},
        {"وصل مؤخرا إلى", "مؤخرا", KB_TIMEX_REF, "PAST_REF", -1},
        {"تبدأ المحادثات قريبا", "قريبا", KB_TIMEX_REF, "FUTURE_REF", 1},
        {"في السابق كانت", "في السابق", KB_TIMEX_REF, "PAST_REF", -1},
        {"يتدرب يوميا", "يوميا", KB_TIMEX_SET, "P1D", 0},
        {"تقام كل عامين", "كل عامين", KB_TIMEX_SET, "P2Y", 0},
        {"مدة أقل من عشر سنوات", "أقل من عشر سنوات", KB_TIMEX_DURATION, "P10Y", 0},
        {"عقارات مبيعة خلال شهر مايو 2015، فيما", "شهر مايو 2015", KB_TIMEX_MONTH_YEAR,
         "2015-05", -1},
        {"انطلاق البرنامج ستكون غدًا (الأربعاء)، بشرط", "غدًا (الأربعاء)", KB_TIMEX_RELATIVE,
         "2024-07-24", 1},
        {"Talks resume next week", "next week", KB_TIMEX_RELATIVE, "2024-W31", 1},
        {"The minister arrived yesterday", "yesterday", KB_TIMEX_RELATIVE, "2024-07-22", -1},
        /* the span starts at "this" (it once skipped letters by an
         * uninitialised count) */
        {"Growth slowed this year, he said", "this year", KB_TIMEX_RELATIVE, "2024", 0},
    };
    for (size_t i = 0; i < sizeof F / sizeof *F; i++) {
        kb_timex *v;
        size_t n = tag(F[i].text, "2024-07-23", &v);
        expect(F[i].text, v, n, F[i].span, F[i].kind, F[i].value, F[i].future);
        free(v);
    }
}

/* The period of sample 001: "خلال الـ12 شهراً المقبلة" ends a year after
 * ref; the modifiers are kept. */
static void periods_and_modifiers(void **state)
{
    (void)state;
    const char *t = "إنهاء المهمة خلال الـ12 شهراً المقبلة، وفي موعد أقصاه نهاية سبتمبر 2025، "
                    "واستمرارها في سوريا حتى سبتمبر 2026.";
    kb_timex *v;
    size_t n = tag(t, "2024-09-27", &v);
    assert_int_equal(n, 3);
    const kb_timex *p = by_span(t, v, n, "الـ12 شهراً المقبلة");
    assert_int_equal(p->kind, KB_TIMEX_PERIOD);
    assert_int_equal(p->unit, KB_TU_MONTH);
    assert_int_equal(p->amount, 12);
    assert_int_equal(p->future, 1);
    char a[32], b[32];
    kb_date_iso(&p->value, a);
    kb_date_iso(&p->value_end, b);
    assert_string_equal(a, "2024-09-27");
    assert_string_equal(b, "2025-09-27");
    assert_int_equal(by_span(t, v, n, "نهاية سبتمبر 2025")->mod, KB_TMOD_END);
    assert_int_equal(by_span(t, v, n, "سبتمبر 2026")->mod, KB_TMOD_UNTIL);
    free(v);

    const char *past = "تضاعف الإنفاق خلال السنوات الخمس الماضية";
    n = tag(past, "2024-07-23", &v);
    p = by_span(past, v, n, "السنوات الخمس الماضية");
    assert_int_equal(p->kind, KB_TIMEX_PERIOD);
    assert_int_equal(p->future, -1);
    kb_date_iso(&p->value, a);
    kb_date_iso(&p->value_end, b);
    assert_string_equal(a, "2019-07-23");
    assert_string_equal(b, "2024-07-23");
    free(v);

    const char *by = "ستنسحب القوات بحلول سبتمبر 2025 وتبقى منذ 2014";
    n = tag(by, "2024-07-23", &v);
    assert_int_equal(by_span(by, v, n, "سبتمبر 2025")->mod, KB_TMOD_BY);
    assert_int_equal(by_span(by, v, n, "2014")->mod, KB_TMOD_SINCE);
    free(v);
}

/* Sentences of the samples, against their publication dates. */
static void sample_sentences(void **state)
{
    (void)state;
    size_t len;
    kb_timex *v;
    size_t n;
    char *s;

    /* 002, published Thursday 25 January 2024 */
    s = kb_test_read_file(kb_test_path("samples/002_dff5410a16d3e991.txt"), &len);
    assert_non_null(s);
    kb_date ref = day("2024-01-25");
    assert_int_equal(kb_timex_find(s, len, &ref, &v, &n), KB_OK);
    expect(s, v, n, "أمس الأربعاء", KB_TIMEX_RELATIVE, "2024-01-24", -1);
    expect(s, v, n, "عام 2014", KB_TIMEX_YEAR, "2014", -1);
    /* "... لوزير الخارجية العراقي فؤاد حسين الأربعاء." */
    const kb_timex *w = by_span(s, v, n, "الأربعاء");
    char val[32];
    kb_timex_value_str(w, val);
    assert_string_equal(val, "2024-01-24");
    assert_int_equal(w->value.weekday, 3);
    /* the sentence of "أمس الأربعاء" is the first line of the body */
    const kb_timex *r = by_span(s, v, n, "أمس الأربعاء");
    assert_true(r->sent_start < r->start && r->end < r->sent_end);
    assert_memory_equal(s + r->sent_start, "نقلت وكالة رويترز", strlen("نقلت وكالة رويترز"));
    assert_memory_equal(s + r->sent_end - strlen("ثنائية."), "ثنائية.", strlen("ثنائية."));
    for (size_t i = 1; i < n; i++) assert_true(v[i - 1].end <= v[i].start);
    free(v);
    free(s);

    /* 001, published Friday 27 September 2024 */
    s = kb_test_read_file(kb_test_path("samples/001_57f495dec0a2a805.txt"), &len);
    assert_non_null(s);
    ref = day("2024-09-27");
    assert_int_equal(kb_timex_find(s, len, &ref, &v, &n), KB_OK);
    expect(s, v, n, "الجمعة", KB_TIMEX_WEEKDAY, "2024-09-27", 0);
    expect(s, v, n, "الـ12 شهراً المقبلة", KB_TIMEX_PERIOD, "P12M", 1);
    expect(s, v, n, "نهاية سبتمبر 2025", KB_TIMEX_MONTH_YEAR, "2025-09", 1);
    expect(s, v, n, "نوفمبر المقبل", KB_TIMEX_MONTH_YEAR, "2024-11", 1);
    expect(s, v, n, "الأسبوع المقبل", KB_TIMEX_RELATIVE, "2024-W40", 1);
    expect(s, v, n, "الشهر الجاري", KB_TIMEX_RELATIVE, "2024-09", 0);
    expect(s, v, n, "نهاية 2026", KB_TIMEX_YEAR, "2026", 1);
    /* "الجمعة" and the period share the statement's sentence */
    const kb_timex *f = by_span(s, v, n, "الجمعة");
    const kb_timex *p = by_span(s, v, n, "الـ12 شهراً المقبلة");
    assert_int_equal(f->sent_start, p->sent_start);
    assert_int_equal(f->sent_end, p->sent_end);
    /* "بغداد ـ العرب اليوم" is the paper, not today */
    for (size_t i = 0; i < n; i++) assert_true(v[i].start > strlen("بغداد ـ العرب اليوم"));
    free(v);
    free(s);

    /* 000, published Tuesday 23 July 2024 */
    s = kb_test_read_file(kb_test_path("samples/000_f122214a9d49da4a.txt"), &len);
    assert_non_null(s);
    ref = day("2024-07-23");
    assert_int_equal(kb_timex_find(s, len, &ref, &v, &n), KB_OK);
    expect(s, v, n, "اليوم الثلاثاء", KB_TIMEX_RELATIVE, "2024-07-23", 0);
    expect(s, v, n, "سبتمبر المقبل", KB_TIMEX_MONTH_YEAR, "2024-09", 1);
    expect(s, v, n, "هذا الأسبوع", KB_TIMEX_RELATIVE, "2024-W30", 0);
    assert_int_equal(v[0].kind, KB_TIMEX_ABSOLUTE);   /* the glued header date */
    free(v);
    free(s);

    /* 003, published Saturday 27 January 2024 */
    s = kb_test_read_file(kb_test_path("samples/003_5c49057d6339451f.txt"), &len);
    assert_non_null(s);
    ref = day("2024-01-27");
    assert_int_equal(kb_timex_find(s, len, &ref, &v, &n), KB_OK);
    expect(s, v, n, "اليوم السبت", KB_TIMEX_RELATIVE, "2024-01-27", 0);
    expect(s, v, n, "الخميس", KB_TIMEX_WEEKDAY, "2024-01-25", -1);
    free(v);
    free(s);

    /* 004, published Monday 12 August 2024 */
    s = kb_test_read_file(kb_test_path("samples/004_e340d19b9189306f.txt"), &len);
    assert_non_null(s);
    ref = day("2024-08-12");
    assert_int_equal(kb_timex_find(s, len, &ref, &v, &n), KB_OK);
    expect(s, v, n, "اليوم الاثنين", KB_TIMEX_RELATIVE, "2024-08-12", 0);
    expect(s, v, n, "الشهر المقبل", KB_TIMEX_RELATIVE, "2024-09", 1);
    expect(s, v, n, "سبتمبر 2026", KB_TIMEX_MONTH_YEAR, "2026-09", 1);
    free(v);
    free(s);
}

/* With no reference date, weekday expressions stay unresolved with their
 * weekday, absolute dates still resolve. */
static void without_reference(void **state)
{
    (void)state;
    const char *t = "نقلت رويترز أمس الأربعاء أن المحادثات تبدأ الجمعة، وتنتهي في 23 يوليو 2024";
    kb_timex *v;
    size_t n = tag(t, NULL, &v);
    assert_int_equal(n, 3);
    const kb_timex *a = by_span(t, v, n, "أمس الأربعاء");
    assert_int_equal(a->value.prec, KB_PREC_NONE);
    assert_int_equal(a->value.weekday, 3);
    assert_int_equal(a->future, -1);
    const kb_timex *f = by_span(t, v, n, "الجمعة");
    char val[32];
    kb_timex_value_str(f, val);
    assert_string_equal(val, "XXXX-WXX-5");
    assert_int_equal(f->value.weekday, 5);
    kb_timex_value_str(by_span(t, v, n, "23 يوليو 2024"), val);
    assert_string_equal(val, "2024-07-23");
    /* a caller resolves the weekday from the story */
    kb_date near = day("2024-01-25");
    kb_date r = kb_timex_resolve_weekday(a->value.weekday, &near);
    char iso[32];
    kb_date_iso(&r, iso);
    assert_string_equal(iso, "2024-01-24");
    free(v);
}

static void resolve_weekday(void **state)
{
    (void)state;
    kb_date tue = day("2024-07-23");
    static const struct { int wd; const char *iso; } W[] = {
        {2, "2024-07-23"}, {3, "2024-07-24"}, {5, "2024-07-26"}, {0, "2024-07-21"},
        {6, "2024-07-20"}, {1, "2024-07-22"}, {4, "2024-07-25"},
    };
    for (size_t i = 0; i < sizeof W / sizeof *W; i++) {
        kb_date d = kb_timex_resolve_weekday(W[i].wd, &tue);
        char iso[32];
        kb_date_iso(&d, iso);
        assert_string_equal(iso, W[i].iso);
        assert_int_equal(d.weekday, W[i].wd);
    }
    kb_date month = {0};
    month.year = 2024;
    month.month = 7;
    month.prec = KB_PREC_MONTH;
    assert_int_equal(kb_timex_resolve_weekday(3, &month).prec, KB_PREC_NONE);
    assert_int_equal(kb_timex_resolve_weekday(7, &tue).prec, KB_PREC_NONE);
    assert_int_equal(kb_timex_resolve_weekday(3, NULL).prec, KB_PREC_NONE);
}

/* Words that look temporal and are not. */
static void not_time_expressions(void **state)
{
    (void)state;
    static const char *const NOT[] = {
        "وتنشر الولايات المتحدة 2500 عسكري في العراق",
        "وزعت المساعدات في 2000 موقع",
        "وأدى المصلون صلاة الجمعة في المسجد",
        "بغداد ـ العرب اليوم",
        "وفي اليوم التالي عاد إلى بلده",
        "مارس الضغط على الحكومة",
        "بلغت النسبة 12.5% من 2,500 حالة",
        "",
    };
    for (size_t i = 0; i < sizeof NOT / sizeof *NOT; i++) {
        kb_timex *v;
        size_t n = tag(NOT[i], "2024-07-23", &v);
        if (n) {
            print_error("\"%s\": unexpected [%.*s]\n", NOT[i], (int)(v[0].end - v[0].start),
                        NOT[i] + v[0].start);
            fail();
        }
        free(v);
    }
    kb_timex *v;
    size_t n;
    assert_int_equal(kb_timex_find("x", 1, NULL, NULL, &n), KB_EINVAL);
    assert_int_equal(kb_timex_find("x", 1, NULL, &v, NULL), KB_EINVAL);
}

/* Every prefix of a dense text: no crash, spans inside the text, ordered. */
static void survives_truncation(void **state)
{
    (void)state;
    const char *t = "أمس الأربعاء وفي 14 يوليو الحالي خلال الـ12 شهراً المقبلة بنهاية 2026 منذ "
                    "ساعتين الأحد المقبل الثلاثاء 17 محرم 1446 هـ";
    size_t len = strlen(t);
    kb_date ref = day("2024-07-23");
    for (size_t k = 0; k <= len; k++) {
        char *c = malloc(k ? k : 1);
        assert_non_null(c);
        memcpy(c, t, k);
        kb_timex *v;
        size_t n;
        assert_int_equal(kb_timex_find(c, k, &ref, &v, &n), KB_OK);
        for (size_t i = 0; i < n; i++) {
            assert_true(v[i].start < v[i].end && v[i].end <= k);
            assert_true(v[i].sent_start <= v[i].start && v[i].end <= v[i].sent_end);
            assert_true(v[i].sent_end <= k);
            if (i) assert_true(v[i - 1].end <= v[i].start);
        }
        free(v);
        free(c);
    }
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *b = malloc(ul * times + tl + 1);
    assert_non_null(b);
    for (size_t i = 0; i < times; i++) memcpy(b + i * ul, unit, ul);
    memcpy(b + ul * times, tail, tl + 1);
    return b;
}

/* Long runs that once recursed (modifier after modifier, comparison after
 * comparison) or went quadratic (no sentence end anywhere). */
static void pathological_runs(void **state)
{
    (void)state;
    kb_date ref = day("2024-07-23");
    kb_timex *v;
    size_t n;
    char *t = repeat("نهاية ", 50000, "2026");
    assert_int_equal(kb_timex_find(t, strlen(t), &ref, &v, &n), KB_OK);
    assert_int_equal(n, 1);
    assert_memory_equal(t + v[0].start, "نهاية 2026", strlen("نهاية 2026"));
    free(v);
    free(t);
    t = repeat("أقل من ", 50000, "عامين");
    assert_int_equal(kb_timex_find(t, strlen(t), &ref, &v, &n), KB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].kind, KB_TIMEX_DURATION);
    free(v);
    free(t);
    /* 20,000 expressions in one sentence with no end */
    t = repeat("وصل أمس الأربعاء ثم ", 20000, "");
    assert_int_equal(kb_timex_find(t, strlen(t), &ref, &v, &n), KB_OK);
    assert_int_equal(n, 20000);
    for (size_t i = 0; i < n; i++) {
        assert_true(v[i].sent_start <= v[i].start && v[i].end <= v[i].sent_end);
        assert_true(v[i].sent_end - v[i].sent_start <= 2 * 1024 + (v[i].end - v[i].start) + 4);
    }
    free(v);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(forms_against_a_tuesday),
        cmocka_unit_test(periods_and_modifiers),
        cmocka_unit_test(sample_sentences),
        cmocka_unit_test(without_reference),
        cmocka_unit_test(resolve_weekday),
        cmocka_unit_test(not_time_expressions),
        cmocka_unit_test(survives_truncation),
        cmocka_unit_test(pathological_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
