/* tests/test_markers.c -- the line markers, code detection and the metadata
 * line readers of the text extractor, on real lines from the samples and
 * from other Arabic and English sites. */
#include "kb_test.h"

#include <stdlib.h>
#include <string.h>

#include "extract/text_extract.h"

static kb_mark mark(const char *line, const char **rest)
{
    size_t off = 0;
    kb_mark m = kb_mark_line(line, strlen(line), &off);
    assert_true(off <= strlen(line));
    if (rest) *rest = line + off;
    return m;
}

static void test_read_also(void **state)
{
    (void)state;
    const char *rest;
    assert_int_equal(mark("إقرأ أيضاً:", &rest), KB_MARK_READ_ALSO);
    assert_string_equal(rest, "");
    assert_int_equal(mark("قد يهمك أيضا:", &rest), KB_MARK_READ_ALSO);
    assert_string_equal(rest, "");
    assert_int_equal(mark("اقرأ أيضًا: وزير المالية يعلن حزمة جديدة", &rest), KB_MARK_READ_ALSO);
    assert_string_equal(rest, "وزير المالية يعلن حزمة جديدة");
    assert_int_equal(mark("  اقرأ كذلك..", NULL), KB_MARK_READ_ALSO);
    assert_int_equal(mark("اقرأ المزيد", NULL), KB_MARK_READ_ALSO);
    assert_int_equal(mark("شاهد أيضاً", NULL), KB_MARK_READ_ALSO);
    assert_int_equal(mark("المزيد", NULL), KB_MARK_READ_ALSO);
    assert_int_equal(mark("Read also:", NULL), KB_MARK_READ_ALSO);
    assert_int_equal(mark("READ MORE: US troops to leave", &rest), KB_MARK_READ_ALSO);
    assert_string_equal(rest, "US troops to leave");
}

static void test_related(void **state)
{
    (void)state;
    const char *rest;
    assert_int_equal(mark("مقالات مشابهة", &rest), KB_MARK_RELATED);
    assert_string_equal(rest, "");
    /* 003: the run glued after the marker */
    assert_int_equal(mark("أخبار ذات صلة أميركا توافق على بيع طائرات قتالية متطورة لتركيا", &rest),
                     KB_MARK_RELATED);
    assert_string_equal(rest, "أميركا توافق على بيع طائرات قتالية متطورة لتركيا");
    /* 003: with a no-break space after the marker */
    assert_int_equal(mark("أخبار متعلقة\xC2\xA0تقنيات حديثة لرصد الحشود", &rest), KB_MARK_RELATED);
    assert_string_equal(rest, "تقنيات حديثة لرصد الحشود");
    assert_int_equal(mark("مواضيع ذات صلة", NULL), KB_MARK_RELATED);
    assert_int_equal(mark("الأكثر قراءة", NULL), KB_MARK_RELATED);
    assert_int_equal(mark("ذات صلة", NULL), KB_MARK_RELATED);
    assert_int_equal(mark("Related articles", NULL), KB_MARK_RELATED);
    assert_int_equal(mark("Related:", NULL), KB_MARK_RELATED);
}

static void test_tags_and_source(void **state)
{
    (void)state;
    const char *rest;
    assert_int_equal(mark("كلمات دلالية: الولایات المتحدة", &rest), KB_MARK_TAGS);
    assert_string_equal(rest, "الولایات المتحدة");
    assert_int_equal(mark("الكلمات الدلالية", &rest), KB_MARK_TAGS);
    assert_int_equal(mark("وسوم: العراق، أمريكا", &rest), KB_MARK_TAGS);
    assert_string_equal(rest, "العراق، أمريكا");
    assert_int_equal(mark("Tags: Iraq, US", &rest), KB_MARK_TAGS);
    assert_string_equal(rest, "Iraq, US");
    assert_int_equal(mark("المصدر: وكالة الصحافة المستقلة", &rest), KB_MARK_SOURCE);
    assert_string_equal(rest, "وكالة الصحافة المستقلة");
    assert_int_equal(mark("المصدر : الجزيرة + وكالات", &rest), KB_MARK_SOURCE);
    assert_string_equal(rest, "الجزيرة + وكالات");
    assert_int_equal(mark("Source: Reuters", &rest), KB_MARK_SOURCE);
    assert_string_equal(rest, "Reuters");
}

static void test_furniture(void **state)
{
    (void)state;
    assert_int_equal(mark("أرسل تعليقك", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("شارك", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("طباعة", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("فيسبوك تويتر واتساب", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("تابعونا على فيسبوك وتويتر", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("اشترك في النشرة البريدية لتصلك آخر الأخبار", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق", NULL),
                     KB_MARK_FURNITURE);
    assert_int_equal(mark("We use cookies to improve your experience.", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("Share", NULL), KB_MARK_FURNITURE);
    assert_int_equal(mark("جانب من المعايدة", NULL), KB_MARK_FURNITURE);   /* a photo caption */
}

/* Body lines of the samples and look-alikes that are not markers. */
static void test_not_markers(void **state)
{
    (void)state;
    static const char *const body[] = {
        "شاركت المملكة يوم أمس في الاجتماع الخامس للتحالف الدولي لتنفيذ حل الدولتين",
        "وقال المصدر إن المحادثات ستستأنف",
        "المصدر نفسه أكد أن الحكومة ستعلن قرارها خلال الأيام المقبلة بعد التشاور مع الكتل",
        "الموقف الأمريكي والاتفاقات المستقبلية",
        "ذات صلة بالموضوع قال الوزير إن الاتفاق قريب",
        "المزيد من الضحايا سقطوا في القصف الليلة الماضية",
        "شارك رئيس الوزراء العراقي في الاجتماع الأول",
        "أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء المهمة العسكرية",
        "بغداد ـ العرب اليوم",
        "مقالات الرأي تعبر عن آراء كتابها",
        "",
    };
    for (size_t k = 0; k < sizeof body / sizeof body[0]; k++) {
        size_t off = 7;
        assert_int_equal(kb_mark_line(body[k], strlen(body[k]), &off), KB_MARK_NONE);
        assert_int_equal(off, strlen(body[k]));
    }
}

/* Every phrase of the table is written the way kb_normalize writes it, or
 * it could never match. */
static void test_table_is_normalised(void **state)
{
    (void)state;
    size_t n = 0;
    for (const char *p; (p = kb_marker_phrase(n)); n++) {
        size_t nl;
        char *norm = kb_normalize_str(p, strlen(p), &nl);
        assert_non_null(norm);
        if (strcmp(norm, p)) fail_msg("marker \"%s\" normalises to \"%s\"", p, norm);
        assert_true(strlen(p) >= 2);   /* markers.c compares two bytes first */
        free(norm);
    }
    assert_true(n > 100);
}

static const char CSS_LINE[] =
    "أخبار متعلقة تقنيات حديثة لرصد الحشود داخل المسجد الحرام في عسير "
    ".article-img-ratio{ display:block;padding-bottom: 67%;position:relative; overflow: hidden;"
    "height:0px; } .article-img-ratio img{ object-fit: contain; object-position: center; "
    "position: absolute; height: 100% !important;padding:0px; margin: auto; width: 100%; } "
    "المملكة تشارك في الاجتماع الخامس - واستنفيذ حل الدولتينوشارك في الاجتماع ممثلين";

static void test_code_lines(void **state)
{
    (void)state;
    static const char *const code[] = {
        ".article-img-ratio{ display:block;padding-bottom: 67%;position:relative; overflow: hidden;height:0px; }",
        "function(){ var x = 1; }",
        "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });",
        "window.dataLayer = window.dataLayer || [];",
        "@media (max-width: 600px){ .a{ display:none; } }",
        "<script async src=\"https://example.com/a.js\"></script>",
        "});",
    };
    for (size_t k = 0; k < sizeof code / sizeof code[0]; k++)
        if (!kb_is_code_line(code[k], strlen(code[k]))) fail_msg("not code: %s", code[k]);
    static const char *const text[] = {
        CSS_LINE,   /* mostly Arabic: cut, not dropped */
        "أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء المهمة العسكرية",
        "Iraq and the United States announced (on Friday) a timeline for the exit.",
        "The coalition, formed in 2014; fought Islamic State.",
        "كلمات دلالية: العراق الولايات المتحدة",
    };
    for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
        if (kb_is_code_line(text[k], strlen(text[k]))) fail_msg("code: %s", text[k]);
}

static void test_code_find_and_strip(void **state)
{
    (void)state;
    size_t s, e;
    int img = 0;
    const char *line = CSS_LINE;
    size_t len = strlen(line);
    assert_int_equal(kb_code_find(line, len, 0, &s, &e, &img), 1);
    assert_true(img);
    assert_int_equal(strncmp(line + s, ".article-img-ratio{", 19), 0);
    assert_int_equal(strncmp(line + e, "المملكة تشارك", strlen("المملكة تشارك")), 0);
    assert_int_equal(kb_code_find(line, len, e, &s, &e, &img), 0);

    kb_arena a = { 0 };
    const char *out = kb_strip_code(&a, line, len);
    assert_non_null(out);
    assert_true(out != line);
    assert_null(strchr(out, '{'));
    assert_null(strchr(out, '}'));
    assert_null(strstr(out, "display"));
    assert_non_null(strstr(out, "في عسير المملكة تشارك"));
    assert_non_null(strstr(out, "وشارك في الاجتماع ممثلين"));
    /* nothing to cut: the line itself comes back */
    const char *plain = "نص عادي بلا شيفرة {ولا قواعد}";
    assert_ptr_equal(kb_strip_code(&a, plain, strlen(plain)), plain);
    kb_arena_free(&a);
}

/* A poll widget's CSS and jQuery leaked into an article line (shortened
 * from a SaudiNewsNet record): the Arabic text around it is kept, the code
 * and the Arabic string inside the script go. */
static void test_strip_script(void **state)
{
    (void)state;
    const char *line =
        "هل تغني المناطق الباردة في المملكة عن المعسكرات التي تقام في أوروبا؟ "
        "#vote_area2 ul { padding: 0; margin: 0; } .box_vote { padding:18px; overflow: hidden; } "
        "jQuery.noConflict(); jQuery(document).ready(function(){ jQuery('#vote_form2').submit("
        "function() { jQuery('#vote_area2').html('انتظر لحظات…'); return false; }); "
        "var plot1 = jQuery.jqplot('pie1', [[ ['a1882',18], //['a',150] ]], { grid: { shadow:false } }); }); "
        "هل المعسكرات الخارجية للأندية مفيدة؟";
    size_t len = strlen(line);
    assert_false(kb_is_code_line(line, len));
    kb_arena a = { 0 };
    const char *out = kb_strip_code(&a, line, len);
    assert_non_null(out);
    assert_string_equal(out, "هل تغني المناطق الباردة في المملكة عن المعسكرات التي تقام في أوروبا؟ "
                             "هل المعسكرات الخارجية للأندية مفيدة؟");
    kb_arena_free(&a);
}

static void test_tail_furniture(void **state)
{
    (void)state;
    const char *l = "وذلك في الاجتماع المقرر عقده يوم الثلاثاء القادم. رابط الخبر بصحيفة الوئام: النفط "
                    "يتراجع نحو 1 % في ختام التعاملات";
    size_t cut = kb_tail_furniture(l, strlen(l));
    assert_int_equal(cut, strlen("وذلك في الاجتماع المقرر عقده يوم الثلاثاء القادم."));
    l = "رابط الخبر بصحيفة الوئام: فتح التجنيد بالحرس الملكي";
    assert_int_equal(kb_tail_furniture(l, strlen(l)), 0);
    /* inside a sentence it is text */
    l = "وأرسل الموقع رابط الخبر إلى المشتركين عبر البريد";
    assert_int_equal(kb_tail_furniture(l, strlen(l)), strlen(l));
    /* a leaked empty script comment is code */
    kb_arena a = { 0 };
    l = "للتواصل عبر البريد الإلكتروني /* */ أو الهاتف";
    assert_string_equal(kb_strip_code(&a, l, strlen(l)), "للتواصل عبر البريد الإلكتروني أو الهاتف");
    kb_arena_free(&a);
}

static void test_continuation(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "وأضاف الوزير أن الحكومة ستواصل الإصلاحات", "من جهته، قال المتحدث", "وقال مسؤولون",
        "كما شددت بالعون على أهمية التفاهم", "وأكدت الحكومة العراقية على التزامها",
    };
    static const char *const no[] = {
        "قالت وكالة رويترز للأنباء إن الولايات المتحدة", "أعربت وزارة الخارجية والتعاون الدولي",
        "شاركت المملكة يوم أمس", "وزير الخارجية يلتقي نظيره", "أكدت عضو مجلس النواب",
    };
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
        if (!kb_is_continuation(yes[k], strlen(yes[k]))) fail_msg("not continuation: %s", yes[k]);
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (kb_is_continuation(no[k], strlen(no[k]))) fail_msg("continuation: %s", no[k]);
}

/* ---------------------------------------------------------------- meta */

static void tags_of(const char *line, const char *const *want, size_t nwant)
{
    kb_arena a = { 0 };
    kb_strvec v = { 0 };
    assert_int_equal(kb_tags_add(&a, line, strlen(line), &v), KB_OK);
    if (v.n != nwant) {
        for (size_t k = 0; k < v.n; k++) print_message("tag %zu: %s\n", k, v.v[k]);
        fail_msg("%zu tags, want %zu", v.n, nwant);
    }
    for (size_t k = 0; k < nwant; k++) assert_string_equal(v.v[k], want[k]);
    kb_strvec_free(&v);
    kb_arena_free(&a);
}

static void test_tags(void **state)
{
    (void)state;
    /* 003 and 004, no delimiters: grouped by hand the same way */
    static const char *const t003[] = { "العراق", "الولايات المتحدة", "التحالف الدولي ضد داعش",
                                        "التحالف الدولي" };
    tags_of("العراق الولايات المتحدة التحالف الدولي ضد داعش التحالف الدولی", t003, 4);
    static const char *const t004[] = { "التحالف الدولي", "قوات التحالف", "بين العراق", "في العراق" };
    tags_of("التحالف الدولی قوات التحالف بین العراق فی العراق", t004, 4);
    static const char *const t002[] = { "الولايات المتحدة" };
    tags_of("الولایات المتحدة", t002, 1);
    /* delimited; duplicates (after normalisation) dropped */
    static const char *const tdel[] = { "غزة", "مصر", "وقف إطلاق النار" };
    tags_of("غزة، مصر، وقف إطلاق النار، غزه", tdel, 3);
    static const char *const thash[] = { "العراق", "الانتخابات" };
    tags_of("#العراق #الانتخابات", thash, 2);
    static const char *const tchain[] = { "المملكة العربية السعودية", "مجلس الأمن", "إيران" };
    tags_of("المملكة العربية السعودية مجلس الأمن إيران", tchain, 3);
}

static void test_date_lines(void **state)
{
    (void)state;
    kb_line_dates d;
    char iso[32];
    const char *l = "يوليو 23, 2024آخر تحديث: يوليو 23, 2024";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 1);
    assert_true(d.has_pub && d.has_upd && d.labelled);
    kb_date_iso(&d.pub, iso);
    assert_string_equal(iso, "2024-07-23");
    kb_date_iso(&d.upd, iso);
    assert_string_equal(iso, "2024-07-23");

    l = "تاريخ النشر: 25th, January 2024 GMT";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 1);
    assert_true(d.has_pub && !d.has_upd && d.labelled);
    kb_date_iso(&d.pub, iso);
    assert_string_equal(iso, "2024-01-25");

    l = "الرياض 15 رجب 1445 هـ الموافق 27 يناير 2024 م واس";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 1);
    kb_date_iso(&d.pub, iso);
    assert_string_equal(iso, "2024-01-27");
    assert_int_equal(d.place.len, strlen("الرياض"));
    assert_int_equal(strncmp(l + d.source.off, "واس", d.source.len), 0);

    /* a town not in the place list, vouched for by the agency after the date */
    l = "القريات 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 1);
    assert_int_equal(strncmp(l + d.place.off, "القريات", d.place.len), 0);
    assert_int_equal(d.place.len, strlen("القريات"));
    assert_int_equal(strncmp(l + d.source.off, "واس", d.source.len), 0);
    /* a bare "التاريخ:" dates something, it does not label the article */
    l = "التاريخ : 9 / 10 / 1436هـ";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 1);
    assert_false(d.labelled);

    /* sentences that mention dates are not date lines */
    l = "أفادت أربعة مصادر عراقية بأن العراق يطالب بإنهاء عمل التحالف رسمياً بحلول سبتمبر 2025.";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 0);
    l = "وصل الوفد في 12 يناير 2024";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 0);
    l = "بغداد ـ العرب اليوم";
    assert_int_equal(kb_date_line(l, strlen(l), &d), 0);
}

static void span_is(const char *s, kb_span sp, const char *want)
{
    if (sp.len != strlen(want) || strncmp(s + sp.off, want, sp.len))
        fail_msg("span \"%.*s\", want \"%s\"", (int)sp.len, s + sp.off, want);
}

static void test_datelines(void **state)
{
    (void)state;
    /* stand-alone lines: place, source, author */
    struct { const char *in, *place, *source, *author; } lines[] = {
        { "بغداد ـ العرب اليوم", "بغداد", "العرب اليوم", "" },
        { "الرياض - واس", "الرياض", "واس", "" },
        { "القاهرة (رويترز)", "القاهرة", "رويترز", "" },
        { "ناصر الطميحي ـ جدة", "جدة", "", "ناصر الطميحي" },          /* author - place */
        { "الرياضي ـ جدة", "جدة", "الرياضي", "" },                    /* outlet - place */
        { "نايف عبدالله – عين اليوم", "", "عين اليوم", "نايف عبدالله" }, /* author - outlet */
        { "بغداد/ المستقلة", "بغداد", "المستقلة", "" },
        { "حوار - حاتم البراهيم", "", "", "حاتم البراهيم" },
        { "خالد الفرج ـ عنيزة", "عنيزة", "", "خالد الفرج" },
        { "عين اليوم – متابعات", "", "عين اليوم", "" },
        { "قاسم الزرعي -عين اليوم", "", "عين اليوم", "قاسم الزرعي" },
        { "داليا أبوالعيش، عمر إبراهيم – عين اليوم", "", "عين اليوم", "داليا أبوالعيش، عمر إبراهيم" },
        { "علي القحطاني – الرياض", "الرياض", "", "علي القحطاني" },
        { "حامد القرشي – قاسم الزرعي – عين اليوم", "", "عين اليوم", "حامد القرشي – قاسم الزرعي" },
        { "حامد القرشي-مكة المكرمة", "مكة المكرمة", "", "حامد القرشي" },
        { "سلوى المدني _ عين اليوم", "", "عين اليوم", "سلوى المدني" },
        { "عين اليوم – مكة المكرمة / المدينة المنورة", "مكة المكرمة", "عين اليوم", "" },
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        kb_dateline dl;
        const char *in = lines[k].in;
        if (!kb_dateline_line(in, strlen(in), &dl)) fail_msg("no dateline: %s", in);
        span_is(in, dl.place, lines[k].place);
        span_is(in, dl.source, lines[k].source);
        span_is(in, dl.author, lines[k].author);
    }
    static const char *const not_lines[] = {
        "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق",
        "الموقف الأمريكي والاتفاقات المستقبلية",
        "العراق - الذي يستضيف القوات",
        "تموز 2024 - بغداد",
        "اللجنة العسكرية العراقية-الأميركية",
        "على الحكومة - كما قال",
    };
    for (size_t k = 0; k < sizeof not_lines / sizeof not_lines[0]; k++) {
        kb_dateline dl;
        if (kb_dateline_line(not_lines[k], strlen(not_lines[k]), &dl)) fail_msg("dateline: %s", not_lines[k]);
    }

    /* prefixes of a first paragraph */
    struct { const char *in, *place, *source, *author, *after; } pre[] = {
        { "المستقلة/-كشفت مصادر عراقية", "", "المستقلة", "", "كشفت مصادر عراقية" },
        { "المستقلة/- أفادت مصادر مطلعة", "", "المستقلة", "", "أفادت مصادر مطلعة" },
        { "بغداد/ المستقلة/- أعلن المتحدث", "بغداد", "المستقلة", "", "أعلن المتحدث" },
        { "القاهرة (رويترز) - قال مسؤولون مصريون", "القاهرة", "رويترز", "", "قال مسؤولون مصريون" },
        { "BAGHDAD (Reuters) - Iraq and the United States", "BAGHDAD", "Reuters", "",
          "Iraq and the United States" },
        { "الرياض - واس - أعلنت وزارة الصحة", "الرياض", "واس", "", "أعلنت وزارة الصحة" },
        { "الرياض ـ «الحياة»: أعلنت وزارة الصحة", "الرياض", "«الحياة»", "", "أعلنت وزارة الصحة" },
        { "واشنطن - أعلنت وزارة الخارجية", "واشنطن", "", "", "أعلنت وزارة الخارجية" },
        { "تونس - أعلنت الهيئة العليا", "تونس", "", "", "أعلنت الهيئة العليا" },
        /* SaudiNewsNet shapes: outlet or author first, place second */
        { "سبق - الرياض: تأهل الواثب السعودي", "الرياض", "سبق", "", "تأهل الواثب السعودي" },
        { "نافل السبيعي – سبق: عايدت الرئاسة العامة", "", "سبق", "نافل السبيعي", "عايدت الرئاسة العامة" },
        { "رويترز- بنغازي (ليبيا): قال يوم الاثنين", "بنغازي", "رويترز", "", "قال يوم الاثنين" },
        { "بوجومبورا - د.ب.أ: ذكر المتحدث باسم الجيش", "بوجومبورا", "د.ب.أ", "", "ذكر المتحدث باسم الجيش" },
        { "سلطان المالكي- سبق- الرياض: مشاكس بمقالاته", "الرياض", "سبق", "سلطان المالكي", "مشاكس بمقالاته" },
        { "سبق- متابعة: تدرس حكومة المحافظين", "", "سبق", "", "تدرس حكومة المحافظين" },
        { "واس- مكة المكرمة: ساهمت تسع فرق إطفاء", "مكة المكرمة", "واس", "", "ساهمت تسع فرق إطفاء" },
    };
    for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++) {
        kb_dateline dl;
        const char *in = pre[k].in;
        size_t cut = kb_dateline_prefix(in, strlen(in), &dl);
        if (!cut) fail_msg("no prefix in \"%s\"", in);
        span_is(in, dl.place, pre[k].place);
        span_is(in, dl.source, pre[k].source);
        span_is(in, dl.author, pre[k].author);
        assert_string_equal(in + cut, pre[k].after);
    }
    static const char *const none[] = {
        "أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء المهمة",
        "وزير الخارجية - في تصريح صحفي - قال إن الاتفاق قريب",
        "العراق - الذي يستضيف القوات - يطالب بجدول زمني",
        "أكدت الوزارة أن 50/50 من الحصص",
        "النائب أسمهان بالعون: حل الأزمة الليبية عمل تكاملي",
        "وقال: إن الاتفاق قريب",
        "تمكنت – بفضل الله تعالى – عشر فرق إطفاء من إخماد الحريق",
    };
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        kb_dateline dl;
        if (kb_dateline_prefix(none[k], strlen(none[k]), &dl)) fail_msg("prefix in \"%s\"", none[k]);
    }
}

static void test_bylines(void **state)
{
    (void)state;
    kb_span n;
    struct { const char *in, *name; } yes[] = {
        { "كتب محمد السيد", "محمد السيد" },
        { "بقلم: سارة أحمد", "سارة أحمد" },
        { "- كتب - أحمد علي", "أحمد علي" },
        { "By Jane Doe", "Jane Doe" },
    };
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++) {
        assert_int_equal(kb_byline(yes[k].in, strlen(yes[k].in), &n), 1);
        span_is(yes[k].in, n, yes[k].name);
    }
    static const char *const no[] = {
        "كتب الرئيس الأمريكي على منصته أن المحادثات مستمرة",
        "كتبت الصحيفة في افتتاحيتها اليوم أن الأزمة تتفاقم.",
        "بغداد ـ العرب اليوم",
    };
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        if (kb_byline(no[k], strlen(no[k]), &n)) fail_msg("byline: %s", no[k]);
}

static void test_display_fix(void **state)
{
    (void)state;
    kb_arena a = { 0 };
    const char *in = "  الولایات\xC2\xA0المتحدة   فی\xE2\x80\x8C کردستان  ";
    assert_string_equal(kb_display_fix(&a, in, strlen(in), 0), "الولايات المتحدة في كردستان");
    in = "الـ12 شهراً";
    assert_string_equal(kb_display_fix(&a, in, strlen(in), 0), "الـ12 شهراً");
    assert_string_equal(kb_display_fix(&a, in, strlen(in), KB_DISP_TATWEEL), "ال12 شهراً");
    in = "می\xE2\x80\x8Cخواهم";   /* Persian text: left alone */
    assert_string_equal(kb_display_fix(&a, in, strlen(in), KB_DISP_SPACES_ONLY), in);
    kb_arena_free(&a);
}

/* kb_display_fix_differs tells when the page's language matters: every
 * character the two display modes treat differently must make it true, and
 * an ordinary Arabic line (quotes, dashes, digits) must not. */
static void test_display_fix_differs(void **state)
{
    (void)state;
    kb_arena a = { 0 };
    size_t missed = 0;
    for (int32_t cp = 0x80; cp < 0x10000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char s[16] = "\xD8\xA8";   /* ب cp ب */
        size_t n = 2 + kb_utf8_encode(cp, s + 2);
        memcpy(s + n, "\xD8\xA8", 2);
        n += 2;
        const char *fix = kb_display_fix(&a, s, n, 0);
        const char *keep = kb_display_fix(&a, s, n, KB_DISP_SPACES_ONLY);
        assert_non_null(fix);
        assert_non_null(keep);
        if (strcmp(fix, keep) && !kb_display_fix_differs(s, n)) {
            print_message("U+%04X changes under the display fix, unnoticed\n", (unsigned)cp);
            missed++;
        }
        if ((cp & 0xFFF) == 0) kb_arena_free(&a);
    }
    assert_int_equal(missed, 0);
    assert_true(kb_display_fix_differs("الولایات", strlen("الولایات")));
    assert_true(kb_display_fix_differs("في\xE2\x80\x8Fالعراق", strlen("في\xE2\x80\x8Fالعراق")));
    const char *plain = "قال «المتحدث» – في بيان “رسمي” … إن 2024 عام ٢٠٢٤ صعب، والإصلاحات مستمرة.";
    assert_false(kb_display_fix_differs(plain, strlen(plain)));
    kb_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_also),
        cmocka_unit_test(test_related),
        cmocka_unit_test(test_tags_and_source),
        cmocka_unit_test(test_furniture),
        cmocka_unit_test(test_not_markers),
        cmocka_unit_test(test_table_is_normalised),
        cmocka_unit_test(test_code_lines),
        cmocka_unit_test(test_code_find_and_strip),
        cmocka_unit_test(test_strip_script),
        cmocka_unit_test(test_tail_furniture),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_date_lines),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_bylines),
        cmocka_unit_test(test_display_fix),
        cmocka_unit_test(test_display_fix_differs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
