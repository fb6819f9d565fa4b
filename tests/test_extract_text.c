/* tests/test_extract_text.c -- the plain-text extractor and kb_extract on
 * the five samples (every field of every article, read off the files by
 * hand) and on small fixtures of other site styles. */
#include "kb_test.h"

#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* ---------------------------------------------------------------- helpers */

typedef struct page {
    kb_doc *doc;
    kb_article_list list;
    int rc;
} page;

static void load(page *p, const char *rel)
{
    memset(p, 0, sizeof *p);
    size_t len;
    char *bytes = kb_test_read_file(kb_test_path(rel), &len);
    assert_non_null(bytes);
    char msg[256];
    assert_int_equal(kb_read_memory(rel, (const unsigned char *)bytes, len, NULL, &p->doc, msg,
                                    sizeof msg), KB_OK);
    free(bytes);
    assert_int_equal(p->doc->format, KB_FMT_TEXT);
    p->rc = kb_extract(p->doc, &p->list);
}

static kb_doc *mkdoc(const char *text)
{
    kb_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->data = kb_arena_strdup(&d->arena, text);
    d->len = strlen(text);
    d->format = KB_FMT_TEXT;
    d->input = "inline";
    return d;
}

static void unload(page *p)
{
    kb_article_list_free(&p->list);
    kb_doc_free(p->doc);
}

#define assert_str(a, b)                                                      \
    do {                                                                      \
        assert_non_null(a);                                                   \
        assert_string_equal(a, b);                                            \
    } while (0)
#define assert_has(t, n) assert_non_null(strstr(t, n))
#define assert_lacks(t, n)                                                    \
    do {                                                                      \
        if (strstr(t, n)) fail_msg("text holds \"%s\"", n);                  \
    } while (0)

static void assert_starts(const char *t, const char *p)
{
    assert_non_null(t);
    if (strncmp(t, p, strlen(p))) fail_msg("text starts \"%.120s\"", t);
}

static void assert_ends(const char *t, const char *s)
{
    assert_non_null(t);
    size_t tl = strlen(t), sl = strlen(s);
    if (tl < sl || strcmp(t + tl - sl, s)) fail_msg("text ends \"%s\"", tl > 120 ? t + tl - 120 : t);
}

static size_t paras(const char *t)
{
    size_t n = *t ? 1 : 0;
    for (const char *p = t; (p = strstr(p, "\n\n")); p += 2) n++;
    return n;
}

/* What no body may hold: site trimmings, markers, CSS. */
static void assert_clean(const char *t)
{
    static const char *const junk[] = {
        "{", "}", "المصدر:", "كلمات دلالية", "مقالات مشابهة", "إقرأ أيضاً", "قد يهمك",
        "أرسل تعليقك", ".article-img-ratio", "display:block", "•", "آخر تحديث",
        "تاريخ النشر", "أخبار ذات صلة", "أخبار متعلقة", "\n\n\n", "  ",
    };
    for (size_t k = 0; k < sizeof junk / sizeof junk[0]; k++) assert_lacks(t, junk[k]);
    assert_true(t[0] != '\n' && t[0] != ' ');
}

static void assert_ids(const kb_article_list *l)
{
    const kb_article *m = l->v[0];
    assert_int_equal(m->role, KB_ROLE_MAIN);
    assert_int_equal(m->part, 0);
    assert_string_equal(m->parent, "");
    for (size_t k = 0; k < l->n; k++) {
        const kb_article *a = l->v[k];
        assert_int_equal(strlen(a->id), 16);
        assert_int_equal(strspn(a->id, "0123456789abcdef"), 16);
        assert_str(a->lang, "ar");
        assert_str(a->input, m->input);
        /* plain files: no URL, canonical, crawl date; clean UTF-8: no warnings */
        assert_null(a->url);
        assert_null(a->canonical);
        assert_null(a->crawl_date);
        assert_int_equal(a->nwarnings, 0);
        if (!a->published) assert_null(a->date_source);
        if (k) {
            assert_int_equal(a->role, KB_ROLE_EMBEDDED);
            assert_int_equal(a->part, (int)k);
            assert_string_equal(a->parent, m->id);
            assert_string_not_equal(a->id, m->id);
        }
        assert_clean(a->text);
    }
}

/* ---------------------------------------------------------------- samples */

static void test_sample_000(void **state)
{
    (void)state;
    page p;
    load(&p, "samples/000_f122214a9d49da4a.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_ids(&p.list);

    const kb_article *m = p.list.v[0];
    assert_null(m->title);                       /* a date line, then body */
    assert_str(m->published, "2024-07-23");
    assert_str(m->updated, "2024-07-23");
    assert_str(m->date_source, "text");
    assert_str(m->source, "وكالة الصحافة المستقلة"); /* the المصدر line beats "المستقلة/-" */
    assert_null(m->dateline);
    assert_null(m->author);
    assert_int_equal(m->ntags, 0);
    /* the page's list closes the page after the embedded piece: the page's */
    assert_int_equal(m->nrelated, 10);
    assert_str(m->related[0], "واشنطن وبغداد تتفقان على خطة لانسحاب قوات التحالف: مئات الجنود "
                              "يغادرون بحلول 2025 والبقية في 2026");
    assert_str(m->related[9], "الولايات المتحدة توافق على خروج كامل قواتها من العراق بهذا "
                              "التوقيت - عاجل");
    assert_starts(m->text, "كشفت مصادر عراقية ومسؤولون أمريكيون، اليوم الثلاثاء، عن تطورات");
    assert_ends(m->text, "للتأكد من تحقيق التوازن بين المصالح الأمنية والسياسية للطرفين.");
    assert_int_equal(paras(m->text), 8);
    assert_has(m->text, "\n\nالموقف الأمريكي والاتفاقات المستقبلية\n\n");
    assert_has(m->text, "\n\nالمحادثات الأمنية\n\n");
    assert_lacks(m->text, "المستقلة/");
    assert_lacks(m->text, "يوليو 23");
    assert_lacks(m->text, "وكالة الصحافة المستقلة");
    assert_lacks(m->text, "قالت وكالة رويترز للأنباء");
    assert_lacks(m->text, "يتفقان على خطة انسحاب");
    assert_lacks(m->text, "رويترز: اتفاق");

    const kb_article *e = p.list.v[1];
    assert_str(e->title, "الولايات المتحدة والعراق يتفقان على خطة انسحاب قوات التحالف الدولي");
    assert_null(e->published);
    assert_null(e->updated);
    assert_null(e->date_source);
    assert_null(e->source);
    assert_null(e->dateline);
    assert_null(e->author);
    assert_int_equal(e->ntags, 0);
    assert_int_equal(e->nrelated, 0);
    assert_starts(e->text, "قالت وكالة رويترز للأنباء إن الولايات المتحدة والعراق اتفقا");
    assert_ends(e->text, "تأجيل إعلان إنهاء المهمة العسكرية للتحالف الدولى فى العراق\".");
    assert_int_equal(paras(e->text), 4);
    assert_lacks(e->text, "واشنطن وبغداد تتفقان");
    assert_lacks(e->text, "عاجل");
    assert_lacks(e->text, "كشفت مصادر عراقية");
    unload(&p);
}

static void test_sample_001(void **state)
{
    (void)state;
    page p;
    load(&p, "samples/001_57f495dec0a2a805.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);   /* "قد يهمك أيضا" announces two headlines only */
    assert_ids(&p.list);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);           /* the first line is a dateline, not a headline */
    assert_null(m->published);       /* only a weekday ("الجمعة") is given */
    assert_null(m->updated);
    assert_null(m->date_source);
    assert_str(m->dateline, "بغداد");
    assert_str(m->source, "العرب اليوم");
    assert_null(m->author);
    assert_int_equal(m->ntags, 0);
    assert_int_equal(m->nrelated, 2);
    assert_str(m->related[0], "صالح يبدأ زيارة رسمية لفرنسا تتناول قضية المحتجزين لدى \"قسد\"");
    assert_str(m->related[1], "برهم صالح يدعو العراقيين الى اعتماد الحوار لتحقيق الاستقرار");
    assert_starts(m->text, "أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء");
    assert_ends(m->text, "لافتين إلى \"رغبة حكومة إقليم كردستان بذلك\".");
    assert_int_equal(paras(m->text), 14);
    /* a sentence glued after a full stop is given its space back */
    assert_has(m->text, "حتى سبتمبر 2026. وأشار البيان للانتقال");
    assert_lacks(m->text, "العرب اليوم");
    assert_lacks(m->text, "صالح يبدأ زيارة");
    assert_lacks(m->text, "برهم صالح");
    unload(&p);
}

static void test_sample_002(void **state)
{
    (void)state;
    page p;
    load(&p, "samples/002_dff5410a16d3e991.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_ids(&p.list);
    const kb_article *m = p.list.v[0];
    assert_str(m->title, "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق");
    assert_str(m->published, "2024-01-25");
    assert_null(m->updated);
    assert_str(m->date_source, "text");
    assert_str(m->source, "الجزيرة");
    assert_null(m->dateline);
    assert_null(m->author);
    assert_int_equal(m->ntags, 1);
    assert_str(m->tags[0], "الولايات المتحدة");   /* Persian yeh in "الولایات" fixed */
    assert_int_equal(m->nrelated, 0);
    assert_starts(m->text, "نقلت وكالة رويترز عن 4 مصادر أمس الأربعاء أن الولايات المتحدة");
    assert_ends(m->text, "في عام 2014 قبل أن يهزمه الجيش العراقي.");
    assert_int_equal(paras(m->text), 8);
    assert_lacks(m->text, "واشنطن وبغداد بصدد");
    assert_lacks(m->text, "25th");
    assert_lacks(m->text, "الجزيرة");
    assert_lacks(m->text, "ليبيا");

    const kb_article *e = p.list.v[1];
    assert_str(e->title, "ليبيا تعلن تضامنها مع الولايات المتحدة عقب فيضانات تكساس");
    assert_null(e->published);
    assert_null(e->source);
    assert_null(e->dateline);
    assert_null(e->author);
    assert_int_equal(e->ntags, 0);
    assert_int_equal(e->nrelated, 0);
    assert_starts(e->text, "أعربت وزارة الخارجية والتعاون الدولي بحكومة الوحدة الوطنية في ليبيا");
    assert_ends(e->text, "تأكيدًا على روابط الصداقة والتعاون بين البلدين.");
    assert_int_equal(paras(e->text), 3);
    assert_lacks(e->text, "فيضانات تكساس\n");
    unload(&p);
}

static void test_sample_003(void **state)
{
    (void)state;
    page p;
    load(&p, "samples/003_5c49057d6339451f.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_ids(&p.list);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);           /* it opens with body text */
    assert_null(m->published);       /* only "اليوم السبت" */
    assert_null(m->updated);
    /* "المصدر: وكالات" belongs to the related box; the article's is: */
    assert_str(m->source, "صحيفة الاتحاد");
    assert_null(m->dateline);
    assert_null(m->author);
    assert_int_equal(m->ntags, 4);
    assert_str(m->tags[0], "العراق");
    assert_str(m->tags[1], "الولايات المتحدة");
    assert_str(m->tags[2], "التحالف الدولي ضد داعش");
    assert_str(m->tags[3], "التحالف الدولي");   /* "التحالف الدولی", Persian yeh fixed */
    /* two glued inline after "أخبار ذات صلة", then the page's ten */
    assert_int_equal(m->nrelated, 12);
    assert_str(m->related[0], "أميركا توافق على بيع طائرات قتالية متطورة لتركيا");
    assert_str(m->related[1], "العراق: مستعدون لاستلام الملف الأمني بعد خروج التحالف الدولي");
    assert_str(m->related[2], "السويد ستوجه اتهاما لمتطرف على خلفية حرق الكساسبة");
    assert_str(m->related[11], "فتاوى تشغل الأذهان.. حكم من نوى يضحي ولم يستطع.. وهل الطواف في "
                               "الطوابق العليا يعدل ثواب أدائه في صحن الحرم؟ ومن هو المضطر الذي "
                               "يستجيب الله دعاءه؟");
    assert_starts(m->text, "انطلقت، اليوم السبت، الجولة الأولى للحوار الثنائي بين العراق");
    assert_ends(m->text, "\"سيكون بالتأكيد جزءا من المناقشات مع تقدم الأمور\".");
    assert_int_equal(paras(m->text), 11);
    assert_lacks(m->text, "أميركا توافق");
    assert_lacks(m->text, "وكالات");
    assert_lacks(m->text, "صحيفة الاتحاد");
    assert_lacks(m->text, "الدولی");
    assert_lacks(m->text, "الرباط..");
    assert_lacks(m->text, "شاركت المملكة");

    const kb_article *e = p.list.v[1];
    assert_str(e->title, "الرباط.. المملكة تشارك في اجتماع التحالف الدولي لتنفيذ حل الدولتين");
    assert_null(e->published);       /* "سبتمبر 2024" in the body is no publication date */
    assert_null(e->source);
    assert_null(e->dateline);
    assert_null(e->author);
    assert_int_equal(e->ntags, 0);
    /* the "أخبار متعلقة" run inside it: two headlines glued without a
     * separator ("الحجبحوزتهم"), which cannot be told apart */
    assert_int_equal(e->nrelated, 1);
    assert_starts(e->related[0], "تقنيات حديثة لرصد الحشود داخل المسجد الحرام");
    assert_ends(e->related[0], "القبض على 9 مهربي مخدرات في عسير");
    assert_starts(e->text, "شاركت المملكة يوم أمس في الاجتماع الخامس للتحالف الدولي لتنفيذ حل");
    assert_has(e->text, "\n\nومثلت المملكة في الاجتماع الخامس للتحالف في الرباط");
    /* the text after the leaked CSS is kept, the image caption is not */
    assert_has(e->text, "وشارك في الاجتماع ممثلين عن عدد كبير من الدول الأعضاء في التحالف");
    assert_lacks(e->text, "- واس");
    assert_lacks(e->text, "الخامس للتحالف الدولي لتنفيذ حل الدولتين -");
    assert_ends(e->text, "خلال الفترة من 17 إلى 20 يونيو 2025.");
    assert_int_equal(paras(e->text), 5);
    assert_lacks(e->text, "تقنيات حديثة");
    assert_lacks(e->text, "عسير");
    assert_lacks(e->text, "object-fit");
    assert_lacks(e->text, "السويد");
    assert_lacks(e->text, "انطلقت");
    unload(&p);
}

static void test_sample_004(void **state)
{
    (void)state;
    page p;
    load(&p, "samples/004_e340d19b9189306f.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_ids(&p.list);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);
    assert_str(m->published, "2024-08-12");
    assert_str(m->updated, "2024-08-12");
    assert_str(m->date_source, "text");
    assert_str(m->source, "وكالة الصحافة المستقلة");
    assert_null(m->dateline);
    assert_null(m->author);
    assert_int_equal(m->ntags, 4);
    assert_str(m->tags[0], "التحالف الدولي");
    assert_str(m->tags[1], "قوات التحالف");
    assert_str(m->tags[2], "بين العراق");
    assert_str(m->tags[3], "في العراق");
    assert_int_equal(m->nrelated, 10);
    assert_str(m->related[0], "الإعلام الصهيوني: سقوط الطائرة الأمريكية يكشف عجز التحالف الدولي "
                              "أمام القوات اليمنية");
    assert_str(m->related[9], "بالعون: العمل مع الأمم المتحدة ضرورة لحلحلة الأزمة السياسية الليبية");
    assert_starts(m->text, "أفادت مصادر مطلعة للمستقلة اليوم الاثنين، بأن وزير الخارجية العراقي");
    assert_ends(m->text, "وقد يكون له تداعيات على العلاقات الثنائية بين العراق والولايات المتحدة.");
    assert_int_equal(paras(m->text), 8);
    assert_lacks(m->text, "المستقلة/");
    assert_lacks(m->text, "أغسطس 12");
    assert_lacks(m->text, "بالعون");
    assert_lacks(m->text, "فی");

    const kb_article *e = p.list.v[1];
    assert_str(e->title, "بالعون: العمل مع الأمم المتحدة ضرورة لحلحلة الأزمة السياسية الليبية");
    assert_null(e->published);
    assert_null(e->source);
    assert_int_equal(e->ntags, 0);
    assert_int_equal(e->nrelated, 0);
    /* the second headline line is the piece's subtitle: kept, first */
    assert_starts(e->text, "النائب أسمهان بالعون: حل الأزمة الليبية عمل تكاملي بين البرلمان "
                           "والأمم المتحدة\n\nأكدت عضو مجلس النواب");
    assert_ends(e->text, "وتحقيق الاستقرار المنشود في ليبيا.");
    assert_int_equal(paras(e->text), 4);
    assert_lacks(e->text, "الإعلام الصهيوني");
    assert_lacks(e->text, "عاجل");
    unload(&p);
}

/* Same input, same output: ids included. */
static void test_deterministic(void **state)
{
    (void)state;
    page a, b;
    load(&a, "samples/003_5c49057d6339451f.txt");
    load(&b, "samples/003_5c49057d6339451f.txt");
    assert_int_equal(a.list.n, b.list.n);
    for (size_t k = 0; k < a.list.n; k++) {
        char *ja = kb_article_json(a.list.v[k]);
        char *jb = kb_article_json(b.list.v[k]);
        assert_non_null(ja);
        assert_non_null(jb);
        assert_string_equal(ja, jb);
        free(ja);
        free(jb);
    }
    unload(&a);
    unload(&b);
}

/* ---------------------------------------------------------------- fixtures */

static void test_fixture_list_midbody(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/youm7_list_midbody.txt");
    assert_int_equal(p.rc, KB_OK);
    /* "اقرأ أيضًا" + two headlines, then the story goes on ("وأضاف"): a list */
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);
    assert_str(m->author, "محمد السيد");
    assert_int_equal(m->nrelated, 2);
    assert_str(m->related[0], "وزير المالية: لا زيادة في الضرائب على الدخل");
    assert_str(m->related[1], "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة");
    assert_int_equal(paras(m->text), 2);
    assert_starts(m->text, "أعلن وزير المالية اليوم الأحد");
    assert_ends(m->text, "بالتعاون مع القطاع الخاص.");
    assert_lacks(m->text, "اقرأ");
    assert_lacks(m->text, "كتب");
    assert_lacks(m->text, "شارك");
    assert_lacks(m->text, "فيسبوك");
    unload(&p);
}

static void test_fixture_wire(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/wire_reuters.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_str(m->title, "محادثات جديدة لوقف إطلاق النار في غزة الأسبوع المقبل");
    assert_str(m->dateline, "القاهرة");
    assert_str(m->source, "رويترز");
    assert_null(m->published);
    assert_int_equal(m->ntags, 4);
    assert_str(m->tags[0], "غزة");
    assert_str(m->tags[3], "وقف إطلاق النار");   /* delimited: kept as given */
    assert_starts(m->text, "قال مسؤولون مصريون إن محادثات");
    assert_int_equal(paras(m->text), 2);
    assert_lacks(m->text, "رويترز");
    assert_lacks(m->text, "الوسوم");
    unload(&p);
}

static void test_fixture_spa_hijri(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/spa_hijri_dateline.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);   /* the first line is a dated dateline */
    assert_str(m->published, "2024-01-27");
    assert_str(m->dateline, "الرياض");
    assert_str(m->source, "واس");
    assert_starts(m->text, "أعلنت وزارة الصحة اليوم تسجيل انخفاض");
    assert_int_equal(paras(m->text), 2);
    assert_lacks(m->text, "رجب");
    unload(&p);
}

static void test_fixture_furniture_css(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/furniture_css.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_null(m->title);
    assert_str(m->dateline, "الرياض");
    assert_str(m->source, "واس");
    assert_int_equal(m->nrelated, 2);
    assert_str(m->related[0], "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية");
    assert_str(m->related[1], "الهلال يفوز على النصر في ديربي الرياض");
    assert_int_equal(paras(m->text), 2);
    assert_starts(m->text, "أعلنت وزارة الصحة السعودية");
    assert_ends(m->text, "في مختلف المناطق.");
    assert_lacks(m->text, "ملفات تعريف الارتباط");
    assert_lacks(m->text, "share-box");
    assert_lacks(m->text, "الأكثر قراءة");
    assert_lacks(m->text, "واتساب");
    unload(&p);
}

static void test_fixture_english(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/english_page.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_str(m->title, "Iraq and US agree timeline for coalition exit");
    assert_str(m->published, "2024-09-27");
    assert_str(m->dateline, "BAGHDAD");
    assert_str(m->source, "Reuters");
    assert_str(m->lang, "en");
    assert_int_equal(m->ntags, 3);
    assert_str(m->tags[1], "United States");
    assert_int_equal(m->nrelated, 1);
    assert_str(m->related[0], "US troops to leave Baghdad base");
    assert_starts(m->text, "Iraq and the United States announced on Friday");
    assert_ends(m->text, "to fight Islamic State.");
    assert_lacks(m->text, "Read more");
    assert_lacks(m->text, "Tags");
    unload(&p);
}

static void test_fixture_byline_updated(void **state)
{
    (void)state;
    page p;
    load(&p, "tests/fixtures/extract/byline_updated.txt");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    const kb_article *m = p.list.v[0];
    assert_str(m->author, "سارة أحمد");
    assert_str(m->published, "2024-05-12T10:30");
    assert_str(m->updated, "2024-05-13");
    assert_str(m->dateline, "تونس");
    assert_null(m->source);
    assert_int_equal(paras(m->text), 2);
    assert_starts(m->text, "أعلنت الهيئة العليا للانتخابات");
    /* one headline then a lead paragraph (not "وأضاف..."): an embedded piece */
    const kb_article *e = p.list.v[1];
    assert_str(e->title, "الحكومة تعلن خطة لدعم الفلاحين في مواجهة الجفاف");
    assert_str(e->source, "وكالة تونس إفريقيا للأنباء");   /* its own source line */
    assert_null(e->published);
    assert_int_equal(paras(e->text), 1);
    assert_lacks(e->text, "المصدر");
    unload(&p);
}

/* ---------------------------------------------------------------- inline */

static void extract_inline(page *p, const char *text)
{
    memset(p, 0, sizeof *p);
    p->doc = mkdoc(text);
    p->rc = kb_extract(p->doc, &p->list);
}

static void test_empty_pages(void **state)
{
    (void)state;
    static const char *const empties[] = {
        "", "\n \n\t\n", "أرسل تعليقك\nشارك\nفيسبوك تويتر واتساب\n",
        ".a{display:none;}\n", "مقالات مشابهة\n• عنوان أول\n• عنوان ثان\n",
    };
    for (size_t k = 0; k < sizeof empties / sizeof empties[0]; k++) {
        page p;
        extract_inline(&p, empties[k]);
        assert_int_equal(p.rc, KB_EEMPTY);
        assert_int_equal(p.list.n, 0);
        unload(&p);
    }
}

/* A page holding nothing but a "read also" piece: that piece is the page. */
static void test_only_embedded_is_promoted(void **state)
{
    (void)state;
    page p;
    extract_inline(&p, "اقرأ أيضا:\nالبرلمان يقر الموازنة العامة للعام المقبل\n"
                       "أقر مجلس النواب اليوم مشروع قانون الموازنة العامة بأغلبية الأعضاء الحاضرين.\n");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    const kb_article *m = p.list.v[0];
    assert_int_equal(m->role, KB_ROLE_MAIN);
    assert_int_equal(m->part, 0);
    assert_str(m->title, "البرلمان يقر الموازنة العامة للعام المقبل");
    assert_starts(m->text, "أقر مجلس النواب");
    unload(&p);
}

/* Structure decides, not the sample: lists at the top, pieces appended
 * without a marker, a list followed by a piece, sentences without stops. */
static void test_structure_rules(void **state)
{
    (void)state;
    page p;
    /* a "read also" list at the top of the page, then the page's article */
    extract_inline(&p, "اقرأ أيضا:\nارتفاع أسعار الذهب في الأسواق العالمية\nالبنك المركزي يثبت الفائدة\n"
                       "الحكومة تعلن موازنة العام المقبل\n"
                       "أعلنت الحكومة اليوم موازنة العام المقبل بعجز أقل من المتوقع.\n");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 1);
    assert_str(p.list.v[0]->title, "الحكومة تعلن موازنة العام المقبل");
    assert_int_equal(p.list.v[0]->nrelated, 2);
    assert_str(p.list.v[0]->related[1], "البنك المركزي يثبت الفائدة");
    assert_str(p.list.v[0]->text, "أعلنت الحكومة اليوم موازنة العام المقبل بعجز أقل من المتوقع.");
    unload(&p);

    /* after the article's source line, a headline with paragraphs is
     * another article even without a marker */
    extract_inline(&p, "أعلنت الحكومة اليوم موازنة العام المقبل بعجز أقل من المتوقع.\n"
                       "المصدر: وكالات\n"
                       "منتخب مصر يتأهل إلى نهائيات كأس العالم\n"
                       "تأهل منتخب مصر لكرة القدم إلى نهائيات كأس العالم بعد فوزه على منافسه.\n");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_str(p.list.v[0]->source, "وكالات");
    assert_str(p.list.v[0]->text, "أعلنت الحكومة اليوم موازنة العام المقبل بعجز أقل من المتوقع.");
    assert_str(p.list.v[1]->title, "منتخب مصر يتأهل إلى نهائيات كأس العالم");
    assert_null(p.list.v[1]->source);
    unload(&p);

    /* after the article's tags, a list of four, then a piece titled by the
     * last headline; its sentences lack full stops but carry commas */
    extract_inline(&p, "أعلنت الحكومة اليوم موازنة العام المقبل بعجز أقل من المتوقع.\n"
                       "كلمات دلالية: الموازنة\n"
                       "إقرأ أيضاً:\nعنوان أول في القائمة\nعنوان ثان في القائمة\nعنوان ثالث في القائمة\n"
                       "وزير الصحة يفتتح مستشفى جديدا في الجنوب\n"
                       "افتتح وزير الصحة اليوم، بحضور محافظ المدينة، مستشفى جديدا يضم مئتي سرير لخدمة السكان\n"
                       "وقال الوزير، في كلمة بالمناسبة، إن المستشفى سيخدم أكثر من مليون نسمة في المنطقة\n");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_int_equal(p.list.v[0]->nrelated, 3);
    assert_str(p.list.v[0]->related[2], "عنوان ثالث في القائمة");
    assert_int_equal(p.list.v[0]->ntags, 1);
    assert_str(p.list.v[1]->title, "وزير الصحة يفتتح مستشفى جديدا في الجنوب");
    assert_int_equal(paras(p.list.v[1]->text), 2);
    assert_starts(p.list.v[1]->text, "افتتح وزير الصحة اليوم");
    unload(&p);
}

/* Marker with its headline on the same line; CRLF line ends. */
static void test_inline_read_also_crlf(void **state)
{
    (void)state;
    page p;
    extract_inline(&p, "قال الوزير إن الحكومة ستعلن قرارها النهائي الأسبوع المقبل بعد التشاور.\r\n"
                       "\r\nاقرأ أيضا: أسعار الذهب ترتفع مع تراجع الدولار\r\n"
                       "ارتفعت أسعار الذهب اليوم في التعاملات الفورية مع تراجع الدولار الأمريكي.\r\n");
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    assert_str(p.list.v[0]->text, "قال الوزير إن الحكومة ستعلن قرارها النهائي الأسبوع المقبل بعد التشاور.");
    assert_str(p.list.v[1]->title, "أسعار الذهب ترتفع مع تراجع الدولار");
    assert_str(p.list.v[1]->text, "ارتفعت أسعار الذهب اليوم في التعاملات الفورية مع تراجع الدولار الأمريكي.");
    unload(&p);
}

/* Persian letter forms in an Arabic body are fixed; harakat are kept. */
static void test_persian_letters_in_body(void **state)
{
    (void)state;
    page p;
    extract_inline(&p, "وصل الوفد الأمريکی إلى بغداد فی زيارة رسمية تستمر يومين لبحث التعاونَ الأمني.\n");
    assert_int_equal(p.rc, KB_OK);
    assert_str(p.list.v[0]->text, "وصل الوفد الأمريكي إلى بغداد في زيارة رسمية تستمر يومين لبحث "
                                  "التعاونَ الأمني.");
    unload(&p);
}

/* The id kb_extract gives (from normalised forms it may have kept) is the
 * one kb_article_set_id computes afresh from the final title and text. */
static void assert_id_fresh(const kb_article *a)
{
    kb_article *f = kb_article_new();
    assert_non_null(f);
    f->title = a->title;
    f->text = a->text;
    assert_int_equal(kb_article_set_id(f), KB_OK);
    assert_string_equal(f->id, a->id);
    kb_article_free(f);
}

/* What the record says wins; the crawl date is never the publication date. */
static void test_record_fields_win(void **state)
{
    (void)state;
    page p;
    memset(&p, 0, sizeof p);
    p.doc = mkdoc("العراق والولايات المتحدة يبدآن محادثات إنهاء مهمة التحالف\n"
                  "تاريخ النشر: 25th, January 2024 GMT\n"
                  "نقلت وكالة رويترز عن أربعة مصادر أن البلدين بصدد بدء محادثات حول مستقبل التحالف.\n"
                  "المصدر: الجزيرة\n"
                  "إقرأ أيضاً:\n"
                  "ليبيا تعلن تضامنها مع الولايات المتحدة\n"
                  "أعربت وزارة الخارجية الليبية عن تضامنها الكامل مع الولايات المتحدة في كارثة الفيضانات.\n");
    kb_doc *d = p.doc;
    d->format = KB_FMT_RECORD;
    d->title = "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق";
    d->published = "2024-01-26T08:00:00Z";
    d->source = "aljazeera.net";
    d->url = "https://www.aljazeera.net/news/1";
    d->crawl_date = "2025-07-10T12:00:00Z";
    kb_doc_warn(d, "repaired 2 invalid bytes");
    p.rc = kb_extract(d, &p.list);
    assert_int_equal(p.rc, KB_OK);
    assert_int_equal(p.list.n, 2);
    const kb_article *m = p.list.v[0];
    assert_str(m->title, "واشنطن وبغداد بصدد بحث إنهاء الوجود العسكري الأميركي بالعراق");
    /* the headline the text had is not lost: it opens the body */
    assert_starts(m->text, "العراق والولايات المتحدة يبدآن محادثات إنهاء مهمة التحالف\n\nنقلت");
    assert_str(m->published, "2024-01-26T08:00:00Z");
    assert_str(m->date_source, "record");
    assert_str(m->source, "aljazeera.net");
    assert_str(m->url, "https://www.aljazeera.net/news/1");
    assert_str(m->crawl_date, "2025-07-10T12:00:00Z");
    assert_int_equal(m->nwarnings, 1);
    assert_str(m->warnings[0], "repaired 2 invalid bytes");
    const kb_article *e = p.list.v[1];
    /* the record describes the page, not the piece embedded in it */
    assert_str(e->title, "ليبيا تعلن تضامنها مع الولايات المتحدة");
    assert_null(e->published);
    assert_null(e->url);
    assert_null(e->source);
    assert_str(e->crawl_date, "2025-07-10T12:00:00Z");
    assert_string_equal(e->parent, m->id);
    assert_id_fresh(m);
    assert_id_fresh(e);
    unload(&p);

    /* a record title repeated as the first paragraph is not kept twice */
    memset(&p, 0, sizeof p);
    p.doc = mkdoc("البرلمان يقر الموازنة.\nأقر مجلس النواب اليوم مشروع قانون الموازنة العامة بأغلبية الأعضاء.\n");
    p.doc->title = "البرلمان يقر الموازنة.";
    p.doc->crawl_date = "2025-07-10";
    p.rc = kb_extract(p.doc, &p.list);
    assert_int_equal(p.rc, KB_OK);
    assert_str(p.list.v[0]->title, "البرلمان يقر الموازنة.");
    assert_str(p.list.v[0]->text, "أقر مجلس النواب اليوم مشروع قانون الموازنة العامة بأغلبية الأعضاء.");
    assert_null(p.list.v[0]->published);
    assert_null(p.list.v[0]->date_source);
    assert_id_fresh(p.list.v[0]);
    unload(&p);

    /* a record title over one paragraph that does not repeat it, and over
     * two: the text stays as it was */
    static const char *const bodies[] = {
        "أقر مجلس النواب اليوم مشروع قانون الموازنة العامة بأغلبية الأعضاء الحاضرين.\n",
        "أقر مجلس النواب اليوم مشروع قانون الموازنة العامة بأغلبية الأعضاء الحاضرين.\n"
        "وقال رئيس المجلس إن الموازنة تخفض العجز إلى أقل من ثلاثة في المئة هذا العام.\n",
    };
    for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
        memset(&p, 0, sizeof p);
        p.doc = mkdoc(bodies[k]);
        p.doc->title = "البرلمان يُقر الموازنة";
        p.rc = kb_extract(p.doc, &p.list);
        assert_int_equal(p.rc, KB_OK);
        assert_str(p.list.v[0]->title, "البرلمان يُقر الموازنة");
        assert_starts(p.list.v[0]->text, "أقر مجلس النواب اليوم");
        assert_int_equal(paras(p.list.v[0]->text), k + 1);
        assert_id_fresh(p.list.v[0]);
        unload(&p);
    }
}

/* Hostile shapes: thousands of markers, a huge line, stray bytes. */
static void test_hostile_input(void **state)
{
    (void)state;
    kb_buf b = { 0 };
    for (int k = 0; k < 3000; k++) {
        kb_buf_puts(&b, "اقرأ أيضا:\nعنوان خبر رقم آخر عن موضوع جديد\n");
        kb_buf_puts(&b, "هذا نص فقرة كاملة فيها جملة حقيقية تنتهي بنقطة في آخرها.\n");
    }
    for (int k = 0; k < 20000; k++) kb_buf_puts(&b, "{a:b;}كلمة ");
    kb_buf_puts(&b, "\nنص عربي قصير في أول السطر ثم أقواس كثيرة لا تغلق ");
    for (int k = 0; k < 1000000; k++) kb_buf_putc(&b, '{');
    kb_buf_puts(&b, "\n");
    for (int k = 0; k < 200000; k++) kb_buf_puts(&b, "a{b:c;");
    kb_buf_puts(&b, "\n\xD8\n.x{\n}}}{{{\n");
    page p;
    extract_inline(&p, b.data);
    assert_int_equal(p.rc, KB_OK);
    assert_true(p.list.n >= 2 && p.list.n <= 66);
    for (size_t k = 0; k < p.list.n; k++) assert_non_null(p.list.v[k]->text);
    unload(&p);
    kb_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_000),
        cmocka_unit_test(test_sample_001),
        cmocka_unit_test(test_sample_002),
        cmocka_unit_test(test_sample_003),
        cmocka_unit_test(test_sample_004),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_fixture_list_midbody),
        cmocka_unit_test(test_fixture_wire),
        cmocka_unit_test(test_fixture_spa_hijri),
        cmocka_unit_test(test_fixture_furniture_css),
        cmocka_unit_test(test_fixture_english),
        cmocka_unit_test(test_fixture_byline_updated),
        cmocka_unit_test(test_empty_pages),
        cmocka_unit_test(test_only_embedded_is_promoted),
        cmocka_unit_test(test_structure_rules),
        cmocka_unit_test(test_inline_read_also_crlf),
        cmocka_unit_test(test_persian_letters_in_body),
        cmocka_unit_test(test_record_fields_win),
        cmocka_unit_test(test_hostile_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
