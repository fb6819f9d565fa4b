/* tests/test_story.c -- stories built from the five samples, end to end
 * (read -> extract -> store -> dedup -> cluster -> build), checked against
 * what a reader of the samples knows:
 *  - all five main articles report one story (talks on ending the
 *    coalition's mission in Iraq), and so does the Reuters piece appended to
 *    000 (the US and Iraq agree on the withdrawal plan);
 *  - the other appended pieces (Libya and the Texas floods after 002; the
 *    Rabat meeting of the coalition for the two-state solution after 003;
 *    the Libyan MP Asmahan Belaoun after 004) are stories of their own;
 *  - the timeline runs January -> September 2024 in order, with the
 *    deadlines of 2025 and 2026 apart as milestones;
 *  - 003 has no date but says "اليوم السبت" for the first round of talks,
 *    two days after 002 (25 January 2024) announced they would start: the
 *    Saturday is 27 January 2024;
 *  - the entities with their roles, as the articles name them. */
#include "kb_test.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/stories.h"
#include "store/store.h"


/* The ids of the articles in one sample, main first (as extract gives them). */
static size_t sample_ids(int k, char ids[][17], size_t cap)
{
    char msg[256];
    size_t len;
    char *bytes = kb_test_read_file(kb_test_path(kb_test_samples[k]), &len);
    assert_non_null(bytes);
    kb_doc *doc = NULL;
    assert_int_equal(kb_read_memory(kb_test_samples[k], (unsigned char *)bytes, len, NULL, &doc, msg, sizeof msg), KB_OK);
    kb_article_list l = { 0 };
    assert_int_equal(kb_extract(doc, &l), KB_OK);
    size_t n = l.n < cap ? l.n : cap;
    for (size_t i = 0; i < n; i++) memcpy(ids[i], l.v[i]->id, 17);
    kb_article_list_free(&l);
    kb_doc_free(doc);
    free(bytes);
    return n;
}

/* A database holding the samples, added in the given order, with stories. */
static kb_store *store_with_samples(const int *order)
{
    char err[256];
    kb_store *s = kb_store_open(NULL, KB_STORE_MEMORY | KB_STORE_CREATE, err, sizeof err);
    assert_non_null(s);
    kb_reader *r = kb_reader_new(NULL);
    for (int i = 0; i < 5; i++) kb_reader_add(r, kb_test_path(kb_test_samples[order[i]]));
    kb_ingest_stats st;
    assert_int_equal(kb_store_ingest(s, r, NULL, &st), KB_OK);
    kb_reader_free(r);
    assert_int_equal(st.rejected, 0);
    kb_stories_stats ss;
    assert_int_equal(kb_store_build_stories(s, &ss), KB_OK);
    return s;
}

static json_t *story_of(kb_store *s, const char *article)
{
    char sid[48];
    assert_int_equal(kb_store_story_of(s, article, sid), KB_OK);
    char *js = NULL;
    assert_int_equal(kb_store_story_json(s, sid, &js), KB_OK);
    json_t *o = json_loads(js, 0, NULL);
    free(js);
    assert_non_null(o);
    return o;
}

static int has_article(json_t *story, const char *id)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(story, "articles"), i, a)
        if (!strcmp(json_string_value(json_object_get(a, "id")), id)) return 1;
    return 0;
}

static void one_story_for_the_coalition_talks(void **state)
{
    (void)state;
    static const int order[5] = { 0, 1, 2, 3, 4 };
    kb_store *s = store_with_samples(order);
    char ids[5][4][17];
    size_t n[5];
    for (int k = 0; k < 5; k++) n[k] = sample_ids(k, ids[k], 4);
    /* Every sample has its main article plus one appended piece, except 001
     * whose "قد يهمك أيضا" holds only headlines. */
    assert_int_equal(n[0], 2);
    assert_int_equal(n[1], 1);
    assert_int_equal(n[2], 2);
    assert_int_equal(n[3], 2);
    assert_int_equal(n[4], 2);

    json_t *story = story_of(s, ids[0][0]);
    for (int k = 0; k < 5; k++) assert_true(has_article(story, ids[k][0]));
    assert_true(has_article(story, ids[0][1]));     /* 000's appended Reuters piece */
    assert_int_equal(json_array_size(json_object_get(story, "articles")), 6);
    /* The other appended pieces are elsewhere, each alone, credited to the
     * site whose page they were appended to (its "المصدر:" line). */
    static const char *const page_source[5] = { NULL, NULL, "الجزيرة", "صحيفة الاتحاد",
                                                "وكالة الصحافة المستقلة" };
    for (int k = 2; k <= 4; k++) {
        assert_false(has_article(story, ids[k][1]));
        json_t *own = story_of(s, ids[k][1]);
        assert_int_equal(json_array_size(json_object_get(own, "articles")), 1);
        json_t *srcs = json_object_get(own, "sources");
        assert_int_equal(json_array_size(srcs), 1);
        assert_string_equal(json_string_value(json_array_get(srcs, 0)), page_source[k]);
        json_decref(own);
    }
    int64_t total = 0;
    char *list = NULL;
    assert_int_equal(kb_store_stories_json(s, NULL, &list), KB_OK);
    json_t *lo = json_loads(list, 0, NULL);
    total = json_integer_value(json_object_get(lo, "total"));
    assert_int_equal(total, 4);
    json_decref(lo);
    free(list);
    /* Four outlets report it. */
    assert_int_equal(json_array_size(json_object_get(story, "sources")), 4);
    json_decref(story);
    kb_store_close(s);
}

static int iso_cmp(const char *a, const char *b)
{
    return strcmp(a, b);
}

/* The story's timeline event on day iso, or NULL. */
static json_t *event_on(json_t *story, const char *iso)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(story, "timeline"), i, e)
        if (!strcmp(json_string_value(json_object_get(e, "date")), iso)) return e;
    return NULL;
}

static void timeline_in_order_with_milestones_apart(void **state)
{
    (void)state;
    static const int order[5] = { 4, 3, 2, 1, 0 };
    kb_store *s = store_with_samples(order);
    char ids[4][17];
    sample_ids(2, ids, 4);
    json_t *story = story_of(s, ids[0]);
    json_t *tl = json_object_get(story, "timeline"), *ms = json_object_get(story, "milestones"), *e;
    size_t i;
    assert_true(json_array_size(tl) >= 5);
    const char *prev = "";
    int jan = 0, jul = 0, aug = 0;
    json_array_foreach(tl, i, e) {
        const char *d = json_string_value(json_object_get(e, "date"));
        assert_non_null(d);
        assert_true(iso_cmp(prev, d) <= 0);          /* in order */
        assert_true(iso_cmp(d, "2024-01") >= 0);      /* January .. */
        assert_true(iso_cmp(d, "2024-10") < 0);       /* .. September 2024 */
        if (!strncmp(d, "2024-01", 7)) jan = 1;
        if (!strncmp(d, "2024-07", 7)) jul = 1;
        if (!strncmp(d, "2024-08", 7)) aug = 1;
        assert_true(json_array_size(json_object_get(e, "sources")) >= 1);
        prev = d;
    }
    assert_true(jan && jul && aug);
    /* 002: "أمس الأربعاء" published 25 January 2024 -> 24 January, an event. */
    assert_non_null(event_on(story, "2024-01-24"));
    /* Milestones: the end of the mission in Iraq by September 2025 and in
     * Syria / Kurdistan until September 2026, announced by more than one
     * outlet; none of them among the events. */
    int m2025 = 0, m2026 = 0, shared_2026 = 0;
    prev = "";
    json_array_foreach(ms, i, e) {
        const char *d = json_string_value(json_object_get(e, "date"));
        assert_true(iso_cmp(prev, d) <= 0);
        if (!strncmp(d, "2025-09", 7)) m2025 = 1;
        if (!strncmp(d, "2026", 4)) m2026 = 1;
        if (!strncmp(d, "2026-09", 7) && json_array_size(json_object_get(e, "sources")) >= 2) shared_2026 = 1;
        prev = d;
    }
    assert_true(m2025);
    assert_true(m2026);
    assert_true(shared_2026);
    /* No sample names August 2025: "خلال الـ12 شهراً المقبلة" (001) ends in
     * the month its own sentence writes out, "نهاية سبتمبر 2025". */
    json_array_foreach(ms, i, e)
        assert_true(strncmp(json_string_value(json_object_get(e, "date")), "2025-08", 7) != 0);
    json_array_foreach(tl, i, e) {
        const char *d = json_string_value(json_object_get(e, "date"));
        assert_true(strncmp(d, "2025", 4) && strncmp(d, "2026", 4));
    }
    json_decref(story);
    kb_store_close(s);
}

static const char *article_field(json_t *story, const char *id, const char *key)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(story, "articles"), i, a)
        if (!strcmp(json_string_value(json_object_get(a, "id")), id))
            return json_string_value(json_object_get(a, key));
    return NULL;
}

static int weekday_of(const char *iso)
{
    kb_date d;
    assert_int_equal(kb_date_parse_iso(iso, strlen(iso), &d), KB_OK);
    int64_t days = kb_date_days(&d);        /* 1970-01-01 was a Thursday */
    return (int)(((days % 7) + 7 + 4) % 7);
}

static void undated_articles_get_inferred_days(void **state)
{
    (void)state;
    static const int order[5] = { 2, 0, 4, 1, 3 };
    kb_store *s = store_with_samples(order);
    char a3[4][17], a1[4][17];
    sample_ids(3, a3, 4);
    sample_ids(1, a1, 4);
    json_t *story = story_of(s, a3[0]);
    assert_null(article_field(story, a3[0], "published"));
    const char *d3 = article_field(story, a3[0], "inferred_date");
    assert_non_null(d3);
    assert_string_equal(d3, "2024-01-27");
    const char *d1 = article_field(story, a1[0], "inferred_date");
    assert_non_null(d1);
    assert_int_equal(weekday_of(d1), 5);     /* "الجمعة": a Friday */
    /* Events resting on an inferred day say so. */
    json_t *e = event_on(story, "2024-01-27");
    assert_non_null(e);
    assert_true(json_is_true(json_object_get(e, "inferred")));
    json_decref(story);
    kb_store_close(s);
}

/* A crawled page that names only a weekday was published on the latest such
 * day up to its crawl: crawled Tuesday 11 August 2015, "اليوم الخميس" is
 * Thursday 6 August 2015 -- not the Thursday after. */
static void weekday_of_a_crawled_page_is_before_the_crawl(void **state)
{
    (void)state;
    const char *jsonl =
        "{\"url\": \"http://example.sa/news/1\", \"title\": \"افتتاح معرض الكتاب في جدة\", "
        "\"content\": \"افتتح أمير منطقة مكة المكرمة اليوم الخميس معرض الكتاب الدولي في جدة بمشاركة "
        "أكثر من 400 دار نشر من 30 دولة. وقال مدير المعرض إن الدورة الحالية تشهد زيادة في عدد "
        "الناشرين مقارنة بالعام الماضي.\", \"date_extracted\": \"2015-08-11 13:44:43\"}\n";
    char *path = kb_test_write_temp(jsonl, strlen(jsonl), ".jsonl");
    assert_non_null(path);
    char err[256];
    kb_store *s = kb_store_open(NULL, KB_STORE_MEMORY | KB_STORE_CREATE, err, sizeof err);
    kb_reader *r = kb_reader_new(NULL);
    kb_reader_add(r, path);
    kb_ingest_stats st;
    assert_int_equal(kb_store_ingest(s, r, NULL, &st), KB_OK);
    kb_reader_free(r);
    assert_int_equal(st.added, 1);
    assert_int_equal(kb_store_build_stories(s, NULL), KB_OK);
    char *list = NULL;
    assert_int_equal(kb_store_stories_json(s, NULL, &list), KB_OK);
    json_t *o = json_loads(list, 0, NULL);
    json_t *only = json_array_get(json_object_get(o, "stories"), 0);
    assert_non_null(only);
    assert_string_equal(json_string_value(json_object_get(only, "first")), "2015-08-06");
    json_decref(o);
    free(list);
    kb_store_close(s);
    unlink(path);
    free(path);
}

static json_t *entity(json_t *story, const char *name)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(story, "entities"), i, e)
        if (!strcmp(json_string_value(json_object_get(e, "name")), name)) return e;
    return NULL;
}

static void entities_with_roles(void **state)
{
    (void)state;
    static const int order[5] = { 0, 1, 2, 3, 4 };
    kb_store *s = store_with_samples(order);
    char ids[4][17];
    sample_ids(0, ids, 4);
    json_t *story = story_of(s, ids[0]);
    struct { const char *name, *type, *role; } want[] = {
        { "فؤاد حسين", "PERS", "وزير الخارجية العراقي" },
        { "ماثيو ميلر", "PERS", "المتحدث باسم وزارة الخارجية الأمريكية" },
        { "محمد شياع السوداني", "PERS", "رئيس الوزراء" },
        { "جو بايدن", "PERS", "الرئيس الأميركي" },
        { "العراق", "LOC", NULL },
        { "واشنطن", "LOC", NULL },
        { "التحالف الدولي", "ORG", NULL },
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        json_t *e = entity(story, want[k].name);
        if (!e) fail_msg("entity %s missing", want[k].name);
        assert_string_equal(json_string_value(json_object_get(e, "type")), want[k].type);
        if (want[k].role) {
            const char *role = json_string_value(json_object_get(e, "role"));
            assert_non_null(role);
            assert_non_null(strstr(role, want[k].role));
        }
    }
    /* "ميلر" alone later in 000 is the same man, not a second entity. */
    assert_null(entity(story, "ميلر"));
    json_decref(story);
    kb_store_close(s);
}

static void summary_sentences_come_with_sources(void **state)
{
    (void)state;
    static const int order[5] = { 0, 1, 2, 3, 4 };
    kb_store *s = store_with_samples(order);
    char ids[4][17];
    sample_ids(0, ids, 4);
    json_t *story = story_of(s, ids[0]);
    json_t *sum = json_object_get(story, "summary"), *x;
    size_t i;
    assert_true(json_array_size(sum) >= 3);
    const char *seen[8] = { 0 };
    json_array_foreach(sum, i, x) {
        const char *t = json_string_value(json_object_get(x, "text"));
        assert_non_null(t);
        /* No sentence twice, and every sentence is in its article (up to
         * the "…" of one cut short), an article of the story. */
        for (size_t k = 0; k < i; k++) assert_string_not_equal(seen[k], t);
        if (i < 8) seen[i] = t;
        const char *id = json_string_value(json_object_get(x, "article"));
        assert_non_null(id);
        assert_true(has_article(story, id));
        kb_article *a = NULL;
        assert_int_equal(kb_store_get_article(s, id, &a), KB_OK);
        size_t tl = strlen(t);
        if (tl > 3 && !strcmp(t + tl - 3, "…")) tl -= 3;
        char *whole = strndup(t, tl);
        assert_non_null(strstr(a->text, whole));
        free(whole);
        kb_article_free(a);
    }
    const char *headline = json_string_value(json_object_get(story, "headline"));
    assert_non_null(headline);
    assert_true(strstr(headline, "العراق") || strstr(headline, "بغداد") || strstr(headline, "بالعراق"));
    json_decref(story);
    kb_store_close(s);
}

/* The same articles give the same stories whatever the order of ingest. */
static void same_stories_whatever_the_order(void **state)
{
    (void)state;
    static const int orders[][5] = { { 0, 1, 2, 3, 4 }, { 4, 3, 2, 1, 0 }, { 2, 4, 0, 3, 1 }, { 3, 0, 4, 1, 2 } };
    char *first_list = NULL;
    char *first_story = NULL;
    char ids[4][17];
    sample_ids(0, ids, 4);
    for (size_t k = 0; k < sizeof orders / sizeof *orders; k++) {
        kb_store *s = store_with_samples(orders[k]);
        char *list = NULL, *story = NULL, sid[48];
        assert_int_equal(kb_store_stories_json(s, NULL, &list), KB_OK);
        assert_int_equal(kb_store_story_of(s, ids[0], sid), KB_OK);
        assert_int_equal(kb_store_story_json(s, sid, &story), KB_OK);
        if (!first_list) {
            first_list = list;
            first_story = story;
        } else {
            assert_string_equal(first_list, list);
            assert_string_equal(first_story, story);
            free(list);
            free(story);
        }
        kb_store_close(s);
    }
    free(first_list);
    free(first_story);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_story_for_the_coalition_talks),
        cmocka_unit_test(timeline_in_order_with_milestones_apart),
        cmocka_unit_test(undated_articles_get_inferred_days),
        cmocka_unit_test(weekday_of_a_crawled_page_is_before_the_crawl),
        cmocka_unit_test(entities_with_roles),
        cmocka_unit_test(summary_sentences_come_with_sources),
        cmocka_unit_test(same_stories_whatever_the_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
