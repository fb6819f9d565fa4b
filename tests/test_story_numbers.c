/* tests/test_story_numbers.c -- story clustering: the numbers of two titles.
 * Reports of one event give the same figures; two days of a recurring
 * report, or two job lists, give different ones, and their similarity is
 * halved (story.h). Texts: titles and first sentences of SaudiNewsNet
 * articles (2015), cut short. */
#include "kb_test.h"
#include "story/story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Saudi market close of Monday 27 July 2015 (3alyoum, aawsat) and of
 * Sunday 26 July (aawsat): the same wording, other figures. */
static const char *const close27_3alyoum_title = "الأسهم السعودية تغلق منخفضة 2.38%";
static const char *const close27_3alyoum_text =
    "أغلق مؤشر سوق الأسهم السعودية اليوم على انخفاض قدره 221.64 نقطة أي ما نسبته 2.38% "
    "عند مستوى 9080.02 نقطة بتداولات تجاوزت 5 مليارات ريال.\n\n"
    "وشهدت تداولات اليوم ارتفاع أسهم 7 شركات في قيمتها وتراجعت أسهم 157 شركة, بينما بقي "
    "سهم واحد بدون تغير، في الوقت الذي بلغ فيه عدد الأسهم المتداولة اليوم أكثر من 158.5 "
    "مليون سهم.";
static const char *const close27_aawsat_title = "الأسهم السعودية تغلق على انخفاض بنسبة 2.38%";
static const char *const close27_aawsat_text =
    "أغلق مؤشر سوق الأسهم السعودية، اليوم (الاثنين)، على انخفاض قدره 221.64 نقطة أي ما "
    "نسبته 2.38 في المائة عند مستوى 9080.02 نقطة بتداولات تجاوزت 5 مليارات ريال.\n\n"
    "وشهدت تداولات اليوم ارتفاع أسهم 7 شركات في قيمتها وتراجعت أسهم 157 شركة، بينما بقي "
    "سهم واحد بدون تغير، في الوقت الذي بلغ فيه عدد الأسهم المتداولة اليوم أكثر من 158.5 "
    "مليون سهم.";
static const char *const close26_aawsat_title = "الأسهم السعودية تغلق على انخفاض بنسبة 0.76%";
static const char *const close26_aawsat_text =
    "أغلق مؤشر سوق الأسهم السعودية اليوم (الأحد) منخفضاً 71.08 نقطة بنسبة 0.76 في المائة "
    "عند مستوى 9301.66 نقطة بتداولات قاربت 1.3 مليار دولار (5 مليارات ريال).\n\n"
    "وشهدت تداولات اليوم ارتفاع أسهم 35 شركة في قيمتها، وتراجعت أسهم 111 شركة، وظلت أسهم "
    "19 شركة أخرى بدون تغير في الأسعار، في الوقت الذي بلغ فيه عدد الأسهم المتداولة اليوم "
    "أكثر من 143.7 مليون سهم.";


static uint32_t add(kb_cluster *c, const char *id, const char *title, const char *text)
{
    kb_story_doc d = { .id = id, .title = title, .text = text, .day = KB_NO_DAY, .lang = "ar" };
    uint32_t idx;
    assert_int_equal(kb_cluster_add(c, &d, &idx, NULL), KB_OK);
    return idx;
}

static int same_story(const kb_cluster *c, uint32_t a, uint32_t b)
{
    return kb_cluster_story_of(c, a) == kb_cluster_story_of(c, b);
}

static void two_days_of_the_market_disagree(void **state)
{
    (void)state;
    kb_cluster *c = kb_cluster_new(NULL);
    assert_non_null(c);
    uint32_t a = add(c, "close27-3alyoum", close27_3alyoum_title, close27_3alyoum_text);
    uint32_t b = add(c, "close27-aawsat", close27_aawsat_title, close27_aawsat_text);
    uint32_t d = add(c, "close26-aawsat", close26_aawsat_title, close26_aawsat_text);
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    kb_cluster_params p;
    kb_cluster_params_default(&p);
    /* The 27th twice: 2.38 in both titles, nothing taken off. */
    assert_true(kb_cluster_similarity(c, a, b) == kb_cluster_cosine(c, a, b));
    assert_true(same_story(c, a, b));
    /* The 26th against the 27th: the same wording, 0.76 against 2.38:
     * halved, and further from either than they are from each other. (In
     * so small a collection the template words weigh as much as any word;
     * among the 30,026 SaudiNewsNet articles the halving is what keeps most
     * days apart, BENCHMARKS.md.) */
    assert_true(fabs(kb_cluster_similarity(c, b, d) - 0.5 * kb_cluster_cosine(c, b, d)) < 1e-12);
    assert_true(fabs(kb_cluster_similarity(c, a, d) - 0.5 * kb_cluster_cosine(c, a, d)) < 1e-12);
    assert_true(kb_cluster_cosine(c, b, d) >= p.threshold);   /* the wording alone links them */
    assert_true(kb_cluster_similarity(c, a, d) < 0.5 * kb_cluster_similarity(c, a, b));
    kb_cluster_free(c);
}

/* The Civil Service's two calls of August 2015: 4,878 women for teaching
 * posts, 2,199 applicants for health posts. */
static void two_job_lists_disagree(void **state)
{
    (void)state;
    kb_cluster *c = kb_cluster_new(NULL);
    uint32_t t = add(c, "teaching", "الخدمة المدنية تدعو 4878 متقدمة على الوظائف التعليمية للمطابقة",
                     "أعلنت وزارة الخدمة المدنية أسماء (4878) متقدمة على الوظائف المشمولة بلائحة "
                     "الوظائف التعليمية المعلنة بتاريخ 4 – 9 - 1436هـ إلى 15- 9 - 1436هـ، ويمثلن من "
                     "تم ترشيحهن مبدئياً لغرض المطابقة النهائية لبياناتهن التي قمن بتسجيلها على "
                     "نظام جدارة.");
    uint32_t h = add(c, "health", "الخدمة المدنية تدعو 2199 مرشحا ومرشحة للوظائف الصحية",
                     "أعلنت وزارة الخدمة المدنية عن أسماء 2199 من المتقدمين والمتقدمات على الوظائف "
                     "المشمولة بلائحة الوظائف الصحية والمعلن عنها في 10/10/1436هـ، على موقع "
                     "الوزارة الإلكتروني.");
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_true(kb_cluster_cosine(c, t, h) > 0);
    assert_true(fabs(kb_cluster_similarity(c, t, h) - 0.5 * kb_cluster_cosine(c, t, h)) < 1e-12);
    kb_cluster_free(c);
}

/* "44,793" in one title, "44 ألف" (thousand) in the other: one figure. */
static void rounded_figures_agree(void **state)
{
    (void)state;
    kb_cluster *c = kb_cluster_new(NULL);
    uint32_t a = add(c, "sabq", "\"باب رزق جميل\" يساعد في توفير 44,793 فرصة عمل في النصف الأول من عام 2015",
                     "حقق \"باب رزق جميل السعودية\" قفزة مميزة في المساعدة في توفير فرص العمل خلال "
                     "النصف الأول من العام الجاري 2015؛ حيث ساعد في توفير 44.7 فرصة عمل للشباب "
                     "والشابات السعوديين خلال الأشهر الستة الأولى من العام 2015م.");
    uint32_t b = add(c, "aljazirah", "«باب رزق جميل» يوفر 44 ألف فرصة عمل للشباب والشابات السعوديين",
                     "وزير العمل وزير الشؤون الاجتماعية محمد جميل");
    assert_int_equal(kb_cluster_finish(c), KB_OK);
    assert_true(kb_cluster_cosine(c, a, b) > 0);
    assert_true(kb_cluster_similarity(c, a, b) == kb_cluster_cosine(c, a, b));
    kb_cluster_free(c);
}

/* Title numbers are features of their own: years are not among them, and
 * they never become vector terms. */
static void title_numbers_as_terms(void **state)
{
    (void)state;
    kb_features *f = kb_features_new(NULL);
    assert_non_null(f);
    kb_story_doc d = { .id = "x", .lang = "ar",
                       .title = "تعليم الدوادمي يعتمد حركة النقل الداخلي للمعلمين والمعلمات 1436-1437هـ" };
    kb_story_terms t;
    assert_int_equal(kb_features_doc(f, &d, &t), KB_OK);
    assert_true(t.n > 5);
    for (size_t k = 0; k < t.n; k++) assert_true((t.term[k] >> 56) != KB_NUM_TAG);
    kb_story_terms_free(&t);

    d.title = "الخدمة المدنية تدعو 4878 متقدمة على الوظائف التعليمية للمطابقة";
    assert_int_equal(kb_features_doc(f, &d, &t), KB_OK);
    size_t nums = 0;
    for (size_t k = 0; k < t.n; k++)
        if ((t.term[k] >> 56) == KB_NUM_TAG) {
            nums++;
            assert_true(t.term[k] == kb_story_num_term(4878));
        }
    assert_int_equal(nums, 1);
    kb_story_terms_free(&t);

    /* "44,53" with a decimal comma, "2,500" with a thousands one. */
    d.title = "الأسهم ترتفع 44,53 نقطة و2,500 صفقة";
    assert_int_equal(kb_features_doc(f, &d, &t), KB_OK);
    int saw_decimal = 0, saw_thousands = 0;
    for (size_t k = 0; k < t.n; k++) {
        saw_decimal |= t.term[k] == kb_story_num_term(44.53);
        saw_thousands |= t.term[k] == kb_story_num_term(2500);
    }
    assert_true(saw_decimal && saw_thousands);
    kb_story_terms_free(&t);
    kb_features_free(f);
}

/* Stored terms carry the title numbers: a cluster rebuilt from them judges
 * every pair the same. */
static void numbers_survive_a_rebuild(void **state)
{
    (void)state;
    kb_cluster *a = kb_cluster_new(NULL), *b = kb_cluster_new(NULL);
    add(a, "close27-3alyoum", close27_3alyoum_title, close27_3alyoum_text);
    add(a, "close27-aawsat", close27_aawsat_title, close27_aawsat_text);
    add(a, "close26-aawsat", close26_aawsat_title, close26_aawsat_text);
    assert_int_equal(kb_cluster_finish(a), KB_OK);
    for (uint32_t i = 3; i-- > 0;) {   /* in reverse */
        kb_story_terms t;
        assert_int_equal(kb_cluster_doc_terms(a, i, &t), KB_OK);
        for (size_t k = 1; k < t.n; k++) assert_true(t.term[k - 1] < t.term[k]);
        assert_int_equal(kb_cluster_add_terms(b, kb_cluster_doc_id(a, i), KB_NO_DAY, NULL, NULL, &t,
                                              NULL, NULL),
                         KB_OK);
        kb_story_terms_free(&t);
    }
    assert_int_equal(kb_cluster_finish(b), KB_OK);
    /* b holds them in reverse order: index 2 - i */
    for (uint32_t i = 0; i < 3; i++)
        for (uint32_t j = 0; j < 3; j++)
            assert_true(kb_cluster_similarity(a, i, j) == kb_cluster_similarity(b, 2 - i, 2 - j));
    assert_int_equal(kb_cluster_nstories(b), kb_cluster_nstories(a));
    kb_cluster_free(a);
    kb_cluster_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_days_of_the_market_disagree),
        cmocka_unit_test(two_job_lists_disagree),
        cmocka_unit_test(rounded_figures_agree),
        cmocka_unit_test(title_numbers_as_terms),
        cmocka_unit_test(numbers_survive_a_rebuild),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
