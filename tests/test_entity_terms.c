/* tests/test_entity_terms.c -- an article's named entities as clustering
 * keys (story/entity_terms.c): which entities, how they are spelled, each
 * once, the lead-only and first-and-last-name options. Expected values come
 * from reading the report below: it names three people (فؤاد حسين three
 * times, once by his surname; أنتوني بلينكن twice; محمد شياع السوداني once,
 * late), five places (العراق three times, بغداد twice, واشنطن, الولايات
 * المتحدة, سوريا late) and only descriptive organisations (التحالف الدولي,
 * الحكومة العراقية, القوات الأجنبية). */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/entity_terms.h"

static const char *const TITLE =
    "وزير الخارجية العراقي فؤاد حسين يبحث في واشنطن إنهاء مهمة التحالف";
static const char *const TEXT =
    "بحث وزير الخارجية العراقي فؤاد حسين في واشنطن أمس مع نظيره الأمريكي أنتوني بلينكن "
    "جدول انسحاب قوات التحالف الدولي من العراق، وقال حسين إن الحكومة العراقية ماضية في "
    "الحوار. وأضاف فؤاد حسين أن بغداد تريد علاقة ثنائية مع الولايات المتحدة بعد انتهاء "
    "المهمة العسكرية.\n"
    "وأكد بلينكن أن بلاده ملتزمة بأمن العراق، فيما قالت الحكومة العراقية في بيان إن "
    "الجولة المقبلة من المحادثات ستعقد في بغداد خلال أسابيع. وكان رئيس الوزراء العراقي "
    "محمد شياع السوداني قد دعا إلى جدول زمني واضح لخروج القوات الأجنبية من البلاد، في "
    "حين تواصل الفصائل المسلحة هجماتها على القواعد الأمريكية في العراق وسوريا منذ أشهر.";

static kb_gazetteer *G;

static int setup(void **state)
{
    (void)state;
    return kb_gazetteer_new(&G) == KB_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    kb_gazetteer_free(G);
    return 0;
}

typedef struct keys {
    kb_arena arena;
    kb_buf scratch;
    const char **v;
    size_t n;
} keys;

static void find(keys *k, const char *title, const char *text, unsigned which)
{
    memset(k, 0, sizeof *k);
    assert_int_equal(kb_story_entity_keys(G, title, text, which, &k->scratch, &k->arena, &k->v,
                                          &k->n), KB_OK);
}

static void done(keys *k)
{
    kb_arena_free(&k->arena);
    kb_buf_free(&k->scratch);
}

/* "T:" + the merge key of name, in k's arena. */
static const char *key_of(keys *k, char type, const char *name)
{
    char *key = kb_entity_key(&k->arena, name, strlen(name));
    assert_non_null(key);
    char *out = kb_arena_alloc(&k->arena, strlen(key) + 3);
    assert_non_null(out);
    sprintf(out, "%c:%s", type, key);
    return out;
}

/* How many times key is among k's keys. */
static size_t count(const keys *k, const char *key)
{
    size_t c = 0;
    for (size_t i = 0; i < k->n; i++) c += strcmp(k->v[i], key) == 0;
    return c;
}

static void people_and_places_each_once_sorted(void **state)
{
    (void)state;
    keys k;
    find(&k, TITLE, TEXT, KB_EKEY_PERS | KB_EKEY_ORG | KB_EKEY_LOC);
    assert_int_equal(k.n, 8);
    assert_int_equal(count(&k, key_of(&k, 'P', "فؤاد حسين")), 1);   /* 3 mentions + "حسين" */
    assert_int_equal(count(&k, key_of(&k, 'P', "أنتوني بلينكن")), 1);
    assert_int_equal(count(&k, key_of(&k, 'P', "محمد شياع السوداني")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "العراق")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "بغداد")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "واشنطن")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "الولايات المتحدة")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "سوريا")), 1);
    /* organisations named by common words only are not names */
    assert_int_equal(count(&k, key_of(&k, 'O', "الحكومة العراقية")), 0);
    for (size_t i = 1; i < k.n; i++) assert_true(strcmp(k.v[i - 1], k.v[i]) < 0);
    done(&k);
}

static void types_and_descriptive_organisations(void **state)
{
    (void)state;
    keys k;
    find(&k, TITLE, TEXT, KB_EKEY_PERS);
    assert_int_equal(k.n, 3);
    for (size_t i = 0; i < k.n; i++) assert_true(k.v[i][0] == 'P' && k.v[i][1] == ':');
    done(&k);
    find(&k, TITLE, TEXT, KB_EKEY_LOC);
    assert_int_equal(k.n, 5);
    done(&k);
    find(&k, TITLE, TEXT, KB_EKEY_ORG | KB_EKEY_DESCRIPTIVE);
    assert_int_equal(count(&k, key_of(&k, 'O', "الحكومة العراقية")), 1);
    assert_int_equal(count(&k, key_of(&k, 'O', "التحالف الدولي")), 1);
    done(&k);
    find(&k, TITLE, TEXT, 0);
    assert_int_equal(k.n, 0);
    done(&k);
}

static void counted_mentions(void **state)
{
    (void)state;
    keys k;
    find(&k, TITLE, TEXT, KB_EKEY_PERS | KB_EKEY_LOC | KB_EKEY_COUNT);
    assert_int_equal(count(&k, key_of(&k, 'P', "فؤاد حسين")), 3);   /* 4 mentions, at most 3 */
    assert_int_equal(count(&k, key_of(&k, 'P', "أنتوني بلينكن")), 2);
    assert_int_equal(count(&k, key_of(&k, 'L', "العراق")), 3);
    assert_int_equal(count(&k, key_of(&k, 'L', "بغداد")), 2);
    assert_int_equal(count(&k, key_of(&k, 'L', "سوريا")), 1);
    done(&k);
}

static void lead_only_and_salient(void **state)
{
    (void)state;
    keys k;
    /* The lead (title and the first 400 bytes) names Hussein, Washington,
     * Blinken and Iraq; al-Sudani and Syria come at the end. */
    find(&k, TITLE, TEXT, KB_EKEY_PERS | KB_EKEY_LOC | KB_EKEY_LEADONLY);
    assert_int_equal(count(&k, key_of(&k, 'P', "فؤاد حسين")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "واشنطن")), 1);
    assert_int_equal(count(&k, key_of(&k, 'P', "أنتوني بلينكن")), 1);
    assert_int_equal(count(&k, key_of(&k, 'L', "العراق")), 1);
    assert_int_equal(count(&k, key_of(&k, 'P', "محمد شياع السوداني")), 0);
    assert_int_equal(count(&k, key_of(&k, 'L', "سوريا")), 0);
    done(&k);
    /* Salient: the lead, or named twice: Baghdad (twice) stays, al-Sudani
     * and Syria (once each, late) do not. */
    find(&k, TITLE, TEXT, KB_EKEY_PERS | KB_EKEY_LOC | KB_EKEY_SALIENT);
    assert_int_equal(count(&k, key_of(&k, 'L', "بغداد")), 1);
    assert_int_equal(count(&k, key_of(&k, 'P', "محمد شياع السوداني")), 0);
    assert_int_equal(count(&k, key_of(&k, 'L', "سوريا")), 0);
    done(&k);
}

static void people_by_first_and_last_name(void **state)
{
    (void)state;
    keys k;
    find(&k, TITLE, TEXT, KB_EKEY_PERS | KB_EKEY_FIRSTLAST);
    assert_int_equal(count(&k, key_of(&k, 'P', "محمد السوداني")), 1);
    assert_int_equal(count(&k, key_of(&k, 'P', "محمد شياع السوداني")), 0);
    assert_int_equal(count(&k, key_of(&k, 'P', "فؤاد حسين")), 1);   /* two words: unchanged */
    done(&k);
    /* Two spellings of one martyr's name meet. */
    keys a, b;
    find(&a, "وصول جثمان الشهيد أحمد جعفر المجايشي إلى بارق",
         "وصل جثمان الشهيد العريف أحمد جعفر المجايشي إلى محافظة بارق أمس.",
         KB_EKEY_PERS | KB_EKEY_FIRSTLAST);
    find(&b, "نقل جثمان الشهيد أحمد المجايشي إلى بارق",
         "نقل طيران الأمن جثمان الشهيد أحمد المجايشي إلى محافظة بارق.",
         KB_EKEY_PERS | KB_EKEY_FIRSTLAST);
    const char *want = key_of(&a, 'P', "أحمد المجايشي");
    assert_int_equal(count(&a, want), 1);
    assert_int_equal(count(&b, want), 1);
    done(&a);
    done(&b);
}

static void empty_and_bad_input(void **state)
{
    (void)state;
    keys k;
    find(&k, NULL, NULL, KB_EKEY_MEASURED);
    assert_int_equal(k.n, 0);
    assert_null(k.v);
    done(&k);
    find(&k, "", "", KB_EKEY_MEASURED);
    assert_int_equal(k.n, 0);
    done(&k);
    kb_arena ar = { 0 };
    kb_buf sc = { 0 };
    const char **v;
    size_t n;
    assert_int_equal(kb_story_entity_keys(NULL, TITLE, TEXT, 7, &sc, &ar, &v, &n), KB_EINVAL);
    assert_int_equal(kb_story_entity_keys(G, TITLE, TEXT, 7, NULL, &ar, &v, &n), KB_EINVAL);
    assert_int_equal(kb_story_entity_keys(G, TITLE, TEXT, 7, &sc, NULL, &v, &n), KB_EINVAL);
    assert_int_equal(kb_story_entity_keys(G, TITLE, TEXT, 7, &sc, &ar, NULL, &n), KB_EINVAL);
    /* The scratch buffer is reused: the same keys again. */
    assert_int_equal(kb_story_entity_keys(G, TITLE, TEXT, 7, &sc, &ar, &v, &n), KB_OK);
    const char **v2;
    size_t n2;
    assert_int_equal(kb_story_entity_keys(G, TITLE, TEXT, 7, &sc, &ar, &v2, &n2), KB_OK);
    assert_int_equal(n, n2);
    for (size_t i = 0; i < n; i++) assert_string_equal(v[i], v2[i]);
    kb_arena_free(&ar);
    kb_buf_free(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(people_and_places_each_once_sorted),
        cmocka_unit_test(types_and_descriptive_organisations),
        cmocka_unit_test(counted_mentions),
        cmocka_unit_test(lead_only_and_salient),
        cmocka_unit_test(people_by_first_and_last_name),
        cmocka_unit_test(empty_and_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
