/* tests/test_extract_html.c -- the HTML extractor (extract/html_*.c) through
 * kb_extract: body selection and furniture, cut-phrases and embedded
 * articles, title cutting, every date source and their priority, source,
 * author, tags, language, JSON-LD, a Windows-1256 page through the reader,
 * and broken input (unclosed tags, 10,000-deep nesting, a 20 MB page).
 *
 * Fixtures: tests/fixtures/html/news_article.html (modelled on an Arabic news
 * site: menus, cookie notice, share bar, caption, "اقرأ أيضا" box, tags,
 * comments, most-read box, footer), read_also.html (an inline "اقرأ أيضا"
 * line, a tags line, a "اقرأ أيضاً" heading followed by a full article, a
 * related list), cp1256.html (a page in Windows-1256). Small pages (a live
 * blog, date sources, titles, broken markup) are
 * written inline below. Expected values come from reading the pages. */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

/* A UTF-8 HTML document, as the reader hands it over. */
static kb_doc *html_doc(const char *html, size_t len, const char *url, const char *crawl)
{
    kb_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->format = KB_FMT_HTML;
    d->input = "test.html";
    d->data = kb_arena_strndup(&d->arena, html, len);
    d->len = len;
    assert_non_null(d->data);
    if (url) d->url = kb_arena_strdup(&d->arena, url);
    if (crawl) d->crawl_date = kb_arena_strdup(&d->arena, crawl);
    return d;
}

/* Extract s (a NUL-terminated page); asserts success. */
static void extract_str(const char *s, const char *url, const char *crawl, kb_article_list *l)
{
    kb_doc *d = html_doc(s, strlen(s), url, crawl);
    int rc = kb_extract(d, l);
    kb_doc_free(d);
    assert_int_equal(rc, KB_OK);
    assert_true(l->n >= 1);
}

static void extract_fixture(const char *name, kb_article_list *l)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/fixtures/html/%s", name);
    size_t len;
    char *s = kb_test_read_file(kb_test_path(rel), &len);
    assert_non_null(s);
    kb_doc *d = html_doc(s, len, NULL, NULL);
    free(s);
    int rc = kb_extract(d, l);
    kb_doc_free(d);
    assert_int_equal(rc, KB_OK);
}

static int has(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static int has_tag(const kb_article *a, const char *t)
{
    for (size_t i = 0; i < a->ntags; i++)
        if (strcmp(a->tags[i], t) == 0) return 1;
    return 0;
}

static int has_related(const kb_article *a, const char *t)
{
    for (size_t i = 0; i < a->nrelated; i++)
        if (strcmp(a->related[i], t) == 0) return 1;
    return 0;
}

/* Two paragraphs of real text, for pages built in the tests. */
#define PARAS                                                                       \
    "<p>أعلنت وزارة الخارجية العراقية أن جولة جديدة من الحوار الاستراتيجي مع "       \
    "الولايات المتحدة ستعقد في بغداد الشهر المقبل، لبحث مستقبل العلاقات الأمنية "    \
    "والاقتصادية بين البلدين بعد انتهاء مهمة التحالف الدولي.</p>"                     \
    "<p>وقال المتحدث باسم الوزارة إن الوفد العراقي سيطرح ملفات الطاقة والتعليم "     \
    "والاستثمار إلى جانب الملف الأمني، مؤكدا أن بغداد تريد شراكة متوازنة تحترم "      \
    "سيادتها وتخدم مصالح الشعبين.</p>"

/* ------------------------------------------------------------ body */

static void article_page_body_and_fields(void **state)
{
    (void)state;
    kb_article_list l = {0};
    extract_fixture("news_article.html", &l);
    assert_int_equal(l.n, 1);
    const kb_article *a = l.v[0];
    assert_int_equal(a->role, KB_ROLE_MAIN);
    assert_int_equal(a->part, 0);
    assert_string_equal(a->title, "العراق والولايات المتحدة تبدآن محادثات إنهاء مهمة التحالف");
    /* the article's paragraphs and subheading, in order, \n\n apart */
    const char *t = a->text;
    const char *first = "بغداد- بدأ العراق والولايات المتحدة، اليوم السبت، الجولة الأولى";
    assert_true(strncmp(t, first, strlen(first)) == 0);
    assert_true(has(t, "أغسطس/آب الماضي.\n\nوقال المتحدث باسم القائد العام"));
    assert_true(has(t, "\n\nجدول زمني للانسحاب\n\nوأضاف أن الحكومة العراقية"));
    assert_true(has(t, "نحو 2500 جندي"));
    assert_true(has(t, "أسفرت عن سقوط قتلى."));
    /* the page's furniture stays out */
    assert_false(has(t, "ملفات تعريف الارتباط"));       /* cookie notice */
    assert_false(has(t, "الرئيسية"));                   /* menu, breadcrumbs */
    assert_false(has(t, "فيسبوك"));                     /* share bar */
    assert_false(has(t, "1250 مشاركة"));
    assert_false(has(t, "جانب من الاجتماع"));            /* caption */
    assert_false(has(t, "الفصائل العراقية تعلن"));        /* "اقرأ أيضا" box */
    assert_false(has(t, "اقرأ أيضا"));
    assert_false(has(t, "إعلان"));                      /* ad slot */
    assert_false(has(t, "كلمات دلالية"));
    assert_false(has(t, "تعليق طويل"));                  /* comments */
    assert_false(has(t, "الأكثر قراءة"));
    assert_false(has(t, "أسعار النفط ترتفع"));
    assert_false(has(t, "جميع الحقوق محفوظة"));          /* footer */
    assert_false(has(t, "not html"));                   /* script */
    assert_false(has(t, "line-height"));                /* style */
    /* the title heading is not repeated in the body */
    assert_false(has(t, "تبدآن محادثات"));
    /* fields */
    assert_string_equal(a->published, "2024-01-27T11:05:00Z");   /* NewsArticle, not WebPage */
    assert_string_equal(a->updated, "2024-01-28T08:30:00Z");
    assert_string_equal(a->date_source, "jsonld");
    assert_string_equal(a->source, "الجزيرة نت");
    assert_string_equal(a->author, "أحمد فاضل");
    assert_string_equal(a->url, "https://www.aljazeera.net/news/politics/2024/1/27/iraq-us-coalition-talks");
    assert_string_equal(a->canonical, "https://www.aljazeera.net/news/politics/2024/1/27/iraq-us-coalition-talks");
    assert_true(has_tag(a, "العراق"));
    assert_true(has_tag(a, "الولايات المتحدة"));
    assert_true(has_tag(a, "التحالف الدولي"));
    assert_string_equal(a->lang, "ar");
    assert_int_equal(strlen(a->id), 16);
    kb_article_list_free(&l);
}

static void read_also_embedded_article(void **state)
{
    (void)state;
    kb_article_list l = {0};
    extract_fixture("read_also.html", &l);
    assert_int_equal(l.n, 2);
    const kb_article *m = l.v[0], *e = l.v[1];
    /* the main article: three paragraphs; the inline "اقرأ أيضا: ..." line
     * and the tags line are not text */
    assert_string_equal(m->title, "السوداني: لا حاجة لقوات التحالف بعد هزيمة داعش");
    assert_true(strncmp(m->text, "أكد رئيس الوزراء العراقي", 20) == 0);
    assert_true(has(m->text, "المعلومات الاستخبارية.\n\nوأشار إلى أن الحكومة شكلت لجنة ثنائية"));
    size_t ml = strlen(m->text);
    const char *end = "واستقراره الأمني والسياسي في المرحلة المقبلة.";
    assert_true(ml > strlen(end) && strcmp(m->text + ml - strlen(end), end) == 0);
    assert_false(has(m->text, "اقرأ أيضا"));
    assert_false(has(m->text, "البنتاغون يرد"));
    assert_false(has(m->text, "كلمات دلالية"));
    assert_false(has(m->text, "أسعار النفط"));
    assert_true(has_related(m, "البنتاغون يرد على دعوات بغداد لانسحاب القوات الأمريكية"));
    assert_true(has_related(m, "الكاظمي يبحث مع وفد أمريكي مستقبل القوات الأجنبية"));
    assert_true(has_related(m, "فصائل عراقية تهدد باستهداف المصالح الأمريكية"));
    assert_true(has_tag(m, "السوداني"));
    assert_true(has_tag(m, "التحالف الدولي"));
    assert_true(has_tag(m, "بغداد"));
    assert_string_equal(m->source, "سكاي نيوز عربية");
    assert_string_equal(m->published, "2024-01-10");
    assert_string_equal(m->date_source, "meta");
    /* the article after "اقرأ أيضاً", with its own heading and paragraphs */
    assert_int_equal(e->role, KB_ROLE_EMBEDDED);
    assert_int_equal(e->part, 1);
    assert_string_equal(e->parent, m->id);
    assert_string_not_equal(e->id, m->id);
    assert_string_equal(e->title, "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية");
    assert_true(strncmp(e->text, "ارتفعت أسعار النفط في تعاملات الأربعاء", 30) == 0);
    assert_true(has(e->text, "خلال الأسابيع المقبلة."));
    assert_false(has(e->text, "مقالات ذات صلة"));
    assert_false(has(e->text, "الكاظمي"));
    assert_null(e->published);
    kb_article_list_free(&l);
}

static void related_heading_ends_body(void **state)
{
    (void)state;
    /* "مقالات ذات صلة" followed by headlines: the body ends there, the
     * headlines are kept as a list; the long blurb after them belongs to
     * no article. */
    const char *page =
        "<html><body><div class=\"story\"><h1>بغداد تستضيف جولة حوار جديدة</h1>" PARAS
        "<h4>مقالات ذات صلة</h4>"
        "<p><a href=\"/a\">واشنطن تعلن خفض قواتها في سوريا</a></p>"
        "<p><a href=\"/b\">طهران تحذر من التصعيد في المنطقة</a></p>"
        "<p>موقع إخباري مستقل يقدم آخر الأخبار العربية والعالمية على مدار الساعة، "
        "ويغطي السياسة والاقتصاد والرياضة والثقافة بمهنية عالية ودقة في النقل.</p>"
        "</div></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_int_equal(l.n, 1);
    const kb_article *a = l.v[0];
    assert_true(has(a->text, "تخدم مصالح الشعبين."));
    assert_false(has(a->text, "مقالات ذات صلة"));
    assert_false(has(a->text, "موقع إخباري مستقل"));
    assert_false(has(a->text, "واشنطن تعلن"));
    assert_true(has_related(a, "واشنطن تعلن خفض قواتها في سوريا"));
    assert_true(has_related(a, "طهران تحذر من التصعيد في المنطقة"));
    kb_article_list_free(&l);
}

static void live_blog_entries(void **state)
{
    (void)state;
    /* an introduction, then entries marked itemprop=liveBlogUpdate, each
     * with its heading: the main article and one embedded per entry */
    const char *page =
        "<html><head><title>تغطية مباشرة: جولة الحوار العراقي الأمريكي</title></head><body>"
        "<main><h1>تغطية مباشرة: جولة الحوار العراقي الأمريكي</h1>"
        "<div class=\"live-intro\"><p>نتابع في هذه التغطية المباشرة جلسات الحوار بين الوفدين "
        "العراقي والأمريكي في بغداد، وما يصدر عنهما من تصريحات ومواقف.</p></div>"
        "<div class=\"live-feed\">"
        "<article itemprop=\"liveBlogUpdate\"><h3>انطلاق الجلسة الأولى</h3><p>انطلقت صباح اليوم "
        "الجلسة الأولى من الحوار بحضور وزيري الخارجية، وتركزت على جدول أعمال اللجنة العسكرية "
        "العليا ومواعيد اجتماعاتها المقبلة.</p></article>"
        "<article itemprop=\"liveBlogUpdate\"><h3>بيان مشترك بعد الجلسة</h3><p>أصدر الوفدان بيانا "
        "مشتركا أكدا فيه التزامهما بالانتقال إلى علاقة أمنية ثنائية، وتشكيل فرق فنية لمتابعة "
        "تنفيذ ما يتفق عليه.</p></article>"
        "</div></main></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.v[0]->role, KB_ROLE_MAIN);
    assert_true(strncmp(l.v[0]->text, "نتابع في هذه التغطية المباشرة", 20) == 0);
    assert_false(has(l.v[0]->text, "انطلقت صباح اليوم"));
    assert_int_equal(l.v[1]->role, KB_ROLE_EMBEDDED);
    assert_int_equal(l.v[1]->part, 1);
    assert_string_equal(l.v[1]->title, "انطلاق الجلسة الأولى");
    assert_true(strncmp(l.v[1]->text, "انطلقت صباح اليوم الجلسة الأولى", 20) == 0);
    assert_string_equal(l.v[1]->parent, l.v[0]->id);
    assert_int_equal(l.v[2]->part, 2);
    assert_string_equal(l.v[2]->title, "بيان مشترك بعد الجلسة");
    assert_true(has(l.v[2]->text, "لمتابعة تنفيذ ما يتفق عليه."));
    assert_false(has(l.v[2]->text, "بيان مشترك بعد الجلسة"));
    kb_article_list_free(&l);
}

static void furniture_lines_in_body_dropped(void **state)
{
    (void)state;
    const char *page =
        "<html><body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>"
        "<p>شارك الخبر</p>" PARAS "<p>طباعة</p><p>أضف تعليقك</p>"
        "<p>المصدر: وكالات</p></article></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    const char *t = l.v[0]->text;
    assert_true(strncmp(t, "أعلنت وزارة الخارجية العراقية", 20) == 0);
    assert_true(has(t, "تخدم مصالح الشعبين."));
    assert_false(has(t, "شارك الخبر"));
    assert_false(has(t, "طباعة"));
    assert_false(has(t, "أضف تعليقك"));
    assert_false(has(t, "المصدر"));
    kb_article_list_free(&l);
}

static void hidden_elements_left_out(void **state)
{
    (void)state;
    const char *page =
        "<html><body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>" PARAS
        "<p style=\"display: none\">نص مخفي بالأسلوب</p>"
        "<div class=\"d-none\">نص مخفي بالصنف</div>"
        "<p hidden>نص مخفي بالسمة</p>"
        "<noscript>يرجى تفعيل جافاسكربت</noscript>"
        "<p>واختتم المتحدث بالقول إن الاجتماعات ستتواصل حتى التوصل إلى اتفاق "
        "شامل يرضي الطرفين ويعزز الاستقرار في المنطقة.</p>"
        "</article></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    const char *t = l.v[0]->text;
    assert_true(has(t, "ويعزز الاستقرار في المنطقة."));
    assert_false(has(t, "مخفي"));
    assert_false(has(t, "جافاسكربت"));
    kb_article_list_free(&l);
}

static void br_separated_paragraphs(void **state)
{
    (void)state;
    /* one div, paragraphs separated by <br><br> (common on Arabic sites) */
    const char *page =
        "<html><body><div itemprop=\"articleBody\"><div>"
        "أعلنت وزارة الخارجية العراقية أن جولة جديدة من الحوار ستعقد في بغداد.<br /><br />"
        "وقال المتحدث باسم الوزارة إن الوفد سيطرح ملفات الطاقة والتعليم.<br/>\n<br/>"
        "وأكد أن بغداد تريد شراكة متوازنة تحترم سيادتها."
        "</div></div></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_string_equal(l.v[0]->text,
                        "أعلنت وزارة الخارجية العراقية أن جولة جديدة من الحوار ستعقد في بغداد.\n\n"
                        "وقال المتحدث باسم الوزارة إن الوفد سيطرح ملفات الطاقة والتعليم.\n\n"
                        "وأكد أن بغداد تريد شراكة متوازنة تحترم سيادتها.");
    kb_article_list_free(&l);
}

static void no_text_is_empty(void **state)
{
    (void)state;
    const char *page = "<html><head><title>صفحة</title></head><body><nav><a href=\"/\">الرئيسية</a>"
                       "</nav><img src=\"x.jpg\"></body></html>";
    kb_doc *d = html_doc(page, strlen(page), NULL, NULL);
    kb_article_list l = {0};
    assert_int_equal(kb_extract(d, &l), KB_EEMPTY);
    assert_int_equal(l.n, 0);
    kb_doc_free(d);
    /* a photo page with a description: the description stands in, with a
     * warning saying so */
    const char *photo = "<html><head><title>صورة اليوم</title><meta name=\"description\" "
                        "content=\"غروب الشمس فوق نهر دجلة في بغداد\"></head><body>"
                        "<img src=\"x.jpg\"></body></html>";
    extract_str(photo, NULL, NULL, &l);
    assert_string_equal(l.v[0]->text, "غروب الشمس فوق نهر دجلة في بغداد");
    int warned = 0;
    for (size_t i = 0; i < l.v[0]->nwarnings; i++)
        warned |= has(l.v[0]->warnings[i], "description");
    assert_true(warned);
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ title */

static const char *title_of(const char *head, const char *url)
{
    static char buf[512];
    char page[4096];
    snprintf(page, sizeof page, "<html><head>%s</head><body><article>" PARAS "</article></body></html>",
             head);
    kb_article_list l = {0};
    extract_str(page, url, NULL, &l);
    snprintf(buf, sizeof buf, "%s", l.v[0]->title ? l.v[0]->title : "(null)");
    kb_article_list_free(&l);
    return buf;
}

static void title_site_name_cut(void **state)
{
    (void)state;
    /* suffix named by og:site_name */
    assert_string_equal(title_of("<title>جولة حوار جديدة بين بغداد وواشنطن - الجزيرة نت</title>"
                                 "<meta property=\"og:site_name\" content=\"الجزيرة نت\">", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن");
    assert_string_equal(title_of("<title>جولة حوار جديدة بين بغداد وواشنطن | سكاي نيوز عربية</title>"
                                 "<meta property=\"og:site_name\" content=\"سكاي نيوز عربية\">", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن");
    assert_string_equal(title_of("<title>جولة حوار جديدة بين بغداد وواشنطن - BBC News عربي</title>"
                                 "<meta property=\"og:site_name\" content=\"BBC News عربي\">", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن");
    /* two pieces of furniture: section and site */
    assert_string_equal(title_of("<title>جولة حوار جديدة بين بغداد وواشنطن | أخبار | الجزيرة نت</title>"
                                 "<meta property=\"og:site_name\" content=\"الجزيرة نت\">", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن | أخبار");
    /* prefix named by the host */
    assert_string_equal(title_of("<title>Reuters - Iraq and US begin talks on coalition future</title>",
                                 "https://www.reuters.com/world/iraq-talks"),
                        "Iraq and US begin talks on coalition future");
    /* the h1 says the headline: what <title> adds after it is the site */
    assert_string_equal(title_of("<title>جولة حوار جديدة بين بغداد وواشنطن - العراق اليوم</title>"
                                 "</head><body><h1>جولة حوار جديدة بين بغداد وواشنطن</h1><head>", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن");
    /* a CMS that escaped its og:title twice ("&amp;#039;"): the quote, not
     * "&#039;"; a title that names an entity escaped once keeps it */
    assert_string_equal(title_of("<meta property=\"og:title\" content=\"Australian &amp;#039;megablaze"
                                 "&amp;#039; brought under control &amp;amp; contained\">", NULL),
                        "Australian 'megablaze' brought under control & contained");
    assert_string_equal(title_of("<title>Fish &amp; chips &#x263A; in 2020</title>", NULL),
                        "Fish & chips \xe2\x98\xba in 2020");
    /* a dash inside a headline is not a site name */
    assert_string_equal(title_of("<title>العراق - الولايات المتحدة: جولة حوار جديدة في بغداد</title>", NULL),
                        "العراق - الولايات المتحدة: جولة حوار جديدة في بغداد");
    /* an og:title that is only the site's name is no title */
    assert_string_equal(title_of("<meta property=\"og:site_name\" content=\"الجزيرة نت\">"
                                 "<meta property=\"og:title\" content=\"الجزيرة نت\">"
                                 "</head><body><h1>جولة حوار جديدة بين بغداد وواشنطن</h1><head>", NULL),
                        "جولة حوار جديدة بين بغداد وواشنطن");
    /* og:title wins over <title> */
    assert_string_equal(title_of("<title>عنوان الصفحة الطويل - الموقع</title>"
                                 "<meta property=\"og:title\" content=\"بغداد وواشنطن تبدآن الحوار\">", NULL),
                        "بغداد وواشنطن تبدآن الحوار");
}

/* ------------------------------------------------------------ dates */

/* A page with the date sources switched on by the bits of `which`. */
enum { D_JSONLD = 1, D_META = 2, D_TIME = 4, D_TEXT = 8 };

static kb_article *dated(unsigned which, const char *url, const char *crawl, kb_article_list *l)
{
    char page[8192];
    snprintf(page, sizeof page,
             "<html><head><title>بغداد تستضيف جولة حوار جديدة</title>%s%s</head><body><article>"
             "<h1>بغداد تستضيف جولة حوار جديدة</h1>%s%s" PARAS "</article>"
             "<aside class=\"sidebar\"><time datetime=\"2024-06-01\">1 يونيو</time></aside></body></html>",
             which & D_JSONLD ? "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                                "\"datePublished\":\"2024-07-25T09:00:00+03:00\"}</script>" : "",
             which & D_META ? "<meta property=\"article:published_time\" content=\"2024-07-24T10:00:00Z\">" : "",
             which & D_TIME ? "<div class=\"info\"><time datetime=\"2024-07-22T08:00:00+03:00\">الإثنين</time></div>" : "",
             which & D_TEXT ? "<div class=\"date\">نشر في 21 يوليو 2024</div>" : "");
    extract_str(page, url, crawl, l);
    return l->v[0];
}

static void date_sources_in_priority(void **state)
{
    (void)state;
    const char *url = "https://example.com/news/2024/07/23/baghdad-talks";
    kb_article_list l = {0};
    kb_article *a = dated(D_JSONLD | D_META | D_TIME | D_TEXT, url, NULL, &l);
    assert_string_equal(a->published, "2024-07-25T09:00:00+03:00");
    assert_string_equal(a->date_source, "jsonld");
    kb_article_list_free(&l);
    a = dated(D_META | D_TIME | D_TEXT, url, NULL, &l);
    assert_string_equal(a->published, "2024-07-24T10:00:00Z");
    assert_string_equal(a->date_source, "meta");
    kb_article_list_free(&l);
    a = dated(D_TIME | D_TEXT, url, NULL, &l);
    assert_string_equal(a->published, "2024-07-22T08:00:00+03:00");
    assert_string_equal(a->date_source, "time");
    kb_article_list_free(&l);
    a = dated(D_TEXT, url, NULL, &l);
    assert_string_equal(a->published, "2024-07-23");
    assert_string_equal(a->date_source, "url");
    kb_article_list_free(&l);
    a = dated(D_TEXT, "https://example.com/news/baghdad-talks", NULL, &l);
    assert_string_equal(a->published, "2024-07-21");
    assert_string_equal(a->date_source, "text");
    kb_article_list_free(&l);
    /* nothing but a <time> in the sidebar: not the article's date, and the
     * page writes no other */
    a = dated(0, "https://example.com/news/baghdad-talks", NULL, &l);
    assert_null(a->published);
    kb_article_list_free(&l);
}

static void date_url_forms(void **state)
{
    (void)state;
    static const char *const urls[] = {
        "https://example.com/2024/07/23/talks.html",
        "https://example.com/news/20240723/talks",
        "https://example.com/news/2024-07-23-baghdad-talks",
        "https://example.com/2024/jul/23/talks",
    };
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        kb_article_list l = {0};
        kb_article *a = dated(0, urls[i], NULL, &l);
        assert_non_null(a->published);
        assert_string_equal(a->published, "2024-07-23");
        assert_string_equal(a->date_source, "url");
        kb_article_list_free(&l);
    }
}

static void date_plausibility(void **state)
{
    (void)state;
    kb_article_list l = {0};
    /* JSON-LD says 2024-07-25, but the page was crawled on 2024-07-24: the
     * meta date (2024-07-24T10:00Z) is the first plausible one */
    kb_article *a = dated(D_JSONLD | D_META, NULL, "2024-07-24T12:00:00Z", &l);
    assert_string_equal(a->published, "2024-07-24T10:00:00Z");
    assert_string_equal(a->date_source, "meta");
    assert_string_equal(a->crawl_date, "2024-07-24T12:00:00Z");
    kb_article_list_free(&l);
    /* before 1995: not a publication date */
    const char *old = "<html><head><meta property=\"article:published_time\" content=\"1970-01-01T00:00:00Z\">"
                      "</head><body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>" PARAS
                      "</article></body></html>";
    extract_str(old, "https://example.com/2024/07/23/x", NULL, &l);
    assert_string_equal(l.v[0]->published, "2024-07-23");
    assert_string_equal(l.v[0]->date_source, "url");
    kb_article_list_free(&l);
    /* the best-named meta does not hold a date: the next one does */
    const char *bad = "<html><head><meta property=\"article:published_time\" content=\"قريبا\">"
                      "<meta name=\"pubdate\" content=\"2024-07-20\"></head><body><article>" PARAS
                      "</article></body></html>";
    extract_str(bad, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2024-07-20");
    assert_string_equal(l.v[0]->date_source, "meta");
    kb_article_list_free(&l);
}

static void date_updated_and_itemprop(void **state)
{
    (void)state;
    const char *page =
        "<html><head><meta property=\"article:modified_time\" content=\"2024-07-26T07:30:00Z\"></head>"
        "<body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>"
        "<span itemprop=\"datePublished\" content=\"2024-07-23T06:00:00Z\">23/7/2024</span>"
        PARAS "</article></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2024-07-23T06:00:00Z");
    assert_string_equal(l.v[0]->date_source, "meta");
    assert_string_equal(l.v[0]->updated, "2024-07-26T07:30:00Z");
    kb_article_list_free(&l);
}

/* A UTC time stamp names an instant; the publication day is the local one
 * where the page is published. */
static void date_local_day_of_utc_stamp(void **state)
{
    (void)state;
    kb_article_list l = {0};
    /* abc7ny-like: 02:54Z in the meta, the page's own clock at -04:00 in a
     * script: 22:54 the day before, New York time */
    const char *ny =
        "<html><head><meta property=\"article:published_time\" content=\"2020-05-02T02:54:29.000Z\">"
        "<script>var tv={\"onair\":{\"date\":\"Fri, 01 May 2020 23:00:00 -0400\"},"
        "\"next\":{\"date\":\"Sat, 02 May 2020 06:00:00 -0400\"}};</script></head>"
        "<body><article><h1>Penn Station to close overnight for cleaning</h1>" PARAS
        "</article></body></html>";
    extract_str(ny, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-05-01T22:54:29-04:00");
    assert_string_equal(l.v[0]->date_source, "meta");
    kb_article_list_free(&l);
    /* no other clock in the page: the UTC day stands, as written */
    const char *utc =
        "<html><head><meta property=\"article:published_time\" content=\"2020-05-02T02:54:29Z\">"
        "</head><body><article><h1>Penn Station to close overnight for cleaning</h1>" PARAS
        "</article></body></html>";
    extract_str(utc, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-05-02T02:54:29Z");
    kb_article_list_free(&l);
    /* lagazzetta-like: 23:15Z (one digit of seconds) in JSON-LD, the page
     * shows 6 December under itemprop=datePublished: the local day */
    const char *it =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2020-12-05T23:15:0Z\"}</script></head><body><article>"
        "<h1>California certifica il voto</h1><span itemprop=\"datePublished\" class=\"data\">"
        "06 Dicembre 2020</span>" PARAS "</article></body></html>";
    extract_str(it, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-12-06");
    assert_string_equal(l.v[0]->date_source, "meta");
    kb_article_list_free(&l);
    /* a stamp written with its own offset is the local time as written,
     * whatever other clocks the page shows */
    const char *msk =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2020-06-29T00:16:15+03:00\"}</script>"
        "<script>var w={\"t\":\"2020-06-28T17:16:15-04:00\"};</script></head><body><article>"
        "<h1>Moscow news</h1>" PARAS "</article></body></html>";
    extract_str(msk, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-06-29T00:16:15+03:00");
    kb_article_list_free(&l);
    /* the URL says the day before, the hour allows it (01:10Z: west of
     * Greenwich it is still the evening before) */
    extract_str(utc, "https://example.com/2020/05/01/penn-station.html", NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-05-01");
    assert_string_equal(l.v[0]->date_source, "url");
    kb_article_list_free(&l);
    /* radio-canada-like: every stamp in UTC (00:23Z), the page's analytics
     * object gives the day alone, the local one (Ottawa: 20:23 the 24th) */
    const char *dl =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2020-08-25T00:23:33.312Z\"}</script>"
        "<script>var dataLayer = {\"Theme\":\"societe\",\"DateModification\":\"2020-08-25\","
        "\"DateCreation\":\"2020-08-24\",\"Url\":\"x\"};</script></head><body><article>"
        "<h1>Pas d'autobus scolaires</h1>" PARAS "</article></body></html>";
    extract_str(dl, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-08-24");
    assert_string_equal(l.v[0]->date_source, "raw");
    kb_article_list_free(&l);
    /* two creation days that disagree say nothing: the UTC day stands */
    const char *dl2 =
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2020-08-25T00:23:33Z\"}</script>"
        "<script>var a = {'publishDate': '2020-08-24', 'created': '2020-08-21'};</script></head>"
        "<body><article><h1>Pas d'autobus scolaires</h1>" PARAS "</article></body></html>";
    extract_str(dl2, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-08-25T00:23:33Z");
    kb_article_list_free(&l);
}

/* Where the headline is and what stands by it: a blog sets its name in the
 * h1 and the post's title in an h3, the date as the post's permalink; a
 * date in the headline names what the story is about; a site's header
 * above the headline writes the day's date; a wiki shows its latest
 * revision. */
static void date_by_the_headline(void **state)
{
    (void)state;
    kb_article_list l = {0};
    /* goo-blog-like (<title>, og:title and even og:site_name are "Post -
     * Blog") */
    const char *blog =
        "<html><head><title>JRA winners (2020/7/11-12, 18 horses) - Umaichi Sale News</title>"
        "<meta property=\"og:title\" content=\"JRA winners (2020/7/11-12, 18 horses) - Umaichi "
        "Sale News\"><meta property=\"og:site_name\" content=\"JRA winners (2020/7/11-12, 18 "
        "horses) - Umaichi Sale News\"></head><body><div id=\"top\"><h1><a href=\"/umaichi\">"
        "Umaichi Sale News</a></h1></div><div class=\"entry\"><div class=\"entry-top\">"
        "<h3><a href=\"/umaichi/e/1\">JRA winners (2020/7/11-12, 18 horses)</a></h3>"
        "<div class=\"entry-top-info\"><a href=\"/umaichi/e/1\"><span>2020\xe5\xb9\xb4" "07"
        "\xe6\x9c\x88" "12\xe6\x97\xa5</span></a> | <a href=\"/umaichi/c/2\">Sales</a></div></div>"
        "<div class=\"entry-body\">2020/7/11-12: JRA winners of sale graduates.<br>" PARAS
        "</div></div></body></html>";
    extract_str(blog, "https://blog.example.jp/umaichi/e/1", NULL, &l);
    assert_string_equal(l.v[0]->title, "JRA winners (2020/7/11-12, 18 horses)");
    assert_string_equal(l.v[0]->source, "blog.example.jp");
    assert_string_equal(l.v[0]->published, "2020-07-12");
    assert_string_equal(l.v[0]->date_source, "text");
    kb_article_list_free(&l);
    /* no other date by it: the headline's own */
    const char *brief =
        "<html><head><title>Morning briefing, 3 March 2020</title></head><body><article>"
        "<h1>Morning briefing, 3 March 2020</h1>" PARAS "</article></body></html>";
    extract_str(brief, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-03-03");
    kb_article_list_free(&l);
    /* asiapacificstar-like: the site's header writes today, the story's
     * line under its h2 headline the publication */
    const char *hdr =
        "<html><head><title>Australian megablaze brought under control</title></head><body>"
        "<div class=\"wrapper\"><header><div class=\"logo\"><a href=\"/\">Star</a></div>"
        "<div class=\"new_text\"><span class=\"date\">Tue, 14 Jan 2020</span></div></header>"
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/asia\">Asia</a></li></ul></nav>"
        "<div class=\"content\"><div class=\"single\"><h2>Australian megablaze brought under "
        "control</h2><p>News24<br>13 Jan 2020, 22:11 GMT+10</p>" PARAS "</div></div></div>"
        "</body></html>";
    extract_str(hdr, NULL, NULL, &l);
    assert_non_null(l.v[0]->published);
    assert_memory_equal(l.v[0]->published, "2020-01-13", 10);
    kb_article_list_free(&l);
    /* a MediaWiki diff: datePublished is the wiki page's creation, the
     * revision shown is of dateModified; another generator keeps the
     * order */
    static const char wiki[] =
        "<html><head><meta name=\"generator\" content=\"%s\"><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"Park Ye Jin\","
        "\"dateCreated\":\"2005-07-26T16:22:26-07:00\",\"datePublished\":\"2005-07-26T16:22:26-07:00\","
        "\"dateModified\":\"2020-04-07T12:33:32-07:00\"}</script></head><body><h1>Park Ye Jin</h1>"
        "<div id=\"content\">" PARAS "</div></body></html>";
    char page[4096];
    snprintf(page, sizeof page, wiki, "MediaWiki 1.31.0");
    extract_str(page, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-04-07T12:33:32-07:00");
    assert_string_equal(l.v[0]->date_source, "jsonld");
    kb_article_list_free(&l);
    snprintf(page, sizeof page, wiki, "WordPress 5.4");
    extract_str(page, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2005-07-26T16:22:26-07:00");
    assert_string_equal(l.v[0]->updated, "2020-04-07T12:33:32-07:00");
    kb_article_list_free(&l);
}

/* Dates written in other languages by the headline. */
static void date_written_in_other_languages(void **state)
{
    (void)state;
    static const struct { const char *line, *want; } CASES[] = {
        { "<p class=\"published-date\">&nbsp; / jueves 2 de abril de 2020</p>", "2020-04-02" },
        { "<div class=\"meta\">13 \xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f 2020, 15:42</div>",
          "2020-01-13T15:42" },                                       /* 13 января */
        { "<div>9 oktober 2020 11:12</div>", "2020-10-09T11:12" },
        { "<span class=\"date\">2020\xe5\xb9\xb4" "4\xe6\x9c\x88" "17\xe6\x97\xa5</span>",
          "2020-04-17" },                                             /* 2020年4月17日 */
        { "<p>Ver\xc3\xb6" "ffentlicht am 17. M\xc3\xa4rz 2020, 14:30 Uhr</p>", "2020-03-17T14:30" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char page[4096];
        snprintf(page, sizeof page,
                 "<html><head><title>Decomisa Aduana de Tijuana mas de 730 mil d\xc3\xb3lares</title>"
                 "</head><body><div class=\"story\">%s<h1>Decomisa Aduana de Tijuana mas de 730 mil "
                 "d\xc3\xb3lares</h1>" PARAS "</div></body></html>", CASES[i].line);
        kb_article_list l = {0};
        extract_str(page, "https://example.com/republica/decomisa-aduana", NULL, &l);
        if (!l.v[0]->published || strcmp(l.v[0]->published, CASES[i].want) != 0)
            print_error("case %zu: got %s want %s\n", i, l.v[0]->published ? l.v[0]->published : "-",
                        CASES[i].want);
        assert_non_null(l.v[0]->published);
        assert_string_equal(l.v[0]->published, CASES[i].want);
        assert_string_equal(l.v[0]->date_source, "text");
        kb_article_list_free(&l);
    }
}

/* The original date over an update, and never a date the story tells of. */
static void date_original_not_updates_or_story(void **state)
{
    (void)state;
    static const struct { const char *header, *want; } CASES[] = {
        { "<div class=\"byline\">Updated: 5 March 2020 (first published 3 March 2020)</div>",
          "2020-03-03" },
        { "<div class=\"byline\">Actualizado el 5 de marzo de 2020</div>"
          "<div class=\"byline\">Publicado el 3 de marzo de 2020</div>", "2020-03-03" },
        { "<div class=\"byline\">By Jane Doe | 3 March 2020 | updated 5 March 2020</div>",
          "2020-03-03" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char page[4096];
        snprintf(page, sizeof page,
                 "<html><body><article><h1>Race calendar announced</h1>%s" PARAS
                 "</article></body></html>", CASES[i].header);
        kb_article_list l = {0};
        extract_str(page, NULL, NULL, &l);
        assert_non_null(l.v[0]->published);
        assert_string_equal(l.v[0]->published, CASES[i].want);
        kb_article_list_free(&l);
    }
    /* a blog post listing race dates, no date of its own: none */
    const char *races =
        "<html><body><article><h1>Race calendar announced</h1>"
        "<p>The organisers have confirmed the full calendar of the new season today, after weeks of "
        "talks with the teams and the local councils. The season opens in Doha on 12 April 2020 and "
        "moves to Jerez on 3 May 2020, before the summer break.</p>"
        "<p>The final round is planned for Valencia on 15 November 2020, as in every season since the "
        "circuit opened, and tickets go on sale next week.</p></article></body></html>";
    kb_article_list l = {0};
    extract_str(races, NULL, NULL, &l);
    assert_null(l.v[0]->published);
    kb_article_list_free(&l);
}

/* Pages without a body keep their date; the last resorts. */
static void date_without_body_and_last_resorts(void **state)
{
    (void)state;
    kb_article_list l = {0};
    /* the body is loaded by a script: the title and the URL's date stay */
    const char *js =
        "<html><head><title>\xd0\x92 \xd0\xa0\xd1\x8f\xd0\xb7\xd0\xb0\xd0\xbd\xd0\xb8 "
        "\xd0\xbd\xd0\xb0\xd0\xb3\xd1\x80\xd0\xb0\xd0\xb4\xd0\xb8\xd0\xbb\xd0\xb8</title>"
        "<meta property=\"og:title\" content=\"Awards for the best journalists\">"
        "<meta name=\"description\" content=\"\"></head><body><div id=\"app\"></div>"
        "<script src=\"/app.js\"></script></body></html>";
    extract_str(js, "https://rzn.example.ru/social/2020/01/13/awards.html", NULL, &l);
    assert_string_equal(l.v[0]->title, "Awards for the best journalists");
    assert_string_equal(l.v[0]->text, "Awards for the best journalists");
    assert_string_equal(l.v[0]->published, "2020-01-13");
    assert_string_equal(l.v[0]->date_source, "url");
    assert_true(l.v[0]->nwarnings >= 1);
    assert_true(has(l.v[0]->warnings[0], "title"));
    kb_article_list_free(&l);
    /* the day's date in the site's header, nothing by the headline */
    const char *home =
        "<html><body><div id=\"header\"><div id=\"toplinks\"></div><div id=\"date\">"
        "Mi\xc3\xa9rcoles, 15 de Abril de 2020</div></div>"
        "<aside class=\"sidebar\"><span class=\"date\">1 de junio de 2019</span></aside>"
        "<div class=\"content\"><h1>Noticias de Maracaibo</h1>" PARAS "</div></body></html>";
    extract_str(home, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-04-15");
    assert_string_equal(l.v[0]->date_source, "text");
    kb_article_list_free(&l);
    /* only a script writes the date */
    const char *forum =
        "<html><body><table><tr><td class=\"main-text\"><script>showDate(\"2020/04/17 01:43:09\")"
        "</script></td></tr></table><div class=\"post\"><h1>bong2 effect</h1>" PARAS
        "</div><script>var cdn=\"https://cdn.example.com/2019/01/02/x.js\";</script></body></html>";
    extract_str(forum, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2020-04-17");
    assert_string_equal(l.v[0]->date_source, "raw");
    kb_article_list_free(&l);
    /* a date in a sidebar only: no date */
    const char *side =
        "<html><body><div class=\"content\"><h1>Noticias de Maracaibo</h1>" PARAS "</div>"
        "<aside class=\"sidebar\"><span class=\"date\">1 de junio de 2019</span></aside>"
        "</body></html>";
    extract_str(side, NULL, NULL, &l);
    assert_null(l.v[0]->published);
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ JSON-LD */

static void jsonld_tolerant(void **state)
{
    (void)state;
    /* a raw line break inside a string, an extra closing brace, an author
     * array: all read */
    const char *page =
        "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@type\":\"ReportageNews\",\"headline\":\"بغداد\nتستضيف\",\"datePublished\":\"2024-07-23T06:00:00Z\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"سارة علي\"},\"محمد حسن\"],"
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"وكالة الأنباء\"}}}</script></head>"
        "<body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>" PARAS "</article></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2024-07-23T06:00:00Z");
    assert_string_equal(l.v[0]->author, "سارة علي, محمد حسن");
    assert_string_equal(l.v[0]->source, "وكالة الأنباء");
    kb_article_list_free(&l);
    /* beyond repair: no crash, the other sources still work */
    const char *bad = "<html><head><script type=\"application/ld+json\">{\"@type\": [[[</script>"
                      "<meta name=\"pubdate\" content=\"2024-07-20\"></head><body><article>" PARAS
                      "</article></body></html>";
    extract_str(bad, NULL, NULL, &l);
    assert_string_equal(l.v[0]->published, "2024-07-20");
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ source, lang */

static void source_from_host(void **state)
{
    (void)state;
    const char *page = "<html><body><article>" PARAS "</article></body></html>";
    kb_article_list l = {0};
    extract_str(page, "https://www.alsumaria.tv/news/123/iraq", NULL, &l);
    assert_string_equal(l.v[0]->source, "alsumaria.tv");
    assert_string_equal(l.v[0]->url, "https://www.alsumaria.tv/news/123/iraq");
    kb_article_list_free(&l);
}

static void lang_checked_against_script(void **state)
{
    (void)state;
    kb_article_list l = {0};
    /* declared English, written in Arabic */
    extract_str("<html lang=\"en-US\"><body><article>" PARAS "</article></body></html>", NULL, NULL, &l);
    assert_string_equal(l.v[0]->lang, "ar");
    kb_article_list_free(&l);
    extract_str("<html lang=\"en\"><body><article><p>Iraq and the United States began a "
                "new round of talks in Baghdad on Saturday about the future of the international "
                "coalition, officials from both governments said.</p><p>The talks will look at "
                "the threat from the Islamic State group, operational needs and the capabilities "
                "of the Iraqi security forces, the Pentagon said in a statement.</p></article>"
                "</body></html>", NULL, NULL, &l);
    assert_string_equal(l.v[0]->lang, "en");
    kb_article_list_free(&l);
}

static void author_from_byline(void **state)
{
    (void)state;
    kb_article_list l = {0};
    extract_str("<html><body><article><h1>بغداد تستضيف جولة حوار جديدة</h1>"
                "<div class=\"byline\">بقلم: أحمد فاضل</div>" PARAS "</article></body></html>",
                NULL, NULL, &l);
    assert_string_equal(l.v[0]->author, "أحمد فاضل");
    assert_false(has(l.v[0]->text, "بقلم"));
    kb_article_list_free(&l);
    /* the name without the date, the handle and the reading time after it */
    extract_str("<html><body><article><h1>Baghdad hosts a new round of talks</h1>"
                "<span class=\"author-name\">By Jane Doe @janedoe Nov 18, 2019 at 9:24 pm ET \xe2\x80\xa2 "
                "2 min read</span><p>Iraq and the United States began a new round of talks in "
                "Baghdad on Saturday about the future of the international coalition, officials "
                "from both governments said.</p><p>The talks will look at the threat from the "
                "Islamic State group and the capabilities of the Iraqi security forces.</p>"
                "</article></body></html>", NULL, NULL, &l);
    assert_string_equal(l.v[0]->author, "Jane Doe");
    kb_article_list_free(&l);
}

static void tags_from_tag_box(void **state)
{
    (void)state;
    const char *page =
        "<html><body><main><article><h1>بغداد تستضيف جولة حوار جديدة</h1>"
        "<div class=\"article-body\">" PARAS "</div>"
        "<div class=\"post-tags\"><a href=\"/tag/iraq\">العراق</a> <a href=\"/tag/us\">#واشنطن</a></div>"
        "</article><aside class=\"sidebar\"><div class=\"tag-cloud\"><a href=\"/tag/sport\">رياضة</a>"
        "<a href=\"/tag/weather\">طقس</a></div></aside></main></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    const kb_article *a = l.v[0];
    assert_int_equal(a->ntags, 2);
    assert_true(has_tag(a, "العراق"));
    assert_true(has_tag(a, "واشنطن"));
    assert_false(has(a->text, "رياضة"));
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ reader */

static void windows_1256_page_through_reader(void **state)
{
    (void)state;
    size_t len;
    char *bytes = kb_test_read_file(kb_test_path("tests/fixtures/html/cp1256.html"), &len);
    assert_non_null(bytes);
    kb_doc *d = NULL;
    char msg[256];
    int rc = kb_read_memory("cp1256.html", (const unsigned char *)bytes, len, NULL, &d, msg, sizeof msg);
    free(bytes);
    assert_int_equal(rc, KB_OK);
    assert_int_equal(d->format, KB_FMT_HTML);
    kb_article_list l = {0};
    assert_int_equal(kb_extract(d, &l), KB_OK);
    kb_doc_free(d);
    assert_string_equal(l.v[0]->title, "بغداد تطالب بجدول زمني لانسحاب القوات الأجنبية");
    assert_true(strncmp(l.v[0]->text, "طالبت الحكومة العراقية بوضع جدول زمني واضح", 40) == 0);
    assert_true(has(l.v[0]->text, "\n\nوقال المتحدث باسم الحكومة"));
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ broken input */

static void unclosed_and_stray_tags(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>بغداد تستضيف جولة حوار جديدة</title>"
        "<body><div class=content><div><h1>بغداد تستضيف جولة حوار جديدة"
        "<p>أعلنت وزارة الخارجية العراقية أن جولة جديدة من الحوار الاستراتيجي مع الولايات "
        "المتحدة ستعقد في بغداد الشهر المقبل <b>لبحث مستقبل العلاقات <i>الأمنية والاقتصادية"
        "</div></span></p></td>"
        "<p>وقال المتحدث باسم الوزارة إن الوفد العراقي سيطرح ملفات الطاقة والتعليم والاستثمار "
        "إلى جانب الملف الأمني، مؤكدا أن بغداد تريد شراكة متوازنة"
        "<p class=\"x>وأكد أن العلاقة";   /* ends inside an attribute */
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    assert_true(has(l.v[0]->text, "لبحث مستقبل العلاقات الأمنية والاقتصادية"));
    assert_true(has(l.v[0]->text, "تريد شراكة متوازنة"));
    kb_article_list_free(&l);
}

/* Attributes written every way HTML allows are read as a browser reads them
 * (the pre-pass hands gumbo only the attributes read, most of them set
 * aside): names in capitals, unquoted and single-quoted values, '>' inside
 * a quoted value, character references, a bare attribute, a repeated one
 * (the first counts), attributes nothing reads around them. */
static void attributes_as_written(void **state)
{
    (void)state;
    const char *page =
        "<html><head>"
        "<META PROPERTY='og:title' data-x=\"1\" CONTENT=\"الحوار &quot;الاستراتيجي&quot; في بغداد\">"
        "<link data-x=\"a>b\" REL=canonical href='https://example.com/a?b=1&amp;c=2'>"
        "</head><body>"
        "<DIV onclick=\"f('>')\" Class=story-body ItemProp=articleBody data-json='{\"k\":\"<b>\"}'>"
        "<time datetime=2024-03-05T10:00:00+03:00 class=\"date\" pubdate>5 مارس</time>"
        PARAS
        "<p style=\"color:red\" style=\"display:none\">وأضاف أن الجولة المقبلة ستبحث جدولا زمنيا "
        "لانسحاب القوات.</p>"
        "<p style=\"display:none\" style=\"color:red\">نص مخفي عن القراء لا يظهر في الصفحة.</p>"
        "<p HIDDEN>فقرة مخفية أخرى لا تظهر في الصفحة.</p>"
        "<p id=x&amp;y>وختم بأن <a href=/x title=\"عنوان\" rel=nofollow>البيان الكامل</a> "
        "للجولة سينشر غدا على موقع الوزارة مع جدول الاجتماعات والملفات المطروحة.</p>"
        "</DIV></body></html>";
    kb_article_list l = {0};
    extract_str(page, NULL, NULL, &l);
    const kb_article *a = l.v[0];
    assert_string_equal(a->title, "الحوار \"الاستراتيجي\" في بغداد");
    assert_string_equal(a->canonical, "https://example.com/a?b=1&c=2");
    assert_non_null(a->published);
    assert_true(strncmp(a->published, "2024-03-05", 10) == 0);
    assert_true(has(a->text, "أعلنت وزارة الخارجية العراقية"));
    assert_true(has(a->text, "ستبحث جدولا زمنيا"));                  /* the first style */
    assert_true(has(a->text, "وختم بأن البيان الكامل للجولة سينشر غدا"));
    assert_false(has(a->text, "نص مخفي"));
    assert_false(has(a->text, "فقرة مخفية"));
    assert_false(has(a->text, "')"));                                /* no markup leaked */
    assert_false(has(a->text, "\"k\""));
    kb_article_list_free(&l);
}

static char *repeat_page(const char *open, const char *close, size_t n, size_t *len)
{
    const char *mid = PARAS;
    size_t lo = strlen(open), lc = strlen(close), lm = strlen(mid);
    char *s = malloc(n * (lo + lc) + lm + 64);
    assert_non_null(s);
    size_t k = 0;
    memcpy(s + k, "<html><body>", 12);
    k += 12;
    for (size_t i = 0; i < n; i++, k += lo) memcpy(s + k, open, lo);
    memcpy(s + k, mid, lm);
    k += lm;
    for (size_t i = 0; i < n; i++, k += lc) memcpy(s + k, close, lc);
    s[k] = '\0';
    *len = k;
    return s;
}

static void deep_nesting(void **state)
{
    (void)state;
    static const char *const tags[][2] = {
        { "<div>", "</div>" }, { "<span>", "</span>" }, { "<div><b>", "</b></div>" },
        { "<table><tr><td>", "</td></tr></table>" }, { "<div>", "" },
    };
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        size_t len;
        char *s = repeat_page(tags[t][0], tags[t][1], 10000, &len);
        kb_doc *d = html_doc(s, len, NULL, NULL);
        free(s);
        kb_article_list l = {0};
        assert_int_equal(kb_extract(d, &l), KB_OK);
        kb_doc_free(d);
        assert_true(has(l.v[0]->text, "أعلنت وزارة الخارجية العراقية"));
        assert_true(has(l.v[0]->text, "تخدم مصالح الشعبين."));
        if (t == 0) {
            /* the nesting beyond what is parsed is reported */
            int warned = 0;
            for (size_t i = 0; i < l.v[0]->nwarnings; i++) warned |= has(l.v[0]->warnings[i], "nesting");
            assert_true(warned);
        }
        kb_article_list_free(&l);
    }
}

static void pathological_markup(void **state)
{
    (void)state;
    /* shapes that make an HTML parser quadratic: a tag with 100,000
     * attributes, 100,000 mis-nested formatting elements, 100,000 unclosed
     * paragraphs, a "related" list of 100,000 headlines */
    static const char *const units[][3] = {
        { "<div", " a1=1 a2=2 a3=3 a4=4 a5=5", ">" },
        { "<div>", "<b><i>كلمة</b></i> ", "</div>" },
        { "<div>", "<p>كلمة ", "</div>" },
        { "<div><h3>مقالات ذات صلة</h3>", "<p><a href=\"/x\">عنوان خبر آخر</a></p>", "</div>" },
    };
    static const size_t reps[] = { 20000, 100000, 100000, 100000 };
    for (size_t u = 0; u < sizeof reps / sizeof *reps; u++) {
        kb_buf b = {0};
        assert_int_equal(kb_buf_puts(&b, "<html><body><article>" PARAS), KB_OK);
        assert_int_equal(kb_buf_puts(&b, units[u][0]), KB_OK);
        for (size_t i = 0; i < reps[u]; i++) assert_int_equal(kb_buf_puts(&b, units[u][1]), KB_OK);
        assert_int_equal(kb_buf_puts(&b, units[u][2]), KB_OK);
        assert_int_equal(kb_buf_puts(&b, "</article></body></html>"), KB_OK);
        kb_doc *d = html_doc(b.data, b.len, NULL, NULL);
        kb_buf_free(&b);
        kb_article_list l = {0};
        assert_int_equal(kb_extract(d, &l), KB_OK);
        kb_doc_free(d);
        assert_true(has(l.v[0]->text, "أعلنت وزارة الخارجية العراقية"));
        if (u == 3) {
            assert_false(has(l.v[0]->text, "عنوان خبر آخر"));
            assert_true(l.v[0]->nrelated >= 1 && l.v[0]->nrelated <= 64);
        }
        kb_article_list_free(&l);
    }
}

static void twenty_megabyte_page(void **state)
{
    (void)state;
    const char *head = "<html><head><title>صفحة كبيرة</title></head><body><nav><a href=\"/\">الرئيسية</a>"
                       "</nav><article><h1>صفحة كبيرة</h1>";
    const char *para = PARAS;
    size_t target = (size_t)20 << 20, lp = strlen(para), lh = strlen(head);
    size_t n = (target - lh) / lp + 1;
    char *s = malloc(lh + n * lp + 64);
    assert_non_null(s);
    size_t k = lh;
    memcpy(s, head, lh);
    for (size_t i = 0; i < n; i++, k += lp) memcpy(s + k, para, lp);
    memcpy(s + k, "</article></body></html>", 24);
    k += 24;
    s[k] = '\0';
    assert_true(k >= target);
    kb_doc *d = html_doc(s, k, NULL, NULL);
    free(s);
    kb_article_list l = {0};
    assert_int_equal(kb_extract(d, &l), KB_OK);
    kb_doc_free(d);
    /* every paragraph is text (the body is most of the page) */
    assert_true(strlen(l.v[0]->text) > (size_t)15 << 20);
    assert_false(has(l.v[0]->text, "الرئيسية"));
    kb_article_list_free(&l);
}

/* ------------------------------------------------------------ real page */

static void real_arabic_page(void **state)
{
    (void)state;
    KB_REQUIRE_SHARED();
    char path[4096];
    snprintf(path, sizeof path, "%s/html/arabic/lbcgroup-2026.html.gz", kb_test_shared_data());
    size_t len;
    char *bytes = kb_test_read_file(path, &len);
    assert_non_null(bytes);
    kb_doc *d = NULL;
    char msg[256];
    assert_int_equal(kb_read_memory(path, (const unsigned char *)bytes, len, NULL, &d, msg, sizeof msg),
                     KB_OK);
    free(bytes);
    d->format = KB_FMT_HTML;
    kb_article_list l = {0};
    assert_int_equal(kb_extract(d, &l), KB_OK);
    kb_doc_free(d);
    const kb_article *a = l.v[0];
    /* the values the page's reference extraction (fundus) gives */
    assert_string_equal(a->title,
                        "شعر وردي يُشعل السخرية… لغز لون شعر دونالد ترامب يربك الجمهور وخبير يشرح السبب");
    assert_true(strncmp(a->published, "2026-01-08", 10) == 0);
    assert_true(strncmp(a->text, "أثار ظهور دونالد ترامب بشعرٍ مائل إلى اللون الوردي", 40) == 0);
    assert_true(has(a->text, "معتبرين أنه \"لا ينسجم إطلاقًا مع صورته المعتادة\"."));
    assert_false(has(a->text, "التالي"));        /* next-article link */
    assert_string_equal(a->lang, "ar");
    kb_article_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_page_body_and_fields),
        cmocka_unit_test(read_also_embedded_article),
        cmocka_unit_test(related_heading_ends_body),
        cmocka_unit_test(live_blog_entries),
        cmocka_unit_test(furniture_lines_in_body_dropped),
        cmocka_unit_test(hidden_elements_left_out),
        cmocka_unit_test(br_separated_paragraphs),
        cmocka_unit_test(no_text_is_empty),
        cmocka_unit_test(title_site_name_cut),
        cmocka_unit_test(date_sources_in_priority),
        cmocka_unit_test(date_url_forms),
        cmocka_unit_test(date_plausibility),
        cmocka_unit_test(date_updated_and_itemprop),
        cmocka_unit_test(date_local_day_of_utc_stamp),
        cmocka_unit_test(date_by_the_headline),
        cmocka_unit_test(date_written_in_other_languages),
        cmocka_unit_test(date_original_not_updates_or_story),
        cmocka_unit_test(date_without_body_and_last_resorts),
        cmocka_unit_test(jsonld_tolerant),
        cmocka_unit_test(source_from_host),
        cmocka_unit_test(lang_checked_against_script),
        cmocka_unit_test(author_from_byline),
        cmocka_unit_test(tags_from_tag_box),
        cmocka_unit_test(windows_1256_page_through_reader),
        cmocka_unit_test(unclosed_and_stray_tags),
        cmocka_unit_test(attributes_as_written),
        cmocka_unit_test(deep_nesting),
        cmocka_unit_test(pathological_markup),
        cmocka_unit_test(twenty_megabyte_page),
        cmocka_unit_test(real_arabic_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
